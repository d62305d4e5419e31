package comments

import "testing"

func TestParseFencedCode(t *testing.T) {
	after := func(line int) []Command { return []Command{cmd(line, VerbStatus)} }
	runParseCases(t, []parseCase{
		{"backticks", "```\n/decide canary\n```\n/status", after(4)},
		{"tildes", "~~~\n/decide canary\n~~~\n/status", after(4)},
		{"info string", "```yaml\n/decide canary\n```\n/status", after(4)},
		{"tilde info string may hold backticks", "~~~ a`b\n/decide canary\n~~~\n/status", after(4)},
		{"backtick info string with backtick is inline code", "```a`b\n/status", after(2)},
		{"longer fence needs a closing as long", "````\n```\n/decide canary\n````\n/status", after(5)},
		{"closing may be longer", "```\n/decide canary\n`````\n/status", after(4)},
		{"other char does not close", "```\n~~~\n/decide canary\n```\n/status", after(5)},
		{"closing with text is not a closing", "```\n``` no\n/decide canary\n```\n/status", after(5)},
		{"unclosed runs to the end", "/status\n```\n/decide canary\n/start", after(1)},
		{"indented up to 3", "   ```\n/decide canary\n   ```\n/status", after(4)},
		{"closing indented up to 3", "```\n/decide x\n   ```\n/status", after(4)},
		{"closing indented 4 does not close", "```\n    ```\n/decide x\n```\n/status", after(5)},
		{"fence indented 4 is not a fence", "    ```\n/status", after(2)},
		{"two backticks are not a fence", "``\n/status", after(2)},
		{"fence in a list item", "- ```\n  /decide x\n  ```\n/status", after(4)},
		{"fence in an ordered list item", "1. ~~~\n   /decide x\n   ~~~\n/status", after(4)},
		{"fence in a nested list item", "- a\n  - ```\n    /decide x\n    ```\n/status", after(5)},
		{"fenced lines are not rationale", "/decide canary -- why\n```\nTriggers: x\nmore\n```\nafter",
			[]Command{why(cmd(1, VerbDecide, "canary"), "why\nafter")}},
		{"crlf fences", "```\r\n/decide x\r\n```\r\n/status\r\n", after(4)},
	})
}

func TestParseQuotes(t *testing.T) {
	runParseCases(t, []parseCase{
		{"quoted", "> /decide canary\n\n/status", []Command{cmd(3, VerbStatus)}},
		{"no space after marker", ">/decide canary", nil},
		{"nested", "> > /decide canary", nil},
		{"indented marker", "   > /decide canary", nil},
		{"quoted lines are not rationale", "/decide canary -- mine\n> Triggers: theirs\n> /start\n\nmore",
			[]Command{why(cmd(1, VerbDecide, "canary"), "mine\n\nmore")}},
		{"quoted fence does not open a fence", "> ```\n/status", []Command{cmd(2, VerbStatus)}},
		{"command after a quote reply", "> Should we use canary?\n\n/decide canary -- yes",
			[]Command{why(cmd(3, VerbDecide, "canary"), "yes")}},
		{"marker indented 4 is prose", "/decide canary\n    > not a quote",
			[]Command{why(cmd(1, VerbDecide, "canary"), "> not a quote")}},
	})
}

// TestParseLazyQuotes: a line right under a quoted paragraph, with no ">"
// and no blank line between, is shown inside the quote (CommonMark lazy
// continuation), so it is not the commenter's own words.
func TestParseLazyQuotes(t *testing.T) {
	status := func(line int) []Command { return []Command{cmd(line, VerbStatus)} }
	runParseCases(t, []parseCase{
		{"lazy line", "> quoted\n/decide canary", nil},
		{"lazy after a quoted command", "> /decide canary\n/status", nil},
		{"lazy run", "> quoted\nmore\n/decide canary\n/start", nil},
		{"nested quote", "> > quoted\n/decide canary", nil},
		{"quote in a list item", "- > quoted\n/decide canary", nil},
		{"indented quote", "   > quoted\n/decide canary", nil},
		{"indented code continues", "> quoted\n    code\n/decide canary", nil},
		{"lazy lines are not rationale", "/decide canary -- mine\n> theirs\nTriggers: theirs too\n\nmine again",
			[]Command{why(cmd(1, VerbDecide, "canary"), "mine\n\nmine again")}},
		{"blank line ends the quote", "> quoted\n\n/status", status(3)},
		{"heading ends the quote", "> quoted\n# Title\n/status", status(3)},
		{"thematic break ends the quote", "> quoted\n---\n/status", status(3)},
		{"fence ends the quote", "> quoted\n```\n/decide x\n```\n/status", status(5)},
		{"list item ends the quote", "> quoted\n- item\n\n/status", status(4)},
		{"html comment ends the quote", "> quoted\n<!-- x -->\n/status", status(3)},
		{"empty quote line ends the paragraph", "> quoted\n>\n/status", status(3)},
		{"quoted heading leaves no paragraph", "> # Title\n/status", status(2)},
		{"quoted break leaves no paragraph", "> ***\n/status", status(2)},
		{"quoted setext heading closes the paragraph", "> quoted\n> ===\n/status", status(3)},
		{"quoted comment opening ends with the quote", "> <!-- x -->\n/status", status(2)},
		{"ordered item 2 does not interrupt", "> quoted\n2. x\n/decide canary", nil},
		{"ordered item 1 interrupts", "> quoted\n1. x\n\n/status", status(4)},
		{"crlf", "> quoted\r\n/decide canary\r\n", nil},
	})
}

