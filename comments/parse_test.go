package comments

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// parseCase is one table row: a body and the commands it must give. Raw is
// left out of want and checked against the body's line instead.
type parseCase struct {
	name string
	body string
	want []Command
}

// runParseCases checks each case and, on every body, the fuzz invariants.
func runParseCases(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse(tc.body)
			checkInvariants(t, tc.body, got)
			for i := range got {
				got[i].Raw = ""
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse(%q)\n got %s\nwant %s", tc.body, show(got), show(tc.want))
			}
		})
	}
}

func show(cmds []Command) string {
	var b strings.Builder
	for _, c := range cmds {
		b.WriteString("\n  ")
		b.WriteString(strings.ReplaceAll(fmt.Sprintf("%+v", c), "\n", `\n`))
	}
	return b.String()
}

// cmd builds the expected command for a line with no rationale or fields.
func cmd(line int, verb Verb, args ...string) Command {
	c := Command{Verb: verb, Known: verb.IsKnown(), Line: line, Rest: strings.Join(args, " ")}
	if len(args) > 0 {
		c.Args = args
	}
	return c
}

// why adds a rationale to an expected command.
func why(c Command, rationale string) Command { c.Rationale = rationale; return c }

// with adds fields to an expected command.
func with(c Command, kv ...string) Command {
	for i := 0; i+1 < len(kv); i += 2 {
		c.Fields = append(c.Fields, Field{Key: kv[i], Value: kv[i+1]})
	}
	return c
}

func TestParseVerbs(t *testing.T) {
	runParseCases(t, []parseCase{
		{"start", "/start", []Command{cmd(1, VerbStart)}},
		{"decide option", "/decide canary", []Command{cmd(1, VerbDecide, "canary")}},
		{"decide category option", "/decide rollback hybrid", []Command{cmd(1, VerbDecide, "rollback", "hybrid")}},
		{"decide number", "/decide 2", []Command{cmd(1, VerbDecide, "2")}},
		{"target", "/target lead-time less than one day",
			[]Command{cmd(1, VerbTarget, "lead-time", "less", "than", "one", "day")}},
		{"skip", "/skip", []Command{cmd(1, VerbSkip)}},
		{"status", "/status", []Command{cmd(1, VerbStatus)}},
		{"help", "/help", []Command{cmd(1, VerbHelp)}},
		{"menu bare", "/menu", []Command{cmd(1, VerbMenu)}},
		{"menu choice keeps case", "/menu C", []Command{cmd(1, VerbMenu, "C")}},
		{"menu lower", "/menu a", []Command{cmd(1, VerbMenu, "a")}},
		{"accept", "/accept", []Command{cmd(1, VerbAccept)}},
		{"reject", "/reject", []Command{cmd(1, VerbReject)}},
		{"cancel", "/cancel", []Command{cmd(1, VerbCancel)}},
		{"elicit", "/elicit 3", []Command{cmd(1, VerbElicit, "3")}},
		{"upper case verb", "/DECIDE canary", []Command{cmd(1, VerbDecide, "canary")}},
		{"title case verb", "/Decide Canary", []Command{cmd(1, VerbDecide, "Canary")}},
		{"mixed case verb", "/sTaTuS", []Command{cmd(1, VerbStatus)}},
		{"aliases pass through", "/decide blue green", []Command{cmd(1, VerbDecide, "blue", "green")}},
		{"hyphenated option", "/decide blue-green", []Command{cmd(1, VerbDecide, "blue-green")}},
		{"a/b testing", "/decide A/B", []Command{cmd(1, VerbDecide, "A/B")}},
		{"number with category", "/decide flags 3", []Command{cmd(1, VerbDecide, "flags", "3")}},
		{"up to 3 spaces", "   /status", []Command{cmd(1, VerbStatus)}},
		{"trailing spaces", "/status   ", []Command{cmd(1, VerbStatus)}},
	})
}

func TestParseRest(t *testing.T) {
	rest := func(c Command, rest string) Command { c.Rest = rest; return c }
	runParseCases(t, []parseCase{
		{"inner spacing kept in Rest", "/target  mttr   under 1h ",
			[]Command{rest(cmd(1, VerbTarget, "mttr", "under", "1h"), "mttr   under 1h")}},
		{"rationale", "/decide canary -- we have good metrics",
			[]Command{why(cmd(1, VerbDecide, "canary"), "we have good metrics")}},
		{"em dash", "/decide canary — we have good metrics",
			[]Command{why(cmd(1, VerbDecide, "canary"), "we have good metrics")}},
		{"only first separator splits", "/decide canary -- a -- b",
			[]Command{why(cmd(1, VerbDecide, "canary"), "a -- b")}},
		{"trailing separator", "/decide canary --", []Command{cmd(1, VerbDecide, "canary")}},
		{"trailing separator and spaces", "/decide canary --   ", []Command{cmd(1, VerbDecide, "canary")}},
		{"separator right after verb", "/skip -- one region only",
			[]Command{why(cmd(1, VerbSkip), "one region only")}},
		{"bare separator", "/skip --", []Command{cmd(1, VerbSkip)}},
		{"tab around separator", "/decide canary\t--\tmetrics",
			[]Command{why(cmd(1, VerbDecide, "canary"), "metrics")}},
		{"glued double hyphen is an arg", "/decide canary --fast",
			[]Command{cmd(1, VerbDecide, "canary", "--fast")}},
		{"glued em dash is an arg", "/decide blue—green", []Command{cmd(1, VerbDecide, "blue—green")}},
		{"triple hyphen is an arg", "/decide canary --- x", []Command{cmd(1, VerbDecide, "canary", "---", "x")}},
		{"hyphen inside metric", "/target change-failure-rate below 5% -- industry elite",
			[]Command{why(cmd(1, VerbTarget, "change-failure-rate", "below", "5%"), "industry elite")}},
	})
}

func TestParseUnknownAndNonCommands(t *testing.T) {
	unknown := func(line int, verb Verb, args ...string) Command {
		c := cmd(line, verb, args...)
		c.Known = false
		return c
	}
	runParseCases(t, []parseCase{
		{"empty body", "", nil},
		{"blank body", " \n\t\n", nil},
		{"plain prose", "LGTM, ship it", nil},
		{"unknown verb", "/deploy now", []Command{unknown(1, "deploy", "now")}},
		{"unknown verb lower-cased", "/LGTM", []Command{unknown(1, "lgtm")}},
		{"path", "/usr/bin/foo", nil},
		{"slash space number", "/ 5", nil},
		{"lone slash", "/", nil},
		{"verb with digit", "/decide2 canary", nil},
		{"verb with punctuation", "/decide, canary", nil},
		{"verb glued to separator", "/decide--x", nil},
		{"non-ASCII verb", "/décide canary", nil},
		{"slash mid-line", "please /decide canary", nil},
		{"list item", "- /decide canary", nil},
		{"heading", "# /decide canary", nil},
		{"emphasis", "*/decide canary*", nil},
		{"double slash", "//decide canary", nil},
		{"url", "https://example.com/decide", nil},
	})
}

func TestParseLineNumbers(t *testing.T) {
	runParseCases(t, []parseCase{
		{"after prose", "Thanks all.\n\n/decide canary", []Command{cmd(3, VerbDecide, "canary")}},
		{"trailing newline", "/status\n", []Command{cmd(1, VerbStatus)}},
		{"leading newlines", "\n\n\n/status", []Command{cmd(4, VerbStatus)}},
	})
}
