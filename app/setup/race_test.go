package setup_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/setup"
)

// registration is one browser's visit to the setup page: its state cookie
// and the state GitHub will send back.
type registration struct {
	cookie *http.Cookie
	state  string
}

var stateInAction = regexp.MustCompile(`state=([0-9a-zA-Z_-]+)`)

// open GETs the setup page as a browser would.
func open(t *testing.T, h http.Handler) registration {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	cookies := rec.Result().Cookies()
	m := stateInAction.FindStringSubmatch(rec.Body.String())
	if rec.Code != http.StatusOK || len(cookies) != 1 || m == nil {
		t.Fatalf("setup page: %d, %d cookies, state %v", rec.Code, len(cookies), m)
	}
	return registration{cookie: cookies[0], state: m[1]}
}

// callback is GitHub's redirect back to that browser with code.
func (reg registration) callback(h http.Handler, code string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, setup.CallbackPath+"?code="+code+"&state="+reg.state, nil)
	req.AddCookie(reg.cookie)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// holdExchange holds the manifest conversion of one code until release.
type holdExchange struct {
	code     string
	inFlight chan struct{}
	release  chan struct{}
}

func (h holdExchange) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.Contains(r.URL.Path, "/app-manifests/"+h.code+"/") {
		close(h.inFlight)
		<-h.release
	}
	return http.DefaultTransport.RoundTrip(r)
}

func raceFlow(t *testing.T, rt http.RoundTripper) (*setup.Flow, *ghfake.Server, *atomic.Int32) {
	api := ghfake.New()
	apiURL, closeAPI := api.Start()
	t.Cleanup(closeAPI)
	var started atomic.Int32
	flow := &setup.Flow{PublicURL: "https://pw.example.com", WebURL: "https://github.com", APIURL: apiURL,
		File: filepath.Join(t.TempDir(), "app.json"), Client: &http.Client{Transport: rt},
		Configured: func(context.Context, setup.Credentials) error { started.Add(1); return nil }}
	return flow, api, &started
}

// Two registrations in flight at once: the first to complete is stored and
// started; the other, completing later, does not replace it, and its answer
// says which App Pipewright keeps and that the new one is unused.
func TestFirstCompletedRegistrationWins(t *testing.T) {
	hold := holdExchange{code: "slow", inFlight: make(chan struct{}), release: make(chan struct{})}
	flow, api, started := raceFlow(t, hold)
	api.AddManifestCode("slow", ghfake.ManifestApp{ID: 101, Slug: "pw-late"})
	api.AddManifestCode("fast", ghfake.ManifestApp{ID: 202, Slug: "pw-first"})
	h := setup.Handler(flow)
	late, first := open(t, h), open(t, h)

	var lateAnswer *httptest.ResponseRecorder
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); lateAnswer = late.callback(h, "slow") }()
	<-hold.inFlight // the late browser's code is being exchanged
	if rec := first.callback(h, "fast"); rec.Code != http.StatusOK {
		t.Fatalf("first registration: %d %s", rec.Code, rec.Body)
	}
	close(hold.release)
	wg.Wait()

	stored, err := setup.LoadCredentials(flow.File)
	if err != nil || stored.ID != 202 || stored.Slug != "pw-first" {
		t.Errorf("stored %v (%v), want the first completed registration, App 202 pw-first", stored, err)
	}
	if n := started.Load(); n != 1 {
		t.Errorf("the service was started %d times, want once", n)
	}
	body := lateAnswer.Body.String()
	if lateAnswer.Code != http.StatusConflict || !strings.Contains(body, "pw-first") || !strings.Contains(body, "pw-late") {
		t.Errorf("late callback: %d %s; want 409 naming the App kept and the one not used", lateAnswer.Code, body)
	}
}

// A credentials file already there is never replaced by the page either.
func TestRegistrationNeverReplacesAStoredApp(t *testing.T) {
	flow, api, started := raceFlow(t, http.DefaultTransport)
	if err := setup.SaveCredentials(flow.File, setup.Credentials{ID: 7, Slug: "pw-kept", PEM: "k", WebhookSecret: "s"}); err != nil {
		t.Fatal(err)
	}
	api.AddManifestCode("good", ghfake.ManifestApp{ID: 8, Slug: "pw-other"})
	h := setup.Handler(flow)
	if rec := open(t, h).callback(h, "good"); rec.Code/100 == 2 {
		t.Errorf("callback over a stored App: %d, want a refusal", rec.Code)
	}
	if c, err := setup.LoadCredentials(flow.File); err != nil || c.ID != 7 || started.Load() != 0 {
		t.Errorf("stored %v (%v), started %d times; want App 7 kept and nothing started", c, err, started.Load())
	}
}

// Anonymous clients opening the page, thousands of times, do not push out
// the registration the operator started: it lives in the operator's
// signed cookie, not in a table anyone can fill.
func TestAnonymousPageViewsDoNotEvictTheOperator(t *testing.T) {
	flow, api, started := raceFlow(t, http.DefaultTransport)
	api.AddManifestCode("good", ghfake.ManifestApp{ID: 303, Slug: "pw-operator"})
	h := setup.Handler(flow)
	operator := open(t, h)
	for range 2000 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	}
	if rec := operator.callback(h, "good"); rec.Code != http.StatusOK {
		t.Fatalf("operator's callback after 2,000 anonymous page views: %d %s", rec.Code, rec.Body)
	}
	if c, err := setup.LoadCredentials(flow.File); err != nil || c.ID != 303 || started.Load() != 1 {
		t.Errorf("stored %v (%v), started %d", c, err, started.Load())
	}
}

// The state cookie cannot be forged, moved to another state, or reused
// by another process (whose key differs).
func TestStateCookieIsSigned(t *testing.T) {
	flow, api, _ := raceFlow(t, http.DefaultTransport)
	api.AddManifestCode("good", ghfake.ManifestApp{ID: 404, Slug: "pw-x"})
	h := setup.Handler(flow)
	reg := open(t, h)
	other := open(t, h)
	otherProcess, _, _ := raceFlow(t, http.DefaultTransport)
	forged := *reg.cookie
	forged.Value = reg.state + ".99999999999." + strings.Repeat("A", 43)
	for _, c := range []struct {
		name string
		h    http.Handler
		reg  registration
	}{
		{"another browser's state with this cookie", h, registration{cookie: reg.cookie, state: other.state}},
		{"a forged cookie", h, registration{cookie: &forged, state: reg.state}},
		{"a cookie from another process", setup.Handler(otherProcess), reg},
	} {
		if rec := c.reg.callback(c.h, "good"); rec.Code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", c.name, rec.Code)
		}
	}
}
