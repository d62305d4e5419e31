package store

import (
	"context"
	"fmt"
	"slices"
)

// Backlog lists what still needs a worker: sessions with unprocessed inbox
// items or pending effects, and unprocessed sessionless items. A queue sweeps
// it at start so that work whose job was lost with a crashed process (its
// River job stuck in "running" until River's rescuer frees it) resumes at
// once instead.
func (s *Store) Backlog(ctx context.Context) (sessions []string, sessionless []int64, err error) {
	rs, err := s.q.query(ctx, `SELECT session_key FROM pw_inbox WHERE processed_at IS NULL AND session_key <> ''
		UNION SELECT session_key FROM pw_effect WHERE done_at IS NULL`)
	if err != nil {
		return nil, nil, fmt.Errorf("list sessions with backlog: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var k string
		if err := rs.Scan(&k); err != nil {
			return nil, nil, fmt.Errorf("scan session with backlog: %w", err)
		}
		sessions = append(sessions, k)
	}
	if err := rs.Err(); err != nil {
		return nil, nil, fmt.Errorf("list sessions with backlog: %w", err)
	}
	slices.Sort(sessions)

	rs2, err := s.q.query(ctx, `SELECT seq FROM pw_inbox WHERE processed_at IS NULL AND session_key = '' ORDER BY seq`)
	if err != nil {
		return nil, nil, fmt.Errorf("list sessionless backlog: %w", err)
	}
	defer rs2.Close()
	for rs2.Next() {
		var seq int64
		if err := rs2.Scan(&seq); err != nil {
			return nil, nil, fmt.Errorf("scan sessionless backlog: %w", err)
		}
		sessionless = append(sessionless, seq)
	}
	if err := rs2.Err(); err != nil {
		return nil, nil, fmt.Errorf("list sessionless backlog: %w", err)
	}
	return sessions, sessionless, nil
}

// Reschedule bumps the drain generation of each session and runs schedule
// in the same transaction with the new generations. A drain job inserted
// with a fresh generation can be deduplicated onto no existing job, so it
// surely runs; if an old job also runs, it finds the inbox drained (harmless).
func (s *Store) Reschedule(ctx context.Context, keys []string, schedule func(ctx context.Context, tx Tx, gens map[string]int64) error) error {
	keys = slices.Compact(slices.Sorted(slices.Values(keys))) // fixed lock order
	err := s.inTx(ctx, func(tx Tx) error {
		gens := make(map[string]int64, len(keys))
		for _, k := range keys {
			var gen int64
			if err := tx.q.queryRow(ctx, `INSERT INTO pw_drain (session_key, gen) VALUES ($1, 1)
				ON CONFLICT (session_key) DO UPDATE SET gen = pw_drain.gen + 1 RETURNING gen`, k).Scan(&gen); err != nil {
				return fmt.Errorf("bump drain generation of session %q: %w", k, err)
			}
			gens[k] = gen
		}
		return schedule(ctx, tx, gens)
	})
	if err != nil {
		return fmt.Errorf("reschedule %d sessions: %w", len(keys), err)
	}
	return nil
}
