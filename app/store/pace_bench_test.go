package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/pace"
	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// BenchmarkClaimPace is what pacing adds to each content-creating request:
// one claim on an installation whose log holds a full hour (500 grants),
// granted each time (the clock moves on past the windows).
//
//	go test -run='^$' -bench=ClaimPace -benchtime=500x ./app/store
func BenchmarkClaimPace(b *testing.B) {
	dsns := map[string]string{"sqlite": storetest.SQLite(b)}
	if os.Getenv(storetest.EnvDatabaseURL) != "" {
		dsns["postgres"] = storetest.Postgres(b)
	}
	for name, dsn := range dsns {
		b.Run(name, func(b *testing.B) {
			st, err := store.Open(context.Background(), dsn)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			ctx := context.Background()
			now := paceT0
			for range pace.GitHub.PerHour { // a full hour's log, 7.3 s apart
				if _, err := st.ClaimPace(ctx, "installation:42", now, pace.GitHub); err != nil {
					b.Fatal(err)
				}
				now = now.Add(7300 * time.Millisecond)
			}
			b.ResetTimer()
			for range b.N {
				c, err := st.ClaimPace(ctx, "installation:42", now, pace.GitHub)
				if err != nil || !c.Granted {
					b.Fatalf("claim: %+v, %v", c, err)
				}
				now = now.Add(7300 * time.Millisecond)
			}
		})
	}
}
