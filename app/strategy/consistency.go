package strategy

// Rule is one consistency check over the decisions, the targets and the
// step 3 context. A rule that fires is a warning for the team to weigh,
// never a block: the team decides. Its words (title, message, DORA impact,
// rollback implication, question for the team) are in the catalogue under
// consistency.<id>.
type Rule struct {
	ID       string
	Concerns []CategoryID // the categories whose decisions it questions
	When     Cond
}

// Phrases in the team's words that mark data changes as one-way.
var irreversible = []string{"irreversible", "cannot be reverted", "can't be reverted", "cannot be rolled back",
	"can't be rolled back", "not reversible", "no down migration", "forward-only", "forward only", "roll forward", "roll-forward", "one-way"}

// Phrases that mark a rollback as pushed to the cluster, around Git.
var pushed = []string{"kubectl", "helm rollback", "helm upgrade", "rerun", "re-run", "ssh", "push", "redeploy", "re-deploy", "script", "ci job", "argocd app rollback"}

// Rules is the consistency table, in the order findings are shown.
var Rules = []Rule{
	{"recreate-zero-downtime", cats(CatPattern, CatDowntime), and(is(CatPattern, "recreate"), is(CatDowntime, "required"))},
	{"two-versions-in-deploy", cats(CatPattern, CatMigrations), and(is(CatPattern, "blue-green", "canary", "ab-testing"), is(CatMigrations, "in-deploy"))},
	{"rolling-in-deploy", cats(CatPattern, CatMigrations), and(is(CatPattern, "rolling"), is(CatMigrations, "in-deploy"))},
	{"in-deploy-zero-downtime", cats(CatMigrations, CatDowntime), and(is(CatMigrations, "in-deploy"), is(CatDowntime, "required"), not(is(CatPattern, "recreate")))},
	{"automated-post-deploy", cats(CatRollback, CatMigrations), and(is(CatRollback, "automated", "hybrid"), is(CatMigrations, "post-deploy"))},
	{"automated-irreversible-data", cats(CatRollback, CatMigrations), and(is(CatRollback, "automated", "hybrid"), mentions(CatRollback, "data", irreversible))},
	{"switchback-post-deploy", cats(CatPattern, CatMigrations), and(is(CatPattern, "blue-green", "canary", "ab-testing"), is(CatMigrations, "post-deploy"))},
	{"ab-no-flags", cats(CatPattern, CatFlags), and(is(CatPattern, "ab-testing"), is(CatFlags, "none"))},
	{"active-active-no-consistency", cats(CatRegions), and(is(CatRegions, "active-active"), not(answered(CatRegions, "consistency")))},
	{"canary-manual-no-triggers", cats(CatPattern, CatRollback), and(is(CatPattern, "canary"), is(CatRollback, "manual"), not(hasTriggers))},
	{"gitops-push-rollback", cats(CatRollback), and(gitops, mentions(CatRollback, "mechanism", pushed, "git revert", "revert the commit", "revert in git", "revert commit"))},
	{"flags-none-elite-frequency", cats(CatFlags), and(is(CatFlags, "none"), tier(MetricFrequency, "elite"))},
	{"window-frequent-deploys", cats(CatDowntime), and(is(CatDowntime, "maintenance-window"), tier(MetricFrequency, "elite", "high"))},
	{"recreate-elite-mttr", cats(CatPattern), and(is(CatPattern, "recreate"), tier(MetricMTTR, "elite"))},
	{"manual-elite-mttr", cats(CatRollback), and(is(CatRollback, "manual"), tier(MetricMTTR, "elite"))},
	{"rolling-elite-mttr", cats(CatPattern), and(is(CatPattern, "rolling"), tier(MetricMTTR, "elite"))},
	{"experiment-elite-lead-time", cats(CatPattern), and(is(CatPattern, "ab-testing"), tier(MetricLeadTime, "elite"))},
	{"automated-no-triggers", cats(CatRollback), and(is(CatRollback, "automated"), not(hasTriggers))},
	{"hybrid-no-split", cats(CatRollback), and(is(CatRollback, "hybrid"), not(answered(CatRollback, "triggers")))},
	{"multi-region-automated-no-independence", cats(CatRegions, CatRollback), and(multiRegion, is(CatRollback, "automated", "hybrid"), not(answered(CatRegions, "independence")))},
	{"active-active-in-deploy", cats(CatRegions, CatMigrations), and(is(CatRegions, "active-active"), is(CatMigrations, "in-deploy"))},
	{"automated-recreate", cats(CatPattern, CatRollback), and(is(CatPattern, "recreate"), is(CatRollback, "automated"))},
	{"window-with-traffic-shifting", cats(CatPattern, CatDowntime), and(is(CatDowntime, "maintenance-window"), is(CatPattern, "blue-green", "canary"))},
	{"recreate-expand-contract", cats(CatPattern, CatMigrations), and(is(CatPattern, "recreate"), is(CatMigrations, "expand-contract"))},
}

func cats(ids ...CategoryID) []CategoryID { return ids }

// RuleByID returns the rule with that id.
func RuleByID(id string) (*Rule, bool) {
	for i := range Rules {
		if Rules[i].ID == id {
			return &Rules[i], true
		}
	}
	return nil, false
}

// Analyze lists the ids of the rules that fire on the session, in table
// order. Rules about a category still open do not fire: an open decision
// conflicts with nothing.
func Analyze(s *Session) []string {
	var out []string
	for _, r := range Rules {
		if r.When(s) {
			out = append(out, r.ID)
		}
	}
	return out
}
