package pace

import (
	"slices"
	"time"
)

// MostInWindow is the largest number of the times that fall in one window
// [t, t+per), over every t: what GitHub would count at worst. Tests and the
// benchmark command check pacing with it.
func MostInWindow(times []time.Time, per time.Duration) int {
	ts := slices.Clone(times)
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	most, first := 0, 0
	for i, t := range ts {
		for !ts[first].Add(per).After(t) {
			first++
		}
		most = max(most, i-first+1)
	}
	return most
}
