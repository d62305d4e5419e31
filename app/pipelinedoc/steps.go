package pipelinedoc

import (
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// stepsKey is the frontmatter key BMAD workflows use to track progress.
const stepsKey = "stepsCompleted"

// stepsInfo is what the frontmatter says about completed steps.
type stepsInfo struct {
	steps   []int
	present bool // the key exists (its value may still be null)
	line    int  // file line of the key, for messages; 1 when absent
}

// readSteps decodes stepsCompleted. BMAD docs write it as a flow or block
// list of ints, sometimes quoted ("1"), so numeric strings count as steps.
func readSteps(file string, data []byte, fm *frontmatter) (stepsInfo, error) {
	k, v := fm.lookup(stepsKey)
	if k == nil {
		return stepsInfo{line: 1}, nil
	}
	info := stepsInfo{present: true, line: fm.nodeLine(data, k)}
	if v.Kind == yaml.AliasNode && v.Alias != nil {
		v = v.Alias
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return info, nil // "stepsCompleted:" with no value yet
	}
	if v.Kind != yaml.SequenceNode {
		return info, errorf(file, fm.nodeLine(data, v), ErrBadStepsCompleted,
			`stepsCompleted must be a list of step numbers, like "stepsCompleted: [1, 2, 3]", not %s`, kindName(v))
	}
	for _, item := range v.Content {
		n, ok := stepNumber(item)
		if !ok {
			return info, errorf(file, fm.nodeLine(data, item), ErrBadStepsCompleted,
				`stepsCompleted must list whole step numbers like [1, 2, 3]; %s is not a step number`, kindName(item))
		}
		info.steps = append(info.steps, n)
	}
	return info, nil
}

// stepNumber reads one list item as a step number.
func stepNumber(item *yaml.Node) (int, bool) {
	if item.Kind == yaml.AliasNode && item.Alias != nil {
		item = item.Alias
	}
	if item.Kind != yaml.ScalarNode {
		return 0, false
	}
	switch item.Tag {
	case "!!int":
		var n int
		if err := item.Decode(&n); err != nil {
			return 0, false
		}
		return n, true
	case "!!str":
		n, err := strconv.Atoi(strings.TrimSpace(item.Value))
		return n, err == nil
	}
	return 0, false
}

// hasSteps reports whether every wanted step is in steps.
func hasSteps(steps []int, want ...int) bool {
	for _, w := range want {
		if !slices.Contains(steps, w) {
			return false
		}
	}
	return true
}

// formatSteps renders steps the way the docs write them: [1, 2, 3].
func formatSteps(steps []int) string {
	parts := make([]string, len(steps))
	for i, s := range steps {
		parts[i] = strconv.Itoa(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
