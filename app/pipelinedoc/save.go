package pipelinedoc

import (
	"bytes"
	"slices"

	"gopkg.in/yaml.v3"
)

// Save returns data with the Deployment Strategy section saved and step 4
// added to stepsCompleted, keeping every other byte. The section is
// appended after one blank line, or replaces the section Pipewright saved
// before if nobody edited it since; saving the same section again returns
// identical bytes. Save refuses (an *Error wrapping ErrSectionEditedByHand,
// ErrForeignSection, ErrBrokenMarkers, ...) rather than overwrite text a
// person wrote. On error nothing is returned, so nothing can be written.
func Save(file string, data []byte, section string) ([]byte, error) {
	fm, err := readFrontmatter(file, data)
	if err != nil {
		return nil, err
	}
	content, err := prepareSection(file, section)
	if err != nil {
		return nil, err
	}
	info := analyzeBody(file, data, fm.bodyStart, sectionTitle(content))
	if info.blocked != nil {
		return nil, info.blocked
	}
	head, err := updateSteps(file, data, fm)
	if err != nil {
		return nil, err
	}
	body := data[fm.bodyStart:]
	eol := bodyEOL(body, info.region, fm.eol)
	block := renderRegion(content, eol)

	out := make([]byte, 0, len(head)+len(body)+len(block)+2*len(eol))
	out = append(out, head...)
	if reg := info.region; reg != nil {
		out = append(out, body[:reg.start]...)
		out = append(out, block...)
		return append(out, body[reg.end:]...), nil
	}
	out = append(out, body...)
	return appendSeparated(out, block, eol), nil
}

// updateSteps returns the frontmatter (data[:bodyStart]) with step 4 added
// to stepsCompleted. The edit is checked by parsing the result: if the
// steps are not exactly as planned or any other key changed value, the
// edit was wrong and the user is asked to simplify rather than risk it.
func updateSteps(file string, data []byte, fm *frontmatter) ([]byte, error) {
	info, err := readSteps(file, data, fm)
	if err != nil {
		return nil, err
	}
	head := data[:fm.bodyStart]
	if slices.Contains(info.steps, 4) {
		return head, nil
	}
	if e, want, ok := planSteps(data, fm, info.steps); ok {
		if out := e.apply(head); sameExceptSteps(fm, out, want) {
			return out, nil
		}
	}
	return nil, errorf(file, info.line, ErrStepsNotUpdatable,
		`Pipewright could not add step 4 to stepsCompleted without changing other parts of the frontmatter; `+
			`write it on one line as "stepsCompleted: [1, 2, 3]" (no anchors, aliases or tags) and save again`)
}

// sameExceptSteps reports whether head parses to the same frontmatter as
// fm except that stepsCompleted is want.
func sameExceptSteps(fm *frontmatter, head []byte, want []int) bool {
	nfm, err := readFrontmatter("", head)
	if err != nil || nfm.bodyStart != len(head) {
		return false
	}
	info, err := readSteps("", head, nfm)
	if err != nil || !slices.Equal(info.steps, want) {
		return false
	}
	before, ok1 := valuesWithoutSteps(fm.values)
	after, ok2 := valuesWithoutSteps(nfm.values)
	return ok1 && ok2 && bytes.Equal(before, after)
}

// valuesWithoutSteps renders the other keys canonically for comparison;
// YAML text compares NaN and nested maps where reflect.DeepEqual cannot.
func valuesWithoutSteps(values map[string]any) ([]byte, bool) {
	rest := make(map[string]any, len(values))
	for k, v := range values {
		if k != stepsKey {
			rest[k] = v
		}
	}
	out, err := yaml.Marshal(rest)
	return out, err == nil
}
