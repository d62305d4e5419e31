package comments

import (
	"fmt"
	"strings"

	"github.com/pipewright/pipewright/app/strategy"
)

// targetsStillOpen follows a recorded target: what changed is said above
// it, so this names the targets still open and how to set them, without
// the tiers table the team has just used (/target <metric> shows a
// metric's tiers again).
func (r Render) targetsStillOpen(s *strategy.Session) string {
	t := r.Lang.T
	var names []string
	for _, m := range s.MissingTargets() {
		names = append(names, r.Lang.Metric(string(m)).Name+" (`"+string(m)+"`)")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n%s\n", t("targets.still-open", "metrics", strings.Join(names, ", ")), t("targets.reply-with"))
	for _, m := range s.MissingTargets() {
		fmt.Fprintf(&b, "- %s\n", t("targets.example", "metric", string(m)))
	}
	return strings.TrimRight(b.String(), "\n")
}
