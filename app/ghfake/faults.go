package ghfake

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"
)

// Fault is a canned failure for matching requests.
type Fault struct {
	Method      string            // "" matches any method
	PathPattern string            // Go regexp on the path without the prefix; "" matches all. Anchor with ^ for a prefix.
	Times       int               // how many matching requests get it; <= 0 means until ClearFaults
	Status      int               // 0: no canned answer, only Delay, then the request proceeds normally
	Headers     map[string]string // set after the usual headers, so they can override rate-limit ones
	Body        string            // "" gives {"message": <status text>, ...}
	Delay       time.Duration     // waited before answering; ends early if the client gives up
	// Lands: the request is carried out even if the client gives up during
	// Delay, as GitHub finishes what it received: a create whose client
	// timed out may still appear (an unknown outcome).
	Lands bool
}

type activeFault struct {
	Fault
	re   *regexp.Regexp
	left int
}

// InjectFault queues f. Faults are matched in the order injected, before
// authentication, as a proxy in front of GitHub would answer. It panics on
// a bad PathPattern, which is a bug in the test.
func (s *Server) InjectFault(f Fault) {
	af := &activeFault{Fault: f, re: regexp.MustCompile(f.PathPattern), left: f.Times}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, af)
}

// ClearFaults drops every queued fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// takeFault returns the first fault matching the request and uses it up.
func (s *Server) takeFault(method, path string) *Fault {
	for i, f := range s.faults {
		if (f.Method != "" && f.Method != method) || !f.re.MatchString(path) {
			continue
		}
		if f.Times > 0 {
			f.left--
			if f.left <= 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return &f.Fault
	}
	return nil
}

func (s *Server) writeFault(c *call, f *Fault) {
	if f.Body != "" {
		c.out.status = f.Status
		c.out.header.Set("Content-Type", "application/json; charset=utf-8")
		c.out.body.WriteString(f.Body)
	} else {
		c.fail(f.Status, http.StatusText(f.Status))
	}
	c.bucket = s.bucketFor(c.cred.key)
	s.finish(c)
	for k, v := range f.Headers {
		c.out.header.Set(k, v)
	}
}

const secondaryDoc = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"

// SecondaryRateLimit is GitHub's 403 for content-creation bursts: the
// documentation_url suffix and Retry-After are what go-github keys on to
// return *github.AbuseRateLimitError.
func SecondaryRateLimit(method, pathPattern string, retryAfter int) Fault {
	return Fault{Method: method, PathPattern: pathPattern, Times: 1, Status: http.StatusForbidden,
		Headers: map[string]string{"Retry-After": strconv.Itoa(retryAfter)},
		Body:    fmt.Sprintf(`{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":%q,"status":"403"}`, secondaryDoc)}
}

// TooManyRequests is the 429 form of the secondary limit, with Retry-After.
func TooManyRequests(method, pathPattern string, retryAfter int) Fault {
	return Fault{Method: method, PathPattern: pathPattern, Times: 1, Status: http.StatusTooManyRequests,
		Headers: map[string]string{"Retry-After": strconv.Itoa(retryAfter)},
		Body:    fmt.Sprintf(`{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":%q,"status":"429"}`, secondaryDoc)}
}

// ServerError is a 502 such as GitHub's edge sends when a backend is slow.
func ServerError(method, pathPattern string) Fault {
	return Fault{Method: method, PathPattern: pathPattern, Times: 1, Status: http.StatusBadGateway}
}
