package i18n

import "strings"

// BMAD's user_skill_level: how much Pipewright explains.
const (
	Beginner     = "beginner"     // each option in plain words with an example, and a DORA glossary
	Intermediate = "intermediate" // the full trade-off tables (the default)
	Expert       = "expert"       // the compact table and the commands, nothing more
)

// Levels lists the skill levels in order.
var Levels = []string{Beginner, Intermediate, Expert}

// ResolveLevel reads user_skill_level in any case. Empty is intermediate;
// ok is false for anything else that is not a level, which the caller
// replaces by intermediate and says so.
func ResolveLevel(value string) (level string, ok bool) {
	v := strings.ToLower(strings.TrimSpace(value))
	if v == "" {
		return Intermediate, true
	}
	for _, l := range Levels {
		if v == l {
			return l, true
		}
	}
	return Intermediate, false
}
