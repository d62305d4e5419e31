package ghfake

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// RequestRecord is one request as the server saw it.
type RequestRecord struct {
	Method          string
	Path            string // decoded, without the path prefix
	Query           string // raw query string
	Status          int    // 0 when the client gave up before the answer
	ContentCreating bool   // POST/PUT/PATCH/DELETE on repo content: comments, reactions, contents, refs, pulls
	Faulted         bool   // an injected Fault matched it
	Canceled        bool   // the client's context ended during latency or a fault delay
	Start           time.Time
	Duration        time.Duration
}

// Requests returns every request seen since the last ResetRequests.
func (s *Server) Requests() []RequestRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]RequestRecord(nil), s.records...)
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.records = nil
}

// serve runs the stages in the order GitHub's edge would: latency, injected
// faults (a proxy answers before auth), routing, auth, rate limit, handler.
func (s *Server) serve(out *reply, r *http.Request) RequestRecord {
	esc := r.URL.EscapedPath()
	rel, inPrefix := strings.CutPrefix(esc, s.prefix)
	inPrefix = inPrefix && (rel == "" || rel[0] == '/')
	path, _ := url.PathUnescape(rel)
	if !inPrefix {
		path, _ = url.PathUnescape(esc)
	}
	rec := RequestRecord{Method: r.Method, Path: path, Query: r.URL.RawQuery, Start: time.Now()}
	// GitHub's edge takes the whole request before anything else; having
	// read it, the server also notices a client that hangs up during the
	// latency or a fault's delay (net/http watches the connection only
	// once the body is consumed).
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
	if err != nil {
		// The client hung up before the request was complete: GitHub
		// cannot act on what it never fully received.
		rec.Canceled = true
		return rec
	}
	rt, params := s.match(r.Method, rel, esc, inPrefix)
	rec.ContentCreating = rt != nil && rt.creates

	s.mu.Lock()
	latency := s.latency
	s.reqSeq++
	out.header.Set("X-GitHub-Request-Id", fmt.Sprintf("%04X:%04X:%07X:%07X:%08X", s.reqSeq%0xFFFF, 0x2605, s.reqSeq*7919, s.reqSeq*104729, s.now().Unix()))
	s.mu.Unlock()
	if !wait(r.Context(), latency) {
		rec.Canceled = true
		return rec
	}

	s.mu.Lock()
	cred := s.identify(r.Header.Get("Authorization"))
	f := s.takeFault(r.Method, path)
	s.mu.Unlock()
	if rt == nil {
		rt = &route{doc: strings.TrimSuffix(docBase, "/")}
	}
	c := &call{s: s, r: r, out: out, p: params, rt: rt, cred: cred}
	if f != nil {
		rec.Faulted = true
		waitCtx := r.Context()
		if f.Lands {
			waitCtx = context.WithoutCancel(waitCtx)
		}
		if !wait(waitCtx, f.Delay) {
			rec.Canceled = true
			return rec
		}
		if f.Status != 0 {
			s.mu.Lock()
			s.writeFault(c, f)
			s.mu.Unlock()
			return rec
		}
	}

	s.mu.Lock()
	// Raw downloads stand for raw.githubusercontent.com, outside the API limit.
	ok := (rt.root || s.spend(c)) && s.authorize(c)
	hook := s.beforeWrite
	s.mu.Unlock()
	if ok && rt.h == nil {
		c.fail(http.StatusNotFound, "Not Found")
	}
	if ok && rt.h != nil {
		if rt.creates && hook != nil {
			hook(r.Method, path)
		}
		c.body = body
		s.mu.Lock()
		rt.h(c)
		s.mu.Unlock()
	}
	s.mu.Lock()
	s.finish(c)
	s.mu.Unlock()
	return rec
}

// finish adds the headers every GitHub answer carries, applies conditional
// GETs (a 304 is free, as on GitHub) and writes the rate-limit headers last.
func (s *Server) finish(c *call) {
	h := c.out.header
	h.Set("Server", "GitHub.com")
	h.Set("X-GitHub-Media-Type", "github.v3; format=json")
	h.Set("X-GitHub-Api-Version-Selected", "2022-11-28")
	h.Add("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP")
	h.Add("Vary", "Accept-Encoding, Accept, X-Requested-With")
	h.Set("Access-Control-Expose-Headers", "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset")
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "deny")
	h.Set("X-XSS-Protection", "0")
	h.Set("Strict-Transport-Security", "max-age=31536000; includeSubdomains; preload")
	h.Set("Referrer-Policy", "origin-when-cross-origin, strict-origin-when-cross-origin")
	h.Set("Content-Security-Policy", "default-src 'none'")
	st := c.out.status
	if st == http.StatusOK || st == http.StatusCreated {
		h.Set("Cache-Control", "private, max-age=60, s-maxage=60")
	}
	if st/100 == 2 && c.out.body.Len() > 0 && h.Get("ETag") == "" {
		h.Set("ETag", etagOf(c.out.body.Bytes(), c.r.Method == http.MethodGet))
	}
	if c.r.Method == http.MethodGet && st == http.StatusOK {
		if etagMatch(c.r.Header.Get("If-None-Match"), h.Get("ETag")) {
			c.out.status = http.StatusNotModified
			c.out.body.Reset()
			h.Del("Content-Type")
			if c.bucket != nil {
				c.bucket.remaining++ // conditional hits do not count on GitHub
			}
		}
	}
	if c.bucket != nil {
		c.bucket.headers(h)
	}
}
