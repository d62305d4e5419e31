package i18n_test

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// The seed's wording for each category: its name in the decision list and
// its ### heading in the saved section (they differ on purpose).
var wantCategories = []struct {
	id      strategy.CategoryID
	name    string
	heading string
}{
	{strategy.CatPattern, "Deployment Pattern", "Deployment Pattern"},
	{strategy.CatFlags, "Feature Flag Strategy", "Feature Flag Strategy"},
	{strategy.CatMigrations, "Database Migration Coordination", "Database Migration Strategy"},
	{strategy.CatRollback, "Rollback Strategy", "Rollback Strategy"},
	{strategy.CatDowntime, "Zero-Downtime Requirements", "Zero-Downtime Approach"},
	{strategy.CatRegions, "Multi-Region Deployment", "Multi-Region Strategy"},
}

// The seed's option names, keyed "<category>.<option>".
var wantOptionNames = map[string]string{
	"pattern.blue-green":          "Blue-Green Deployment",
	"pattern.canary":              "Canary Deployment",
	"pattern.rolling":             "Rolling Update",
	"pattern.recreate":            "Recreate",
	"pattern.ab-testing":          "A/B Testing",
	"flags.launchdarkly":          "LaunchDarkly",
	"flags.unleash":               "Unleash",
	"flags.flagsmith":             "Flagsmith",
	"flags.custom":                "Custom implementation",
	"flags.none":                  "None",
	"migrations.pre-deploy":       "Pre-deploy migrations",
	"migrations.in-deploy":        "In-deploy migrations",
	"migrations.post-deploy":      "Post-deploy migrations",
	"migrations.expand-contract":  "Expand-Contract pattern",
	"rollback.automated":          "Automated rollback",
	"rollback.manual":             "Manual rollback",
	"rollback.hybrid":             "Hybrid",
	"downtime.required":           "Required",
	"downtime.maintenance-window": "Maintenance window acceptable",
	"downtime.best-effort":        "Best effort",
	"regions.single-region":       "Single region",
	"regions.active-passive":      "Active-passive",
	"regions.active-active":       "Active-active",
}

// The "Key" people type for each sub-decision, keyed "<category>.<sub>".
var wantSubLabels = map[string]string{
	"rollback.triggers":      "Triggers",
	"rollback.mechanism":     "Mechanism",
	"rollback.data":          "Data",
	"rollback.testing":       "Testing",
	"downtime.shutdown":      "Shutdown",
	"downtime.probes":        "Probes",
	"downtime.draining":      "Draining",
	"downtime.load-balancer": "Load Balancer",
	"regions.order":          "Order",
	"regions.consistency":    "Consistency",
	"regions.independence":   "Independence",
	"regions.traffic":        "Traffic",
}

var wantMetrics = []struct {
	id    strategy.MetricID
	name  string
	short string
}{
	{strategy.MetricFrequency, "Deployment Frequency", "frequency"},
	{strategy.MetricLeadTime, "Lead Time for Changes", "lead time"},
	{strategy.MetricFailure, "Change Failure Rate", "failure rate"},
	{strategy.MetricMTTR, "Mean Time to Recovery", "MTTR"},
}

// requiredSuggestions lists the suggestion keys an option must carry: one
// for every sub-decision strategy.SuggestedBy says its category suggests
// (where the sub-decision applies to the option itself), and the GitOps
// variant where there is one.
func requiredSuggestions(cat *strategy.Category, option string) []string {
	var keys []string
	for key, from := range strategy.SuggestedBy {
		if from != cat.ID {
			continue
		}
		subCat, sub, _ := strings.Cut(key, ".")
		if subCat == string(cat.ID) && !cat.SubsApply(option) {
			continue
		}
		keys = append(keys, strategy.SuggestionKey(strategy.CategoryID(subCat), sub, ""))
		if strategy.GitOpsVariants[key] {
			keys = append(keys, strategy.SuggestionKey(strategy.CategoryID(subCat), sub, "gitops"))
		}
	}
	sort.Strings(keys)
	return keys
}

