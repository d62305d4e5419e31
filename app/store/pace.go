package store

import (
	"context"
	"fmt"
	"time"

	"github.com/pipewright/pipewright/app/pace"
)

// lockPaceSQL takes the installation's pw_pace row (creating it) and holds
// it until the transaction ends: on PostgreSQL that orders the claims of
// every replica on one installation, and only on it. The no-op update is
// what locks a row that already exists. SQLite has one writer anyway.
const lockPaceSQL = `INSERT INTO pw_pace (pace_key, tat_minute, tat_hour) VALUES ($1, 0, 0)
ON CONFLICT (pace_key) DO UPDATE SET pace_key = excluded.pace_key`

// ClaimPace asks key's budget, shared by every replica on this database and
// kept across restarts, for a slot at now under l (see pace.Decide): it
// grants one and records it, or says when to come back and records nothing.
// Grants older than the longest window are deleted on the way.
func (s *Store) ClaimPace(ctx context.Context, key string, now time.Time, l pace.Limits) (pace.Claim, error) {
	if err := l.Validate(); err != nil {
		return pace.Claim{}, fmt.Errorf("claim pace for %s: %w", key, err)
	}
	now = time.UnixMicro(now.UnixMicro()) // as stored, so Next sees what the next claim reads
	var c pace.Claim
	err := s.inTx(ctx, func(tx Tx) error {
		if _, err := tx.q.exec(ctx, lockPaceSQL, key); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		if _, err := tx.q.exec(ctx, `DELETE FROM pw_pace_slot WHERE pace_key = $1 AND at <= $2`,
			key, now.Add(-pace.Hour).UnixMicro()); err != nil {
			return fmt.Errorf("forget old grants: %w", err)
		}
		var hold int64
		if err := tx.q.queryRow(ctx, `SELECT hold_until FROM pw_pace WHERE pace_key = $1`, key).Scan(&hold); err != nil {
			return fmt.Errorf("read hold: %w", err)
		}
		grants, err := s.latestGrants(ctx, tx, key, l.Keep())
		if err != nil {
			return err
		}
		c, _ = pace.DecideHeld(grants, time.UnixMicro(hold), now, l)
		if !c.Granted {
			return nil
		}
		if _, err := tx.q.exec(ctx, `INSERT INTO pw_pace_slot (pace_key, at) VALUES ($1, $2)`, key, now.UnixMicro()); err != nil {
			return fmt.Errorf("record grant: %w", err)
		}
		return nil
	})
	if err != nil {
		return pace.Claim{}, fmt.Errorf("claim pace for %s: %w", key, err)
	}
	return c, nil
}

// HoldPace shuts key's budget until until, for every replica: GitHub
// answered one of them with a rate limit. A hold only ever lengthens.
func (s *Store) HoldPace(ctx context.Context, key string, until time.Time) error {
	_, err := s.q.exec(ctx, `INSERT INTO pw_pace (pace_key, tat_minute, tat_hour, hold_until) VALUES ($1, 0, 0, $2)
ON CONFLICT (pace_key) DO UPDATE SET hold_until = CASE WHEN pw_pace.hold_until < excluded.hold_until THEN excluded.hold_until ELSE pw_pace.hold_until END`,
		key, until.UnixMicro())
	if err != nil {
		return fmt.Errorf("hold pace for %s: %w", key, err)
	}
	return nil
}

// PaceBudget is the store as the pacer's budget (pace.Budget and
// pace.Holder): shared by every replica on this database, kept across
// restarts.
func (s *Store) PaceBudget() pace.Budget { return paceBudget{s} }

type paceBudget struct{ s *Store }

func (b paceBudget) Claim(ctx context.Context, key string, now time.Time, l pace.Limits) (pace.Claim, error) {
	return b.s.ClaimPace(ctx, key, now, l)
}

func (b paceBudget) Hold(ctx context.Context, key string, until time.Time) error {
	return b.s.HoldPace(ctx, key, until)
}

// latestGrants reads key's n latest grants, newest first.
func (s *Store) latestGrants(ctx context.Context, tx Tx, key string, n int) ([]time.Time, error) {
	rs, err := tx.q.query(ctx, `SELECT at FROM pw_pace_slot WHERE pace_key = $1 ORDER BY at DESC LIMIT $2`, key, n)
	if err != nil {
		return nil, fmt.Errorf("read grants: %w", err)
	}
	defer rs.Close()
	grants := make([]time.Time, 0, n)
	for rs.Next() {
		var at int64
		if err := rs.Scan(&at); err != nil {
			return nil, fmt.Errorf("read grants: %w", err)
		}
		grants = append(grants, time.UnixMicro(at))
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("read grants: %w", err)
	}
	return grants, nil
}
