package setup

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Exchange trades the code GitHub sent back for the new App's credentials:
// POST <api>/app-manifests/{code}/conversions, which needs no
// authentication and works once per code, within an hour.
func Exchange(ctx context.Context, client *http.Client, apiURL, code string) (Credentials, error) {
	var c Credentials
	if client == nil {
		client = http.DefaultClient
	}
	u := strings.TrimSuffix(apiURL, "/") + "/app-manifests/" + url.PathEscape(code) + "/conversions"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, nil)
	if err != nil {
		return c, err
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	req.Header.Set("User-Agent", "pipewright-setup")
	resp, err := client.Do(req)
	if err != nil {
		return c, fmt.Errorf("exchange the manifest code: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return c, fmt.Errorf("exchange the manifest code: %w", err)
	}
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		var e struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(body, &e)
		return c, fmt.Errorf("GitHub answered %d (%s) to the manifest code: codes work once and expire after an hour; start again from the setup page", resp.StatusCode, e.Message)
	}
	if err := json.Unmarshal(body, &c); err != nil {
		return c, fmt.Errorf("read GitHub's new App: %w", err)
	}
	if err := c.validate(); err != nil {
		return c, fmt.Errorf("GitHub's answer: %w", err)
	}
	return c, nil
}