var (
	// A number followed by a unit of time: "2 weeks", "5min", "24h", "3-day".
	durationRe = regexp.MustCompile(`(?i)\b\d+(?:[.,]\d+)?\s*-?\s*(?:ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mos|months?|y|yrs?|years?)\b`)
	// Words of time that smuggle an estimate in without a number. "second"
	// alone is allowed: it is the ordinal ("a second region").
	durationWordRe = regexp.MustCompile(`(?i)\b(?:seconds|minutes?|hours?|days?|weeks?|months?|years?|fortnights?|overnight|hourly|daily|nightly|weekly|monthly|quarterly|yearly|annually)\b`)
	placeholderRe  = regexp.MustCompile(`\{[^{}]*\}`)
	htmlRe         = regexp.MustCompile(`<[A-Za-z/!]`)
	recommendRe    = regexp.MustCompile(`(?i)\b(?:recommend\w*|best choice|right choice|we suggest|you should use)\b`)
	sentenceEndRe  = regexp.MustCompile(`[.!?](?:\s|$)`)
)

var allowedPlaceholders = map[string]bool{"{tool}": true, "{method}": true, "{environments}": true, "{pattern}": true}

func hasDuration(s string) bool { return durationRe.MatchString(s) || durationWordRe.MatchString(s) }

func TestDurationGuard(t *testing.T) {
	for _, s := range []string{
		"rollout takes 2 weeks", "in 5 minutes", "5min", "24h", "a 3-day soak", "in minutes",
		"over several hours", "run nightly", "after 1.5 hours", "weekly drills", "a day later",
	} {
		if !hasDuration(s) {
			t.Errorf("duration guard misses %q", s)
		}
	}
	for _, s := range []string{
		"Route 53 health checks", "2x infrastructure cost", "HTTP 5xx errors", "a second region",
		"terminationGracePeriodSeconds", "sustained for the evaluation window", "step 3 deployment tool",
	} {
		if hasDuration(s) {
			t.Errorf("duration guard flags %q", s)
		}
	}
}

type text struct {
	where        string
	s            string
	detail       bool // may hold {placeholders}
	mayHaveTimes bool // DORA tier targets
}

// collect returns every string of the catalogue's categories and metrics.
func collect(c *i18n.Catalog) []text {
	var out []text
	add := func(where, s string) { out = append(out, text{where: where, s: s}) }
	for cid, cat := range c.Categories {
		p := "categories." + cid
		add(p+".name", cat.Name)
		add(p+".heading", cat.Heading)
		add(p+".question", cat.Question)
		for sid, sub := range cat.Subs {
			add(p+".subs."+sid+".label", sub.Label)
			add(p+".subs."+sid+".question", sub.Question)
		}
		for oid, o := range cat.Options {
			op := p + ".options." + oid
			add(op+".name", o.Name)
			add(op+".summary", o.Summary)
			for i, s := range o.Pros {
				add(fmt.Sprintf("%s.pros[%d]", op, i), s)
			}
			for i, s := range o.Cons {
				add(fmt.Sprintf("%s.cons[%d]", op, i), s)
			}
			for i, d := range o.DORA {
				add(fmt.Sprintf("%s.dora[%d].why", op, i), d.Why)
			}
			add(op+".rollback", o.Rollback)
			if o.Downtime != "" {
				add(op+".downtime", o.Downtime)
			}
			add(op+".plain", o.Plain)
			add(op+".example", o.Example)
			add(op+".brief", o.Brief)
			out = append(out, text{where: op + ".detail", s: o.Detail, detail: true})
			for k, v := range o.Suggestions {
				add(op+".suggestions."+k, v)
			}
		}
	}
	for mid, m := range c.Metrics {
		add("metrics."+mid+".name", m.Name)
		add("metrics."+mid+".short", m.Short)
		add("metrics."+mid+".glossary", m.Glossary)
		for tier, v := range m.Tiers {
			out = append(out, text{where: "metrics." + mid + ".tiers." + tier, s: v, mayHaveTimes: true})
		}
		for tier, v := range m.Bands {
			out = append(out, text{where: "metrics." + mid + ".bands." + tier, s: v, mayHaveTimes: true})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].where < out[j].where })
	return out
}

func loadEN(t *testing.T) *i18n.Catalog {
	t.Helper()
	c, err := i18n.Load("en")
	if err != nil {
		t.Fatalf("load en: %v", err)
	}
	return c
}

// TestCatalogFilesStrict decodes the two files with unknown fields rejected,
// so a misspelt key ("sumary", "default") cannot silently drop text.
func TestCatalogFilesStrict(t *testing.T) {
	for _, f := range []string{"categories.yaml", "metrics.yaml"} {
		decodeStrict(t, "en", f)
	}
}

