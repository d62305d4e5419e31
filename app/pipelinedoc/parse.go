package pipelinedoc

import (
	"strconv"
	"strings"
)

// Document is what Pipewright needs to know about a pipeline.md.
type Document struct {
	File           string
	StepsCompleted []int
	// Frontmatter is the decoded header, for callers that want other keys
	// (e.g. project_name).
	Frontmatter map[string]any
	Stage3      Stage3
	// Context is what steps 1 and 2 decided (context.go).
	Context Context
	// HasSavedSection: a section saved by Pipewright (found by its markers,
	// see BeginMarker) is present, edited by hand or not.
	HasSavedSection bool
	// SaveBlocked is the error Save would return because of the body (an
	// *Error wrapping ErrSectionEditedByHand, ErrForeignSection or
	// ErrBrokenMarkers), or nil. It lets callers warn before facilitating
	// step 4 instead of after the team has made every decision.
	SaveBlocked error

	stepsLine int // line of the stepsCompleted key, for messages
}

// Parse reads a pipeline.md; file is only used in messages. It returns an
// *Error for a missing or unclosed frontmatter, YAML that does not parse
// (with the line number in the file) and a stepsCompleted that is not a
// list of step numbers.
func Parse(file string, data []byte) (*Document, error) {
	fm, err := readFrontmatter(file, data)
	if err != nil {
		return nil, err
	}
	steps, err := readSteps(file, data, fm)
	if err != nil {
		return nil, err
	}
	body := analyzeBody(file, data, fm.bodyStart)
	return &Document{
		File:            file,
		StepsCompleted:  steps.steps,
		Frontmatter:     fm.values,
		Stage3:          parseStage3(body.lines),
		Context:         parseContext(body.lines),
		HasSavedSection: body.region != nil,
		SaveBlocked:     body.blocked,
		stepsLine:       steps.line,
	}, nil
}

// RequireStep3 returns an *Error wrapping ErrStep3Required unless steps
// 1, 2 and 3 are all in stepsCompleted: step 4 builds on their decisions.
func (d *Document) RequireStep3() error {
	var missing []string
	for _, s := range []int{1, 2, 3} {
		if !hasSteps(d.StepsCompleted, s) {
			missing = append(missing, strconv.Itoa(s))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return errorf(d.File, d.stepsLine, ErrStep3Required,
		"step 3 (Pipeline Stages) must be completed before step 4 (Deployment Strategy), but stepsCompleted is %s (missing %s); "+
			"finish steps 1 to 3 first (each adds its number to stepsCompleted), then run step 4 again",
		formatSteps(d.StepsCompleted), strings.Join(missing, ", "))
}
