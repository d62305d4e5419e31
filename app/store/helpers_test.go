package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/store"
)

func openStore(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return st
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// accept stores deliveries without scheduling anything.
func accept(t *testing.T, st *store.Store, ds ...store.Delivery) []store.Accepted {
	t.Helper()
	acc, err := st.Accept(ctxT(t), ds, nil)
	if err != nil {
		t.Fatalf("accept: %v", err)
	}
	return acc
}

func delivery(id, key string) store.Delivery {
	return store.Delivery{ID: id, Event: "issue_comment", SessionKey: key, Payload: []byte(`{"id":"` + id + `"}`)}
}

func wantErr(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error = %v, want %v", err, target)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
