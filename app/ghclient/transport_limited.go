package ghclient

import (
	"net/http"
	"strings"
)

// warnLimited logs a 403 or 429 from GitHub at warn, with the installation
// and what GitHub said about waiting: secondary limits are otherwise only
// seen in /metrics, and a 403 for a missing permission needs an operator too.
func (t *transport) warnLimited(r *http.Request, installation string, resp *http.Response) {
	if resp == nil || !isLimit(resp.StatusCode) {
		return
	}
	ev := t.o.Log.Warn().
		Int("status", resp.StatusCode).
		Str("method", r.Method).
		Str("path", r.URL.Path).
		Str("installation", strings.TrimPrefix(budgetKey(installation), "installation:")).
		Str("retry_after", resp.Header.Get("Retry-After"))
	if v := resp.Header.Get("X-RateLimit-Remaining"); v != "" {
		ev = ev.Str("ratelimit_remaining", v).Str("ratelimit_reset", resp.Header.Get("X-RateLimit-Reset"))
	}
	ev.Msg("GitHub refused a request (403/429): rate limited or not permitted")
}
