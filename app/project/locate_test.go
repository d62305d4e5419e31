package project

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
)

// files is a project tree in memory.
type files map[string]string

func (f files) read(name string) ([]byte, error) {
	if v, ok := f[name]; ok {
		return []byte(v), nil
	}
	return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
}

func TestDocPath(t *testing.T) {
	tests := []struct {
		name    string
		tree    files
		want    string
		wantErr string
	}{
		{"no config: BMAD's default", files{}, DefaultDocPath, ""},
		{"BMAD's own defaults with placeholders", files{ConfigPath: "output_folder: \"{project-root}/_bmad-output\"\nplanning_artifacts: \"{project-root}/_bmad-output/planning-artifacts\"\n"}, "_bmad-output/planning-artifacts/pipeline.md", ""},
		{"planning_artifacts through output_folder", files{ConfigPath: "output_folder: '{project-root}/docs/out'\nplanning_artifacts: '{output_folder}/plans'\n"}, "docs/out/plans/pipeline.md", ""},
		{"output_folder missing: BMAD's default folder", files{ConfigPath: "planning_artifacts: '{output_folder}/plans'\n"}, "_bmad-output/plans/pipeline.md", ""},
		{"plain relative folder", files{ConfigPath: "planning_artifacts: docs/architecture\n"}, "docs/architecture/pipeline.md", ""},
		{"config without planning_artifacts", files{ConfigPath: "user_name: Dana\n"}, DefaultDocPath, ""},
		{"comments and extra keys", files{ConfigPath: "# BMAD\nproject_name: shop # name\nplanning_artifacts: \"{project-root}/plan\" # here\ncommunication_language: French\n"}, "plan/pipeline.md", ""},
		{"escaping the project is refused", files{ConfigPath: "planning_artifacts: ../../etc\n"}, "", "outside the project"},
		{"broken YAML is named", files{ConfigPath: "planning_artifacts: [unclosed\n"}, "", ConfigPath + " is not valid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DocPath(tt.tree.read)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("DocPath = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLoadConfigReadsLanguageKeys(t *testing.T) {
	tree := files{ConfigPath: "communication_language: French\ndocument_output_language: English\nuser_skill_level: beginner\n"}
	c, found, err := LoadConfig(tree.read)
	if err != nil || !found {
		t.Fatalf("LoadConfig: %v %v", found, err)
	}
	if c.CommunicationLanguage != "French" || c.DocumentOutputLanguage != "English" || c.UserSkillLevel != "beginner" {
		t.Errorf("config = %+v", c)
	}
}

func TestReadErrorsOtherThanMissingAreReported(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := DocPath(func(string) ([]byte, error) { return nil, boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the read error", err)
	}
}

// FuzzDocPath: the config file is outside input; whatever it holds, DocPath
// never panics and never points outside the project.
func FuzzDocPath(f *testing.F) {
	f.Add("planning_artifacts: '{output_folder}/plans'\noutput_folder: '{project-root}/out'\n")
	f.Add("planning_artifacts: ../x\n")
	f.Add("planning_artifacts: /abs/path\n")
	f.Add("planning_artifacts: [1, 2]\n")
	f.Add(": : :\n")
	f.Fuzz(func(t *testing.T, config string) {
		p, err := DocPath(files{ConfigPath: config}.read)
		if err != nil {
			return
		}
		if strings.HasPrefix(p, "/") || p == ".." || strings.HasPrefix(p, "../") || !strings.HasSuffix(p, "pipeline.md") {
			t.Fatalf("DocPath = %q from %q", p, config)
		}
	})
}
