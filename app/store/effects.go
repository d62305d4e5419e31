package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Effect is something a processed command must still do on GitHub (post a
// reply, open a pull request…). It is stored in the same transaction as the
// session change that caused it and kept until marked done, so a crash between
// "decided" and "told GitHub" is repaired by running pending effects again.
type Effect struct {
	ID         string // stable, e.g. delivery id + "/" + index: the executor's idempotency key
	SessionKey string
	Kind       string
	Payload    []byte
	Done       bool
	Result     string    // what the executor recorded, e.g. the created comment's URL
	CreatedAt  time.Time // when the command that caused it was committed
	InboxSeq   int64     // the inbox item whose commit stored it
	// SettlesAt is zero if no request for the effect was ever sent; else the
	// time after which GitHub shows whether the last one landed (see
	// SessionLock.RecordAttempt).
	SettlesAt time.Time
}

// Commit is the one write that applies a command: in a single transaction it
// marks inbox item inboxSeq processed, saves the session at expectedVersion
// and stores effects as pending. It returns ErrAlreadyProcessed (and changes
// nothing) when the item was committed before, so a redelivered or retried
// item is never applied twice, and ErrConflict when the session moved.
//
// Sessionless items (key "") store no session: data and expectedVersion are
// ignored, the new version is 0, and effects are refused because no drain
// would ever run them after a crash.
func (s *Store) Commit(ctx context.Context, key string, data []byte, expectedVersion int64, inboxSeq int64, effects []Effect) (int64, error) {
	if key == "" && len(effects) > 0 {
		return 0, fmt.Errorf("commit inbox item %d: sessionless items cannot carry effects", inboxSeq)
	}
	var newVersion int64
	err := s.inTx(ctx, func(tx Tx) error {
		if err := markProcessed(ctx, tx.q, key, inboxSeq); err != nil {
			return err
		}
		if key == "" {
			return nil
		}
		v, err := saveSession(ctx, tx.q, key, data, expectedVersion)
		if err != nil {
			return fmt.Errorf("save session at version %d: %w", expectedVersion, err)
		}
		newVersion = v
		now := time.Now().UnixMicro()
		for _, e := range effects {
			payload := e.Payload
			if payload == nil {
				payload = []byte{}
			}
			if _, err := tx.q.exec(ctx, `INSERT INTO pw_effect (effect_id, session_key, inbox_seq, kind, payload, created_at)
				VALUES ($1, $2, $3, $4, $5, $6)`, e.ID, key, inboxSeq, e.Kind, payload, now); err != nil {
				return fmt.Errorf("insert effect %s: %w", e.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("commit inbox item %d of session %q: %w", inboxSeq, key, err)
	}
	return newVersion, nil
}

// PendingEffects lists a session's effects not yet done, oldest first.
func (s *Store) PendingEffects(ctx context.Context, key string) ([]Effect, error) {
	rs, err := s.q.query(ctx, `SELECT effect_id, session_key, kind, payload, created_at, inbox_seq, attempt_settles_at
		FROM pw_effect WHERE session_key = $1 AND done_at IS NULL ORDER BY pos`, key)
	if err != nil {
		return nil, fmt.Errorf("list pending effects of session %q: %w", key, err)
	}
	defer rs.Close()
	var out []Effect
	for rs.Next() {
		var (
			e       Effect
			us      int64
			settles *int64
		)
		if err := rs.Scan(&e.ID, &e.SessionKey, &e.Kind, &e.Payload, &us, &e.InboxSeq, &settles); err != nil {
			return nil, fmt.Errorf("scan pending effect of session %q: %w", key, err)
		}
		e.CreatedAt = time.UnixMicro(us).UTC()
		if settles != nil {
			e.SettlesAt = time.UnixMicro(*settles).UTC()
		}
		out = append(out, e)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("list pending effects of session %q: %w", key, err)
	}
	return out, nil
}

// MarkEffectDone records that an effect happened. Marking it again is a no-op
// that keeps the first result; an unknown id is ErrNotFound.
func (s *Store) MarkEffectDone(ctx context.Context, id, result string) error {
	n, err := s.q.exec(ctx, `UPDATE pw_effect SET done_at = $1, result = $2
		WHERE effect_id = $3 AND done_at IS NULL`, time.Now().UnixMicro(), result, id)
	if err != nil {
		return fmt.Errorf("mark effect %s done: %w", id, err)
	}
	if n == 1 {
		return nil
	}
	var one int
	err = s.q.queryRow(ctx, `SELECT 1 FROM pw_effect WHERE effect_id = $1`, id).Scan(&one)
	switch {
	case errors.Is(err, errNoRows):
		return fmt.Errorf("mark effect %s done: %w", id, ErrNotFound)
	case err != nil:
		return fmt.Errorf("mark effect %s done: %w", id, err)
	}
	return nil
}

// Effects lists all of a session's effects, done or not, oldest first; for
// tests and diagnostics.
func (s *Store) Effects(ctx context.Context, key string) ([]Effect, error) {
	rs, err := s.q.query(ctx, `SELECT effect_id, session_key, kind, payload, done_at IS NOT NULL, result
		FROM pw_effect WHERE session_key = $1 ORDER BY pos`, key)
	if err != nil {
		return nil, fmt.Errorf("list effects of session %q: %w", key, err)
	}
	defer rs.Close()
	var out []Effect
	for rs.Next() {
		var e Effect
		if err := rs.Scan(&e.ID, &e.SessionKey, &e.Kind, &e.Payload, &e.Done, &e.Result); err != nil {
			return nil, fmt.Errorf("scan effect of session %q: %w", key, err)
		}
		out = append(out, e)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("list effects of session %q: %w", key, err)
	}
	return out, nil
}
