package versions

import "testing"

func TestStatedAndNewer(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Argo CD (v3.1.0)", "v3.1.0"}, {"Flux 2.4", "2.4"}, {"Argo CD", ""}, {"Helm v3", ""},
	} {
		if got := Stated(tt.text); got != tt.want {
			t.Errorf("Stated(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	for _, tt := range []struct {
		latest, stated string
		want           bool
	}{
		{"v3.2.1", "v3.1.0", true}, {"v3.1.0", "v3.1.0", false}, {"v3.1.0", "v3.2.0", false},
		{"v2.4.1", "2.4", true}, {"flyway-11.3.0", "10.0.0", true}, {"nightly", "v1.0.0", false}, {"v1.0.0", "", false},
	} {
		if got := Newer(tt.latest, tt.stated); got != tt.want {
			t.Errorf("Newer(%q, %q) = %v, want %v", tt.latest, tt.stated, got, tt.want)
		}
	}
}
