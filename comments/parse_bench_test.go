package comments

import (
	"strings"
	"testing"
)

// bodySize is GitHub's limit for a comment body, in characters.
const bodySize = 65536

// benchBodies are 64 KiB bodies: a realistic long discussion with commands,
// fields, fences, quotes and comments, and adversarial ones built to find
// quadratic paths (one huge line, many backtick runs, comment markers).
func benchBodies() map[string]string {
	chunk := strings.Join([]string{
		"<!-- pipewright:reply -->",
		"> Which deployment pattern fits?",
		"",
		"/decide canary -- we have good metrics and SLOs",
		"Triggers: error rate above 2% for 5 minutes",
		"Mechanism: traffic shift back to stable",
		"The canary takes 5% for ten minutes, then 25%, then all.",
		"```yaml",
		"strategy: canary  # /decide ignored here",
		"```",
		"/target lead-time less than one day",
		"Some prose with a https://example.com/link and `code` in it.",
		"",
	}, "\r\n")
	runs := make([]string, 0, 400)
	for n := 1; len(strings.Join(runs, "x")) < bodySize; n++ {
		runs = append(runs, strings.Repeat("`", n))
	}
	return map[string]string{
		"discussion":      fill(chunk),
		"one long line":   "/decide " + strings.Repeat("word ", bodySize/5),
		"commands only":   fill("/x\n"),
		"backtick runs":   "/decide x <!-- " + strings.Join(runs, "x"),
		"comment markers": fill("`<!--` x "),
		"blank lines":     "/decide canary\n" + fill("\n \n"),
		"fence openers":   fill("```\n~~~~\n"),
	}
}

// fill repeats s up to bodySize bytes.
func fill(s string) string {
	return strings.Repeat(s, bodySize/len(s)+1)[:bodySize]
}

// BenchmarkParse parses each 64 KiB body; the budget is well under a
// millisecond per body.
func BenchmarkParse(b *testing.B) {
	bodies := benchBodies()
	for _, name := range []string{"discussion", "one long line", "commands only", "backtick runs", "comment markers", "blank lines", "fence openers"} {
		body := bodies[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				Parse(body)
			}
		})
	}
}
