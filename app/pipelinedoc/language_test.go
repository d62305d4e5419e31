package pipelinedoc

import (
	"errors"
	"strings"
	"testing"
)

// The section's heading depends on document_output_language; its markers
// do not. A section the team wrote by hand under the heading Pipewright is
// about to save is foreign in any language, and saving in another language
// replaces Pipewright's own section instead of adding one.
func TestSectionsInOtherLanguages(t *testing.T) {
	const head = "---\nstepsCompleted: [1, 2, 3]\n---\n\n# Pipeline\n"
	french := "## Stratégie de déploiement\n\n### Modèle de déploiement\n\n**Modèle :** Canary\n"
	german := "## Deployment-Strategie\n\n### Deployment-Muster\n\n**Muster:** Canary\n"
	tests := []struct {
		name    string
		doc     string
		section string
		want    error
	}{
		{"hand-written French, saving French", head + "\n## Stratégie de déploiement\n\nécrit à la main\n", french, ErrForeignSection},
		{"hand-written, other case and numbering", head + "\n## 4. STRATÉGIE de déploiement\n", french, ErrForeignSection},
		{"hand-written English, saving German", head + "\n## Deployment Strategy\n", german, ErrForeignSection},
		{"a French heading one level down is not the section", head + "\n### Stratégie de déploiement\n", french, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Save("pipeline.md", []byte(tt.doc), tt.section)
			if !errors.Is(err, tt.want) || (err == nil) != (out != nil) {
				t.Fatalf("Save = %v, want %v", err, tt.want)
			}
			if err != nil && !strings.Contains(err.Error(), "did not write") {
				t.Errorf("the refusal does not say why: %v", err)
			}
		})
	}
	once, err := Save("pipeline.md", []byte(head), french)
	if err != nil {
		t.Fatal(err)
	}
	switched, err := Save("pipeline.md", once, german)
	if err != nil {
		t.Fatalf("saving in German over Pipewright's French section: %v", err)
	}
	if strings.Count(string(switched), markerOpen+"begin") != 1 || strings.Contains(string(switched), "Stratégie") {
		t.Errorf("the German save did not replace the French section:\n%s", switched)
	}
}
