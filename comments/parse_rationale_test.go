package comments

import (
	"strings"
	"testing"
)

func TestParseFieldsAndRationale(t *testing.T) {
	rollback := cmd(1, VerbDecide, "rollback", "hybrid")
	runParseCases(t, []parseCase{
		{"fields under command",
			"/decide rollback hybrid\nTriggers: error rate above 2% for 5 minutes\nMechanism: traffic shift",
			[]Command{with(rollback, "Triggers", "error rate above 2% for 5 minutes", "Mechanism", "traffic shift")}},
		{"fields and rationale interleaved",
			"/decide rollback hybrid -- critical failures are automatic\nTriggers: 5xx > 2%\nSlow pages need a human.",
			[]Command{with(why(rollback, "critical failures are automatic\nSlow pages need a human."), "Triggers", "5xx > 2%")}},
		{"multi-word key with symbols",
			"/decide rollback hybrid\nRollback testing / drills: quarterly game days\nData_handling-2: expand-contract",
			[]Command{with(rollback, "Rollback testing / drills", "quarterly game days", "Data_handling-2", "expand-contract")}},
		{"key and value trimmed", "/decide rollback hybrid\n  Triggers :   p99 > 800ms  ",
			[]Command{with(rollback, "Triggers", "p99 > 800ms")}},
		{"repeated key kept in order", "/decide rollback hybrid\nTriggers: a\nTriggers: b",
			[]Command{with(rollback, "Triggers", "a", "Triggers", "b")}},
		{"value may hold colons and urls", "/decide rollback hybrid\nRunbook: https://wiki/x at 10:30",
			[]Command{with(rollback, "Runbook", "https://wiki/x at 10:30")}},
		{"unicode key", "/decide rollback hybrid\nDéclencheurs: taux d'erreur > 2 %",
			[]Command{with(rollback, "Déclencheurs", "taux d'erreur > 2 %")}},
		{"full-width colon", "/decide rollback hybrid\n触发条件：错误率高于2%",
			[]Command{with(rollback, "触发条件", "错误率高于2%")}},
		{"French no-break space before the colon", "/decide rollback hybrid\nDéclencheurs\u00a0: taux d'erreur > 2\u00a0%\nMécanisme\u202f: redéploiement",
			[]Command{with(rollback, "Déclencheurs", "taux d'erreur > 2\u00a0%", "Mécanisme", "redéploiement")}},
		{"url is not a field", "/decide canary\nhttps://example.com/runbook",
			[]Command{why(cmd(1, VerbDecide, "canary"), "https://example.com/runbook")}},
		{"no space after colon", "/decide canary\nNote:see above",
			[]Command{why(cmd(1, VerbDecide, "canary"), "Note:see above")}},
		{"empty value", "/decide canary\nTriggers:",
			[]Command{why(cmd(1, VerbDecide, "canary"), "Triggers:")}},
		{"key starting with digit", "/decide canary\n2nd: later",
			[]Command{why(cmd(1, VerbDecide, "canary"), "2nd: later")}},
		{"key with punctuation", "/decide canary\nWhy (short): metrics",
			[]Command{why(cmd(1, VerbDecide, "canary"), "Why (short): metrics")}},
		{"list bullet is prose", "/decide canary\n- Triggers: errors",
			[]Command{why(cmd(1, VerbDecide, "canary"), "- Triggers: errors")}},
		{"key of 40 runes", "/decide canary\n" + strings.Repeat("k", 40) + ": v",
			[]Command{with(cmd(1, VerbDecide, "canary"), strings.Repeat("k", 40), "v")}},
		{"key of 41 runes is prose", "/decide canary\n" + strings.Repeat("k", 41) + ": v",
			[]Command{why(cmd(1, VerbDecide, "canary"), strings.Repeat("k", 41)+": v")}},
		{"field before any command is ignored", "Triggers: x\n/decide canary",
			[]Command{cmd(2, VerbDecide, "canary")}},
	})
}

func TestParseMultiLineRationale(t *testing.T) {
	canary := cmd(1, VerbDecide, "canary")
	runParseCases(t, []parseCase{
		{"lines joined", "/decide canary\nwe have good metrics\nand SLOs",
			[]Command{why(canary, "we have good metrics\nand SLOs")}},
		{"inline then lines", "/decide canary -- metrics\nand SLOs",
			[]Command{why(canary, "metrics\nand SLOs")}},
		{"paragraph break kept once", "/decide canary -- one\n\n\n\ntwo",
			[]Command{why(canary, "one\n\ntwo")}},
		{"blank lines trimmed at ends", "/decide canary\n\n\none\n\n",
			[]Command{why(canary, "one")}},
		{"lines trimmed", "/decide canary\n   indented a little   \n",
			[]Command{why(canary, "indented a little")}},
		{"field between paragraphs", "/decide canary -- one\n\nTriggers: x\ntwo",
			[]Command{with(why(canary, "one\n\ntwo"), "Triggers", "x")}},
		{"non-command slash line is prose", "/decide canary\n/usr/bin/deploy runs it",
			[]Command{why(canary, "/usr/bin/deploy runs it")}},
		{"text before the first command ignored", "Great discussion!\nWe agreed:\n\n/decide canary",
			[]Command{cmd(4, VerbDecide, "canary")}},
	})
}

func TestParseSeveralCommands(t *testing.T) {
	runParseCases(t, []parseCase{
		{"in order", "/decide canary\n/decide flags unleash\n/status", []Command{
			cmd(1, VerbDecide, "canary"), cmd(2, VerbDecide, "flags", "unleash"), cmd(3, VerbStatus)}},
		{"each keeps its own lines",
			"/decide canary -- metrics\nsecond line\n\n/decide rollback hybrid\nTriggers: errors\n/menu C",
			[]Command{
				why(cmd(1, VerbDecide, "canary"), "metrics\nsecond line"),
				with(cmd(4, VerbDecide, "rollback", "hybrid"), "Triggers", "errors"),
				cmd(6, VerbMenu, "C"),
			}},
		{"unknown verb ends the previous command", "/decide canary\n/cc @alice\nthanks",
			[]Command{cmd(1, VerbDecide, "canary"), why(Command{Verb: "cc", Args: []string{"@alice"}, Rest: "@alice", Line: 2}, "thanks")}},
		{"same command twice", "/skip\n/skip", []Command{cmd(1, VerbSkip), cmd(2, VerbSkip)}},
	})
}

func TestCommandFieldValue(t *testing.T) {
	c := Parse("/decide rollback hybrid\nRollback Criteria: 5xx > 2%\nrollback criteria: ignored")[0]
	if v, ok := c.FieldValue("  rollback CRITERIA "); !ok || v != "5xx > 2%" {
		t.Errorf("FieldValue = %q, %v; want the first match", v, ok)
	}
	if v, ok := c.FieldValue("Mechanism"); ok || v != "" {
		t.Errorf("FieldValue(missing) = %q, %v", v, ok)
	}
}
