package strategy

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

var french = Settings{Comm: "fr", Doc: "de", Skill: "expert"}

func fallbackNotice() Message {
	return Message{Kind: MsgNotice, Key: "settings.unknown-level", Args: []any{"value", "guru"}}
}

// TestSettingsKeptFromEnv: the session keeps the settings the shell read;
// a command without them (a live session on GitHub reads nothing) leaves
// them alone; the next read replaces them (a local run with another
// config).
func TestSettingsKeptFromEnv(t *testing.T) {
	env := okEnv(t)
	env.Settings = french
	cases := []struct {
		name  string
		steps []Env
		want  Settings
	}{
		{"never read", []Env{okEnv(t), okEnv(t)}, Settings{}},
		{"read at start", []Env{env, okEnv(t)}, french},
		{"read again", []Env{env, {Settings: Settings{Comm: "ja", Doc: "ja", Skill: "beginner"}}}, Settings{Comm: "ja", Doc: "ja", Skill: "beginner"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := Apply(Session{}, c("/start"), tc.steps[0])
			s, _ = Apply(s, c("/decide canary"), tc.steps[1])
			if s.Settings != tc.want {
				t.Errorf("settings = %+v, want %+v", s.Settings, tc.want)
			}
		})
	}
}

// TestSettingsChangeIsAnnounced: settings read again during a session
// (a second /start) that differ from the session's are announced once,
// first; the same settings, a session never started, or a first read say
// nothing. Decisions stay.
func TestSettingsChangeIsAnnounced(t *testing.T) {
	read := func(st Settings) Env { env := okEnv(t); env.Settings = st; return env }
	japanese := Settings{Comm: "ja", Doc: "ja", Skill: "beginner"}
	started, _ := Apply(Session{}, c("/start"), read(french))
	started, _ = Apply(started, c("/decide canary"), Env{})
	neverRead, _ := Apply(Session{}, c("/start"), okEnv(t))
	cases := []struct {
		name     string
		from     Session
		env      Env
		announce bool
	}{
		{"changed during a session", started, read(japanese), true},
		{"unchanged", started, read(french), false},
		{"first read of a live session", neverRead, read(japanese), false},
		{"no session yet", Session{}, read(japanese), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, effects := Apply(tc.from, c("/start"), tc.env)
			msgs := replyOf(effects)
			announced := len(msgs) > 0 && msgs[0].Key == "start.settings-changed"
			if announced != tc.announce {
				t.Fatalf("reply = %v, announced %v, want %v", shape(msgs), announced, tc.announce)
			}
			if s.Settings != tc.env.Settings {
				t.Errorf("settings = %+v, want %+v", s.Settings, tc.env.Settings)
			}
			if tc.from.Started() && !reflect.DeepEqual(s.Decisions, tc.from.Decisions) {
				t.Errorf("decisions changed: %v", s.Decisions)
			}
		})
	}
}

// TestRestartReportsADocumentThatNoLongerReads: /start on a live session
// whose document (or configuration) read fails says so after "already
// under way", and the session carries on as it was.
func TestRestartReportsADocumentThatNoLongerReads(t *testing.T) {
	s := run(t, Session{}, okEnv(t), "/start", "/decide canary")
	broken := Env{DocErr: errors.New(".github/pipewright.yml: not valid YAML")}
	next, effects := Apply(s, c("/start"), broken)
	got := shape(replyOf(effects))
	if len(got) < 2 || got[0] != "notice:start.already" || got[1] != string(MsgDocError) {
		t.Fatalf("reply = %v, want the notice then the document error", got)
	}
	if !reflect.DeepEqual(next.Decisions, s.Decisions) || next.Phase != s.Phase {
		t.Errorf("the session changed: %+v", next)
	}
}

// TestSettingsNoticesOnceAtStart: a fallback notice precedes the context
// when a session starts, explicitly or by a first decision, and is not
// repeated by later commands or by /start on a live session.
func TestSettingsNoticesOnceAtStart(t *testing.T) {
	env := okEnv(t)
	env.Notices = []Message{fallbackNotice()}
	for _, first := range []string{"/start", "/decide canary"} {
		t.Run(first, func(t *testing.T) {
			s, effects := Apply(Session{}, c(first), env)
			msgs := replyOf(effects)
			if len(msgs) < 2 || msgs[0].Key != "settings.unknown-level" || msgs[1].Kind != MsgContext {
				t.Fatalf("reply = %v, want the notice then the context", shape(msgs))
			}
			for _, line := range []string{"/start", "/decide unleash", "/status"} {
				_, effects = Apply(s, c(line), env)
				for _, m := range replyOf(effects) {
					if m.Key == "settings.unknown-level" {
						t.Errorf("%s repeated the notice", line)
					}
				}
			}
		})
	}
	// A start that fails says what failed, not the notice.
	bad := Env{Notices: env.Notices}
	_, effects := Apply(Session{}, c("/start"), bad)
	if got := shape(replyOf(effects)); len(got) != 1 || replyOf(effects)[0].Key != "error.no-document" {
		t.Errorf("failed start replied %v", got)
	}
}

// TestSettingsSurviveCancelAndJSON: /cancel and a new /start keep the
// settings, and the store keeps them losslessly; a session without any
// writes no settings key at all (old records read the same).
func TestSettingsSurviveCancelAndJSON(t *testing.T) {
	env := okEnv(t)
	env.Settings = french
	s := run(t, Session{}, env, "/start", "/decide canary")
	s = run(t, s, okEnv(t), "/cancel", "/start")
	if s.Settings != french {
		t.Fatalf("after /cancel and /start: %+v", s.Settings)
	}
	data, _ := json.Marshal(s)
	var back Session
	if err := json.Unmarshal(data, &back); err != nil || back.Settings != french {
		t.Errorf("round trip: %+v, %v", back.Settings, err)
	}
	plain, _ := json.Marshal(started(t))
	if strings.Contains(string(plain), `"settings"`) {
		t.Errorf("a session without settings stores %s", plain)
	}
}
