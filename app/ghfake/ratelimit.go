package ghfake

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// bucket is one credential's primary rate limit. GitHub counts per token
// (or per IP when unauthenticated, at 60 an hour); so does this.
type bucket struct {
	limit, remaining int
	reset            time.Time
}

func (b *bucket) headers(h http.Header) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(b.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(b.remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(b.reset.Unix(), 10))
	h.Set("X-RateLimit-Used", strconv.Itoa(b.limit-b.remaining))
	h.Set("X-RateLimit-Resource", "core")
}

func (s *Server) bucketFor(key string) *bucket {
	b := s.buckets[key]
	now := s.now()
	if b == nil || !now.Before(b.reset) {
		limit := s.rateLimit
		if key == "anon" {
			limit = min(60, limit)
		}
		b = &bucket{limit: limit, remaining: limit, reset: now.Add(time.Hour)}
		s.buckets[key] = b
	}
	return b
}

// spend takes one request from the caller's bucket; an empty bucket is
// GitHub's primary-limit 403 with X-RateLimit-Remaining: 0, which go-github
// turns into *github.RateLimitError.
func (s *Server) spend(c *call) bool {
	b := s.bucketFor(c.cred.key)
	c.bucket = b
	if b.remaining <= 0 {
		msg := "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)"
		if c.cred.tok != nil {
			msg = fmt.Sprintf("API rate limit exceeded for installation ID %d.", c.cred.tok.installation)
		}
		c.json(http.StatusForbidden, errBody(http.StatusForbidden, msg,
			"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-rate-limits"))
		return false
	}
	b.remaining--
	return true
}

// SetRateLimit sets the per-credential limit and refills every bucket, so
// a test can run a credential dry in a few requests.
func (s *Server) SetRateLimit(limit int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimit = limit
	s.buckets = map[string]*bucket{}
}

// RateRemaining reports what X-RateLimit-Remaining would say for tok.
func (s *Server) RateRemaining(tok string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bucketFor("token:" + tok).remaining
}
