// Package i18n holds every user-facing word of Pipewright: reply messages,
// the decision catalogue's texts and the saved section's labels. A language
// is a folder of YAML files under locales/, so adding one is adding data.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed locales
var locales embed.FS

// DefaultLang is used when a language is unknown or unset.
const DefaultLang = "en"

// Catalog is the text of one language.
type Catalog struct {
	Lang       string
	Messages   map[string]string       `yaml:"messages"`
	Categories map[string]CategoryText `yaml:"categories"`
	Metrics    map[string]MetricText   `yaml:"metrics"`
	// The A/P/C menu's A and P and the consistency analysis (apc.go).
	Elicitation   map[string]MethodText      `yaml:"elicitation"`
	Perspectives  map[string]PerspectiveText `yaml:"perspectives"`
	Disagreements map[string]string          `yaml:"disagreements"`
	Consistency   map[string]RuleText        `yaml:"consistency"`
	// Language is the folder's language.yaml: its code and the names BMAD
	// users give it (language.go).
	Language LanguageText `yaml:"language"`
}

// CategoryText is the wording of one decision category.
type CategoryText struct {
	Name     string                `yaml:"name"`     // "Deployment Pattern"
	Heading  string                `yaml:"heading"`  // the section's ### heading
	Question string                `yaml:"question"` // what the facilitator asks
	Options  map[string]OptionText `yaml:"options"`
	Subs     map[string]SubText    `yaml:"subs"`
	Order    []string              `yaml:"-"`
}

// OptionText is the wording of one option: the seed's trade-offs plus what
// a senior SRE would add about DORA and rollback.
type OptionText struct {
	Name     string       `yaml:"name"`
	Summary  string       `yaml:"summary"`
	Pros     []string     `yaml:"pros"`
	Cons     []string     `yaml:"cons"`
	DORA     []ImpactText `yaml:"dora"`
	Rollback string       `yaml:"rollback"`
	// Downtime is the option's effect on availability while it deploys,
	// where the seed asks for it beside the rollback effect ("present how
	// each [migration] approach affects rollback capability and downtime").
	Downtime string `yaml:"downtime"`
	// Detail is the option's paragraph in the saved section (Implementation,
	// Integration or Coordination, depending on the category); it may use
	// {placeholders} the renderer fills from other decisions and step 3.
	Detail string `yaml:"detail"`
	// Suggestions are what replies suggest for sub-decisions the team left
	// open, keyed "<category>.<sub>" (strategy.SuggestionKey), with an
	// "@gitops" variant where a GitOps method changes the answer. They are
	// saved only when the team takes them with /take.
	Suggestions map[string]string `yaml:"suggestions"`
	// For user_skill_level (skill.yaml): beginners read Plain, the option
	// in plain words, and Example, one line of it in practice; experts read
	// Brief, the rollback implication in a few words.
	Plain   string `yaml:"plain"`
	Example string `yaml:"example"`
	Brief   string `yaml:"brief"`
}

// ImpactText says how an option moves one DORA metric.
type ImpactText struct {
	Metric string `yaml:"metric"` // frequency | lead-time | failure-rate | mttr
	Effect string `yaml:"effect"` // improves | worsens | mixed | neutral
	Why    string `yaml:"why"`
}

// SubText is the wording of a sub-decision.
type SubText struct {
	Label    string `yaml:"label"`    // the "Key" people write: "Triggers"
	Question string `yaml:"question"` // what is asked
}

// MetricText is a DORA metric's name and its published performance tiers.
type MetricText struct {
	Name  string            `yaml:"name"`
	Short string            `yaml:"short"`
	Tiers map[string]string `yaml:"tiers"`
	// Bands words a tier as the range a value in the team's own words falls
	// in, where the tier's text is a single figure ("5%") rather than a
	// range; BandText falls back to the tier's text.
	Bands map[string]string `yaml:"bands"`
	// Glossary says in one plain sentence what the metric measures, for
	// beginners (skill.yaml).
	Glossary string `yaml:"glossary"`
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*Catalog{}
)

// Languages lists the languages shipped, sorted.
func Languages() []string {
	entries, _ := fs.ReadDir(locales, "locales")
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// Load returns the catalogue of lang; an unknown language is an error so the
// caller can fall back and say so.
func Load(lang string) (*Catalog, error) {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if c, ok := cache[lang]; ok {
		return c, nil
	}
	dir := path.Join("locales", lang)
	files, err := fs.Glob(locales, dir+"/*.yaml")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("language %q is not available (have %s)", lang, strings.Join(Languages(), ", "))
	}
	c := &Catalog{Lang: lang, Messages: map[string]string{}, Categories: map[string]CategoryText{}, Metrics: map[string]MetricText{},
		Elicitation: map[string]MethodText{}, Perspectives: map[string]PerspectiveText{}, Disagreements: map[string]string{}, Consistency: map[string]RuleText{}}
	for _, f := range files {
		data, err := locales.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f, err)
		}
		var part Catalog
		if err := yaml.Unmarshal(data, &part); err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		c.merge(&part)
	}
	cache[lang] = c
	return c, nil
}

// MustLoad loads a shipped language and panics if it is broken; only for
// the default language, whose validity tests guarantee.
func MustLoad(lang string) *Catalog {
	c, err := Load(lang)
	if err != nil {
		panic(err)
	}
	return c
}
