package pipelinedoc

import "testing"

const contextHead = "---\nstepsCompleted: [1, 2, 3]\n---\n# CI/CD Pipeline Architecture\n\n"

// TestContext reads steps 1 and 2 in BMAD's wording and in others, and
// leaves a value unstated rather than guess.
func TestContext(t *testing.T) {
	cases := []struct {
		name string
		body string
		want Context
	}{
		{"bmad wording", `## Project Context

### Infrastructure

Kubernetes (EKS) in eu-west-1, Terraform-managed.

## Pipeline Architecture

### CI/CD Platform

**Platform:** GitHub Actions
**Rationale:** already in use

### Branch Strategy

**Strategy:** Trunk-based development
**Rationale:** short-lived branches
`, Context{Platform: "GitHub Actions", BranchStrategy: "Trunk-based development", Infrastructure: "Kubernetes (EKS) in eu-west-1, Terraform-managed."}},
		{"fields in the section", `## 2. Pipeline Architecture

- **CI/CD Platform:** GitLab CI
- **Branch Strategy:** GitFlow with release branches

## Pipeline Context

**Infrastructure:** ECS on Fargate
`, Context{Platform: "GitLab CI", BranchStrategy: "GitFlow with release branches", Infrastructure: "ECS on Fargate"}},
		{"prose subsections", `## Pipeline Context

The checkout service runs on Kubernetes (EKS) in one AWS region.

## Pipeline Architecture

### Branching Strategy

GitHub Flow: feature branches merged to main after review.
`, Context{BranchStrategy: "GitHub Flow: feature branches merged to main after review.", Infrastructure: "The checkout service runs on Kubernetes (EKS) in one AWS region."}},
		{"architecture in prose", "## Pipeline Architecture\n\nTrunk-based development; GitHub Actions builds every commit.\n", Context{Architecture: "Trunk-based development; GitHub Actions builds every commit."}},
		{"absent", "## Pipeline Stages\n\n### Deploy Stage\n\n**Tool:** Argo CD\n**Infrastructure:** step 3's, not step 1's\n", Context{}},
		{"fenced decoys", "## Pipeline Architecture\n\n```\n**Platform:** fenced\n```\n\n### CI/CD Platform\n\n**Platform:** Jenkins\n", Context{Platform: "Jenkins"}},
		{"a list under the label", "## Pipeline Architecture\n\n### Branch Strategy\n\n**Strategy:**\n- trunk-based\n- feature flags for unfinished work\n", Context{BranchStrategy: "trunk-based; feature flags for unfinished work"}},
	}
	for _, c := range cases {
		d, err := Parse("pipeline.md", []byte(contextHead+c.body))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if d.Context != c.want {
			t.Errorf("%s: Context =\n%#v\nwant\n%#v", c.name, d.Context, c.want)
		}
	}
}
