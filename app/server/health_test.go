package server

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestHealth(t *testing.T) {
	var pingErr error
	h := &Health{Ping: func(context.Context) error { return pingErr }}
	mux := Mux(http.NotFoundHandler(), h)
	get := func(path string) int {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec.Code
	}
	if got := get("/healthz"); got != 200 {
		t.Errorf("/healthz %d", got)
	}
	if got := get("/readyz"); got != 200 {
		t.Errorf("/readyz %d", got)
	}
	pingErr = errors.New("store down")
	if got := get("/readyz"); got != 503 {
		t.Errorf("/readyz with the store down: %d, want 503", got)
	}
	if got := get("/healthz"); got != 200 {
		t.Errorf("/healthz with the store down: %d, want 200 (restarting would not help)", got)
	}
	pingErr = nil
	h.Drain()
	if got := get("/readyz"); got != 503 {
		t.Errorf("/readyz while draining: %d, want 503", got)
	}
}