func TestParseHTMLComments(t *testing.T) {
	runParseCases(t, []parseCase{
		{"one line", "<!-- /decide canary -->\n/status", []Command{cmd(2, VerbStatus)}},
		{"over lines", "<!--\n/decide canary\n-->\n/status", []Command{cmd(4, VerbStatus)}},
		{"bot marker then quoted reply", "<!-- pipewright:session=42 -->\n> /start\n", nil},
		{"unclosed hides the rest", "/status\n<!-- note\n/decide canary", []Command{cmd(1, VerbStatus)}},
		{"text after the end is not a command", "<!--\nx\n--> /decide canary", nil},
		{"command before the comment on one line", "<!-- a --> /decide canary", nil},
		{"comment inside the slash word", "/<!-- -->decide canary\n/<!-->A", nil},
		{"comment glued to the verb", "/decide<!-- x --> canary", nil},
		{"comment after the command is cut out", "/decide canary <!-- hidden --> -- why",
			[]Command{why(cmd(1, VerbDecide, "canary"), "why")}},
		{"comment opened on a command line", "/decide canary <!-- starts\n/start\n-->\nwhy",
			[]Command{why(cmd(1, VerbDecide, "canary"), "why")}},
		{"hidden lines are not rationale", "/decide canary\n<!-- Triggers: x -->\ntext <!-- y --> shown",
			[]Command{why(cmd(1, VerbDecide, "canary"), "text  shown")}},
		{"text after the end is rationale", "/decide canary\n<!--\nhidden\n--> shown",
			[]Command{why(cmd(1, VerbDecide, "canary"), "shown")}},
		{"comment-only line is no paragraph break", "/decide canary -- a\n<!-- x -->\nb",
			[]Command{why(cmd(1, VerbDecide, "canary"), "a\nb")}},
		{"empty comments", "<!---->\n<!-->\n<!--->\n/status", []Command{cmd(4, VerbStatus)}},
		{"two comments on a line", "<!-- a --> x <!-- b\n/start\n-->\n/status", []Command{cmd(4, VerbStatus)}},
		{"marker in a code span is text", "Use `<!--` to hide.\n/status", []Command{cmd(2, VerbStatus)}},
		{"longer code span", "Use ``a ` <!--`` to hide.\n/status", []Command{cmd(2, VerbStatus)}},
		{"unmatched backtick does not protect", "a ` <!-- b\n/start\n-->\n/status", []Command{cmd(4, VerbStatus)}},
		{"comment in a fence is text", "```\n<!--\n```\n/status", []Command{cmd(4, VerbStatus)}},
		{"fence in a comment is hidden", "<!--\n```\n-->\n/status", []Command{cmd(4, VerbStatus)}},
		{"quoted comment opening ends with the quote", "> <!--\n/status", []Command{cmd(2, VerbStatus)}},
	})
}

func TestParseIndentation(t *testing.T) {
	runParseCases(t, []parseCase{
		{"3 spaces", "   /status", []Command{cmd(1, VerbStatus)}},
		{"4 spaces is code", "    /status", nil},
		{"tab is code", "\t/status", nil},
		{"2 spaces and a tab is code", "  \t/status", nil},
		{"indented code is rationale, not a field", "/decide canary\n\n    Triggers: x\n    /start",
			[]Command{why(cmd(1, VerbDecide, "canary"), "Triggers: x\n/start")}},
		{"NBSP counts as a space", "\u00a0\u00a0\u00a0/status", []Command{cmd(1, VerbStatus)}},
		{"4 NBSP is code", "\u00a0\u00a0\u00a0\u00a0/status", nil},
		{"zero-width characters take no column", "\ufeff\u200b   /status", []Command{cmd(1, VerbStatus)}},
	})
}
