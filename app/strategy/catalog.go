package strategy

// The decision catalogue's structure: identifiers, order, aliases and which
// sub-decisions apply. Every user-facing word about a category or option
// (names, pros, cons, DORA impact, rollback implication) lives in the text
// catalogue (package i18n), keyed by these identifiers, so a language is data.

// CategoryID names one of the six decision categories of the seed, in order.
type CategoryID string

const (
	CatPattern    CategoryID = "pattern"
	CatFlags      CategoryID = "flags"
	CatMigrations CategoryID = "migrations"
	CatRollback   CategoryID = "rollback"
	CatDowntime   CategoryID = "downtime"
	CatRegions    CategoryID = "regions"
)

// Category is one decision category and its options.
type Category struct {
	ID      CategoryID
	Number  int      // 1-based position in the seed
	Aliases []string // accepted in "/decide <category> <option>"
	Options []Option
	// Subs are the category's sub-decisions, answered with "Key: value" lines.
	Subs []Sub
	// SubsFor lists the options whose choice makes Subs apply; empty means always.
	SubsFor []string
	// Skippable categories accept /skip, which chooses SkipOption.
	SkipOption string
}

// Option is one choice in a category.
type Option struct {
	ID      string
	Aliases []string // besides the ID and its spaced/unspaced spellings
	// Tool is the tool an option names, for version look-ups; empty if none.
	Tool string
}

// Sub is a sub-decision answered by a "Key: value" line under a command.
type Sub struct {
	ID   string
	Keys []string // accepted keys, lower-case
}

// Categories is the seed's six categories in order.
var Categories = []Category{
	{
		ID: CatPattern, Number: 1,
		Aliases: []string{"pattern", "deployment-pattern", "deploy-pattern", "deployment"},
		Options: []Option{
			{ID: "blue-green", Aliases: []string{"bluegreen", "blue green", "b/g", "bg", "blue-green-deployment"}},
			{ID: "canary", Aliases: []string{"canary-deployment", "canaries", "progressive"}},
			{ID: "rolling", Aliases: []string{"rolling-update", "rolling update", "rollingupdate", "rolling-deployment"}},
			{ID: "recreate", Aliases: []string{"re-create", "big-bang", "replace"}},
			{ID: "ab-testing", Aliases: []string{"a/b", "a/b testing", "a/b-testing", "ab", "a-b", "a-b-testing", "split-testing"}},
		},
	},
	{
		ID: CatFlags, Number: 2,
		Aliases: []string{"flags", "feature-flags", "feature-flag", "feature flags", "flag", "toggles", "feature-toggles"},
		Options: []Option{
			{ID: "launchdarkly", Aliases: []string{"launch-darkly", "launch darkly", "ld"}, Tool: "launchdarkly"},
			{ID: "unleash", Tool: "unleash"},
			{ID: "flagsmith", Tool: "flagsmith"},
			{ID: "custom", Aliases: []string{"custom-implementation", "in-house", "homegrown", "home-grown", "config", "config-driven", "database-driven"}},
			{ID: "none", Aliases: []string{"no", "no-flags", "no flags", "n/a"}},
		},
	},
	{
		ID: CatMigrations, Number: 3,
		Aliases: []string{"migrations", "migration", "database", "db", "database-migrations", "db-migrations", "schema"},
		Options: []Option{
			{ID: "pre-deploy", Aliases: []string{"predeploy", "pre deploy", "before", "pre"}},
			{ID: "in-deploy", Aliases: []string{"indeploy", "in deploy", "during", "in"}},
			{ID: "post-deploy", Aliases: []string{"postdeploy", "post deploy", "after", "post"}},
			{ID: "expand-contract", Aliases: []string{"expand/contract", "expand contract", "expandcontract", "parallel-change", "expand-and-contract"}},
		},
	},
	{
		ID: CatRollback, Number: 4,
		Aliases: []string{"rollback", "roll-back", "rollbacks", "rollback-strategy", "revert"},
		Options: []Option{
			{ID: "automated", Aliases: []string{"auto", "automatic", "automated-rollback"}},
			{ID: "manual", Aliases: []string{"manual-rollback", "human"}},
			{ID: "hybrid", Aliases: []string{"mixed", "both"}},
		},
		Subs: []Sub{
			{ID: "triggers", Keys: []string{"triggers", "trigger", "criteria", "rollback criteria", "rollback triggers"}},
			{ID: "mechanism", Keys: []string{"mechanism", "rollback mechanism", "how"}},
			{ID: "data", Keys: []string{"data", "data rollback", "data handling", "database"}},
			{ID: "testing", Keys: []string{"testing", "rollback testing", "tests", "drills"}},
		},
	},
	{
		ID: CatDowntime, Number: 5,
		Aliases: []string{"downtime", "zero-downtime", "zero downtime", "zdt", "availability"},
		Options: []Option{
			{ID: "required", Aliases: []string{"zero-downtime", "zero", "yes", "must"}},
			{ID: "maintenance-window", Aliases: []string{"maintenance", "window", "maintenance window", "scheduled"}},
			{ID: "best-effort", Aliases: []string{"best effort", "besteffort", "minimize"}},
		},
		Subs: []Sub{
			{ID: "shutdown", Keys: []string{"shutdown", "graceful shutdown", "graceful"}},
			{ID: "probes", Keys: []string{"probes", "health checks", "health", "readiness", "liveness", "health check integration"}},
			{ID: "draining", Keys: []string{"draining", "connection draining", "drain"}},
			{ID: "load-balancer", Keys: []string{"load balancer", "load-balancer", "lb", "load balancer integration"}},
		},
		SubsFor: []string{"required"},
	},
	{
		ID: CatRegions, Number: 6,
		Aliases: []string{"regions", "region", "multi-region", "multiregion", "multi region", "geo"},
		Options: []Option{
			{ID: "single-region", Aliases: []string{"single", "single region", "one", "none"}},
			{ID: "active-passive", Aliases: []string{"active passive", "activepassive", "failover", "primary-secondary"}},
			{ID: "active-active", Aliases: []string{"active active", "activeactive", "multi-active"}},
		},
		Subs: []Sub{
			{ID: "order", Keys: []string{"order", "region order", "region deployment order", "rollout order"}},
			{ID: "consistency", Keys: []string{"consistency", "data consistency", "cross-region data consistency", "replication"}},
			{ID: "independence", Keys: []string{"independence", "regional rollback", "regional rollback independence", "rollback independence"}},
			{ID: "traffic", Keys: []string{"traffic", "global traffic", "traffic management", "global traffic management", "dns"}},
		},
		SubsFor:    []string{"active-passive", "active-active"},
		SkipOption: "single-region",
	},
}

// CategoryByID returns the category with that id.
func CategoryByID(id CategoryID) (*Category, bool) {
	for i := range Categories {
		if Categories[i].ID == id {
			return &Categories[i], true
		}
	}
	return nil, false
}

// Option returns the option with that id.
func (c *Category) Option(id string) (*Option, bool) {
	for i := range c.Options {
		if c.Options[i].ID == id {
			return &c.Options[i], true
		}
	}
	return nil, false
}

// SubsApply says whether the category's sub-decisions apply to the chosen option.
func (c *Category) SubsApply(option string) bool {
	if len(c.Subs) == 0 {
		return false
	}
	if len(c.SubsFor) == 0 {
		return true
	}
	for _, o := range c.SubsFor {
		if o == option {
			return true
		}
	}
	return false
}
