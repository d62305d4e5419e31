package dora

import "time"

// failure is why one attempt counts as a change failure, if it does.
type failure struct {
	failed     bool
	rolledBack bool // the next deployment went back to an older version
	reverted   bool // a revert was merged before the next deployment
	incident   bool // an incident was opened before the next deployment
}

// classify says which attempts failed, following DORA's definition of a
// change failure (a deployment that needed remediation) the way Four Keys
// approximates it: its status failed; or before the next deployment, the
// next deployment rolled back to an older version, a revert was merged,
// or an incident issue was opened.
func classify(in Input, attempts []Deployment) []failure {
	out := make([]failure, len(attempts))
	deployed := map[string]bool{} // refs that succeeded before, the window's predecessor included
	for _, d := range in.Deployments {
		if !d.Pending && !d.Failed && d.At.Before(in.Window.From) {
			deployed[d.Ref] = true
		}
	}
	for k, d := range attempts {
		if d.Failed {
			out[k].failed = true
			continue
		}
		end := in.Window.To
		if k+1 < len(attempts) {
			next := attempts[k+1]
			end = next.At
			out[k].rolledBack = next.Ref != d.Ref && deployed[next.Ref]
		}
		out[k].reverted = anyRevert(in.Changes, d.At, end)
		out[k].incident = anyIncident(in.Incidents, d.At, end)
		out[k].failed = out[k].rolledBack || out[k].reverted || out[k].incident
		deployed[d.Ref] = true
	}
	return out
}

func anyRevert(changes []Change, from, to time.Time) bool {
	for _, c := range changes {
		if c.Revert && !c.MergedAt.Before(from) && c.MergedAt.Before(to) {
			return true
		}
	}
	return false
}

func anyIncident(incidents []Incident, from, to time.Time) bool {
	for _, i := range incidents {
		if !i.OpenedAt.Before(from) && i.OpenedAt.Before(to) {
			return true
		}
	}
	return false
}
