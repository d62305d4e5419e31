package knowledge

import (
	"slices"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/strategy"
)

// canonical is how each project spells its name and its GitHub repository
// (owner/name as GitHub shows it, case included), checked against the
// projects' own pages; a tool without a repository publishes no releases
// there. Every row of the table must be here, spelled the same.
var canonical = map[string]struct{ name, repo string }{
	"argo-cd":        {"Argo CD", "argoproj/argo-cd"},
	"argo-rollouts":  {"Argo Rollouts", "argoproj/argo-rollouts"},
	"flux":           {"Flux", "fluxcd/flux2"},
	"flagger":        {"Flagger", "fluxcd/flagger"},
	"kubernetes":     {"Kubernetes Deployment", "kubernetes/kubernetes"},
	"helm":           {"Helm", "helm/helm"},
	"spinnaker":      {"Spinnaker", "spinnaker/spinnaker"},
	"aws-codedeploy": {"AWS CodeDeploy", ""},
	"amazon-ecs":     {"Amazon ECS", ""},
	"github-actions": {"GitHub Actions", ""},
	"flyway":         {"Flyway", "flyway/flyway"},
	"liquibase":      {"Liquibase", "liquibase/liquibase"},
	"atlas":          {"Atlas", "ariga/atlas"},
	"alembic":        {"Alembic", "sqlalchemy/alembic"},
	"golang-migrate": {"golang-migrate", "golang-migrate/migrate"},
	"rails":          {"Rails migrations", "rails/rails"},
	"django":         {"Django migrations", "django/django"},
	"prisma":         {"Prisma Migrate", "prisma/prisma"},
	"launchdarkly":   {"LaunchDarkly", "launchdarkly/go-server-sdk"},
	"unleash":        {"Unleash", "Unleash/unleash"},
	"flagsmith":      {"Flagsmith", "Flagsmith/flagsmith"},
	"growthbook":     {"GrowthBook", "growthbook/growthbook"},
	"openfeature":    {"OpenFeature", "open-feature/spec"},
	"flagd":          {"flagd", "open-feature/flagd"},
}

func TestToolsAreSpelledAsTheirProjectsPublishThem(t *testing.T) {
	tables, err := Parse(tablesYAML)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, tool := range tables.All() {
		want, ok := canonical[tool.ID]
		switch {
		case !ok:
			t.Errorf("%s is not in the table of canonical spellings", tool.ID)
		case tool.Name != want.name:
			t.Errorf("%s is spelled %q, its project writes %q", tool.ID, tool.Name, want.name)
		case tool.Repo != want.repo:
			t.Errorf("%s repository is %q, want %q", tool.ID, tool.Repo, want.repo)
		}
		if seen[tool.ID] {
			t.Errorf("%s is listed twice", tool.ID)
		}
		seen[tool.ID] = true
	}
	for id := range canonical {
		if !seen[id] {
			t.Errorf("%s has a canonical spelling but no row", id)
		}
	}
}

func TestTableClaimsOnlyWhatItCanName(t *testing.T) {
	tables := Load()
	cat, _ := strategy.CategoryByID(strategy.CatPattern)
	pattern := func(p string) bool { _, ok := cat.Option(p); return ok }
	aliases := map[string]string{}
	for _, tool := range tables.All() {
		if len(tool.Aliases) == 0 {
			t.Errorf("%s has no alias: nothing could name it", tool.ID)
		}
		for _, a := range tool.Aliases {
			if a != strings.ToLower(strings.TrimSpace(a)) || a == "" {
				t.Errorf("%s alias %q is not lower-case and trimmed", tool.ID, a)
			}
			if other, dup := aliases[a]; dup {
				t.Errorf("alias %q names both %s and %s", a, other, tool.ID)
			}
			aliases[a] = tool.ID
		}
		for _, p := range tool.Native {
			if !pattern(p) {
				t.Errorf("%s claims %q, which is no deployment pattern", tool.ID, p)
			}
		}
		for p, ids := range tool.Companion {
			if !pattern(p) || slices.Contains(tool.Native, p) {
				t.Errorf("%s needs a companion for %q, which is no pattern or one it does itself", tool.ID, p)
			}
			for _, id := range ids {
				c, ok := tables.ByID(id)
				if !ok || !slices.Contains(c.Native, p) {
					t.Errorf("%s's companion %q for %s does not do it natively", tool.ID, id, p)
				}
			}
		}
		if !slices.Contains([]string{"", "yes", "no", "paid"}, tool.Down) {
			t.Errorf("%s down = %q", tool.ID, tool.Down)
		}
	}
}

func TestNamed(t *testing.T) {
	tables := Load()
	tests := []struct {
		text string
		want []string
	}{
		{"Argo CD", []string{"argo-cd"}},
		{"Argo CD (v3.1.0)", []string{"argo-cd"}},
		{"ArgoCD with Argo Rollouts", []string{"argo-cd", "argo-rollouts"}},
		{"Argo Rollouts behind Argo CD", []string{"argo-rollouts", "argo-cd"}},
		{"Flux + Flagger", []string{"flux", "flagger"}},
		{"Helm charts applied by GitHub Actions", []string{"helm", "github-actions"}},
		{"Octopus Deploy", nil},
		{"reflux", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, tool := range Named(tables.Deploy, tt.text) {
			got = append(got, tool.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Named(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if got := Named(tables.Migrations, "our guard rails and MongoDB Atlas"); len(got) != 0 {
		t.Errorf("ordinary words name migration tools: %v", got)
	}
}

func TestPatternFit(t *testing.T) {
	tables := Load()
	tests := []struct {
		tool, pattern string
		known, native bool
		companions    []string
	}{
		{"Argo CD", "canary", true, false, []string{"argo-rollouts"}},
		{"Argo CD", "blue-green", true, false, []string{"argo-rollouts"}},
		{"Argo CD", "rolling", true, true, nil},
		{"Argo CD", "ab-testing", true, false, nil}, // no claim either way
		{"Argo CD and Argo Rollouts", "canary", true, true, nil},
		{"Flux", "canary", true, false, []string{"flagger"}},
		{"Flux with Flagger", "ab-testing", true, true, nil},
		{"Helm", "canary", true, false, []string{"argo-rollouts", "flagger"}},
		{"kubectl apply", "recreate", true, true, nil},
		{"Spinnaker", "canary", true, true, nil},
		{"GitHub Actions", "canary", true, false, nil},
		{"Octopus Deploy", "canary", false, false, nil},
	}
	for _, tt := range tests {
		fit := tables.PatternFit(tt.tool, tt.pattern)
		var got []string
		for _, c := range fit.Companions {
			got = append(got, c.ID)
		}
		if fit.Known != tt.known || fit.Native != tt.native || !slices.Equal(got, tt.companions) {
			t.Errorf("PatternFit(%q, %s) = known %v native %v companions %v, want %v %v %v",
				tt.tool, tt.pattern, fit.Known, fit.Native, got, tt.known, tt.native, tt.companions)
		}
	}
}

func TestParseIsStrict(t *testing.T) {
	if _, err := Parse([]byte("deploy:\n  - id: x\n    nativ: [canary]\n")); err == nil {
		t.Error("a misspelt field was accepted")
	}
}
