package pipelinedoc

import (
	"reflect"
	"slices"
	"testing"
)

const stage3Doc = "---\nstepsCompleted: [1, 2, 3]\n---\n" + `# CI/CD Pipeline Architecture

## Pipeline Architecture

### Deploy Stage

**Method:** decoy from step 2, not in Pipeline Stages

## Pipeline Stages

### Build Stage

**Method:** not the deploy method

### Deploy Stage

**Method:** GitOps (Argo CD)
- **Tool:**   Argo CD v2.13  
**Environment Sequence:** dev → staging → production

` + "```yaml\n### Promote Stage\n**Promotion Gates:** fenced, ignored\n```\n" + `
### Promote Stage

* **Promotion Gates**: all tests green, security scan clean
**Promotion Mechanism:** PR to the env repo

### Verify Stage

**Rollback Triggers:** error rate > 2% for 5 minutes

## Deployment Strategy Notes

**Rollback Triggers:** not in a stage
`

func TestStage3(t *testing.T) {
	d, err := Parse("pipeline.md", []byte(stage3Doc))
	if err != nil {
		t.Fatal(err)
	}
	want := Stage3{
		DeployMethod:        "GitOps (Argo CD)",
		DeployTool:          "Argo CD v2.13",
		EnvironmentSequence: "dev → staging → production",
		PromotionGates:      "all tests green, security scan clean",
		PromotionMechanism:  "PR to the env repo",
		RollbackTriggers:    "error rate > 2% for 5 minutes",
		Environments:        []string{"dev", "staging", "production"},
	}
	if !reflect.DeepEqual(d.Stage3, want) {
		t.Errorf("Stage3 =\n%#v\nwant\n%#v", d.Stage3, want)
	}
}

func TestStage3Variants(t *testing.T) {
	tests := []struct {
		name, body string
		want       Stage3
	}{
		{"no stages section", "# Pipeline\n\n**Method:** push\n", Stage3{}},
		{"missing fields", "## Pipeline Stages\n### Deploy Stage\n**Tool:** Helm\n", Stage3{DeployTool: "Helm"}},
		{"case-insensitive and numbered headings",
			"## PIPELINE STAGES\n#### 5. deploy stage (CD) ####\n**method:** Push\n**ENVIRONMENT SEQUENCE:** dev -> prod\n",
			Stage3{DeployMethod: "Push", EnvironmentSequence: "dev -> prod", Environments: []string{"dev", "prod"}}},
		{"list below an empty label",
			"## Pipeline Stages\n### Promote Stage\n- **Promotion Gates:**\n  - tests pass\n  - approval\n- **Promotion Mechanism:** tags\n",
			Stage3{PromotionGates: "tests pass; approval", PromotionMechanism: "tags"}},
		{"empty label followed by a field stays empty",
			"## Pipeline Stages\n### Deploy Stage\n- **Method:**\n- **Tool:** kubectl\n", Stage3{DeployTool: "kubectl"}},
		{"first value wins", "## Pipeline Stages\n### Verify Stage\n**Rollback Triggers:** a\n**Rollback Triggers:** b\n", Stage3{RollbackTriggers: "a"}},
		{"stage ends at next heading", "## Pipeline Stages\n### Deploy Stage\n### Verify Stage\n**Method:** x\n", Stage3{}},
		{"unclosed fence hides the rest", "## Pipeline Stages\n~~~\n### Deploy Stage\n**Method:** x\n", Stage3{}},
		{"CRLF", "## Pipeline Stages\r\n### Deploy Stage\r\n**Method:** push\r\n", Stage3{DeployMethod: "push"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("f", []byte("---\n---\n"+tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d.Stage3, tt.want) {
				t.Errorf("Stage3 =\n%#v\nwant\n%#v", d.Stage3, tt.want)
			}
		})
	}
}

func TestSplitEnvironments(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ", nil},
		{"dev → staging → production", []string{"dev", "staging", "production"}},
		{"dev -> staging -> prod", []string{"dev", "staging", "prod"}},
		{"dev->staging=>prod", []string{"dev", "staging", "prod"}},
		{"dev, staging, prod", []string{"dev", "staging", "prod"}},
		{"dev, staging, and prod", []string{"dev", "staging", "prod"}},
		{"1. dev 2. staging 3. prod", []string{"dev", "staging", "prod"}},
		{"1) dev; 2) qa; 3) prod.", []string{"dev", "qa", "prod"}},
		{"dev then staging then prod", []string{"dev", "staging", "prod"}},
		{"dev - pre-prod - prod", []string{"dev", "pre-prod", "prod"}},
		{"`dev` → **staging** → _prod_", []string{"dev", "staging", "prod"}},
		{"dev → staging (auto, on merge) → prod (manual)", []string{"dev", "staging (auto, on merge)", "prod (manual)"}},
		{"dev ⇒ staging » prod | dr", []string{"dev", "staging", "prod", "dr"}},
		{"v1.2 → prod", []string{"v1.2", "prod"}},
		{"production", []string{"production"}},
	}
	for _, tt := range tests {
		if got := SplitEnvironments(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("SplitEnvironments(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
