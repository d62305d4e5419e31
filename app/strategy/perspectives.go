package strategy

// Perspective is one voice of party mode. Its words (name, role, voice,
// endorsements, concerns and the change each concern proposes) are in the
// catalogue under perspectives.<id>.
type Perspective struct {
	ID      string
	Stances []Stance
}

// Stance is an endorsement or a concern about specific decisions (On; none
// for one about step 3 alone); a concern proposes a note under On[0], or
// sharpens Sub there.
type Stance struct {
	ID      string
	Concern bool
	On      []CategoryID
	Sub     string
	When    Cond
}

// Disagreement is where two perspectives really conflict: it applies only
// when both stances, "<perspective>.<stance>", apply.
type Disagreement struct {
	ID   string
	A, B string
}

func endorse(id string, when Cond, on ...CategoryID) Stance {
	return Stance{ID: id, On: on, When: when}
}

func concern(id string, sub string, when Cond, on ...CategoryID) Stance {
	return Stance{ID: id, Concern: true, On: on, Sub: sub, When: when}
}

// Perspectives is party mode's cast, in speaking order.
var Perspectives = []Perspective{
	{ID: "sre", Stances: []Stance{
		endorse("fast-switch", is(CatPattern, "blue-green", "canary", "ab-testing"), CatPattern),
		endorse("auto-rollback", autoRB, CatRollback),
		endorse("failover", multiRegion, CatRegions),
		concern("no-triggers", "triggers", not(hasTriggers), CatRollback),
		concern("manual-pages", "", is(CatRollback, "manual"), CatRollback),
		concern("slow-way-back", "", is(CatPattern, "rolling", "recreate"), CatPattern),
		concern("region-rollback", "independence", and(multiRegion, not(answered(CatRegions, "independence"))), CatRegions),
	}},
	{ID: "dba", Stances: []Stance{
		endorse("expand-contract", is(CatMigrations, "expand-contract"), CatMigrations),
		endorse("pre-deploy", is(CatMigrations, "pre-deploy"), CatMigrations),
		endorse("quiet-window", is(CatDowntime, "maintenance-window"), CatDowntime),
		concern("in-deploy", "", is(CatMigrations, "in-deploy"), CatMigrations, CatPattern),
		concern("post-deploy", "", is(CatMigrations, "post-deploy"), CatMigrations, CatPattern),
		concern("auto-data", "data", and(autoRB, schemaRun), CatRollback, CatMigrations),
		concern("replication", "consistency", and(is(CatRegions, "active-active"), not(answered(CatRegions, "consistency"))), CatRegions),
	}},
	{ID: "security", Stances: []Stance{
		endorse("git-trail", gitops),
		endorse("flag-audit", is(CatFlags, "launchdarkly", "unleash", "flagsmith"), CatFlags),
		concern("custom-flags", "", is(CatFlags, "custom"), CatFlags),
		concern("push-rollback", "mechanism", fired("gitops-push-rollback"), CatRollback),
		concern("break-glass", "", is(CatRollback, "manual", "hybrid"), CatRollback),
		concern("segment-data", "", is(CatPattern, "ab-testing"), CatPattern),
		concern("third-party", "", is(CatFlags, "launchdarkly"), CatFlags),
	}},
	{ID: "finops", Stances: []Stance{
		endorse("rolling-surge", is(CatPattern, "rolling"), CatPattern),
		endorse("recreate-lean", is(CatPattern, "recreate"), CatPattern),
		endorse("single-region", is(CatRegions, "single-region"), CatRegions),
		concern("double-stack", "", is(CatPattern, "blue-green"), CatPattern),
		concern("standby", "", multiRegion, CatRegions),
		concern("saas-cost", "", is(CatFlags, "launchdarkly"), CatFlags),
		concern("canary-tooling", "", is(CatPattern, "canary"), CatPattern),
	}},
	{ID: "product", Stances: []Stance{
		endorse("zero-downtime", is(CatDowntime, "required"), CatDowntime),
		endorse("dark-launch", flagsOn, CatFlags),
		endorse("experiments", is(CatPattern, "ab-testing"), CatPattern),
		concern("downtime-users", "", or(is(CatDowntime, "maintenance-window"), is(CatPattern, "recreate")), CatDowntime, CatPattern),
		concern("slow-release", "", and(split, targetSet(MetricLeadTime)), CatPattern),
		concern("no-flags", "", is(CatFlags, "none"), CatFlags),
	}},
	{ID: "devex", Stances: []Stance{
		endorse("builtin", is(CatPattern, "rolling"), CatPattern),
		endorse("git-revert", gitops),
		endorse("managed-flags", is(CatFlags, "launchdarkly", "unleash", "flagsmith"), CatFlags),
		concern("phases", "", is(CatMigrations, "expand-contract"), CatMigrations),
		concern("flag-debt", "", is(CatFlags, "custom"), CatFlags),
		concern("canary-analysis", "", is(CatPattern, "canary"), CatPattern),
		concern("trunk-blocked", "", and(is(CatFlags, "none"), tier(MetricFrequency, "elite", "high")), CatFlags),
	}},
}

// Disagreements is where the cast may conflict, in the order shown.
var Disagreements = []Disagreement{
	{ID: "sre-finops-stack", A: "sre.fast-switch", B: "finops.double-stack"},
	{ID: "sre-finops-regions", A: "sre.failover", B: "finops.standby"},
	{ID: "sre-finops-rolling", A: "finops.rolling-surge", B: "sre.slow-way-back"},
	{ID: "sre-dba-auto-data", A: "sre.auto-rollback", B: "dba.auto-data"},
	{ID: "dba-devex-phases", A: "dba.expand-contract", B: "devex.phases"},
	{ID: "dba-product-window", A: "dba.quiet-window", B: "product.downtime-users"},
	{ID: "product-security-segments", A: "product.experiments", B: "security.segment-data"},
	{ID: "product-finops-flags", A: "product.dark-launch", B: "finops.saas-cost"},
	{ID: "sre-product-pace", A: "sre.fast-switch", B: "product.slow-release"},
	{ID: "sre-devex-canary", A: "sre.fast-switch", B: "devex.canary-analysis"},
}

// StanceByRef returns a stance by "<perspective>.<stance>".
func StanceByRef(ref string) (*Perspective, *Stance, bool) {
	for i := range Perspectives {
		p := &Perspectives[i]
		for j := range p.Stances {
			if p.ID+"."+p.Stances[j].ID == ref {
				return p, &p.Stances[j], true
			}
		}
	}
	return nil, nil, false
}
