package handlers

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

func TestOnceEach(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string // the raw lines kept
	}{
		{"repeats answered once, where last", "/help\n/status\n/HELP\n/status", []string{"/HELP", "/status"}},
		{"arguments count", "/status\n/help x\n/help", []string{"/status", "/help x", "/help"}},
		{"unknown words too", "/foo\n/foo\n/bar", []string{"/foo", "/bar"}},
		{"changes all stay", "/decide canary\n/decide blue-green\n/decide canary", []string{"/decide canary", "/decide blue-green", "/decide canary"}},
		{"status after a decision stays after it", "/status\n/decide canary\n/status", []string{"/decide canary", "/status"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, c := range onceEach(comments.Parse(tc.body)) {
				got = append(got, c.Raw)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("onceEach(%q) = %q, want %q", tc.body, got, tc.want)
			}
		})
	}
}

func TestQuietBudget(t *testing.T) {
	var r sessionRecord
	t0 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	for i := range QuietReplies {
		if r.quietSpent("Mallory", t0.Add(time.Duration(i)*time.Minute)) {
			t.Fatalf("spent after %d answers", i)
		}
		r.countQuiet("mallory", t0.Add(time.Duration(i)*time.Minute))
	}
	if !r.quietSpent("MALLORY", t0.Add(30*time.Minute)) {
		t.Error("not spent after QuietReplies answers within the window")
	}
	if r.quietSpent("rita", t0.Add(30*time.Minute)) {
		t.Error("someone else's answers counted against rita")
	}
	if r.quietSpent("mallory", t0.Add(QuietWindow)) {
		t.Error("still spent once the first answer left the window")
	}
	// Old answers are forgotten, and the record keeps at most the budget.
	r.countQuiet("rita", t0.Add(3*QuietWindow))
	if _, ok := r.Quiet["mallory"]; ok || len(r.Quiet["rita"]) != 1 {
		t.Errorf("old answers kept: %v", r.Quiet)
	}
	for i := range 3 * QuietReplies {
		r.countQuiet("rita", t0.Add(3*QuietWindow+time.Duration(i)*time.Second))
	}
	if n := len(r.Quiet["rita"]); n != QuietReplies {
		t.Errorf("%d answers kept for rita, want at most %d", n, QuietReplies)
	}
}

func TestNotRunNotice(t *testing.T) {
	cmds := comments.Parse(strings.Repeat("/decide canary -- `x` @team\n", 8))
	m := notRunNotice(cmds)
	text := comments.English().Reply(&strategy.Session{}, []strategy.Message{m})
	for _, w := range []string{"8 more commands in this comment were not run", "at most 25 commands", "…"} {
		if !strings.Contains(text, w) {
			t.Errorf("notice lacks %q: %s", w, text)
		}
	}
	if strings.Contains(text, "@team") || strings.Count(text, "/decide canary") != listedNotRun {
		t.Errorf("notice pings or lists other than %d commands: %s", listedNotRun, text)
	}
}

// TestBudgetDocumented: the numbers in the commands reference are these.
func TestBudgetDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/commands.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{fmt.Sprintf("at most %d commands per comment", MaxCommandsPerComment), fmt.Sprintf("at most %d answers per thread in an hour", QuietReplies)} {
		if !strings.Contains(string(doc), w) || QuietWindow != time.Hour {
			t.Errorf("docs/commands.md does not say %q", w)
		}
	}
}
