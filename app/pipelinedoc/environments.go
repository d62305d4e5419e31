package pipelinedoc

import (
	"regexp"
	"strings"
)

// envArrows separate environments in a sequence. Longer forms come first
// so "->" is not read as "-" then ">".
var envArrows = []string{"-->", "->", "==>", "=>", "→", "⟶", "➔", "➜", "➝", "⇒", "»", ">", ",", ";", "|", "\n"}

// envWords separate environments only when surrounded by blanks, so
// "pre-prod" and "then" inside a name stay whole.
var envWords = []string{" - ", " – ", " — ", " then ", " to "}

// envNumberRE matches a numbered-list marker ("1. ", "2) ") starting a name.
var envNumberRE = regexp.MustCompile(`^\d+[.)](?:\s+|$)`)

// SplitEnvironments splits an environment sequence as step 3 writes it
// ("dev → staging → production", "dev -> staging -> prod",
// "dev, staging, and prod", "1. dev 2. staging 3. prod") into trimmed
// names. Text in parentheses stays with its name, so
// "staging (auto, on merge)" is one environment. It returns nil if there
// are no names.
func SplitEnvironments(seq string) []string {
	var names []string
	var cur strings.Builder
	flush := func() {
		if name := cleanEnvName(cur.String()); name != "" {
			names = append(names, name)
		}
		cur.Reset()
	}
	depth := 0
	for i := 0; i < len(seq); {
		if depth == 0 {
			if n := envSepLen(seq, i); n > 0 {
				flush()
				i += n
				continue
			}
		}
		switch seq[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth = max(depth-1, 0)
		}
		cur.WriteByte(seq[i])
		i++
	}
	flush()
	return names
}

// envSepLen returns the length of a separator at seq[i], or 0.
func envSepLen(seq string, i int) int {
	rest := seq[i:]
	for _, sep := range envArrows {
		if strings.HasPrefix(rest, sep) {
			return len(sep)
		}
	}
	for _, w := range envWords {
		if len(rest) >= len(w) && strings.EqualFold(rest[:len(w)], w) {
			return len(w) - 1 // keep the trailing blank: it may start "2. "
		}
	}
	if i == 0 || seq[i-1] == ' ' || seq[i-1] == '\t' {
		return len(envNumberRE.FindString(rest))
	}
	return 0
}

// cleanEnvName trims blanks, a leading "and"/"then", markdown emphasis and
// a final period from one name.
func cleanEnvName(s string) string {
	s = strings.TrimSpace(s)
	for _, w := range []string{"and ", "then "} {
		if len(s) >= len(w) && strings.EqualFold(s[:len(w)], w) {
			s = s[len(w):]
		}
	}
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*_`"))
	return strings.TrimSpace(strings.TrimSuffix(s, "."))
}
