package deploy

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/service"
)

// handBack is the queue's default hand-back timeout (queue.WithHandBackTimeout):
// after DrainTimeout, jobs still running get this long to return their work.
const handBack = 10 * time.Second

// Each overlay's effective objects carry what operating Pipewright safely
// depends on, and what each store needs of the rollout.
func TestOverlays(t *testing.T) {
	for _, o := range []struct {
		name  string
		kinds []string
		store func(t *testing.T, objs []object, pod object)
	}{
		{"sqlite", []string{"PersistentVolumeClaim"}, checkSQLite},
		{"postgres", nil, checkPostgres},
	} {
		t.Run(o.name, func(t *testing.T) {
			objs := build(t, filepath.Join("k8s", "overlays", o.name))
			kinds := map[string]int{}
			for _, obj := range objs {
				kinds[str(obj["kind"])]++
			}
			for _, k := range append([]string{"Deployment", "Service", "ServiceAccount", "PodDisruptionBudget", "ConfigMap"}, o.kinds...) {
				if kinds[k] != 1 {
					t.Errorf("%d objects of kind %s, want 1", kinds[k], k)
				}
			}
			if kinds["Secret"] != 0 {
				t.Error("a Secret is in the manifests: secrets are referenced by name, never written here")
			}
			pod := dig(find(objs, "Deployment", "pipewright"), "spec", "template").(object)
			checkPod(t, objs, pod)
			checkSecretsByReference(t, objs, pod)
			checkRouting(t, objs, pod)
			checkMetricsPrivate(t, objs, pod)
			o.store(t, objs, pod)
		})
	}
}

// container is the pod's pipewright container.
func container(t *testing.T, pod object) object {
	t.Helper()
	for _, c := range list(dig(pod, "spec", "containers")) {
		if dig(c, "name") == "pipewright" {
			return c.(object)
		}
	}
	t.Fatal("no pipewright container")
	return nil
}

func checkPod(t *testing.T, objs []object, pod object) {
	c := container(t, pod)
	spec := pod["spec"].(object)
	for _, f := range []struct {
		path []string
		want any
	}{
		{[]string{"readinessProbe", "httpGet", "path"}, "/readyz"},
		{[]string{"livenessProbe", "httpGet", "path"}, "/healthz"},
		{[]string{"securityContext", "runAsNonRoot"}, true},
		{[]string{"securityContext", "readOnlyRootFilesystem"}, true},
		{[]string{"securityContext", "allowPrivilegeEscalation"}, false},
		{[]string{"securityContext", "seccompProfile", "type"}, "RuntimeDefault"},
		{[]string{"securityContext", "capabilities", "drop"}, []any{"ALL"}},
	} {
		if got := dig(c, f.path...); !equal(got, f.want) {
			t.Errorf("container %s = %v, want %v", strings.Join(f.path, "."), got, f.want)
		}
	}
	if dig(spec, "securityContext", "runAsNonRoot") != true || dig(spec, "securityContext", "seccompProfile", "type") != "RuntimeDefault" {
		t.Errorf("pod securityContext %v: want runAsNonRoot and seccomp RuntimeDefault", spec["securityContext"])
	}
	if uid := num(dig(spec, "securityContext", "runAsUser")); uid == 0 {
		t.Error("pod runAsUser unset or root: distroless's nonroot is 65532")
	}
	for _, r := range []string{"requests", "limits"} {
		for _, res := range []string{"cpu", "memory"} {
			if dig(c, "resources", r, res) == nil {
				t.Errorf("resources.%s.%s unset", r, res)
			}
		}
	}
	if spec["automountServiceAccountToken"] != false {
		t.Error("the pod mounts a Kubernetes API token it never uses")
	}
	checkTmp(t, spec, c)
	checkGrace(t, objs, spec, c)
}

// checkTmp: a writable /tmp on an emptyDir, since the root is read-only.
func checkTmp(t *testing.T, spec, c object) {
	var vol string
	for _, m := range list(c["volumeMounts"]) {
		if dig(m, "mountPath") == "/tmp" {
			vol = str(dig(m, "name"))
		}
	}
	for _, v := range list(spec["volumes"]) {
		if dig(v, "name") == vol && dig(v, "emptyDir") != nil {
			return
		}
	}
	t.Error("no emptyDir mounted at /tmp")
}

