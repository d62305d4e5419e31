package comments

import (
	"testing"

	"github.com/pipewright/pipewright/app/strategy"
)

// BenchmarkDecideAndReply is the CPU cost of one /decide comment in the
// pure core: parse, apply, render the reply (decision record, the next
// category's table, progress). GitHub round trips dwarf it; it is here to
// keep it that way.
func BenchmarkDecideAndReply(b *testing.B) {
	env := envOf(b, docFull)
	s := session(b, env, "/start")
	r := English()
	body := "/decide canary -- We already watch error rate and latency per version."
	b.ReportAllocs()
	for b.Loop() {
		var cmds []strategy.Command
		for _, c := range Parse(body) {
			cmds = append(cmds, c.Engine("d", "dana", t0))
		}
		next, effects := strategy.ApplyAll(s, cmds, env)
		for _, e := range effects {
			if reply, ok := e.(strategy.Reply); ok {
				_ = r.Reply(&next, reply.Messages)
			}
		}
	}
}

// BenchmarkSection renders the whole saved section with its diagram.
func BenchmarkSection(b *testing.B) {
	s := session(b, envOf(b, docFull), setCanary...)
	r := English()
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Section(&s)
	}
}
