package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-github/v62/github"
)

// MaxCommentChars is GitHub's limit on a comment body.
const MaxCommentChars = 65536

// replyMarker hides the id of the delivery a reply answers, so a retry can
// see the reply was already posted and never posts it twice.
func replyMarker(id string, part, parts int) string {
	return fmt.Sprintf("<!-- pipewright:reply id=%s part=%d/%d -->\n", id, part, parts)
}

// postReply posts the reply, split into as many comments as GitHub's limit
// needs. When not fresh (a retry), it first looks for parts already posted.
func (p *Processor) postReply(ctx context.Context, gh *github.Client, rec effectRecord, body string, fresh bool) error {
	parts := splitComment(body, MaxCommentChars-200)
	posted := map[string]bool{}
	if !fresh {
		var err error
		if posted, err = postedMarkers(ctx, gh, rec.Owner, rec.Repo, rec.Number, rec.CommandID); err != nil {
			return err
		}
	}
	for i, part := range parts {
		marker := replyMarker(rec.CommandID, i+1, len(parts))
		if posted[marker] {
			continue
		}
		text := marker + part
		_, _, err := gh.Issues.CreateComment(ctx, rec.Owner, rec.Repo, rec.Number, &github.IssueComment{Body: &text})
		if err != nil {
			return fmt.Errorf("post reply to %s/%s#%d: %w", rec.Owner, rec.Repo, rec.Number, err)
		}
	}
	return nil
}

// postedMarkers lists the reply markers for id already on the issue.
func postedMarkers(ctx context.Context, gh *github.Client, owner, repo string, number int, id string) (map[string]bool, error) {
	found := map[string]bool{}
	prefix := fmt.Sprintf("<!-- pipewright:reply id=%s ", id)
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for {
		list, resp, err := gh.Issues.ListComments(ctx, owner, repo, number, opts)
		if err != nil {
			return nil, fmt.Errorf("list comments of %s/%s#%d: %w", owner, repo, number, err)
		}
		for _, c := range list {
			b := c.GetBody()
			if strings.HasPrefix(b, prefix) {
				found[b[:strings.Index(b, "\n")+1]] = true
			}
		}
		if resp.NextPage == 0 {
			return found, nil
		}
		opts.Page = resp.NextPage
	}
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
