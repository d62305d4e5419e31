package store

import "context"

// OpenAtSchemaVersion opens dsn with only our first version migrations, as a
// database an older Pipewright left behind.
func OpenAtSchemaVersion(ctx context.Context, dsn string, version int) (*Store, error) {
	return open(ctx, dsn, migrations[:version])
}

// SchemaVersions is how many migrations this binary has.
var SchemaVersions = len(migrations)

// ExecRaw runs a statement outside any transaction, for writing rows the way
// an older version did.
func (s *Store) ExecRaw(ctx context.Context, q string, args ...any) error {
	_, err := s.q.exec(ctx, q, args...)
	return err
}

// CountRaw runs a COUNT query.
func (s *Store) CountRaw(ctx context.Context, q string, args ...any) (int64, error) {
	var n int64
	err := s.q.queryRow(ctx, q, args...).Scan(&n)
	return n, err
}
