package pipelinedoc

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	saved, _ := Save("f", []byte("---\nstepsCompleted: [1, 2, 3]\n---\n"), "## Deployment Strategy\n")
	tests := []struct {
		name  string
		in    string
		steps []int
		key   string // a frontmatter key that must decode to value
		value any
		saved bool
	}{
		{"flow", "---\nstepsCompleted: [1, 2, 3]\n---\n# Pipeline\n", []int{1, 2, 3}, "", nil, false},
		{"flow without spaces", "---\nstepsCompleted: [1,2,3]\n---\n", []int{1, 2, 3}, "", nil, false},
		{"block indented", "---\nstepsCompleted:\n  - 1\n  - 2\n  - 3\n---\n", []int{1, 2, 3}, "", nil, false},
		{"block not indented", "---\nstepsCompleted:\n- 1\n- 2\n---\n", []int{1, 2}, "", nil, false},
		{"quoted", "---\nstepsCompleted: [\"1\", '2', \" 3 \"]\n---\n", []int{1, 2, 3}, "", nil, false},
		{"extra keys and comments", "---\n# BMAD header\nproject_name: 'Acme' # the product\nstepsCompleted: [1, 2] # progress\n\ninputDocuments: []\n---\n",
			[]int{1, 2}, "project_name", "Acme", false},
		{"CRLF", "---\r\nproject_name: Acme\r\nstepsCompleted:\r\n  - 1\r\n  - 2\r\n  - 3\r\n---\r\nbody\r\n", []int{1, 2, 3}, "project_name", "Acme", false},
		{"BOM", "\uFEFF---\nstepsCompleted: [1]\n---\n", []int{1}, "", nil, false},
		{"BOM and CRLF", "\uFEFF---\r\nstepsCompleted: [1, 2, 3]\r\n---\r\n", []int{1, 2, 3}, "", nil, false},
		{"null value", "---\nstepsCompleted:\nproject_name: x\n---\n", nil, "project_name", "x", false},
		{"tilde value", "---\nstepsCompleted: ~\n---\n", nil, "", nil, false},
		{"empty list", "---\nstepsCompleted: []\n---\n", nil, "", nil, false},
		{"missing key", "---\nproject_name: x\n---\n", nil, "project_name", "x", false},
		{"empty frontmatter", "---\n---\nbody\n", nil, "", nil, false},
		{"comment-only frontmatter", "---\n# nothing yet\n---\n", nil, "", nil, false},
		{"closed by dots", "---\nstepsCompleted: [1]\n...\n", []int{1}, "", nil, false},
		{"delimiters with trailing blanks", "--- \t\nstepsCompleted: [1]\n---  \n", []int{1}, "", nil, false},
		{"closing line at end of file", "---\nstepsCompleted: [1, 2]\n---", []int{1, 2}, "", nil, false},
		{"hex and underscore ints", "---\nstepsCompleted: [0x1, 1_0]\n---\n", []int{1, 10}, "", nil, false},
		{"alias", "---\ndone: &d [1, 2, 3]\nstepsCompleted: *d\n---\n", []int{1, 2, 3}, "", nil, false},
		{"saved section", string(saved), []int{1, 2, 3, 4}, "", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("pipeline.md", []byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !slices.Equal(d.StepsCompleted, tt.steps) {
				t.Errorf("StepsCompleted = %v, want %v", d.StepsCompleted, tt.steps)
			}
			if tt.key != "" && d.Frontmatter[tt.key] != tt.value {
				t.Errorf("Frontmatter[%q] = %#v, want %#v", tt.key, d.Frontmatter[tt.key], tt.value)
			}
			if d.HasSavedSection != tt.saved || d.SaveBlocked != nil {
				t.Errorf("HasSavedSection = %v, SaveBlocked = %v; want %v, nil", d.HasSavedSection, d.SaveBlocked, tt.saved)
			}
			if d.File != "pipeline.md" || d.Frontmatter == nil {
				t.Errorf("File = %q, Frontmatter = %v", d.File, d.Frontmatter)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		kind error
		want string // the whole message
	}{
		{"empty file", "", ErrNoFrontmatter, `pipeline.md:1: no YAML frontmatter: the document must start with a line "---"`},
		{"no frontmatter", "# Pipeline\n", ErrNoFrontmatter, `pipeline.md:1: no YAML frontmatter`},
		{"blank line first", "\n---\na: 1\n---\n", ErrNoFrontmatter, `pipeline.md:1: no YAML frontmatter`},
		{"four dashes", "----\na: 1\n----\n", ErrNoFrontmatter, `pipeline.md:1: no YAML frontmatter`},
		{"unterminated", "---\nstepsCompleted: [1]\n# Pipeline\n", ErrUnterminatedFrontmatter,
			`pipeline.md:1: frontmatter is not closed: the "---" on line 1 opens the YAML header, add a line "---" after the header's last line`},
		{"only opening line", "---", ErrUnterminatedFrontmatter, `pipeline.md:1: frontmatter is not closed`},
		{"bad indentation", "---\nproject_name: x\n  bad: y\n---\n", ErrInvalidYAML,
			`pipeline.md:3: frontmatter is not valid YAML: mapping values are not allowed in this context; fix the YAML between the two "---" lines`},
		{"unclosed flow list", "---\na: 1\nstepsCompleted: [1, 2\nb: 2\n---\n", ErrInvalidYAML, `pipeline.md:3: frontmatter is not valid YAML: did not find expected ',' or ']'`},
		{"bad YAML after BOM and CRLF", "\uFEFF---\r\na: 1\r\n\r\nb: \"x\r\n---\r\n", ErrInvalidYAML, `pipeline.md:4: frontmatter is not valid YAML`},
		{"bad YAML after lone CR", "---\na: 1\rb: 2\n  c: 3\n---\n", ErrInvalidYAML, `pipeline.md:3: frontmatter is not valid YAML: mapping values`},
		{"unexpected end blames closing line", "---\na: 1\nc: [\n---\n", ErrInvalidYAML, `pipeline.md:4: frontmatter is not valid YAML: did not find expected node content`},
		{"duplicate key", "---\nstepsCompleted: [1]\nx: 1\nstepsCompleted: [2]\n---\n", ErrInvalidYAML,
			`pipeline.md:4: frontmatter is not valid YAML: mapping key "stepsCompleted" already defined at line 2;`},
		{"tab indentation", "---\na:\n\t- 1\n---\n", ErrInvalidYAML, `pipeline.md:3: frontmatter is not valid YAML: found character that cannot start any token`},
		{"list frontmatter", "---\n- 1\n- 2\n---\n", ErrInvalidYAML, `pipeline.md:2: frontmatter must be YAML "key: value" lines such as "stepsCompleted: [1, 2, 3]", not a list`},
		{"scalar frontmatter", "---\nhello\n---\n", ErrInvalidYAML, `pipeline.md:2: frontmatter must be YAML "key: value" lines`},
		{"steps scalar", "---\nx: 1\nstepsCompleted: 3\n---\n", ErrBadStepsCompleted,
			`pipeline.md:3: stepsCompleted must be a list of step numbers, like "stepsCompleted: [1, 2, 3]", not the value "3"`},
		{"steps mapping", "---\nstepsCompleted:\n  one: 1\n---\n", ErrBadStepsCompleted, `pipeline.md:3: stepsCompleted must be a list of step numbers`},
		{"steps word", "---\nstepsCompleted:\n  - 1\n  - two\n---\n", ErrBadStepsCompleted,
			`pipeline.md:4: stepsCompleted must list whole step numbers like [1, 2, 3]; the value "two" is not a step number`},
		{"steps float", "---\nstepsCompleted: [1, 2.5]\n---\n", ErrBadStepsCompleted, `pipeline.md:2: stepsCompleted must list whole step numbers`},
		{"steps nested list", "---\nstepsCompleted: [1, [2]]\n---\n", ErrBadStepsCompleted, `pipeline.md:2: stepsCompleted must list whole step numbers like [1, 2, 3]; a list is not`},
		{"steps overflow", "---\nstepsCompleted: [99999999999999999999]\n---\n", ErrBadStepsCompleted, `pipeline.md:2: stepsCompleted must list whole step numbers`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("pipeline.md", []byte(tt.in))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse error = %v (%T), want *Error", err, err)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %q is not %v", err, tt.kind)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n got %q\nwant %q...", err, tt.want)
			}
		})
	}
}

