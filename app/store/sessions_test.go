package store_test

import (
	"testing"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

func TestSessionRoundTripAndConflicts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		ctx := ctxT(t)

		_, _, err := st.LoadSession(ctx, "o/r#1")
		wantErr(t, err, store.ErrNotFound)

		v1, err := st.SaveSession(ctx, "o/r#1", []byte(`{"stage":1}`), 0)
		must(t, err)
		if v1 != 1 {
			t.Fatalf("first version = %d, want 1", v1)
		}
		_, err = st.SaveSession(ctx, "o/r#1", []byte(`{}`), 0)
		wantErr(t, err, store.ErrConflict) // create when it exists

		v2, err := st.SaveSession(ctx, "o/r#1", []byte(`{"stage":2}`), v1)
		must(t, err)
		_, err = st.SaveSession(ctx, "o/r#1", []byte(`{"stage":"stale"}`), v1)
		wantErr(t, err, store.ErrConflict) // stale writer loses

		data, v, err := st.LoadSession(ctx, "o/r#1")
		must(t, err)
		if string(data) != `{"stage":2}` || v != v2 {
			t.Fatalf("loaded %s@%d, want {\"stage\":2}@%d", data, v, v2)
		}

		_, err = st.SaveSession(ctx, "o/r#2", nil, 7)
		wantErr(t, err, store.ErrConflict) // update of a missing session

		must(t, st.DeleteSession(ctx, "o/r#1"))
		must(t, st.DeleteSession(ctx, "o/r#1")) // idempotent
		_, _, err = st.LoadSession(ctx, "o/r#1")
		wantErr(t, err, store.ErrNotFound)
	})
}

func TestOpenMigratesIdempotently(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		ctx := ctxT(t)
		must(t, st.Migrate(ctx))
		must(t, st.Ping(ctx))
		again := openStore(t, dsn) // a second replica starting on a migrated database
		must(t, again.Ping(ctx))
		if st.Dialect() != again.Dialect() {
			t.Fatalf("dialects differ: %s vs %s", st.Dialect(), again.Dialect())
		}
	})
}
