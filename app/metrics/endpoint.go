package metrics

import "strings"

// endpoints are the REST paths Pipewright calls, as templates: "{x}" is one
// segment, "{x...}" the rest of the path. The first match wins, so a literal
// segment is listed before a template that would also take it.
var endpoints = [][]string{
	split("/repos/{owner}/{repo}"),
	split("/repos/{owner}/{repo}/contents/{path...}"),
	split("/repos/{owner}/{repo}/collaborators/{user}/permission"),
	split("/repos/{owner}/{repo}/git/ref/{ref...}"),
	split("/repos/{owner}/{repo}/git/refs"),
	split("/repos/{owner}/{repo}/git/refs/{ref...}"),
	split("/repos/{owner}/{repo}/branches/{branch}"),
	split("/repos/{owner}/{repo}/issues/comments/{id}"),
	split("/repos/{owner}/{repo}/issues/comments/{id}/reactions"),
	split("/repos/{owner}/{repo}/issues/{number}"),
	split("/repos/{owner}/{repo}/issues/{number}/comments"),
	split("/repos/{owner}/{repo}/issues/{number}/reactions"),
	split("/repos/{owner}/{repo}/pulls"),
	split("/repos/{owner}/{repo}/pulls/{number}"),
	split("/repos/{owner}/{repo}/releases/latest"),
	split("/app"),
	split("/app/installations/{id}"),
	split("/app/installations/{id}/access_tokens"),
	split("/app-manifests/{code}/conversions"),
	split("/rate_limit"),
}

func split(p string) []string { return strings.Split(strings.Trim(p, "/"), "/") }

// Endpoint names a request path by its template, such as
// /repos/{owner}/{repo}/contents/{path}, so that metrics have one series per
// kind of call instead of one per file or issue. GitHub Enterprise Server's
// /api/v3 prefix is dropped; paths Pipewright does not call are "other".
func Endpoint(path string) string {
	if i := strings.Index(path, "/api/v3/"); i >= 0 {
		path = path[i+len("/api/v3"):]
	}
	segs := split(path)
	for _, pat := range endpoints {
		if match(pat, segs) {
			return "/" + strings.ReplaceAll(strings.Join(pat, "/"), "...}", "}")
		}
	}
	return "other"
}

func match(pat, segs []string) bool {
	for i, p := range pat {
		if strings.HasSuffix(p, "...}") {
			return len(segs) > i
		}
		if i >= len(segs) {
			return false
		}
		if !strings.HasPrefix(p, "{") && p != segs[i] {
			return false
		}
		if segs[i] == "" {
			return false
		}
	}
	return len(segs) == len(pat)
}