func TestCategoriesComplete(t *testing.T) {
	c := loadEN(t)
	if len(wantCategories) != len(strategy.Categories) {
		t.Fatalf("test table has %d categories, strategy has %d", len(wantCategories), len(strategy.Categories))
	}
	known := map[string]bool{}
	for _, want := range wantCategories {
		known[string(want.id)] = true
		t.Run(string(want.id), func(t *testing.T) {
			cat, ok := strategy.CategoryByID(want.id)
			if !ok {
				t.Fatalf("strategy has no category %q", want.id)
			}
			ct, ok := c.Categories[string(cat.ID)]
			if !ok {
				t.Fatalf("no text for category %q", cat.ID)
			}
			if ct.Name != want.name {
				t.Errorf("name = %q, want %q", ct.Name, want.name)
			}
			if ct.Heading != want.heading {
				t.Errorf("heading = %q, want %q", ct.Heading, want.heading)
			}
			checkQuestion(t, "question", ct.Question)
			checkSubs(t, cat, ct)
			checkOptions(t, c, cat, ct)
		})
	}
	for id := range c.Categories {
		if !known[id] {
			t.Errorf("text for unknown category %q", id)
		}
	}
}

func checkQuestion(t *testing.T, where, q string) {
	t.Helper()
	if strings.TrimSpace(q) == "" {
		t.Errorf("%s is empty", where)
	} else if !strings.HasSuffix(q, "?") {
		t.Errorf("%s does not ask: %q", where, q)
	}
}

func checkSubs(t *testing.T, cat *strategy.Category, ct i18n.CategoryText) {
	t.Helper()
	known := map[string]bool{}
	for _, s := range cat.Subs {
		known[s.ID] = true
		key := string(cat.ID) + "." + s.ID
		st, ok := ct.Subs[s.ID]
		if !ok {
			t.Errorf("no text for sub-decision %s", key)
			continue
		}
		if want := wantSubLabels[key]; st.Label != want {
			t.Errorf("%s label = %q, want %q", key, st.Label, want)
		}
		accepted := false
		for _, k := range s.Keys {
			accepted = accepted || k == strings.ToLower(st.Label)
		}
		if !accepted {
			t.Errorf("%s label %q is not among the keys the parser accepts %v", key, st.Label, s.Keys)
		}
		checkQuestion(t, key+" question", st.Question)
	}
	for id := range ct.Subs {
		if !known[id] {
			t.Errorf("text for unknown sub-decision %s.%s", cat.ID, id)
		}
	}
}

func checkOptions(t *testing.T, c *i18n.Catalog, cat *strategy.Category, ct i18n.CategoryText) {
	t.Helper()
	validSub := map[string]bool{}
	for _, sc := range strategy.Categories {
		for _, s := range sc.Subs {
			validSub[string(sc.ID)+"."+s.ID] = true
		}
	}
	known := map[string]bool{}
	names := map[string]string{}
	for _, o := range cat.Options {
		known[o.ID] = true
		key := string(cat.ID) + "." + o.ID
		ot, ok := ct.Options[o.ID]
		if !ok {
			t.Errorf("no text for option %s", key)
			continue
		}
		if want := wantOptionNames[key]; ot.Name != want {
			t.Errorf("%s name = %q, want %q", key, ot.Name, want)
		}
		if prev, dup := names[strings.ToLower(ot.Name)]; dup {
			t.Errorf("%s and %s share the name %q", prev, key, ot.Name)
		}
		names[strings.ToLower(ot.Name)] = key
		for field, v := range map[string]string{"summary": ot.Summary, "rollback": ot.Rollback, "detail": ot.Detail} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s %s is empty", key, field)
			}
		}
		if n := len(sentenceEndRe.FindAllString(ot.Rollback, -1)); n < 1 || n > 2 {
			t.Errorf("%s rollback has %d sentences, want one or two: %q", key, n, ot.Rollback)
		}
		for field, list := range map[string][]string{"pros": ot.Pros, "cons": ot.Cons} {
			if len(list) == 0 {
				t.Errorf("%s has no %s", key, field)
			}
			for i, s := range list {
				if strings.TrimSpace(s) == "" {
					t.Errorf("%s %s[%d] is empty", key, field, i)
				}
			}
		}
		checkDORA(t, c, key, ot.DORA)
		required := requiredSuggestions(cat, o.ID)
		for _, k := range required {
			if strings.TrimSpace(ot.Suggestions[k]) == "" {
				t.Errorf("%s suggests nothing for %s", key, k)
			}
		}
		for k := range ot.Suggestions {
			if !slices.Contains(required, k) {
				t.Errorf("%s suggestion %q is one no decision asks it for (strategy.SuggestedBy)", key, k)
			}
		}
	}
	for id := range ct.Options {
		if !known[id] {
			t.Errorf("text for unknown option %s.%s", cat.ID, id)
		}
	}
}

