package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/rs/zerolog"
)

// MaxCommentChars is GitHub's limit on a comment body.
const MaxCommentChars = 65536

// replyMarker hides the id of the delivery a reply answers, so a retry can
// see the reply was already posted and never posts it twice.
func replyMarker(id string, part, parts int) string {
	return fmt.Sprintf("<!-- pipewright:reply id=%s part=%d/%d -->\n", id, part, parts)
}

// effectRun is what a run of an effect knows of its history.
type effectRun struct {
	id string
	// fresh: committed by the item this drain is processing and never
	// attempted. The drain has held the session since before that commit,
	// and each request proves it still does (FenceTransport), so no one
	// else can have posted the reply: the only case that skips the look.
	fresh   bool
	created time.Time
}

// postReply posts the reply, split into as many comments as GitHub's limit
// needs. Unless fresh, it first looks for parts the App already posted.
func (p *Processor) postReply(ctx context.Context, gh *github.Client, rec effectRecord, body string, run effectRun) error {
	parts := splitComment(body, MaxCommentChars-200)
	posted := map[string]bool{}
	if !run.fresh {
		var err error
		if posted, err = p.postedMarkers(ctx, gh, rec, run.created); err != nil {
			return err
		}
		zerolog.Ctx(ctx).Debug().Str("effect", run.id).Int("found", len(posted)).Msg("looked for the reply on the thread")
	}
	for i, part := range parts {
		marker := replyMarker(rec.CommandID, i+1, len(parts))
		if posted[marker] {
			continue
		}
		if err := p.createComment(ctx, gh, rec, run.id, marker+part); err != nil {
			return err
		}
	}
	return nil
}

// markerLookBack is how far before an effect was stored its reply's
// comments are looked for: the thread is read from then on (GitHub's
// "since"), so a long thread costs one page, not all of them. It allows
// for our clock being ahead of GitHub's.
const markerLookBack = 10 * time.Minute

// postedMarkers lists the reply markers for the command already on the
// thread. Only the App's own comments count: anyone can write the hidden
// marker, and a forged one must not silence a reply.
func (p *Processor) postedMarkers(ctx context.Context, gh *github.Client, rec effectRecord, created time.Time) (map[string]bool, error) {
	found := map[string]bool{}
	prefix := fmt.Sprintf("<!-- pipewright:reply id=%s ", rec.CommandID)
	q := url.Values{"per_page": {"100"}}
	if !created.IsZero() {
		q.Set("since", created.Add(-markerLookBack).UTC().Format(time.RFC3339))
	}
	for page := 1; ; {
		q.Set("page", strconv.Itoa(page))
		u := fmt.Sprintf("repos/%s/%s/issues/%d/comments?%s", url.PathEscape(rec.Owner), url.PathEscape(rec.Repo), rec.Number, q.Encode())
		req, err := gh.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		var list []threadComment
		resp, err := gh.Do(ctx, req, &list)
		if err != nil {
			return nil, fmt.Errorf("list comments of %s/%s#%d: %w", rec.Owner, rec.Repo, rec.Number, err)
		}
		for _, c := range list {
			if strings.HasPrefix(c.Body, prefix) && p.byApp(c) {
				found[c.Body[:strings.Index(c.Body, "\n")+1]] = true
			}
		}
		if resp.NextPage == 0 {
			return found, nil
		}
		page = resp.NextPage
	}
}

// threadComment is the part of an issue comment that says who wrote it;
// go-github's IssueComment lacks performed_via_github_app.
type threadComment struct {
	Body string `json:"body"`
	User struct {
		Login string `json:"login"`
		Type  string `json:"type"`
	} `json:"user"`
	App *struct {
		ID int64 `json:"id"`
	} `json:"performed_via_github_app"`
}

// byApp reports whether the App wrote c: a Bot user that is the App's
// "<slug>[bot]" login, or a Bot comment GitHub says the App performed.
func (p *Processor) byApp(c threadComment) bool {
	if c.User.Type != "Bot" {
		return false
	}
	if p.BotLogin != "" && strings.EqualFold(c.User.Login, p.BotLogin) {
		return true
	}
	return p.AppID != 0 && c.App != nil && c.App.ID == p.AppID
}

// splitComment cuts a body into parts of at most max characters, at
// paragraph breaks outside code fences where it can, so nothing is lost.
func splitComment(body string, max int) []string {
	if runeLen(body) <= max {
		return []string{body}
	}
	var parts []string
	var cur strings.Builder
	curLen := 0
	flush := func() {
		if curLen > 0 {
			parts = append(parts, cur.String())
			cur.Reset()
			curLen = 0
		}
	}
	for _, block := range blocks(body) {
		n := runeLen(block)
		if curLen+n > max {
			flush()
		}
		for n > max { // a single block larger than a comment: cut it between words
			r := []rune(block)
			cut := cutAt(r[:max])
			parts = append(parts, string(r[:cut]))
			block = string(r[cut:])
			n = runeLen(block)
		}
		cur.WriteString(block)
		curLen += n
	}
	flush()
	return parts
}

// cutAt says where to end a part of a block that does not fit: after the
// last line break or space in its second half, else at the limit.
func cutAt(r []rune) int {
	for _, sep := range []rune{'\n', ' '} {
		for i := len(r) - 1; i >= len(r)/2; i-- {
			if r[i] == sep {
				return i + 1
			}
		}
	}
	return len(r)
}

// blocks splits markdown after blank lines that are not inside a fence. A
// block that only introduces the next one (a heading, a bold title, a line
// ending in a colon) is joined to it, so no part ends with a title whose
// table or list is in the next comment.
func blocks(body string) []string {
	var out []string
	lines := strings.SplitAfter(body, "\n")
	var cur strings.Builder
	inFence := false
	for _, l := range lines {
		cur.WriteString(l)
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
		}
		if t == "" && !inFence && !introduces(cur.String()) {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// introduces reports whether a block is one line that titles what follows.
func introduces(block string) bool {
	t := strings.TrimSpace(block)
	if t == "" || strings.Contains(t, "\n") {
		return false
	}
	return strings.HasPrefix(t, "#") || strings.HasSuffix(t, ":") ||
		(len(t) > 4 && strings.HasPrefix(t, "**") && strings.HasSuffix(t, "**"))
}

func runeLen(s string) int { return len([]rune(s)) }
