package handlers

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/pipewright/pipewright/app/dora"
	"github.com/pipewright/pipewright/app/strategy"
)

// sessionRecord is what the store keeps for a GitHub session: the engine's
// session plus what the shell needs to stay idempotent across edits.
type sessionRecord struct {
	Engine strategy.Session `json:"engine"`
	// Ran counts, per comment id, how often each command line has run, so an
	// edit runs only the commands it added.
	Ran map[string]map[string]int `json:"ran,omitempty"`
	// SaveEffect is the outbox effect whose save was recorded last, so a
	// save effect run again after a crash records nothing twice.
	SaveEffect string `json:"save_effect,omitempty"`
	// Deciders is .github/pipewright.yml's list of who may change the
	// session, read when it started; empty means anyone with write access.
	Deciders []string `json:"deciders,omitempty"`
	// DecidersFrom is the branch the list was read from: the default
	// branch (deciders.go). Empty in sessions started before that rule.
	DecidersFrom string `json:"deciders_from,omitempty"`
	// HeadRef is the head branch of a pull request of this repository, as
	// found when the session started (see head.go).
	HeadRef string `json:"head_ref,omitempty"`
	// IssueBranch is the branch Pipewright created for saves from an issue
	// (branch.go).
	IssueBranch *ownBranch `json:"issue_branch,omitempty"`
	// Quiet holds, per login (lower case), when people without write
	// access were last answered on this thread (budget.go).
	Quiet map[string][]time.Time `json:"quiet,omitempty"`
	// Dora is .github/pipewright.yml's dora: block, read when the session
	// started (or /start was said again), for the measured baseline.
	Dora dora.Config `json:"dora,omitzero"`
}

func decodeRecord(data []byte) (sessionRecord, error) {
	var r sessionRecord
	if len(data) == 0 {
		return r, nil
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("decode session: %w", err)
	}
	return r, nil
}

func (r *sessionRecord) encode() ([]byte, error) { return json.Marshal(r) }

// effectRecord is one pending effect in the outbox, self-contained so it can
// run after a crash with nothing else in memory.
type effectRecord struct {
	Kind         string `json:"kind"` // "reply" | "save"
	Installation int64  `json:"installation"`
	Owner        string `json:"owner"`
	Repo         string `json:"repo"`
	Number       int    `json:"number"`
	IsPR         bool   `json:"is_pr,omitempty"`
	CommandID    string `json:"command_id"` // marks the reply so a retry finds it
	Body         string `json:"body,omitempty"`
	// Settings are the session's languages, for what is said after the
	// effect ran (a save's outcome, giving up).
	Settings strategy.Settings `json:"settings,omitzero"`
	// Save only.
	Section       string `json:"section,omitempty"`
	DocPath       string `json:"doc_path,omitempty"`
	DefaultBranch string `json:"default_branch,omitempty"`
	IssueTitle    string `json:"issue_title,omitempty"`
	Revision      int    `json:"revision,omitempty"`
	Actor         string `json:"actor,omitempty"`
	HeadRef       string `json:"head_ref,omitempty"`       // a same-repository PR's branch, known since the start
	PRURL         string `json:"pr_url,omitempty"`         // the pull request's page
	SaveEffectID  string `json:"save_effect_id,omitempty"` // the reply waits for this save's outcome
}