func checkDORA(t *testing.T, c *i18n.Catalog, key string, impacts []i18n.ImpactText) {
	t.Helper()
	if n := len(impacts); n < 2 || n > 4 {
		t.Errorf("%s has %d DORA impacts, want 2 to 4", key, n)
	}
	validMetric := map[string]bool{}
	for _, m := range strategy.Metrics {
		validMetric[string(m.ID)] = true
	}
	seen := map[string]bool{}
	for i, d := range impacts {
		where := fmt.Sprintf("%s dora[%d]", key, i)
		if !validMetric[d.Metric] {
			t.Errorf("%s metric %q is not a DORA metric id", where, d.Metric)
		}
		if seen[d.Metric] {
			t.Errorf("%s repeats metric %q", where, d.Metric)
		}
		seen[d.Metric] = true
		switch d.Effect {
		case "improves", "worsens", "mixed":
		default:
			t.Errorf("%s effect %q, want improves, worsens or mixed", where, d.Effect)
		}
		if n := len(sentenceEndRe.FindAllString(d.Why, -1)); n != 1 || !strings.HasSuffix(d.Why, ".") {
			t.Errorf("%s why must be one sentence: %q", where, d.Why)
		}
	}
}

func TestMetricsComplete(t *testing.T) {
	c := loadEN(t)
	if len(wantMetrics) != len(strategy.Metrics) {
		t.Fatalf("test table has %d metrics, strategy has %d", len(wantMetrics), len(strategy.Metrics))
	}
	known := map[string]bool{}
	for _, want := range wantMetrics {
		known[string(want.id)] = true
		m, ok := c.Metrics[string(want.id)]
		if !ok {
			t.Errorf("no text for metric %q", want.id)
			continue
		}
		if m.Name != want.name || m.Short != want.short {
			t.Errorf("metric %s = %q/%q, want %q/%q", want.id, m.Name, m.Short, want.name, want.short)
		}
		for _, tier := range strategy.Tiers {
			if strings.TrimSpace(m.Tiers[tier]) == "" {
				t.Errorf("metric %s has no text for tier %q", want.id, tier)
			}
		}
		if len(m.Tiers) != len(strategy.Tiers) {
			t.Errorf("metric %s has %d tiers, want %d", want.id, len(m.Tiers), len(strategy.Tiers))
		}
	}
	for id := range c.Metrics {
		if !known[id] {
			t.Errorf("text for unknown metric %q", id)
		}
	}
}

func TestCatalogTextHygiene(t *testing.T) {
	for _, x := range collect(loadEN(t)) {
		s := x.s
		if s != strings.TrimSpace(s) || strings.Contains(s, "\n") {
			t.Errorf("%s is not a single trimmed line: %q", x.where, s)
		}
		if strings.Contains(s, "|") {
			t.Errorf("%s contains '|': %q", x.where, s)
		}
		if strings.Contains(s, "<!--") || htmlRe.MatchString(s) {
			t.Errorf("%s contains HTML: %q", x.where, s)
		}
		if strings.HasPrefix(s, "#") {
			t.Errorf("%s starts like a markdown heading: %q", x.where, s)
		}
		if recommendRe.MatchString(s) {
			t.Errorf("%s recommends: %q", x.where, s)
		}
		if !x.mayHaveTimes && hasDuration(s) {
			t.Errorf("%s contains a duration or time estimate: %q", x.where, s)
		}
		rest := s
		if x.detail {
			for _, p := range placeholderRe.FindAllString(s, -1) {
				if !allowedPlaceholders[p] {
					t.Errorf("%s uses unknown placeholder %s", x.where, p)
				}
			}
			rest = placeholderRe.ReplaceAllString(s, "")
		}
		if strings.ContainsAny(rest, "{}") {
			t.Errorf("%s has a brace outside an allowed placeholder: %q", x.where, s)
		}
	}
}
