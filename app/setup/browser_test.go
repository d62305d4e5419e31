package setup_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/setup"
)

// A person opens Pipewright's setup page in a real browser, picks an
// organization, creates the App on "GitHub", and comes back: the App's
// credentials are stored 0600 and, without a restart, a signed delivery is
// accepted and answered.
func TestSetupInABrowser(t *testing.T) {
	chromium := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	api := ghfake.New(ghfake.WithAppPublicKey(&key.PublicKey))
	apiURL, closeAPI := api.Start()
	defer closeAPI()
	api.AddInstallation(4242, "acme")
	seedRepo(api)
	app := ghfake.ManifestApp{Slug: "pipewright-acme", WebhookSecret: "whsec-from-github",
		PEM: string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	public := "http://" + ln.Addr().String()
	web := newGitHubWeb(api, app, public)
	defer web.Close()
	dir := t.TempDir()
	cfg := server.Config{Addr: ln.Addr().String(), PublicURL: public, DatabaseURL: filepath.Join(dir, "pipewright.db"),
		APIURL: apiURL, WebURL: web.URL}
	done := make(chan error, 1)
	srvCtx, stop := context.WithCancel(ctx)
	go func() { done <- setup.Serve(srvCtx, ln, cfg, server.Logger("warn", "", io.Discard), fastService()) }()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()

	body := commentPayload(t)
	if status := postHook(t, ctx, public, "early", app.WebhookSecret, body); status != http.StatusServiceUnavailable {
		t.Fatalf("before setup the webhook answered %d, want 503", status)
	}

	tab := browser(t, ctx, chromium)
	err = chromedp.Do(tab,
		chromedp.Navigate(public+"/"),
		chromedp.SetValue(chromedp.ID("org"), "acme"),
		chromedp.Click(chromedp.ID("owner-submit")),
		chromedp.WaitVisible(chromedp.Search(`//strong[@id="owner" and text()="acme"]`)),
	)
	if err != nil {
		t.Fatalf("browser, choosing the organization: %v", err)
	}
	action, err := chromedp.Run(tab, chromedp.AttributeValue(chromedp.ID("manifest-form"), "action"))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(tab,
		chromedp.Click(chromedp.ID("create")),
		chromedp.WaitVisible(chromedp.ID("github-create")),
		chromedp.Click(chromedp.ID("github-create")),
		chromedp.WaitVisible(chromedp.ID("install")),
	)
	if err != nil {
		t.Fatalf("browser, creating the App: %v", err)
	}
	install, err := chromedp.Run(tab, chromedp.AttributeValue(chromedp.ID("install"), "href"))
	if err != nil {
		t.Fatal(err)
	}
	owner, posted, problems := web.report()
	if !posted || owner != "acme" || problems != "" {
		t.Errorf("GitHub's side: posted %v, owner %q, problems: %s", posted, owner, problems)
	}
	if want := web.URL + "/organizations/acme/settings/apps/new?state="; !strings.HasPrefix(action.Value, want) {
		t.Errorf("form action %q, want %s…", action.Value, want)
	}
	if want := web.URL + "/apps/pipewright-acme/installations/new"; install.Value != want {
		t.Errorf("install link %q, want %q", install.Value, want)
	}
	checkCredentialsFile(t, filepath.Join(dir, setup.DefaultCredentialsFile), api.App().ID, app)

	if status := postHook(t, ctx, public, "after-setup", app.WebhookSecret, body); status/100 != 2 {
		t.Fatalf("after setup a signed delivery answered %d, want 2xx", status)
	}
	if status := postHook(t, ctx, public, "forged", "not-the-secret", body); status != http.StatusUnauthorized {
		t.Errorf("after setup a forged delivery answered %d, want 401", status)
	}
	waitFor(t, ctx, "Pipewright's reply on acme/shop#1", func() bool {
		for _, c := range api.Comments("acme", "shop", 1) {
			if strings.HasPrefix(c.User, "pipewright-acme") || strings.HasSuffix(c.User, "[bot]") {
				return true
			}
		}
		return false
	})
}

func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium binary on PATH: skipping the setup page's browser test (CI installs Debian's chromium; apt-get install chromium)")
	return ""
}

// browser starts headless Chromium with a throwaway profile and nothing
// that reaches beyond loopback.
func browser(t *testing.T, ctx context.Context, path string) context.Context {
	t.Helper()
	profile, err := os.MkdirTemp("", "pipewright-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(profile) })
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser)
	return bctx
}

func checkCredentialsFile(t *testing.T, path string, id int64, app ghfake.ManifestApp) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("credentials file: %v", err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("credentials file mode %v, want 0600", mode)
	}
	got, err := setup.LoadCredentials(path)
	if err != nil {
		t.Fatal(err)
	}
	want := setup.Credentials{ID: id, Slug: app.Slug, PEM: app.PEM, WebhookSecret: app.WebhookSecret}
	if got != want {
		t.Errorf("credentials file holds %v / secret %q, want %v / %q", got, got.WebhookSecret, want, want.WebhookSecret)
	}
}

// postHook sends body as an issue_comment delivery signed with secret.
func postHook(t *testing.T, ctx context.Context, base, id, secret string, body []byte) int {
	t.Helper()
	resp, err := delivery.Post(ctx, http.DefaultClient, base+server.WebhookPath, "issue_comment", id, secret, body)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}
