package versions

import (
	"regexp"
	"strconv"
)

var versionRe = regexp.MustCompile(`(\d+)\.(\d+)(?:\.(\d+))?`)

// Stated is the first version written in text ("Argo CD (v3.1.0)" gives
// "v3.1.0"), or "".
func Stated(text string) string {
	if m := versionRe.FindStringIndex(text); m != nil {
		v := text[m[0]:m[1]]
		if m[0] > 0 && (text[m[0]-1] == 'v' || text[m[0]-1] == 'V') {
			return "v" + v
		}
		return v
	}
	return ""
}

// Newer reports whether release tag latest is newer than version stated;
// false when either has no version number to compare.
func Newer(latest, stated string) bool {
	a, okA := parts(latest)
	b, okB := parts(stated)
	if !okA || !okB {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return false
}

func parts(v string) ([3]int, bool) {
	var out [3]int
	m := versionRe.FindStringSubmatch(v)
	if m == nil {
		return out, false
	}
	for i := range out {
		out[i], _ = strconv.Atoi(m[i+1])
	}
	return out, true
}
