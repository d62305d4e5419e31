package server_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/server"
)

// signedBy reports whether header is a valid X-Hub-Signature-256 for body,
// computed here independently of the handler.
func signedBy(header string, body []byte) bool {
	hexsig, ok := strings.CutPrefix(header, "sha256=")
	if !ok {
		return false
	}
	got, err := hex.DecodeString(hexsig)
	if err != nil {
		return false
	}
	m := hmac.New(sha256.New, []byte(benchSecret))
	m.Write(body)
	return hmac.Equal(got, m.Sum(nil))
}

// FuzzWebhook drives the route with arbitrary methods, headers, lengths and
// bodies. It must never panic, must answer one of the route's statuses, and
// may answer 2xx only when X-Hub-Signature-256 is a valid signature of the
// exact bytes sent; a stored delivery carries the request's id and event.
//
// sign replaces sig with the valid signature of body, so the fuzzer also
// explores what happens after the signature check. lengthShift moves the
// announced Content-Length away from the body's (-128: unknown, chunked).
func FuzzWebhook(f *testing.F) {
	small := []byte(`{"action":"created","comment":{"body":"/start"}}`)
	form := []byte("payload=" + url.QueryEscape(string(small)))
	f.Add("POST", "application/json", "issue_comment", "d-1", "", true, int8(0), false, small)
	f.Add("POST", "application/json; charset=utf-8", "issue_comment", "d-2", "", true, int8(-128), false, small)
	f.Add("POST", "application/x-www-form-urlencoded", "issue_comment", "d-3", "", true, int8(0), false, form)
	f.Add("POST", "application/x-www-form-urlencoded; charset=utf-8", "ping", "d-4", "", true, int8(0), false, []byte("payload=%zz"))
	f.Add("POST", "application/json", "issue_comment", "d-5", delivery.Sign("wrong", small), false, int8(0), false, small)
	f.Add("POST", "application/json", "issues", "d-6", "sha256=", false, int8(1), false, small)
	f.Add("POST", "text/plain", "issue_comment", "", "sha1=00", true, int8(-1), false, []byte{})
	f.Add("GET", "", "", "", "", false, int8(0), false, []byte(nil))
	f.Add("POST", "application/json", "issue_comment", "d-7", "", true, int8(0), true, small)
	f.Add("POST", "APPLICATION/JSON ; Charset=\"utf-8\"", "issue_comment", "d-8", "", true, int8(0), false, small)

	f.Fuzz(func(t *testing.T, method, contentType, event, id, sig string, sign bool, lengthShift int8, storeFails bool, body []byte) {
		if sign {
			sig = delivery.Sign(benchSecret, body)
		}
		q := &memQueue{}
		if storeFails {
			q.err = errors.New("disk full")
		}
		ctx := zerolog.New(io.Discard).Level(zerolog.DebugLevel).WithContext(context.Background())
		r := httptest.NewRequestWithContext(ctx, http.MethodPost, server.WebhookPath, bytes.NewReader(body))
		r.Method = method
		r.ContentLength = int64(len(body)) + int64(lengthShift)
		if lengthShift == -128 {
			r.ContentLength = -1
		}
		// Set the values as they come, as a client could send them.
		r.Header = http.Header{}
		for k, v := range map[string]string{"Content-Type": contentType, "X-Github-Event": event, "X-Github-Delivery": id, "X-Hub-Signature-256": sig} {
			if v != "" {
				r.Header[k] = []string{v}
			}
		}
		w := httptest.NewRecorder()
		server.WebhookHandler(benchSecret, q, keyOf, "issue_comment").ServeHTTP(w, r)

		switch w.Code {
		case http.StatusOK, http.StatusAccepted, http.StatusBadRequest, http.StatusUnauthorized,
			http.StatusMethodNotAllowed, http.StatusRequestEntityTooLarge, http.StatusServiceUnavailable:
		default:
			t.Fatalf("status %d", w.Code)
		}
		ok := w.Code/100 == 2
		if ok && !signedBy(sig, body) {
			t.Fatalf("status %d for a body the signature %q does not sign", w.Code, sig)
		}
		if ok && (method != http.MethodPost || event == "" || id == "") {
			t.Fatalf("status %d for method %q, event %q, delivery %q", w.Code, method, event, id)
		}
		if ok && r.ContentLength >= 0 && r.ContentLength != int64(len(body)) {
			t.Fatalf("status %d for %d bytes announced as %d", w.Code, len(body), r.ContentLength)
		}
		stored := q.stored()
		if len(stored) > 0 && (w.Code != http.StatusOK || event != "issue_comment") {
			t.Fatalf("stored a delivery but answered %d for event %q", w.Code, event)
		}
		if w.Code == http.StatusOK && event == "issue_comment" {
			if len(stored) != 1 || stored[0].ID != id || stored[0].Event != event {
				t.Fatalf("answered 200 but stored %+v", stored)
			}
		}
		if w.Code == http.StatusServiceUnavailable && !storeFails {
			t.Fatal("503 without a store failure")
		}
	})
}
