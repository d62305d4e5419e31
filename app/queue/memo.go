package queue

import (
	"sync"
	"time"
)

// drainMemo remembers, per session, the generation of the last drain job
// this process committed, so that the group-commit writer can leave River's
// insert out of a batch whose sessions all have one already (River's insert
// was an eighth of the writer's time, and for such a batch it only finds the
// duplicate and skips it).
//
// Why skipping is lossless (ADR 0002): the batch reads the session's
// generation G under the pw_drain row lock. A drain bumps the generation
// (BeginDrain) before it reads the inbox, so if G is still the generation a
// committed job (session, G) was created with, that job has not yet looked:
// it is waiting, snoozed, retrying or running before its bump, and will see
// this batch's rows, exactly as if River's insert had been deduplicated onto
// it. The one way such a job ends without bumping is failing before
// BeginDrain until River discards it; entries therefore expire after
// memoTTL (far shorter than River's backoff before a second attempt with
// the default policy), and this process's workers forget a session whose
// drain failed before bumping.
type drainMemo struct {
	mu sync.Mutex
	m  map[string]memoEntry
}

type memoEntry struct {
	gen int64
	at  time.Time
}

// memoTTL bounds how long a remembered job is trusted.
const memoTTL = time.Second

// memoSweep is the size at which expired entries are swept.
const memoSweep = 4096

// has reports whether a drain job (key, gen) was committed less than
// memoTTL ago.
func (m *drainMemo) has(key string, gen int64, now time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.m[key]
	return ok && e.gen == gen && now.Sub(e.at) < memoTTL
}

// add records committed drain jobs; at is a time before their insert.
func (m *drainMemo) add(jobs []drainArgs, at time.Time) {
	if len(jobs) == 0 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = make(map[string]memoEntry)
	}
	if len(m.m) >= memoSweep {
		for k, e := range m.m {
			if at.Sub(e.at) >= memoTTL {
				delete(m.m, k)
			}
		}
	}
	for _, j := range jobs {
		m.m[j.SessionKey] = memoEntry{gen: j.Gen, at: at}
	}
}

// forget drops a session's entry.
func (m *drainMemo) forget(key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.m, key)
}
