package i18n

// The words of the A/P/C menu's A and P, and of the consistency analysis,
// keyed by the ids of the engine's tables (app/strategy): which item
// applies is logic there; what it says is here.

// MethodText is one advanced elicitation method. Questions, findings and
// enhancements are keyed by the engine's item ids and may use the
// placeholders the renderer fills from the decisions and step 3.
type MethodText struct {
	Name         string            `yaml:"name"`
	Purpose      string            `yaml:"purpose"`
	Questions    map[string]string `yaml:"questions"`
	Findings     map[string]string `yaml:"findings"`
	Enhancements map[string]string `yaml:"enhancements"`
}

// PerspectiveText is one voice of party mode.
type PerspectiveText struct {
	Name  string `yaml:"name"`  // "SRE"
	Role  string `yaml:"role"`  // who speaks
	Voice string `yaml:"voice"` // how they open, in their own tone
	Quiet string `yaml:"quiet"` // what they say when nothing here concerns them
	// Endorse and Concerns are keyed by stance id; Changes by the concern
	// whose proposed change they word.
	Endorse  map[string]string `yaml:"endorse"`
	Concerns map[string]string `yaml:"concerns"`
	Changes  map[string]string `yaml:"changes"`
}

// RuleText is one consistency rule: what conflicts, what it does to the
// DORA metrics and to rollback, and a question for the team (never a
// recommendation).
type RuleText struct {
	Title    string `yaml:"title"`
	Message  string `yaml:"message"`
	DORA     string `yaml:"dora"`
	Rollback string `yaml:"rollback"`
	Question string `yaml:"question"`
}

// Method returns the wording of an elicitation method.
func (c *Catalog) Method(id string) MethodText { return c.Elicitation[id] }

// Perspective returns the wording of a party-mode perspective.
func (c *Catalog) Perspective(id string) PerspectiveText { return c.Perspectives[id] }

// Rule returns the wording of a consistency rule.
func (c *Catalog) Rule(id string) RuleText { return c.Consistency[id] }

func (c *Catalog) mergeAPC(part *Catalog) {
	for k, v := range part.Elicitation {
		c.Elicitation[k] = v
	}
	for k, v := range part.Perspectives {
		c.Perspectives[k] = v
	}
	for k, v := range part.Disagreements {
		c.Disagreements[k] = v
	}
	for k, v := range part.Consistency {
		c.Consistency[k] = v
	}
}
