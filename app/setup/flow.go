package setup

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"
)

// stateCookie binds the state nonce to the browser that asked for it, so a
// code cannot be replayed from another browser.
const stateCookie = "pipewright_setup_state"

// stateTTL is how long a started registration may take (GitHub's codes
// last an hour too).
const stateTTL = time.Hour

// Flow is setup mode's page and callback.
type Flow struct {
	PublicURL string // PIPEWRIGHT_PUBLIC_URL; "" derives it from each request
	WebURL    string // GitHub's web URL (https://github.com or a GHES host)
	APIURL    string // GitHub's REST API URL
	File      string // where the credentials are stored
	Client    *http.Client
	Log       zerolog.Logger
	// Configured builds and starts the full service with the new
	// credentials and routes to it; it runs once, after the file is saved.
	Configured func(ctx context.Context, c Credentials) error

	keyOnce sync.Once
	key     []byte // signs state cookies (state.go)

	// finishing makes callbacks store credentials one at a time, and
	// registered is the App that was stored: the first completed
	// registration wins, and a later callback never replaces it.
	finishing  sync.Mutex
	registered *Credentials
}

// page shows the registration form; ?org= chooses an organization.
func (f *Flow) page(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		http.NotFound(w, r)
		return
	}
	base := f.publicURL(r)
	p := startPage{Title: "Register Pipewright on GitHub", HookURL: base + HookPath, Org: strings.TrimSpace(r.URL.Query().Get("org"))}
	manifest, err := Manifest(base)
	if err != nil {
		f.fail(w, http.StatusInternalServerError, "Set PIPEWRIGHT_PUBLIC_URL to the address GitHub can reach: "+err.Error())
		return
	}
	state, cookie := f.newState(time.Now())
	p.Action, err = NewAppURL(f.WebURL, p.Org, state)
	if err != nil {
		p.Error, p.Org = err.Error(), ""
		p.Action, _ = NewAppURL(f.WebURL, "", state)
	}
	p.Manifest = string(manifest)
	http.SetCookie(w, &http.Cookie{Name: stateCookie, Value: cookie, Path: CallbackPath, MaxAge: int(stateTTL.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: strings.HasPrefix(base, "https://")})
	f.render(w, http.StatusOK, "start", p)
}

// callback takes GitHub's redirect: check the state, exchange the code,
// store the credentials, start the service.
func (f *Flow) callback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cookie, _ := r.Cookie(stateCookie)
	if cookie == nil || !f.checkState(q.Get("state"), cookie.Value, time.Now()) {
		f.fail(w, http.StatusBadRequest, "This link is not from a registration started in this browser, or it expired. Start again.")
		return
	}
	code := q.Get("code")
	if code == "" {
		f.fail(w, http.StatusBadRequest, "GitHub sent no code back.")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	creds, err := Exchange(ctx, f.Client, f.APIURL, code)
	if err != nil {
		f.Log.Error().Err(err).Msg("setup: manifest code exchange failed")
		f.fail(w, http.StatusBadGateway, err.Error())
		return
	}
	if !f.finish(w, r, creds) {
		return
	}
	f.render(w, http.StatusOK, "done", donePage{Title: "Pipewright is a GitHub App", Slug: creds.Slug, ID: creds.ID,
		File: f.File, InstallURL: InstallURL(f.WebURL, creds.Slug)})
}

// notConfigured answers webhooks until the App exists: never accept a
// delivery that no secret can check.
func notConfigured(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Retry-After", "60")
	http.Error(w, "Pipewright is not configured yet: finish the setup page first", http.StatusServiceUnavailable)
}

func (f *Flow) publicURL(r *http.Request) string {
	if f.PublicURL != "" {
		return strings.TrimSuffix(f.PublicURL, "/")
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (f *Flow) render(w http.ResponseWriter, status int, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action *")
	w.WriteHeader(status)
	if err := pages.ExecuteTemplate(w, name, data); err != nil {
		f.Log.Warn().Err(err).Msg("setup: render page")
	}
}

func (f *Flow) fail(w http.ResponseWriter, status int, msg string) {
	f.render(w, status, "failed", failedPage{Title: "Setup did not finish", Error: msg})
}

// finish stores the App GitHub created and starts the service with it,
// unless a registration already finished: then it says which App is in
// use and that the new one is not. It reports whether it stored them.
func (f *Flow) finish(w http.ResponseWriter, r *http.Request, creds Credentials) bool {
	f.finishing.Lock()
	defer f.finishing.Unlock()
	if f.registered != nil {
		f.Log.Warn().Int64("app_id", creds.ID).Str("slug", creds.Slug).Int64("registered_app_id", f.registered.ID).
			Msg("setup: a second registration finished after the first; its App is not used")
		f.fail(w, http.StatusConflict, "Pipewright is already registered as "+f.registered.Slug+" (App id "+
			strconv.FormatInt(f.registered.ID, 10)+"), and keeps that App. GitHub also created "+creds.Slug+
			" (App id "+strconv.FormatInt(creds.ID, 10)+") for this second registration: it is not used, delete it on GitHub ("+
			strings.TrimSuffix(f.WebURL, "/")+"/settings/apps/"+creds.Slug+"/advanced).")
		return false
	}
	if err := SaveCredentials(f.File, creds); err != nil {
		f.Log.Error().Err(err).Msg("setup: could not store the App credentials")
		f.fail(w, http.StatusInternalServerError, "GitHub created the App, but Pipewright could not store its credentials: "+err.Error())
		return false
	}
	f.registered = &creds
	f.Log.Info().Int64("app_id", creds.ID).Str("slug", creds.Slug).Str("file", f.File).Msg("setup: GitHub App registered")
	if err := f.Configured(context.WithoutCancel(r.Context()), creds); err != nil {
		f.Log.Error().Err(err).Msg("setup: could not start with the new credentials")
		f.fail(w, http.StatusInternalServerError, "The App's credentials are stored in "+f.File+", but Pipewright could not start with them ("+err.Error()+"). Fix that and restart Pipewright.")
		return false
	}
	return true
}
