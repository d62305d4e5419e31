package comments

import "testing"

// Comment bodies arrive with CRLF line endings from the browser and with
// whatever invisible characters copy-paste brought along.
func TestParseWhitespaceAndUnicode(t *testing.T) {
	canary := cmd(1, VerbDecide, "canary")
	runParseCases(t, []parseCase{
		{"crlf", "/decide canary -- metrics\r\nTriggers: errors\r\nmore\r\n\r\n/status\r\n", []Command{
			with(why(canary, "metrics\nmore"), "Triggers", "errors"), cmd(5, VerbStatus)}},
		{"lone cr is a space", "/decide canary\rblue", []Command{func() Command {
			c := cmd(1, VerbDecide, "canary", "blue")
			c.Rest = "canary\rblue"
			return c
		}()}},
		{"tabs between words", "/decide\tcanary\t--\tmetrics", []Command{why(canary, "metrics")}},
		{"nbsp after verb", "/decide\u00a0canary", []Command{canary}},
		{"nbsp around separator", "/decide canary\u00a0--\u00a0metrics", []Command{why(canary, "metrics")}},
		{"zero-width space after verb", "/decide\u200bcanary", []Command{canary}},
		{"byte-order mark at the start", "\ufeff/decide canary", []Command{canary}},
		{"zero-width at word ends trimmed", "/decide \u200dcanary\u200c", []Command{canary}},
		{"joiner inside a word kept", "/decide 👩\u200d💻", []Command{cmd(1, VerbDecide, "👩\u200d💻")}},
		{"ideographic space", "/decide\u3000canary", []Command{canary}},
		{"unicode rationale", "/decide canary — 因为我们有好的指标 ✅", []Command{why(canary, "因为我们有好的指标 ✅")}},
		{"invalid utf-8 in args", "/decide \xff\xfe", []Command{cmd(1, VerbDecide, "\xff\xfe")}},
		{"invalid utf-8 after verb", "/decide\xff", nil},
		{"nul bytes", "/decide canary\x00", []Command{cmd(1, VerbDecide, "canary\x00")}},
		{"only newlines", "\n\n\r\n", nil},
	})
}

func TestParseCommandRaw(t *testing.T) {
	body := "intro\r\n  /Decide  Canary -- metrics  <!-- x -->\r\n"
	got := Parse(body)
	if len(got) != 1 {
		t.Fatalf("Parse gave %d commands, want 1", len(got))
	}
	if want := "  /Decide  Canary -- metrics  <!-- x -->"; got[0].Raw != want {
		t.Errorf("Raw = %q, want %q (the line as written, without its ending)", got[0].Raw, want)
	}
	if got[0].Line != 2 || got[0].Rest != "Canary" || got[0].Rationale != "metrics" {
		t.Errorf("got %+v", got[0])
	}
}

// A large body must not be quadratic anywhere; this also guards the code
// span matcher against a line of many unmatched backtick runs.
func TestParseLargeBodies(t *testing.T) {
	for name, body := range benchBodies() {
		t.Run(name, func(t *testing.T) {
			checkInvariants(t, body, Parse(body))
		})
	}
}
