package deploy

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// object is one Kubernetes object as parsed YAML.
type object = map[string]any

// readDocs parses every YAML document of a file.
func readDocs(t *testing.T, path string) []object {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var out []object
	for {
		var doc object
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if doc != nil {
			out = append(out, doc)
		}
	}
}

// build is the subset of `kustomize build` these manifests use: resources
// (files, or directories with their own kustomization.yaml) and patches
// (strategic merge by kind and name). Anything else in a kustomization
// fails the test, so the subset cannot silently fall behind the files.
func build(t *testing.T, dir string) []object {
	t.Helper()
	k := readDocs(t, filepath.Join(dir, "kustomization.yaml"))[0]
	for key := range k {
		switch key {
		case "apiVersion", "kind", "resources", "patches":
		default:
			t.Fatalf("%s: kustomization field %q is not implemented by this test's build", dir, key)
		}
	}
	if k["apiVersion"] != "kustomize.config.k8s.io/v1beta1" || k["kind"] != "Kustomization" {
		t.Fatalf("%s: not a Kustomization: %v %v", dir, k["apiVersion"], k["kind"])
	}
	var objs []object
	for _, r := range list(k["resources"]) {
		p := filepath.Join(dir, r.(string))
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			objs = append(objs, build(t, p)...)
		} else {
			objs = append(objs, readDocs(t, p)...)
		}
	}
	for _, p := range list(k["patches"]) {
		path, _ := p.(object)["path"].(string)
		if path == "" {
			t.Fatalf("%s: only patches with a path are implemented", dir)
		}
		for _, patch := range readDocs(t, filepath.Join(dir, path)) {
			target := find(objs, str(patch["kind"]), str(dig(patch, "metadata", "name")))
			if target == nil {
				t.Fatalf("%s: patch %s targets nothing", dir, path)
			}
			merge(target, patch)
		}
	}
	return objs
}

// mergeKeys are the strategic-merge keys of the lists the patches touch;
// other lists are replaced, as Kubernetes' own merge does.
var mergeKeys = map[string]string{
	"containers": "name", "initContainers": "name", "env": "name", "volumes": "name",
	"volumeMounts": "mountPath", "ports": "containerPort",
}

func merge(dst, src object) {
	for k, sv := range src {
		switch s := sv.(type) {
		case object:
			if d, ok := dst[k].(object); ok {
				merge(d, s)
				continue
			}
		case []any:
			if key := mergeKeys[k]; key != "" {
				dst[k] = mergeList(list(dst[k]), s, key)
				continue
			}
		}
		dst[k] = sv
	}
}

func mergeList(dst, src []any, key string) []any {
	for _, item := range src {
		it := item.(object)
		matched := false
		for _, d := range dst {
			if d.(object)[key] == it[key] {
				merge(d.(object), it)
				matched = true
			}
		}
		if !matched {
			dst = append(dst, it)
		}
	}
	return dst
}

func find(objs []object, kind, name string) object {
	for _, o := range objs {
		if o["kind"] == kind && dig(o, "metadata", "name") == name {
			return o
		}
	}
	return nil
}

// dig walks maps by keys; nil when a step is missing.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(object)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func list(v any) []any { l, _ := v.([]any); return l }
func str(v any) string { s, _ := v.(string); return s }

func num(v any) int {
	n, _ := v.(int)
	return n
}
