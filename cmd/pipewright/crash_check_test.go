package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/strategy"
)

// storedSession is what handlers keep per session (the engine's session
// and, per comment, how often each command line ran).
type storedSession struct {
	Engine strategy.Session          `json:"engine"`
	Ran    map[string]map[string]int `json:"ran"`
}

// checkStore reads the store the stopped server left behind and checks
// every session: each command applied exactly once, in comment order, every
// delivery stored once and processed, every effect done.
func checkStore(t *testing.T, st *store.Store, sessions []*crashSession) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	backlog, sessionless, err := st.Backlog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(backlog)+len(sessionless) != 0 {
		t.Errorf("work left after the graceful stop: sessions %v, sessionless items %v", backlog, sessionless)
	}
	total := 0
	for _, s := range sessions {
		total += len(s.Deliveries)
		data, _, err := st.LoadSession(ctx, s.Key)
		if err != nil {
			t.Errorf("%s: %v", s.Key, err)
			continue
		}
		var got storedSession
		if err := json.Unmarshal(data, &got); err != nil {
			t.Errorf("%s: decode session: %v", s.Key, err)
			continue
		}
		checkHistory(t, s, got)
		for comment, ran := range got.Ran {
			for cmd, n := range ran {
				if n != 1 {
					t.Errorf("%s: comment %s: %q ran %d times", s.Key, comment, cmd, n)
				}
			}
		}
		if len(got.Ran) != len(s.Deliveries) {
			t.Errorf("%s: commands recorded for %d comments, want %d", s.Key, len(got.Ran), len(s.Deliveries))
		}
		rows := countRows(t, st, `SELECT COUNT(*) FROM pw_inbox WHERE session_key = $1`, s.Key)
		done := countRows(t, st, `SELECT COUNT(*) FROM pw_inbox WHERE session_key = $1 AND processed_at IS NOT NULL`, s.Key)
		effects := countRows(t, st, `SELECT COUNT(*) FROM pw_effect WHERE session_key = $1 AND done_at IS NOT NULL`, s.Key)
		if rows != len(s.Deliveries) || done != rows || effects != rows {
			t.Errorf("%s: %d inbox rows (%d processed) and %d effects done, want %d of each", s.Key, rows, done, effects, len(s.Deliveries))
		}
	}
	if n := countRows(t, st, `SELECT COUNT(*) FROM pw_inbox`); n != total {
		t.Errorf("%d deliveries recorded, want %d (each once)", n, total)
	}
}

// checkHistory compares the session's audit trail with the script: the
// same actions by the same people, each once, in comment order.
func checkHistory(t *testing.T, s *crashSession, got storedSession) {
	t.Helper()
	var want, have []string
	for _, d := range s.Deliveries {
		for _, a := range strings.Split(d.Action, "|") {
			want = append(want, d.User+": "+a)
		}
	}
	for _, h := range got.Engine.History {
		action := h.Action
		if strings.HasPrefix(action, "save ") {
			if !strings.Contains(action, "/commit/") {
				t.Errorf("%s: save recorded without its commit: %q", s.Key, action)
			}
			action = "save"
		}
		have = append(have, h.By+": "+action)
	}
	if fmt.Sprint(have) != fmt.Sprint(want) {
		t.Errorf("%s: history\n got %q\nwant %q", s.Key, have, want)
	}
	if got.Engine.Phase != strategy.PhaseSaved || len(got.Engine.Decisions) != 6 || len(got.Engine.Targets) != 4 {
		t.Errorf("%s: phase %q with %d decisions and %d targets, want saved, 6 and 4",
			s.Key, got.Engine.Phase, len(got.Engine.Decisions), len(got.Engine.Targets))
	}
}

// countRows runs a COUNT query on either database.
func countRows(t *testing.T, st *store.Store, q string, args ...any) int {
	t.Helper()
	var n int
	var err error
	if db := st.SQLDB(); db != nil {
		err = db.QueryRow(q, args...).Scan(&n)
	} else {
		err = st.PGXPool().QueryRow(context.Background(), q, args...).Scan(&n)
	}
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}
