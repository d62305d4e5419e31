package setup

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// A registration in progress lives in the operator's browser, not in the
// server: the state cookie holds the state nonce and its expiry, signed
// with an HMAC-SHA256 key drawn at random when the process starts. So no
// number of other clients opening the page can push it out (a server-side
// table needs a cap, and anyone can fill it), it cannot be forged or
// stretched, and a restart ends the registrations begun before it.

// stateKey is the process's key for state cookies, drawn on first use.
func (f *Flow) stateKey() []byte {
	f.keyOnce.Do(func() {
		f.key = make([]byte, 32)
		_, _ = rand.Read(f.key) // never fails (crypto/rand)
	})
	return f.key
}

// newState returns a fresh state nonce and the cookie value that vouches
// for it until stateTTL from now.
func (f *Flow) newState(now time.Time) (state, cookie string) {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	state = hex.EncodeToString(b)
	payload := state + "." + strconv.FormatInt(now.Add(stateTTL).Unix(), 10)
	return state, payload + "." + f.sign(payload)
}

func (f *Flow) sign(payload string) string {
	m := hmac.New(sha256.New, f.stateKey())
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// checkState accepts state if cookie was signed by this process for it and
// has not expired.
func (f *Flow) checkState(state, cookie string, now time.Time) bool {
	payload, sig, ok := cutLast(cookie, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(f.sign(payload))) {
		return false
	}
	nonce, exp, ok := strings.Cut(payload, ".")
	if !ok || state == "" || subtle.ConstantTimeCompare([]byte(nonce), []byte(state)) != 1 {
		return false
	}
	unix, err := strconv.ParseInt(exp, 10, 64)
	return err == nil && now.Before(time.Unix(unix, 0))
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
