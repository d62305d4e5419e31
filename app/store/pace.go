package store

import (
	"context"
	"fmt"
	"time"
)

// PaceLimits are per-installation budgets: so many requests a minute and an
// hour, with bursts of so many at once.
type PaceLimits struct {
	PerMinute, MinuteBurst int
	PerHour, HourBurst     int
}

// reservePaceSQL is the generic cell rate algorithm for two budgets in one
// statement: each budget keeps a theoretical arrival time (TAT), pushed one
// emission interval ($2, $3, in µs) further by every reservation; the
// request may go once the clock reaches that time minus the interval and
// the burst tolerance. The database's clock serves every replica, and the
// row lock of the upsert orders their reservations.
const reservePaceSQL = `WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS t)
INSERT INTO pw_pace AS p (pace_key, tat_minute, tat_hour)
SELECT $1, now.t + $2, now.t + $3 FROM now
ON CONFLICT (pace_key) DO UPDATE SET
    tat_minute = GREATEST(p.tat_minute, (SELECT t FROM now)) + $2,
    tat_hour   = GREATEST(p.tat_hour, (SELECT t FROM now)) + $3
RETURNING tat_minute, tat_hour, (SELECT t FROM now)`

// ReservePace reserves the next slot of key's budgets across every replica
// sharing this PostgreSQL database and says how long to wait for it. The
// slot is taken even if the caller then gives up: pacing errs on the side
// of fewer requests. On SQLite, whose single process paces by itself, it
// reserves nothing and returns 0.
func (s *Store) ReservePace(ctx context.Context, key string, l PaceLimits) (time.Duration, error) {
	if s.pool == nil {
		return 0, nil
	}
	if l.PerMinute <= 0 || l.PerHour <= 0 {
		return 0, fmt.Errorf("reserve pace for %s: limits %+v must be positive", key, l)
	}
	minute, hour := time.Minute.Microseconds()/int64(l.PerMinute), time.Hour.Microseconds()/int64(l.PerHour)
	var tatMinute, tatHour, now int64
	if err := s.pool.QueryRow(ctx, reservePaceSQL, key, minute, hour).Scan(&tatMinute, &tatHour, &now); err != nil {
		return 0, fmt.Errorf("reserve pace for %s: %w", key, err)
	}
	wait := max(
		tatMinute-minute-int64(max(l.MinuteBurst-1, 0))*minute-now,
		tatHour-hour-int64(max(l.HourBurst-1, 0))*hour-now,
		0,
	)
	return time.Duration(wait) * time.Microsecond, nil
}
