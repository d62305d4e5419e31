package deploy

import (
	"strings"
	"testing"
)

// env returns the container's env entry called name.
func env(t *testing.T, pod object, name string) object {
	t.Helper()
	for _, e := range list(container(t, pod)["env"]) {
		if dig(e, "name") == name {
			return e.(object)
		}
	}
	return nil
}

// secretish names hold credentials whatever their value looks like.
func secretish(name string) bool {
	for _, w := range []string{"SECRET", "PRIVATE_KEY", "PASSWORD", "TOKEN"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// checkSecretsByReference: no credential is written in a manifest; the
// pod reads each from a Secret by name.
func checkSecretsByReference(t *testing.T, objs []object, pod object) {
	for _, e := range list(container(t, pod)["env"]) {
		name, value := str(dig(e, "name")), str(dig(e, "value"))
		switch {
		case secretish(name) && dig(e, "valueFrom", "secretKeyRef", "name") == nil:
			t.Errorf("env %s is not read from a Secret", name)
		case strings.Contains(value, "://") && strings.Contains(value, "@"):
			t.Errorf("env %s carries credentials inline: %q", name, value)
		}
	}
	for k, v := range dig(find(objs, "ConfigMap", "pipewright-config"), "data").(object) {
		if secretish(k) || (strings.Contains(str(v), "://") && strings.Contains(str(v), "@")) {
			t.Errorf("ConfigMap key %s holds a secret", k)
		}
	}
	for _, name := range []string{"GITHUB_APP_ID", "GITHUB_PRIVATE_KEY", "GITHUB_WEBHOOK_SECRET"} {
		if ref := dig(env(t, pod, name), "valueFrom", "secretKeyRef", "name"); ref != "pipewright-github" {
			t.Errorf("%s from Secret %v, want pipewright-github", name, ref)
		}
	}
}

// SQLite is single-writer: one pod, never two at once, on a volume.
func checkSQLite(t *testing.T, objs []object, pod object) {
	d := find(objs, "Deployment", "pipewright")
	if r := num(dig(d, "spec", "replicas")); r != 1 {
		t.Errorf("replicas %d, want 1", r)
	}
	strategy := str(dig(d, "spec", "strategy", "type"))
	surge := dig(d, "spec", "strategy", "rollingUpdate", "maxSurge")
	if strategy != "Recreate" && !(strategy == "RollingUpdate" && (surge == 0 || surge == "0%")) {
		t.Errorf("strategy %s (maxSurge %v): two pods would write the SQLite file at once", strategy, surge)
	}
	if v := str(dig(env(t, pod, "DATABASE_URL"), "value")); v != "/data/pipewright.db" {
		t.Errorf("DATABASE_URL %q, want /data/pipewright.db", v)
	}
	var vol string
	for _, m := range list(container(t, pod)["volumeMounts"]) {
		if dig(m, "mountPath") == "/data" {
			vol = str(dig(m, "name"))
		}
	}
	claim := ""
	for _, v := range list(dig(pod, "spec", "volumes")) {
		if dig(v, "name") == vol {
			claim = str(dig(v, "persistentVolumeClaim", "claimName"))
		}
	}
	if claim == "" || find(objs, "PersistentVolumeClaim", claim) == nil {
		t.Errorf("/data is not a PersistentVolumeClaim of the overlay (volume %q, claim %q)", vol, claim)
	}
}

// PostgreSQL: several replicas, a rollout that never lowers capacity, the
// database URL from a Secret.
func checkPostgres(t *testing.T, objs []object, pod object) {
	d := find(objs, "Deployment", "pipewright")
	if r := num(dig(d, "spec", "replicas")); r < 2 {
		t.Errorf("replicas %d, want 2 or more", r)
	}
	if s := str(dig(d, "spec", "strategy", "type")); s != "RollingUpdate" {
		t.Errorf("strategy %s, want RollingUpdate", s)
	}
	if u := dig(d, "spec", "strategy", "rollingUpdate", "maxUnavailable"); u != 0 {
		t.Errorf("maxUnavailable %v, want 0", u)
	}
	if ref := dig(env(t, pod, "DATABASE_URL"), "valueFrom", "secretKeyRef"); dig(ref, "name") == nil || dig(ref, "key") == nil {
		t.Errorf("DATABASE_URL is not read from a Secret: %v", env(t, pod, "DATABASE_URL"))
	}
}
