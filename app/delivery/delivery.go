// Package delivery builds and sends webhook deliveries the way GitHub does:
// a real captured payload with only the varying fields changed, signed with
// HMAC-SHA256 over the exact bytes. The demo, `pipewright receive` and the
// end-to-end tests use it; production never does.
package delivery

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"net/http"

	"github.com/tidwall/sjson"
)

//go:embed payloads/issue_comment.created.json
var commentTemplate []byte

// Comment describes one issue_comment delivery.
type Comment struct {
	Action       string // "created" (default), "edited", "deleted"
	Owner, Repo  string
	Branch       string // the repository's default branch
	Number       int
	Title        string
	PullRequest  bool
	CommentID    int64
	Body         string
	PreviousBody string // for "edited": changes.body.from
	Author       string // the comment's author
	AuthorType   string // "User" (default) or "Bot"
	Sender       string // who acted (the editor for "edited"); default Author
	SenderType   string
	Installation int64
}

// Payload renders the delivery's JSON from the captured template.
func (c Comment) Payload() ([]byte, error) {
	if c.Action == "" {
		c.Action = "created"
	}
	if c.Sender == "" {
		c.Sender = c.Author
	}
	if c.AuthorType == "" {
		c.AuthorType = "User"
	}
	if c.SenderType == "" {
		c.SenderType = c.AuthorType
	}
	full := c.Owner + "/" + c.Repo
	web := "https://github.com/" + full
	api := "https://api.github.com/repos/" + full
	sets := []struct {
		path  string
		value any
	}{
		{"action", c.Action},
		{"issue.number", c.Number},
		{"issue.title", c.Title},
		{"issue.url", fmt.Sprintf("%s/issues/%d", api, c.Number)},
		{"issue.repository_url", api},
		{"issue.html_url", fmt.Sprintf("%s/issues/%d", web, c.Number)},
		{"comment.id", c.CommentID},
		{"comment.body", c.Body},
		{"comment.html_url", fmt.Sprintf("%s/issues/%d#issuecomment-%d", web, c.Number, c.CommentID)},
		{"comment.user.login", c.Author},
		{"comment.user.type", c.AuthorType},
		{"sender.login", c.Sender},
		{"sender.type", c.SenderType},
		{"repository.name", c.Repo},
		{"repository.full_name", full},
		{"repository.owner.login", c.Owner},
		{"repository.html_url", web},
		{"repository.url", api},
		{"repository.default_branch", c.Branch},
		{"installation.id", c.Installation},
	}
	out := commentTemplate
	var err error
	for _, s := range sets {
		if out, err = sjson.SetBytes(out, s.path, s.value); err != nil {
			return nil, fmt.Errorf("set %s: %w", s.path, err)
		}
	}
	if c.PullRequest {
		pr := map[string]any{
			"url":      fmt.Sprintf("https://api.github.com/repos/%s/pulls/%d", full, c.Number),
			"html_url": fmt.Sprintf("%s/pull/%d", web, c.Number), "diff_url": fmt.Sprintf("%s/pull/%d.diff", web, c.Number),
			"patch_url": fmt.Sprintf("%s/pull/%d.patch", web, c.Number), "merged_at": nil,
		}
		if out, err = sjson.SetBytes(out, "issue.pull_request", pr); err != nil {
			return nil, err
		}
	}
	if c.Action == "edited" {
		if out, err = sjson.SetBytes(out, "changes.body.from", c.PreviousBody); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Sign returns the X-Hub-Signature-256 value of body under secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Post sends one signed delivery to a webhook URL, as GitHub would.
func Post(ctx context.Context, client *http.Client, url, event, id, secret string, body []byte) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "GitHub-Hookshot/pipewright-demo")
	req.Header.Set("X-GitHub-Event", event)
	req.Header.Set("X-GitHub-Delivery", id)
	req.Header.Set("X-Hub-Signature-256", Sign(secret, body))
	return client.Do(req)
}
