// Package strategy is the Step 4 facilitation engine: plain Go with no I/O.
// Apply takes a session and a command and returns the new session and the
// effects (replies, a save) for a shell to carry out.
package strategy

import (
	"time"

	"github.com/pipewright/pipewright/app/dora"
	"github.com/pipewright/pipewright/app/pipelinedoc"
)

// Phase is where a session stands in the step.
type Phase string

const (
	PhaseIdle      Phase = ""          // nothing started yet
	PhaseDeciding  Phase = "deciding"  // categories or targets still open
	PhaseReview    Phase = "review"    // all decided: the section and the A/P/C menu are shown
	PhaseSaved     Phase = "saved"     // C saved the section; revisions may follow
	PhaseCancelled Phase = "cancelled" // /cancel ended it; /start begins anew
)

// Session is one team's Step 4 conversation about one document.
type Session struct {
	Phase   Phase              `json:"phase"`
	DocPath string             `json:"doc_path,omitempty"`
	Stage3  pipelinedoc.Stage3 `json:"stage3"`
	// Earlier is steps 1 and 2's context: infrastructure, CI/CD platform,
	// branch strategy, as the document states them.
	Earlier pipelinedoc.Context `json:"earlier,omitzero"`
	Current CategoryID          `json:"current,omitempty"`
	// Menu is the category whose A/P/C menu the last decision opened; C
	// closes it (category_menu.go).
	Menu      CategoryID                 `json:"menu,omitempty"`
	Decisions map[CategoryID]*Decision   `json:"decisions,omitempty"`
	Targets   map[MetricID]*Target       `json:"targets,omitempty"`
	Revision  int                        `json:"revision"`        // bumps on every change to decisions or targets
	Saved     *SaveRecord                `json:"saved,omitempty"` // the last successful save
	StartedBy string                     `json:"started_by,omitempty"`
	StartedAt time.Time                  `json:"started_at,omitempty"`
	History   []HistoryEntry             `json:"history,omitempty"`
	Archived  []map[CategoryID]*Decision `json:"archived,omitempty"` // decisions of cancelled rounds, never thrown away
	// Cancelled keeps the rest of the team's words from cancelled rounds:
	// their DORA targets and the A/P text accepted or still waiting.
	Cancelled []CancelledRound `json:"cancelled_rounds,omitempty"`
	// The A/P side of the menu: what waits for /accept or /reject, what was
	// accepted into the section, and the A list last shown (for /elicit <n>).
	Pending      *Proposal     `json:"pending,omitempty"`
	Enhancements []Enhancement `json:"enhancements,omitempty"`
	Offered      []string      `json:"offered,omitempty"`
	OfferPage    int           `json:"offer_page,omitempty"`
	// Settings are the languages and skill level replies and the section
	// are rendered with (settings.go).
	Settings Settings `json:"settings,omitzero"`
	// Baseline is the repository's measured DORA baseline, when the shell
	// measured one (baseline.go); shown beside the targets, never one.
	Baseline *dora.Baseline `json:"baseline,omitempty"`
}

// Decision is what the team chose for one category, in their words.
type Decision struct {
	Option    string            `json:"option"`
	Rationale string            `json:"rationale,omitempty"`
	Subs      map[string]string `json:"subs,omitempty"`  // answered sub-decisions, by sub id
	Notes     []string          `json:"notes,omitempty"` // "Key: value" lines that matched no sub-decision, kept verbatim
	// Taken are the sub-decisions answered by /take: sub id -> the
	// suggestion's Source. Their words are the catalogue's, in the
	// language of whoever reads them, except step 3's (kept in Subs).
	Taken map[string]string `json:"taken,omitempty"`
	By    string            `json:"by"`
	At    time.Time         `json:"at"`
}

// CancelledRound is what a /cancel set aside besides the decisions (those
// go to Session.Archived, as they always did).
type CancelledRound struct {
	Targets      map[MetricID]*Target `json:"targets,omitempty"`
	Enhancements []Enhancement        `json:"enhancements,omitempty"`
	Pending      *Proposal            `json:"pending,omitempty"`
	By           string               `json:"by"`
	At           time.Time            `json:"at"`
}

// Target is the team's DORA target for one metric.
type Target struct {
	Text string    `json:"text"`
	Tier string    `json:"tier,omitempty"` // set when the team chose a published tier
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

// SaveRecord remembers the last save so the team and the bot know what landed.
type SaveRecord struct {
	Revision int       `json:"revision"`
	Commit   string    `json:"commit,omitempty"`
	URL      string    `json:"url,omitempty"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
}

// HistoryEntry is an audit line: who changed what, when.
type HistoryEntry struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Action string    `json:"action"` // e.g. "decide pattern canary"
}

// Decided reports whether a category has a decision.
func (s *Session) Decided(id CategoryID) bool { return s.Decisions[id] != nil }

// MissingCategories lists undecided categories in order.
func (s *Session) MissingCategories() []CategoryID {
	var out []CategoryID
	for _, c := range Categories {
		if !s.Decided(c.ID) {
			out = append(out, c.ID)
		}
	}
	return out
}

// MissingTargets lists metrics without a target, in order.
func (s *Session) MissingTargets() []MetricID {
	var out []MetricID
	for _, m := range Metrics {
		if s.Targets[m.ID] == nil {
			out = append(out, m.ID)
		}
	}
	return out
}

// Complete reports whether all six categories and four targets are decided.
func (s *Session) Complete() bool {
	return len(s.MissingCategories()) == 0 && len(s.MissingTargets()) == 0
}

// Started reports whether the session is live (not idle or cancelled).
func (s *Session) Started() bool {
	return s.Phase != PhaseIdle && s.Phase != PhaseCancelled
}

// Clone returns a deep copy so Apply never mutates its input.
func (s Session) Clone() Session {
	c := s
	if s.Decisions != nil {
		c.Decisions = make(map[CategoryID]*Decision, len(s.Decisions))
		for k, d := range s.Decisions {
			dd := *d
			dd.Subs = cloneMap(d.Subs)
			dd.Taken = cloneMap(d.Taken)
			dd.Notes = append([]string(nil), d.Notes...)
			c.Decisions[k] = &dd
		}
	}
	if s.Targets != nil {
		c.Targets = make(map[MetricID]*Target, len(s.Targets))
		for k, t := range s.Targets {
			tt := *t
			c.Targets[k] = &tt
		}
	}
	if s.Saved != nil {
		sv := *s.Saved
		c.Saved = &sv
	}
	c.History = append([]HistoryEntry(nil), s.History...)
	c.Archived = append([]map[CategoryID]*Decision(nil), s.Archived...)
	c.Cancelled = append([]CancelledRound(nil), s.Cancelled...)
	c.Stage3.Environments = append([]string(nil), s.Stage3.Environments...)
	c.Pending = cloneProposal(s.Pending)
	c.Enhancements = cloneEnhancements(s.Enhancements)
	c.Offered = append([]string(nil), s.Offered...)
	return c
}

func cloneMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
