package strategy

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestSessionJSONRoundTrip: what the store keeps is the session, losslessly.
func TestSessionJSONRoundTrip(t *testing.T) {
	full := complete(t)
	full, _ = ApplyAll(full, []Command{
		c("/decide rollback hybrid -- pages wake people", "Triggers: 5xx", "Owner: SRE"),
		c("/target failure-rate under ten percent"),
	}, okEnv(t))
	savedS := RecordSave(full, SaveRecord{Revision: full.Revision, Commit: "abc", URL: "https://example.test", By: "lee", At: t0})
	cancelled := run(t, savedS, okEnv(t), "/cancel", "/start", "/decide canary -- again")
	for name, s := range map[string]Session{"idle": {}, "started": started(t), "complete": full, "saved": savedS, "restarted": cancelled} {
		t.Run(name, func(t *testing.T) {
			data, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			var back Session
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			again, _ := json.Marshal(back)
			if string(again) != string(data) {
				t.Errorf("JSON changed on a round trip:\n%s\n%s", data, again)
			}
			if len(s.Decisions) > 0 && !reflect.DeepEqual(back.Decisions, s.Decisions) {
				t.Errorf("decisions: got %+v want %+v", back.Decisions, s.Decisions)
			}
			if len(s.Targets) > 0 && !reflect.DeepEqual(back.Targets, s.Targets) {
				t.Errorf("targets: got %+v want %+v", back.Targets, s.Targets)
			}
			if !reflect.DeepEqual(back.Saved, s.Saved) || !reflect.DeepEqual(back.Archived, s.Archived) || back.Stage3.DeployTool != s.Stage3.DeployTool {
				t.Errorf("saved/archived/stage3 lost: %+v", back)
			}
			// The decoded session behaves exactly as the original.
			cmds := []Command{c("/decide pattern rolling"), c("/status"), c("/menu C")}
			a, ea := ApplyAll(s, cmds, okEnv(t))
			b, eb := ApplyAll(back, cmds, okEnv(t))
			if !sameSession(t, a, b) || !reflect.DeepEqual(shape(replyOf(ea)), shape(replyOf(eb))) {
				t.Errorf("decoded session behaves differently")
			}
		})
	}
}

// TestCloneIsDeep: changing a clone's nested values leaves the original.
func TestCloneIsDeep(t *testing.T) {
	s := complete(t)
	s, _ = ApplyAll(s, []Command{c("/decide rollback hybrid", "Triggers: 5xx", "Owner: SRE")}, okEnv(t))
	keep := complete(t)
	keep, _ = ApplyAll(keep, []Command{c("/decide rollback hybrid", "Triggers: 5xx", "Owner: SRE")}, okEnv(t))
	cl := s.Clone()
	cl.Decisions[CatRollback].Subs["triggers"] = "changed"
	cl.Decisions[CatRollback].Notes[0] = "changed"
	cl.Decisions[CatPattern].Option = "changed"
	cl.Targets[MetricMTTR].Text = "changed"
	cl.History[0].Action = "changed"
	cl.Stage3.Environments[0] = "changed"
	if !reflect.DeepEqual(s, keep) {
		t.Error("a change to the clone reached the original")
	}
}
