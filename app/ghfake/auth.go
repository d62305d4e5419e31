package ghfake

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

type credKind int

const (
	credNone  credKind = iota // no Authorization header
	credJWT                   // a valid app JWT
	credToken                 // a live installation token
	credBad                   // anything else
)

// credential is who the Authorization header says the caller is.
type credential struct {
	kind credKind
	key  string // rate-limit bucket
	tok  *token
	why  string // why a JWT was refused
}

const (
	msgBadJWT    = "A JSON web token could not be decoded"
	msgExpired   = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires"
	msgTooFar    = "'Expiration time' claim ('exp') is too far in the future"
	msgIssuedAt  = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued"
	msgNoAuth    = "Requires authentication"
	msgBadCreds  = "Bad credentials"
	msgIssuerBad = "'Issuer' claim ('iss') must be an Integer"
)

// identify reads "token X" or "Bearer X". A value with three dot-separated
// parts is taken as a JWT, anything else as an installation token.
func (s *Server) identify(header string) credential {
	scheme, val, _ := strings.Cut(strings.TrimSpace(header), " ")
	val = strings.TrimSpace(val)
	switch {
	case header == "":
		return credential{kind: credNone, key: "anon"}
	case !strings.EqualFold(scheme, "token") && !strings.EqualFold(scheme, "bearer"):
		return credential{kind: credBad, key: "anon", why: msgBadJWT}
	case strings.Count(val, ".") == 2:
		if why := s.checkJWT(val); why != "" {
			return credential{kind: credBad, key: "anon", why: why}
		}
		return credential{kind: credJWT, key: "app"}
	}
	if t := s.tokens[val]; t != nil && s.now().Before(t.expires) {
		return credential{kind: credToken, key: "token:" + val, tok: t}
	}
	return credential{kind: credBad, key: "anon", why: msgBadJWT}
}

// authorize enforces the route's credential with GitHub's 401 messages.
func (s *Server) authorize(c *call) bool {
	switch c.rt.auth {
	case authJWT:
		if c.cred.kind == credJWT {
			return true
		}
		c.fail(http.StatusUnauthorized, cmpOr(c.cred.why, msgBadJWT))
		return false
	case authPublic:
		// GitHub answers reads of public repositories without a
		// credential (at a lower rate limit); a bad one is still refused,
		// and a private repository is hidden from an anonymous caller.
		switch c.cred.kind {
		case credToken:
			return true
		case credNone:
			if r := s.repos[strings.ToLower(c.p["owner"]+"/"+c.p["repo"])]; r != nil && r.private {
				c.fail(http.StatusNotFound, "Not Found")
				return false
			}
			return true
		}
		c.fail(http.StatusUnauthorized, msgBadCreds)
		return false
	case authToken:
		switch c.cred.kind {
		case credToken:
			return true
		case credNone:
			c.fail(http.StatusUnauthorized, msgNoAuth)
		default:
			c.fail(http.StatusUnauthorized, msgBadCreds)
		}
		return false
	}
	return true
}

// checkJWT validates what GitHub validates: RS256 header, an issuer equal to
// the app ID, iat not in the future, exp in the future but at most ten
// minutes ahead, and the signature when a public key was configured.
func (s *Server) checkJWT(raw string) string {
	parts := strings.Split(raw, ".")
	var hdr struct {
		Alg string `json:"alg"`
	}
	var claims struct {
		Iss any         `json:"iss"`
		Iat json.Number `json:"iat"`
		Exp json.Number `json:"exp"`
	}
	if !decodeSeg(parts[0], &hdr) || !decodeSeg(parts[1], &claims) || hdr.Alg != "RS256" {
		return msgBadJWT
	}
	if s.appKey != nil {
		sig, err := base64.RawURLEncoding.DecodeString(parts[2])
		sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
		if err != nil || rsa.VerifyPKCS1v15(s.appKey, crypto.SHA256, sum[:], sig) != nil {
			return msgBadJWT
		}
	}
	var iss int64
	switch v := claims.Iss.(type) {
	case json.Number:
		iss, _ = v.Int64()
	case string:
		iss, _ = strconv.ParseInt(v, 10, 64)
	}
	if iss == 0 {
		return msgIssuerBad
	}
	if iss != s.app.ID {
		return "Integration not found"
	}
	iat, err1 := claims.Iat.Int64()
	exp, err2 := claims.Exp.Int64()
	now := s.clock()
	switch {
	case err1 != nil || time.Unix(iat, 0).After(now.Add(time.Minute)):
		return msgIssuedAt
	case err2 != nil || !time.Unix(exp, 0).After(now):
		return msgExpired
	case time.Unix(exp, 0).After(now.Add(10*time.Minute + time.Minute)):
		return msgTooFar
	}
	return ""
}

func decodeSeg(seg string, v any) bool {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	if err != nil {
		return false
	}
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	return d.Decode(v) == nil
}
