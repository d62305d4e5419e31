package queue

import (
	"testing"
	"time"
)

// The memo trusts a committed drain job only for its own generation, only
// for memoTTL, and not after forget.
func TestDrainMemo(t *testing.T) {
	var m drainMemo
	t0 := time.Now()
	if m.has("s", 0, t0) {
		t.Fatal("empty memo has a job")
	}
	m.add([]drainArgs{{SessionKey: "s", Gen: 3}}, t0)
	switch {
	case !m.has("s", 3, t0.Add(memoTTL/2)):
		t.Fatal("job of the same generation not remembered")
	case m.has("s", 4, t0):
		t.Fatal("a newer generation (a drain began) must get its own job")
	case m.has("s", 3, t0.Add(memoTTL)):
		t.Fatal("remembered past memoTTL")
	case m.has("other", 3, t0):
		t.Fatal("remembered for another session")
	}
	m.forget("s")
	if m.has("s", 3, t0) {
		t.Fatal("remembered after forget")
	}
	// Expired entries are swept once the memo is large.
	for i := range memoSweep {
		m.add([]drainArgs{{SessionKey: string(rune('a'+i%26)) + time.Duration(i).String(), Gen: 1}}, t0)
	}
	m.add([]drainArgs{{SessionKey: "late", Gen: 1}}, t0.Add(2*memoTTL))
	if len(m.m) != 1 {
		t.Fatalf("%d entries after the sweep, want 1", len(m.m))
	}
}
