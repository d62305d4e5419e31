package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// LoadSession returns a session's data and version, or ErrNotFound.
func (s *Store) LoadSession(ctx context.Context, key string) ([]byte, int64, error) {
	return loadSession(ctx, s.q, key)
}

func loadSession(ctx context.Context, q querier, key string) ([]byte, int64, error) {
	var (
		data    []byte
		version int64
	)
	err := q.queryRow(ctx, `SELECT data, version FROM pw_session WHERE session_key = $1`, key).Scan(&data, &version)
	switch {
	case errors.Is(err, errNoRows):
		return nil, 0, fmt.Errorf("load session %q: %w", key, ErrNotFound)
	case err != nil:
		return nil, 0, fmt.Errorf("load session %q: %w", key, err)
	}
	return data, version, nil
}

// SaveSession writes data if the stored version still equals expectedVersion
// (0 means "create; must not exist yet") and returns the new version. It
// returns ErrConflict when someone else saved in between: reload and retry.
func (s *Store) SaveSession(ctx context.Context, key string, data []byte, expectedVersion int64) (int64, error) {
	v, err := saveSession(ctx, s.q, key, data, expectedVersion)
	if err != nil {
		return 0, fmt.Errorf("save session %q at version %d: %w", key, expectedVersion, err)
	}
	return v, nil
}

func saveSession(ctx context.Context, q querier, key string, data []byte, expectedVersion int64) (int64, error) {
	if key == "" {
		return 0, errors.New("empty session key")
	}
	if data == nil {
		data = []byte{} // NOT NULL column; nil would bind as NULL
	}
	now := time.Now().UnixMicro()
	var (
		n   int64
		err error
	)
	if expectedVersion == 0 {
		n, err = q.exec(ctx, `INSERT INTO pw_session (session_key, data, version, updated_at)
			VALUES ($1, $2, 1, $3) ON CONFLICT (session_key) DO NOTHING`, key, data, now)
	} else {
		n, err = q.exec(ctx, `UPDATE pw_session SET data = $1, version = version + 1, updated_at = $2
			WHERE session_key = $3 AND version = $4`, data, now, key, expectedVersion)
	}
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, ErrConflict
	}
	return expectedVersion + 1, nil
}

// DeleteSession removes a session; deleting a missing one is not an error.
// Its inbox history and effects stay, so redeliveries are still recognised.
func (s *Store) DeleteSession(ctx context.Context, key string) error {
	if _, err := s.q.exec(ctx, `DELETE FROM pw_session WHERE session_key = $1`, key); err != nil {
		return fmt.Errorf("delete session %q: %w", key, err)
	}
	return nil
}
