package strategy

import "strings"

// Shorthands for the method table.
var (
	flagsOn   = is(CatFlags, "launchdarkly", "unleash", "flagsmith", "custom")
	schemaRun = is(CatMigrations, "pre-deploy", "in-deploy", "post-deploy") // not expand-contract
	inOrPost  = is(CatMigrations, "in-deploy", "post-deploy")
	autoRB    = is(CatRollback, "automated", "hybrid")
	split     = is(CatPattern, "canary", "ab-testing")
	hasGates  = Cond(func(s *Session) bool { return strings.TrimSpace(s.Stage3.PromotionGates) != "" })
)

func q(id string, when Cond) Item { return Item{ID: id, When: when} }
func fit(cat CategoryID, w int, opts ...string) Fit {
	return Fit{Category: cat, Options: opts, Weight: w}
}
func note(id string, cat CategoryID, when Cond) Change {
	return Change{ID: id, Category: cat, When: when}
}
func sharpen(id string, cat CategoryID, sub string, when Cond) Change {
	return Change{ID: id, Category: cat, Sub: sub, When: when}
}

func targetSet(m MetricID) Cond { return func(s *Session) bool { return s.Targets[m] != nil } }

// Methods is the elicitation catalogue's structure, in its display order.
var Methods = []Method{
	{ID: "pre-mortem", Primary: CatRollback,
		Fits:      []Fit{fit(CatPattern, 1, "canary", "blue-green", "ab-testing"), fit(CatMigrations, 2, "in-deploy", "post-deploy"), fit(CatRollback, 2, "automated"), fit(CatRollback, 1, "hybrid"), fit(CatRegions, 1, "active-active")},
		Rules:     []string{"two-versions-in-deploy", "automated-post-deploy", "automated-irreversible-data", "switchback-post-deploy", "active-active-in-deploy", "in-deploy-zero-downtime"},
		Questions: []Item{q("story", always), q("schema", schemaRun), q("noticed", always), q("region", multiRegion)},
		Findings:  []Item{q("data-rollback", and(autoRB, inOrPost)), q("schema-stays", and(is(CatRollback, "manual"), inOrPost)), q("flag-first", flagsOn), q("no-flag", is(CatFlags, "none")), q("expand-safe", is(CatMigrations, "expand-contract"))},
		Changes:   []Change{sharpen("data-plan", CatRollback, "data", schemaRun), note("practice", CatRollback, always)}},
	{ID: "failure-modes", Aliases: []string{"fmea", "failure mode analysis"}, Primary: CatRollback,
		Fits:      []Fit{fit(CatRollback, 2, "automated", "hybrid"), fit(CatPattern, 1, "canary", "rolling")},
		Rules:     []string{"automated-no-triggers", "hybrid-no-split", "canary-manual-no-triggers"},
		Questions: []Item{q("modes", always), q("per-mode", always), q("hybrid-split", is(CatRollback, "hybrid"))},
		Findings:  []Item{q("silent-data", always), q("step3-triggers", and(not(answered(CatRollback, "triggers")), hasTriggers)), q("no-triggers", not(hasTriggers)), q("rolling-halt", is(CatPattern, "rolling"))},
		Changes:   []Change{sharpen("triggers-by-mode", CatRollback, "triggers", always)}},
	{ID: "red-blue", Aliases: []string{"red team", "red team vs blue team", "red vs blue"}, Primary: CatRollback,
		Fits:      []Fit{fit(CatRollback, 1, "automated"), fit(CatPattern, 1, "canary", "ab-testing"), fit(CatFlags, 2, "custom")},
		Rules:     []string{"gitops-push-rollback", "ab-no-flags"},
		Questions: []Item{q("red-gates", always), q("blue-signal", always), q("red-flags", flagsOn), q("red-rollback", gitops)},
		Findings:  []Item{q("gates", hasGates), q("no-gates", not(hasGates)), q("custom-flag-audit", is(CatFlags, "custom")), q("git-trail", gitops)},
		Changes:   []Change{note("bypass-list", CatRollback, always), note("flag-roles", CatFlags, flagsOn)}},
	{ID: "chaos", Aliases: []string{"chaos scenarios", "chaos engineering"}, Primary: CatRollback,
		Fits:      []Fit{fit(CatDowntime, 2, "required"), fit(CatRegions, 2, "active-active", "active-passive"), fit(CatRollback, 1, "automated")},
		Rules:     []string{"multi-region-automated-no-independence", "active-active-no-consistency"},
		Questions: []Item{q("kill-instance", always), q("region-loss", multiRegion), q("drain", is(CatDowntime, "required")), q("dependency", always)},
		Findings:  []Item{q("untested", not(answered(CatRollback, "testing"))), q("independence", and(multiRegion, not(answered(CatRegions, "independence"))))},
		Changes:   []Change{sharpen("fault-rehearsal", CatRollback, "testing", always), note("region-drill", CatRegions, multiRegion)}},
	{ID: "first-principles", Primary: CatPattern,
		Fits:      []Fit{fit(CatPattern, 1, "blue-green", "canary", "ab-testing"), fit(CatDowntime, 1, "maintenance-window")},
		Rules:     []string{"window-with-traffic-shifting", "recreate-expand-contract", "recreate-zero-downtime"},
		Questions: []Item{q("guarantees", always), q("tool-driven", always), q("window", is(CatDowntime, "maintenance-window"))},
		Findings:  []Item{q("gives-switch", is(CatPattern, "blue-green")), q("gives-gradual", is(CatPattern, "canary")), q("gives-segment", is(CatPattern, "ab-testing")), q("gives-simple", is(CatPattern, "recreate")), q("gives-builtin", is(CatPattern, "rolling"))},
		Changes:   []Change{note("guarantees", CatPattern, always)}},
	{ID: "five-whys", Aliases: []string{"5 whys", "whys"}, Primary: CatRollback,
		Fits:      []Fit{fit(CatRollback, 2, "manual"), fit(CatPattern, 1, "recreate", "rolling")},
		Rules:     []string{"manual-elite-mttr", "recreate-elite-mttr", "rolling-elite-mttr"},
		Questions: []Item{q("slow", always), q("chosen", always), q("target", targetSet(MetricMTTR))},
		Findings:  []Item{q("chain-manual", is(CatRollback, "manual")), q("chain-rolling", is(CatPattern, "rolling")), q("chain-recreate", is(CatPattern, "recreate"))},
		Changes:   []Change{note("root-cause", CatRollback, always)}},
	{ID: "socratic", Aliases: []string{"socratic questioning", "socratic method"}, Primary: CatPattern,
		Fits:      []Fit{fit(CatPattern, 2, "ab-testing"), fit(CatPattern, 1, "canary"), fit(CatFlags, 1, "custom", "none")},
		Rules:     []string{"ab-no-flags", "experiment-elite-lead-time", "flags-none-elite-frequency"},
		Questions: []Item{q("traffic", always), q("evidence", always), q("least-confident", always), q("flags-none", is(CatFlags, "none"))},
		Findings:  []Item{q("canary-traffic", is(CatPattern, "canary")), q("ab-significance", is(CatPattern, "ab-testing"))},
		Changes:   []Change{note("assumptions", CatPattern, always)}},
	{ID: "comparative-matrix", Aliases: []string{"matrix", "comparison", "comparative"}, Primary: CatPattern,
		Fits:      []Fit{fit(CatPattern, 1, "rolling", "recreate")},
		Matrix:    []CategoryID{CatPattern, CatMigrations, CatRollback},
		Questions: []Item{q("win-lose", always), q("second-choice", always)},
		Findings:  []Item{q("read", always)},
		Changes:   []Change{note("reviewed", CatPattern, always)}},
	{ID: "round-table", Aliases: []string{"stakeholder round table", "stakeholders"}, Primary: CatPattern,
		Fits:      []Fit{fit(CatDowntime, 2, "maintenance-window"), fit(CatPattern, 1, "ab-testing", "blue-green"), fit(CatRegions, 1, "active-active")},
		Rules:     []string{"window-frequent-deploys"},
		Questions: []Item{q("who-notices", always), q("window-owner", is(CatDowntime, "maintenance-window")), q("segment", is(CatPattern, "ab-testing")), q("support", always)},
		Findings:  []Item{q("window-customers", is(CatDowntime, "maintenance-window")), q("segment-consent", is(CatPattern, "ab-testing"))},
		Changes:   []Change{note("window-announce", CatDowntime, is(CatDowntime, "maintenance-window")), note("stakeholders", CatPattern, always)}},
	{ID: "occam", Aliases: []string{"occam's razor", "razor", "simplicity"}, Primary: CatPattern,
		Fits:      []Fit{fit(CatMigrations, 1, "expand-contract"), fit(CatRegions, 2, "active-active"), fit(CatPattern, 1, "canary", "blue-green"), fit(CatFlags, 1, "launchdarkly")},
		Rules:     []string{"recreate-expand-contract", "window-with-traffic-shifting"},
		Questions: []Item{q("remove", always), q("both-limits", and(flagsOn, split)), q("regions-need", multiRegion)},
		Findings:  []Item{q("double-limit", and(flagsOn, split)), q("many-parts", and(multiRegion, is(CatPattern, "blue-green", "canary")))},
		Changes:   []Change{note("parts", CatPattern, always)}},
	{ID: "reversibility", Aliases: []string{"reversibility check", "one-way doors", "reversible"}, Primary: CatMigrations,
		Fits:      []Fit{fit(CatMigrations, 2, "in-deploy", "post-deploy"), fit(CatMigrations, 1, "pre-deploy"), fit(CatRollback, 1, "automated")},
		Rules:     []string{"automated-irreversible-data", "automated-post-deploy", "switchback-post-deploy", "two-versions-in-deploy", "rolling-in-deploy"},
		Questions: []Item{q("one-way", always), q("way-back", always), q("side-effects", always)},
		Findings:  []Item{q("one-way-door", schemaRun), q("contract-door", is(CatMigrations, "expand-contract")), q("data-unanswered", not(answered(CatRollback, "data")))},
		Changes:   []Change{sharpen("data-one-way", CatRollback, "data", schemaRun), note("contract-release", CatMigrations, is(CatMigrations, "expand-contract"))}},
	{ID: "blast-radius", Aliases: []string{"blast-radius review"}, Primary: CatPattern,
		Fits:      []Fit{fit(CatPattern, 2, "recreate", "blue-green"), fit(CatPattern, 1, "rolling"), fit(CatFlags, 1, "none"), fit(CatRegions, 1, "single-region")},
		Rules:     []string{"recreate-zero-downtime"},
		Questions: []Item{q("how-many", always), q("shared-state", always), q("region", multiRegion)},
		Findings:  []Item{q("all-at-once", is(CatPattern, "blue-green", "recreate")), q("per-batch", is(CatPattern, "rolling")), q("limited", split), q("flag-limit", flagsOn), q("no-limit", is(CatFlags, "none"))},
		Changes:   []Change{note("radius", CatPattern, always)}},
	{ID: "cost-of-delay", Aliases: []string{"delay", "cod"}, Primary: CatPattern,
		Fits:      []Fit{fit(CatDowntime, 2, "maintenance-window"), fit(CatPattern, 2, "recreate"), fit(CatPattern, 1, "ab-testing", "canary"), fit(CatMigrations, 1, "expand-contract")},
		Rules:     []string{"window-frequent-deploys", "experiment-elite-lead-time", "flags-none-elite-frequency"},
		Questions: []Item{q("waiting", always), q("urgent", always), q("lead-target", targetSet(MetricLeadTime))},
		Findings:  []Item{q("window-wait", is(CatDowntime, "maintenance-window")), q("rollout-wait", split), q("phases", is(CatMigrations, "expand-contract")), q("dark-launch", flagsOn)},
		Changes:   []Change{note("fast-path", CatPattern, always)}},
	{ID: "compliance", Aliases: []string{"compliance lens", "audit"}, Primary: CatRollback,
		Fits:      []Fit{fit(CatFlags, 1, "launchdarkly"), fit(CatFlags, 2, "custom"), fit(CatRollback, 1, "manual"), fit(CatRegions, 1, "active-active", "active-passive"), fit(CatPattern, 2, "ab-testing")},
		Rules:     []string{"gitops-push-rollback"},
		Questions: []Item{q("trace", always), q("personal-data", is(CatPattern, "ab-testing")), q("residency", multiRegion), q("flag-trail", flagsOn)},
		Findings:  []Item{q("git-trail", gitops), q("push-trail", not(gitops)), q("third-party", is(CatFlags, "launchdarkly"))},
		Changes:   []Change{note("rollback-audit", CatRollback, always), note("flag-audit", CatFlags, flagsOn)}},
	{ID: "on-call", Aliases: []string{"on-call lens", "pager"}, Primary: CatRollback,
		Fits:      []Fit{fit(CatRollback, 2, "manual", "hybrid"), fit(CatPattern, 1, "recreate"), fit(CatRegions, 1, "active-active")},
		Rules:     []string{"canary-manual-no-triggers", "manual-elite-mttr", "hybrid-no-split"},
		Questions: []Item{q("first-command", always), q("wake", always), q("authority", is(CatRollback, "manual", "hybrid"))},
		Findings:  []Item{q("decision-load", is(CatRollback, "manual")), q("split-unclear", and(is(CatRollback, "hybrid"), not(answered(CatRollback, "triggers")))), q("mechanism-unanswered", not(answered(CatRollback, "mechanism")))},
		Changes:   []Change{sharpen("runbook", CatRollback, "mechanism", always)}},
	{ID: "rollback-rehearsal", Aliases: []string{"rehearsal", "rollback drill", "drill"}, Primary: CatRollback,
		Fits:      []Fit{fit(CatRollback, 1, "automated", "hybrid"), fit(CatPattern, 1, "rolling", "recreate")},
		Rules:     []string{"automated-no-triggers", "automated-recreate"},
		Questions: []Item{q("ever", always), q("what-broke", always), q("data", schemaRun)},
		Findings:  []Item{q("testing-unanswered", not(answered(CatRollback, "testing"))), q("testing-answered", answered(CatRollback, "testing"))},
		Changes:   []Change{sharpen("rehearsal", CatRollback, "testing", always)}},
}
