package pipelinedoc

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// yaml.v3 reports positions as (line, column) counted in characters, and it
// treats \r, NEL, LS and PS as line breaks too, while editors count "\n".
// Splicing needs byte offsets and messages need editor lines, so positions
// are converted here, following the YAML scanner's rules exactly.

// yamlBreakLen returns the byte length of the line break starting at
// src[i] as YAML sees it, or 0 if there is none.
func yamlBreakLen(src []byte, i int) int {
	switch {
	case src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n':
		return 2
	case src[i] == '\r' || src[i] == '\n':
		return 1
	case bytes.HasPrefix(src[i:], []byte("\u0085")):
		return 2
	case bytes.HasPrefix(src[i:], []byte("\u2028")), bytes.HasPrefix(src[i:], []byte("\u2029")):
		return 3
	}
	return 0
}

// yamlOffset converts a 1-based yaml.v3 (line, column) into a byte offset in
// src. ok is false when the position lies outside src.
func yamlOffset(src []byte, line, col int) (off int, ok bool) {
	l, c := 1, 1
	for i := 0; i <= len(src); {
		if l == line && c == col {
			return i, true
		}
		if i == len(src) || l > line {
			break
		}
		if n := yamlBreakLen(src, i); n > 0 {
			l, c = l+1, 1
			i += n
			continue
		}
		_, w := utf8.DecodeRune(src[i:])
		i += w
		c++
	}
	return 0, false
}

// fileLine returns the 1-based editor line ("\n"-counted) of data[off].
func fileLine(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// nodeOffset returns the offset in data of node n, whose YAML text starts
// at data[base].
func nodeOffset(data []byte, base int, yamlEnd int, n *yaml.Node) (int, bool) {
	off, ok := yamlOffset(data[base:yamlEnd], n.Line, n.Column)
	return base + off, ok
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// yamlParserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner). yaml.v3 reports their line 0-based (the line where the list or
// mapping being parsed starts), while everything else is 1-based.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlError turns a yaml.v3 error about the YAML text data[base:end] into
// an *Error whose line numbers are lines of the whole file.
func yamlError(file string, data []byte, base, end int, err error) *Error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	toFile := func(yl string) int {
		off, ok := yamlOffset(data[base:end], atoi(yl), 1)
		if !ok {
			off = end - base // past the end: blame the closing "---"
		}
		return fileLine(data, base+off)
	}
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil && strings.HasPrefix(msg, m[0]+":") {
		msg = strings.TrimSpace(strings.TrimPrefix(msg, m[0]+":"))
		if yamlParserProblems[msg] {
			m[1] = strconv.Itoa(atoi(m[1]) + 1)
		}
		line = toFile(m[1])
	}
	// Other mentions ("already defined at line 1") must be file lines too.
	msg = yamlLineRE.ReplaceAllStringFunc(msg, func(s string) string {
		return "line " + strconv.Itoa(toFile(strings.TrimPrefix(s, "line ")))
	})
	if line == 0 {
		line = fileLine(data, base) - 1 // the opening "---" line
	}
	return errorf(file, line, ErrInvalidYAML,
		`frontmatter is not valid YAML: %s; fix the YAML between the two "---" lines`, msg)
}

// atoi parses the digits matched by yamlLineRE; overflow gives 0.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