func TestRequireStep3(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for no error
	}{
		{"---\nstepsCompleted: [1, 2, 3]\n---\n", ""},
		{"---\nstepsCompleted: ['3', \"2\", 1, 4]\n---\n", ""},
		{"---\nproject_name: x\nstepsCompleted: [1, 2]\n---\n",
			"pipeline.md:3: step 3 (Pipeline Stages) must be completed before step 4 (Deployment Strategy), but stepsCompleted is [1, 2] (missing 3); finish steps 1 to 3 first"},
		{"---\nproject_name: x\n---\n", "pipeline.md:1: step 3 (Pipeline Stages) must be completed before step 4 (Deployment Strategy), but stepsCompleted is [] (missing 1, 2, 3)"},
		{"---\nstepsCompleted:\n---\n", "pipeline.md:2: step 3 (Pipeline Stages) must be completed"},
	}
	for _, tt := range tests {
		d, err := Parse("pipeline.md", []byte(tt.in))
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		err = d.RequireStep3()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("RequireStep3(%q) = %v, want nil", tt.in, err)
		case tt.want != "" && (!errors.Is(err, ErrStep3Required) || !strings.HasPrefix(err.Error(), tt.want)):
			t.Errorf("RequireStep3(%q)\n got %v\nwant %q... (ErrStep3Required)", tt.in, err, tt.want)
		}
	}
}
