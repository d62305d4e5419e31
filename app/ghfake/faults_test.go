package ghfake_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/pipewright/pipewright/app/ghfake"
)

func TestInjectedFaults(t *testing.T) {
	e := newEnv(t)
	e.s.AddRepo("o", "r", "main")
	e.s.AddIssue("o", "r", 1, "bug")
	comment := &github.IssueComment{Body: github.String("hi")}

	t.Run("502 once, then through", func(t *testing.T) {
		e.s.ResetRequests()
		e.s.InjectFault(ghfake.ServerError("GET", `^/repos/o/r$`))
		_, _, err := e.gh.Repositories.Get(ctx, "o", "r")
		errStatus(t, err, 502)
		if _, _, err := e.gh.Repositories.Get(ctx, "o", "r"); err != nil {
			t.Fatal(err)
		}
		recs := e.s.Requests()
		if len(recs) != 2 || !recs[0].Faulted || recs[0].Status != 502 || recs[1].Faulted || recs[1].Status != 200 {
			t.Fatalf("records %+v", recs)
		}
	})
	t.Run("429 with Retry-After", func(t *testing.T) {
		e.s.InjectFault(ghfake.TooManyRequests("POST", `/comments$`, 3))
		_, resp, err := e.gh.Issues.CreateComment(ctx, "o", "r", 1, comment)
		errStatus(t, err, 429)
		if resp.Header.Get("Retry-After") != "3" || resp.Header.Get("X-RateLimit-Limit") == "" {
			t.Fatalf("headers %v", resp.Header)
		}
	})
	t.Run("secondary 403 is an AbuseRateLimitError and go-github then holds off", func(t *testing.T) {
		gh := clientFor(t, e.base, e.tok)
		e.s.InjectFault(ghfake.SecondaryRateLimit("POST", `/comments$`, 60))
		e.s.ResetRequests()
		_, _, err := gh.Issues.CreateComment(ctx, "o", "r", 1, comment)
		var abuse *github.AbuseRateLimitError
		if !errors.As(err, &abuse) || abuse.GetRetryAfter() != time.Minute {
			t.Fatalf("got %T %v", err, err)
		}
		_, _, err = gh.Issues.CreateComment(ctx, "o", "r", 1, comment)
		if !errors.As(err, &abuse) || len(e.s.Requests()) != 1 {
			t.Fatalf("second call reached the server: %v %d", err, len(e.s.Requests()))
		}
	})
	t.Run("until cleared, method and path filtered", func(t *testing.T) {
		e.s.InjectFault(ghfake.Fault{Method: "GET", PathPattern: `^/repos/o/r/issues/1$`, Status: 503})
		for i := 0; i < 3; i++ {
			_, _, err := e.gh.Issues.Get(ctx, "o", "r", 1)
			errStatus(t, err, 503)
		}
		if _, _, err := e.gh.Issues.CreateComment(ctx, "o", "r", 1, comment); err != nil {
			t.Fatalf("POST should not match: %v", err)
		}
		e.s.ClearFaults()
		if _, _, err := e.gh.Issues.Get(ctx, "o", "r", 1); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("delay only", func(t *testing.T) {
		e.s.InjectFault(ghfake.Fault{PathPattern: `^/repos/o/r$`, Times: 1, Delay: 30 * time.Millisecond})
		start := time.Now()
		if _, _, err := e.gh.Repositories.Get(ctx, "o", "r"); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d < 30*time.Millisecond {
			t.Fatalf("answered after %v", d)
		}
	})
	t.Run("a slow create lands for a client that gave up, unless it does not", func(t *testing.T) {
		for _, lands := range []bool{true, false} {
			e.s.ResetRequests()
			before := len(e.s.Comments("o", "r", 1))
			e.s.InjectFault(ghfake.Fault{Method: "POST", PathPattern: `/comments$`, Times: 1, Delay: 200 * time.Millisecond, Lands: lands})
			short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
			_, _, err := e.gh.Issues.CreateComment(short, "o", "r", 1, comment)
			cancel()
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("lands=%v: the client's timeout: %v", lands, err)
			}
			// The stand-in records a request once it is done with it.
			for deadline := time.Now().Add(5 * time.Second); !donePOST(e.s.Requests()); {
				if time.Now().After(deadline) {
					t.Fatalf("lands=%v: the stand-in never finished the request", lands)
				}
				time.Sleep(10 * time.Millisecond)
			}
			got := len(e.s.Comments("o", "r", 1)) - before
			if want := map[bool]int{true: 1, false: 0}[lands]; got != want {
				t.Errorf("lands=%v: %d comments appeared, want %d", lands, got, want)
			}
		}
	})
}

// donePOST says whether the stand-in has finished a POST.
func donePOST(recs []ghfake.RequestRecord) bool {
	for _, r := range recs {
		if r.Method == "POST" {
			return true
		}
	}
	return false
}

func TestPrimaryRateLimit(t *testing.T) {
	e := newEnv(t)
	e.s.AddRepo("o", "r", "main")
	e.s.SetRateLimit(2)
	other := clientFor(t, e.base, e.s.IssueToken(2))
	for i := 0; i < 2; i++ {
		_, resp, err := e.gh.Repositories.Get(ctx, "o", "r")
		if err != nil {
			t.Fatal(err)
		}
		h := resp.Header
		reset, _ := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64)
		if h.Get("X-RateLimit-Remaining") != strconv.Itoa(1-i) || h.Get("X-RateLimit-Used") != strconv.Itoa(i+1) ||
			h.Get("X-RateLimit-Resource") != "core" || time.Until(time.Unix(reset, 0)) > time.Hour {
			t.Fatalf("call %d headers %v", i, h)
		}
	}
	_, _, err := e.gh.Repositories.Get(ctx, "o", "r")
	var rl *github.RateLimitError
	if !errors.As(err, &rl) || rl.Rate.Remaining != 0 || rl.Response.StatusCode != 403 {
		t.Fatalf("got %T %v", err, err)
	}
	if _, _, err := other.Repositories.Get(ctx, "o", "r"); err != nil {
		t.Fatalf("another token has its own bucket: %v", err)
	}
}

