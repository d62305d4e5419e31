package pipelinedoc

import (
	"bytes"
	"regexp"
	"slices"

	"gopkg.in/yaml.v3"
)

// edit replaces data[at:end] with text.
type edit struct {
	at, end int
	text    string
}

// apply returns a copy of data with the edit made.
func (e edit) apply(data []byte) []byte {
	out := make([]byte, 0, len(data)+len(e.text))
	out = append(out, data[:e.at]...)
	out = append(out, e.text...)
	return append(out, data[e.end:]...)
}

// planSteps works out the one edit that adds step 4 to stepsCompleted,
// changing only the bytes of its value, so key order, quoting, comments and
// line endings elsewhere stay as the user wrote them. ok is false when the
// value is written in a form this cannot extend safely.
//
// It also returns the steps the value will then hold. A missing or empty
// value becomes [1, 2, 3, 4]: callers normally refuse such documents
// (RequireStep3), so one that gets here has done steps 1-3 regardless.
func planSteps(data []byte, fm *frontmatter, steps []int) (e edit, want []int, ok bool) {
	all := []int{1, 2, 3, 4}
	k, v := fm.lookup(stepsKey)
	if k == nil {
		line := stepsKey + ": " + formatSteps(all) + fm.eol
		return edit{fm.yamlEnd, fm.yamlEnd, line}, all, true
	}
	off, ok := fm.offset(data, v)
	if !ok || off >= fm.yamlEnd || v.Kind == yaml.AliasNode || v.Anchor != "" {
		return edit{}, nil, false // other keys may refer to this value
	}
	want = append(slices.Clone(steps), 4)
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		e, ok = planNull(data, off, v)
		return e, all, ok
	case v.Kind == yaml.SequenceNode && len(v.Content) > 0 && v.Style&yaml.FlowStyle == 0:
		e, ok = planBlock(data, fm, v)
	case v.Kind == yaml.SequenceNode && data[off] == '[':
		e, ok = planFlow(data, fm, v, off)
	}
	return e, want, ok
}

// planNull fills in "stepsCompleted:", "stepsCompleted: ~" or "null".
func planNull(data []byte, off int, v *yaml.Node) (edit, bool) {
	full := formatSteps([]int{1, 2, 3, 4})
	if v.Value == "" {
		return edit{off, off, " " + full}, true // right after the colon
	}
	if end := off + len(v.Value); end <= len(data) && string(data[off:end]) == v.Value {
		return edit{off, end, full}, true
	}
	return edit{}, false
}

// styledFour writes 4 quoted like the item it follows, so a list of "1",
// "2", "3" stays a list of strings.
func styledFour(last *yaml.Node) string {
	switch {
	case last == nil:
		return "4"
	case last.Style&yaml.DoubleQuotedStyle != 0:
		return `"4"`
	case last.Style&yaml.SingleQuotedStyle != 0:
		return "'4'"
	}
	return "4"
}

// planFlow turns "[1, 2, 3]" into "[1, 2, 3, 4]", reusing the separator
// between the last two items so "[1,2,3]" becomes "[1,2,3,4]".
func planFlow(data []byte, fm *frontmatter, v *yaml.Node, off int) (edit, bool) {
	fs, ok := scanFlowSeq(data[:fm.yamlEnd], off)
	if !ok || len(fs.items) != len(v.Content) {
		return edit{}, false
	}
	for i, item := range v.Content {
		if at, ok := fm.offset(data, item); !ok || at != fs.items[i].start {
			return edit{}, false
		}
	}
	n := len(fs.items)
	if n == 0 {
		return edit{off + 1, off + 1, "4"}, true
	}
	four := styledFour(v.Content[n-1])
	sep := ", "
	if n >= 2 {
		if s := data[fs.items[n-2].end:fs.items[n-1].start]; !bytes.ContainsAny(s, "#\r") {
			sep = string(s)
		}
	}
	if c := fs.trailingComma; c >= 0 {
		// "[1, 2, 3,]": keep the trailing comma after the new item.
		_, after, _ := bytes.Cut([]byte(sep), []byte(","))
		return edit{c + 1, c + 1, string(after) + four + ","}, true
	}
	end := fs.items[n-1].end
	return edit{end, end, sep + four}, true
}

// dashPrefixRE matches what may precede a block item on its line: the
// indentation, the "-" and the blanks after it.
var dashPrefixRE = regexp.MustCompile(`^ *- +$`)

// planBlock adds a "  - 4" line after the last item, copying that item's
// indentation and line break; comment lines after the list stay below it.
func planBlock(data []byte, fm *frontmatter, v *yaml.Node) (edit, bool) {
	last := v.Content[len(v.Content)-1]
	off, ok := fm.offset(data, last)
	if !ok || slices.ContainsFunc(v.Content, func(n *yaml.Node) bool { return n.Kind != yaml.ScalarNode }) {
		return edit{}, false
	}
	lineStart := bytes.LastIndexByte(data[:off], '\n') + 1
	prefix := data[lineStart:off]
	if !dashPrefixRE.Match(prefix) {
		return edit{}, false // "-" on another line, or tabs: too unusual to copy
	}
	dash := bytes.IndexByte(prefix, '-')
	// The item may continue on more-indented lines (a folded scalar);
	// insert after its last content line.
	_, next := lineAt(data, off)
	insertAt, eolOf := next, off
	for next < fm.yamlEnd {
		line, after := lineAt(data, next)
		t := bytes.TrimLeft(line, " ")
		content := len(bytes.TrimSpace(t)) > 0 && t[0] != '#'
		if content && len(line)-len(t) <= dash {
			break // the next key
		}
		if content {
			insertAt, eolOf = after, next
		}
		next = after
	}
	eol := "\n"
	if line, _ := lineAt(data, eolOf); bytes.HasSuffix(line, []byte("\r")) {
		eol = "\r\n"
	}
	if insertAt > fm.yamlEnd || !bytes.HasSuffix(data[:insertAt], []byte("\n")) {
		return edit{}, false
	}
	return edit{insertAt, insertAt, string(prefix) + styledFour(last) + eol}, true
}
