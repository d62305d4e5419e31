package localrun

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/strategy"
)

// A line that makes the core panic is reported as an internal error, with
// its stack in the log, and the next line is still read and answered.
func TestPanicOnALineIsReportedAndTheRunGoesOn(t *testing.T) {
	e := newEnv(t, fixture(t))
	var out, log bytes.Buffer
	r := e.runner(e.store, day1, &out)
	r.Log = &log
	r.Engine = func(s strategy.Session, c strategy.Command, env strategy.Env) (strategy.Session, []strategy.Effect) {
		if c.Rest == "rolling" {
			panic("a bug")
		}
		return strategy.Apply(s, c, env)
	}
	in := strings.NewReader("/decide canary\n/decide rolling\n/status\n")
	if err := r.Run(context.Background(), in); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	got := out.String()
	if !strings.Contains(got, "Pipewright hit an internal error on this line") {
		t.Errorf("no internal-error line:\n%s", got)
	}
	if !strings.Contains(got, "- ✅ Deployment Pattern: Canary Deployment") {
		t.Errorf("/status after the failing line did not answer with what the session holds:\n%s", got)
	}
	if !strings.Contains(log.String(), "internal error: a bug") || !strings.Contains(log.String(), "goroutine") {
		t.Errorf("the log lacks the panic and its stack:\n%s", log.String())
	}
}
