package project

import "testing"

// TestPreferences: the three BMAD keys are read as written, and
// Pipewright's own settings override them one at a time.
func TestPreferences(t *testing.T) {
	tree := files{ConfigPath: "user_name: Dana\ncommunication_language: Français\ndocument_output_language: English\nuser_skill_level: beginner\n"}
	c, found, err := LoadConfig(tree.read)
	if err != nil || !found {
		t.Fatalf("LoadConfig: %v, %v", found, err)
	}
	bmad := c.Preferences()
	if want := (Preferences{Comm: "Français", Doc: "English", Skill: "beginner"}); bmad != want {
		t.Fatalf("Preferences() = %+v, want %+v", bmad, want)
	}
	tests := []struct {
		name     string
		override Preferences
		want     Preferences
	}{
		{"nothing stated", Preferences{}, bmad},
		{"blank is not stated", Preferences{Comm: "  "}, bmad},
		{"one setting", Preferences{Doc: "de"}, Preferences{Comm: "Français", Doc: "de", Skill: "beginner"}},
		{"all three", Preferences{Comm: "ja", Doc: "ja", Skill: "expert"}, Preferences{Comm: "ja", Doc: "ja", Skill: "expert"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bmad.Override(tt.override); got != tt.want {
				t.Errorf("Override = %+v, want %+v", got, tt.want)
			}
		})
	}
	none, found, err := LoadConfig(files{}.read)
	if err != nil || found || none.Preferences() != (Preferences{}) {
		t.Errorf("without a config: %+v, %v, %v", none.Preferences(), found, err)
	}
}