// checkGrace: the kubelet's SIGKILL comes only after everything Pipewright
// may spend draining: preStop, the drain delay, DrainTimeout, the hand-back.
func checkGrace(t *testing.T, objs []object, spec, c object) {
	preStop := time.Duration(num(dig(c, "lifecycle", "preStop", "sleep", "seconds"))) * time.Second
	if preStop <= 0 {
		t.Error("no preStop sleep: endpoints may still route to a stopping pod")
	}
	delay, err := time.ParseDuration(str(dig(find(objs, "ConfigMap", "pipewright-config"), "data", "PIPEWRIGHT_DRAIN_DELAY")))
	if err != nil {
		t.Errorf("PIPEWRIGHT_DRAIN_DELAY: %v", err)
	}
	grace := time.Duration(num(spec["terminationGracePeriodSeconds"])) * time.Second
	if need := preStop + delay + service.DrainTimeout + handBack; grace <= need {
		t.Errorf("terminationGracePeriodSeconds %s, want more than preStop %s + drain delay %s + DrainTimeout %s + hand-back %s",
			grace, preStop, delay, service.DrainTimeout, handBack)
	}
}

func equal(a, b any) bool {
	al, aok := a.([]any)
	bl, bok := b.([]any)
	if aok && bok {
		if len(al) != len(bl) {
			return false
		}
		for i := range al {
			if al[i] != bl[i] {
				return false
			}
		}
		return true
	}
	return a == b
}

// checkRouting: the Service and the PodDisruptionBudget select the pods,
// and the Service's port names the container's.
func checkRouting(t *testing.T, objs []object, pod object) {
	labels := dig(pod, "metadata", "labels").(object)
	selects := func(sel any) bool {
		m, ok := sel.(object)
		if !ok || len(m) == 0 {
			return false
		}
		for k, v := range m {
			if labels[k] != v {
				return false
			}
		}
		return true
	}
	if !selects(dig(find(objs, "Service", "pipewright"), "spec", "selector")) {
		t.Error("the Service does not select the pods")
	}
	if !selects(dig(find(objs, "PodDisruptionBudget", "pipewright"), "spec", "selector", "matchLabels")) {
		t.Error("the PodDisruptionBudget does not select the pods")
	}
	if !selects(dig(find(objs, "Deployment", "pipewright"), "spec", "selector", "matchLabels")) {
		t.Error("the Deployment's selector does not match its pods")
	}
	ports := map[string]bool{}
	for _, p := range list(container(t, pod)["ports"]) {
		ports[str(dig(p, "name"))] = true
	}
	for _, p := range list(dig(find(objs, "Service", "pipewright"), "spec", "ports")) {
		if !ports[str(dig(p, "targetPort"))] {
			t.Errorf("Service targetPort %v is not a named container port (have %v)", dig(p, "targetPort"), slices.Collect(maps.Keys(ports)))
		}
	}
}

// checkMetricsPrivate: /metrics is served on a listener of its own
// (PIPEWRIGHT_METRICS_ADDR), on a named container port that the Service,
// which the public ingress routes to, does not expose.
func checkMetricsPrivate(t *testing.T, objs []object, pod object) {
	addr := str(dig(find(objs, "ConfigMap", "pipewright-config"), "data", "PIPEWRIGHT_METRICS_ADDR"))
	if addr == "" {
		t.Fatal("PIPEWRIGHT_METRICS_ADDR is not set: /metrics would be served on the public port")
	}
	var metricsPort string
	for _, p := range list(container(t, pod)["ports"]) {
		if str(dig(p, "name")) == "metrics" {
			metricsPort = fmt.Sprint(dig(p, "containerPort"))
		}
	}
	if metricsPort == "" || !strings.HasSuffix(addr, ":"+metricsPort) {
		t.Errorf("container port \"metrics\" is %q, PIPEWRIGHT_METRICS_ADDR %q: they must match", metricsPort, addr)
	}
	for _, p := range list(dig(find(objs, "Service", "pipewright"), "spec", "ports")) {
		if tp := fmt.Sprint(dig(p, "targetPort")); tp == "metrics" || tp == metricsPort {
			t.Errorf("the Service exposes the metrics port (%s): keep /metrics off the public ingress", tp)
		}
	}
}