func TestLatency(t *testing.T) {
	s := ghfake.New()
	base, stop := s.Start()
	t.Cleanup(stop)
	s.AddRepo("o", "r", "main")
	gh := clientFor(t, base, s.IssueToken(1))

	s.SetLatency(40 * time.Millisecond)
	start := time.Now()
	if _, _, err := gh.Repositories.Get(ctx, "o", "r"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 40*time.Millisecond {
		t.Fatalf("answered after %v", d)
	}

	// A client deadline cuts the wait short instead of hanging the server.
	s.SetLatency(time.Hour)
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, _, err := gh.Repositories.Get(short, "o", "r")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
	stop() // waits for the handler, so its record is in
	recs := s.Requests()
	if last := recs[len(recs)-1]; !last.Canceled || last.Status != 0 || last.Duration >= time.Hour {
		t.Fatalf("record %+v", last)
	}
}

// TestRequestsUnderPrefix: records drop the prefix and flag content creation.
func TestRequestsUnderPrefix(t *testing.T) {
	s := ghfake.New(ghfake.WithPathPrefix("/api/v3"))
	base, stop := s.Start()
	defer stop()
	s.AddRepo("o", "r", "main")
	s.AddIssue("o", "r", 1, "bug")
	gh, err := github.NewClient(nil).WithEnterpriseURLs(base, base)
	if err != nil {
		t.Fatal(err)
	}
	gh = gh.WithAuthToken(s.IssueToken(1))
	if _, _, err := gh.Issues.Get(ctx, "o", "r", 1); err != nil {
		t.Fatal(err)
	}
	if _, _, err := gh.Issues.CreateComment(ctx, "o", "r", 1, &github.IssueComment{Body: github.String("x")}); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(base[:len(base)-len("api/v3/")] + "repos/o/r") // outside the prefix
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	recs := s.Requests()
	want := []ghfake.RequestRecord{
		{Method: "GET", Path: "/repos/o/r/issues/1", Status: 200},
		{Method: "POST", Path: "/repos/o/r/issues/1/comments", Status: 201, ContentCreating: true},
		{Method: "GET", Path: "/repos/o/r", Status: 404},
	}
	for i, w := range want {
		g := recs[i]
		if g.Method != w.Method || g.Path != w.Path || g.Status != w.Status || g.ContentCreating != w.ContentCreating {
			t.Fatalf("record %d = %+v, want %+v", i, g, w)
		}
	}
}
