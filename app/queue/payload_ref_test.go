package queue_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// The webhook route reads the next body into the buffer it gave Enqueue, so
// Enqueue must keep no reference to it once it returns, even when its
// caller gave up before the batch was written. Small payloads are stored
// raw (uncompressed), the case where a reference would survive.
func TestEnqueueKeepsNoReferenceToThePayload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		q := newQueue(t, st, nopProcessor{})
		sent := []byte(`{"comment":{"body":"/decide canary"}}`)
		buf := bytes.Clone(sent)
		gone, cancel := context.WithCancel(context.Background())
		cancel() // the caller has given up: Enqueue returns before the commit
		if _, err := q.Enqueue(gone, store.Delivery{ID: "d-1", Event: "issue_comment", SessionKey: "s", Payload: buf}); err == nil {
			t.Log("the batch committed before Enqueue saw the cancelled context")
		}
		copy(buf, bytes.Repeat([]byte("X"), len(buf))) // the next request's body
		// The same delivery again, patiently: a duplicate once the first
		// batch is written.
		ctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		if _, err := q.Enqueue(ctx, store.Delivery{ID: "d-1", Event: "issue_comment", SessionKey: "s", Payload: bytes.Clone(sent)}); err != nil {
			t.Fatalf("enqueue again: %v", err)
		}
		it, ok, err := st.NextInbox(ctx, "s")
		if err != nil || !ok {
			t.Fatalf("next inbox: %v, %v", ok, err)
		}
		if !bytes.Equal(it.Payload, sent) {
			t.Fatalf("stored payload %q, want %q as sent", it.Payload, sent)
		}
	})
}

// Compressed payloads wait for their commit in pooled space that the next
// deliveries reuse once it is released: concurrent deliveries, each with
// its own payload, must each be stored as sent.
func TestEnqueueStoresEachPayloadAsSentUnderLoad(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		q := newQueue(t, st, nopProcessor{})
		ctx, stop := context.WithTimeout(context.Background(), 30*time.Second)
		defer stop()
		const n = 200
		payload := func(i int) []byte {
			// Compressible (so stored s2-compressed), and different per delivery.
			return []byte(fmt.Sprintf(`{"n":%d,"pad":%q}`, i, strings.Repeat(fmt.Sprintf("delivery %d ", i), 60)))
		}
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				buf := payload(i)
				if _, err := q.Enqueue(ctx, store.Delivery{ID: fmt.Sprint("d-", i), Event: "issue_comment", SessionKey: fmt.Sprint("s-", i), Payload: buf}); err != nil {
					t.Errorf("enqueue %d: %v", i, err)
				}
				copy(buf, bytes.Repeat([]byte("X"), len(buf)))
			})
		}
		wg.Wait()
		for i := range n {
			it, ok, err := st.NextInbox(ctx, fmt.Sprint("s-", i))
			if err != nil || !ok {
				t.Fatalf("delivery %d: %v, %v", i, ok, err)
			}
			if want := payload(i); !bytes.Equal(it.Payload, want) {
				t.Fatalf("delivery %d stored %.60q…, want %.60q…", i, it.Payload, want)
			}
		}
	})
}
