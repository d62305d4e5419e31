// Package deploy holds Pipewright's container image (Dockerfile) and its
// Kubernetes manifests (k8s/: a Kustomize base and the sqlite and postgres
// overlays). Its tests parse them and check what operating Pipewright
// safely depends on: probes, drain timing, security context, secrets by
// reference only, and the App manifest's least permissions.
package deploy
