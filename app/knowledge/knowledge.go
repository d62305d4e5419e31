// Package knowledge is a small reviewed table of the tools a Step 4
// session names: which deployment patterns each deployment tool carries
// out by itself and which need a companion, whether a migration tool
// reverts migrations, and each tool's GitHub repository for version
// checks. It is data (tools.yaml), read once; nothing here does I/O.
package knowledge

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed tools.yaml
var tablesYAML []byte

// Tool is one row of the table.
type Tool struct {
	ID        string              `yaml:"id"`
	Name      string              `yaml:"name"`
	Repo      string              `yaml:"repo"`
	Versioned *bool               `yaml:"versioned"`
	Aliases   []string            `yaml:"aliases"`
	Native    []string            `yaml:"native"`
	Companion map[string][]string `yaml:"companion"`
	Down      string              `yaml:"down"`
}

// Tables is the whole table, by kind of tool.
type Tables struct {
	Deploy     []Tool `yaml:"deploy"`
	Migrations []Tool `yaml:"migrations"`
	Flags      []Tool `yaml:"flags"`
}

// Parse decodes a table strictly: a misspelt field would drop a claim.
func Parse(data []byte) (*Tables, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var t Tables
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("knowledge table: %w", err)
	}
	return &t, nil
}

// Load returns the shipped table; its validity is a test's job.
var Load = sync.OnceValue(func() *Tables {
	t, err := Parse(tablesYAML)
	if err != nil {
		panic(err)
	}
	return t
})

// All lists every tool.
func (t *Tables) All() []Tool {
	return slices.Concat(t.Deploy, t.Migrations, t.Flags)
}

// ByID finds a tool of any kind.
func (t *Tables) ByID(id string) (Tool, bool) {
	for _, tool := range t.All() {
		if tool.ID == id {
			return tool, true
		}
	}
	return Tool{}, false
}

// Checked says whether the tool's latest GitHub release is its version.
func (tl Tool) Checked() bool { return tl.Repo != "" && (tl.Versioned == nil || *tl.Versioned) }

// Named lists the tools of list that text names, in the order they first
// appear in it; an alias counts only as a whole word or phrase.
func Named(list []Tool, text string) []Tool {
	lower := strings.ToLower(text)
	type hit struct {
		at   int
		tool Tool
	}
	var hits []hit
	for _, tool := range list {
		at := -1
		for _, a := range tool.Aliases {
			if i := wordIndex(lower, a); i >= 0 && (at < 0 || i < at) {
				at = i
			}
		}
		if at >= 0 {
			hits = append(hits, hit{at, tool})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return a.at - b.at })
	out := make([]Tool, len(hits))
	for i, h := range hits {
		out[i] = h.tool
	}
	return out
}

// wordIndex finds phrase in text where neither side continues a word.
func wordIndex(text, phrase string) int {
	for from := 0; ; {
		i := strings.Index(text[from:], phrase)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(phrase)
		if (i == 0 || !wordByte(text[i-1])) && (end == len(text) || !wordByte(text[end])) {
			return i
		}
		from = i + 1
	}
}

func wordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 0x80
}
