package ghfake

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"time"
)

// ManifestApp is what a manifest code converts into.
type ManifestApp struct {
	ID            int64  // default: the server's app ID
	Slug, Name    string // default: the server's app
	Owner         string // default: the server's app owner
	ClientID      string // default: "Iv1." + hex id
	ClientSecret  string // default: derived from the code
	WebhookSecret string // default: derived from the code
	PEM           string // default: a fresh 2048-bit RSA key, PKCS#1 PEM
}

// AddManifestCode registers code for POST /app-manifests/{code}/conversions.
// A code converts once, as on GitHub; a second use is 404.
func (s *Server) AddManifestCode(code string, m ManifestApp) {
	if m.PEM == "" {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		m.PEM = string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if m.ID == 0 {
		m.ID = s.app.ID
	}
	m.Slug, m.Name, m.Owner = cmpOr(m.Slug, s.app.Slug), cmpOr(m.Name, s.app.Name), cmpOr(m.Owner, s.app.Owner)
	m.ClientID = cmpOr(m.ClientID, "Iv1."+hexID(m.ID))
	m.ClientSecret = cmpOr(m.ClientSecret, "secret-"+code)
	m.WebhookSecret = cmpOr(m.WebhookSecret, "whsec-"+code)
	s.manifests[code] = m
}

func (s *Server) convertManifest(c *call) {
	m, ok := s.manifests[c.p["code"]]
	if !ok {
		c.fail(http.StatusNotFound, "Not Found")
		return
	}
	delete(s.manifests, c.p["code"])
	now := s.now().Format(time.RFC3339)
	c.json(http.StatusCreated, obj{
		"id": m.ID, "slug": m.Slug, "node_id": nodeID("A_", m.ID), "owner": s.userObj(c, m.Owner, "Organization"),
		"name": m.Name, "description": "", "external_url": c.web() + "/" + m.Owner,
		"html_url": c.web() + "/apps/" + m.Slug, "created_at": now, "updated_at": now,
		"permissions": DefaultPermissions, "events": []string{"issue_comment", "pull_request", "push"},
		"client_id": m.ClientID, "client_secret": m.ClientSecret, "webhook_secret": m.WebhookSecret, "pem": m.PEM,
	})
}
