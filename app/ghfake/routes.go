package ghfake

import (
	"net/url"
	"strings"
)

// authKind says which credential a route wants.
type authKind int

const (
	authNone   authKind = iota // anyone (manifest conversion, raw downloads)
	authJWT                    // the app's own JWT
	authToken                  // an installation token this server issued
	authPublic                 // a token, or none for a public repository (reads)
)

const docBase = "https://docs.github.com/rest/"

// route is one endpoint. Patterns are matched segment by segment: "{x}"
// takes one segment, "{x...}" the rest (possibly none). The first match
// wins, which is why /issues/comments/{id} is listed before /issues/{number}.
type route struct {
	method  string
	segs    []string
	auth    authKind
	creates bool // content-creating in GitHub's secondary-rate-limit sense
	root    bool // matched against the full path, outside the API prefix
	doc     string
	h       func(*call)
}

func (s *Server) buildRoutes() []*route {
	var rs []*route
	add := func(method, pattern string, auth authKind, doc string, h func(*call)) {
		rs = append(rs, &route{method: method, segs: strings.Split(strings.Trim(pattern, "/"), "/"),
			auth: auth, doc: docBase + doc, h: h, creates: method != "GET" && auth == authToken})
	}
	const repo = "/repos/{owner}/{repo}"
	add("POST", "/app/installations/{id}/access_tokens", authJWT, "apps/apps#create-an-installation-access-token-for-an-app", s.createToken)
	add("GET", "/app/installations/{id}", authJWT, "apps/apps#get-an-installation-for-the-authenticated-app", s.getInstallation)
	add("GET", "/app", authJWT, "apps/apps#get-the-authenticated-app", s.getApp)
	add("POST", "/app-manifests/{code}/conversions", authNone, "apps/apps#create-a-github-app-from-a-manifest", s.convertManifest)
	add("GET", repo, authToken, "repos/repos#get-a-repository", s.getRepo)
	add("GET", repo+"/collaborators/{user}/permission", authToken, "collaborators/collaborators#get-repository-permissions-for-a-user", s.getPermission)
	add("GET", repo+"/contents/{path...}", authToken, "repos/contents#get-repository-content", s.getContents)
	add("PUT", repo+"/contents/{path...}", authToken, "repos/contents#create-or-update-file-contents", s.putContents)
	add("GET", repo+"/git/ref/{ref...}", authToken, "git/refs#get-a-reference", s.getRef)
	add("GET", repo+"/git/refs/{ref...}", authToken, "git/refs#get-a-reference", s.getRef)
	add("POST", repo+"/git/refs", authToken, "git/refs#create-a-reference", s.createRef)
	add("PATCH", repo+"/git/refs/{ref...}", authToken, "git/refs#update-a-reference", s.updateRef)
	add("DELETE", repo+"/git/refs/{ref...}", authToken, "git/refs#delete-a-reference", s.deleteRef)
	add("GET", repo+"/branches/{branch}", authToken, "branches/branches#get-a-branch", s.getBranch)
	add("GET", repo+"/issues/comments/{id}", authToken, "issues/comments#get-an-issue-comment", s.getComment)
	add("PATCH", repo+"/issues/comments/{id}", authToken, "issues/comments#update-an-issue-comment", s.editComment)
	add("DELETE", repo+"/issues/comments/{id}", authToken, "issues/comments#delete-an-issue-comment", s.deleteComment)
	add("POST", repo+"/issues/comments/{id}/reactions", authToken, "reactions/reactions#create-reaction-for-an-issue-comment", s.reactToComment)
	add("GET", repo+"/issues/{number}", authToken, "issues/issues#get-an-issue", s.getIssue)
	add("GET", repo+"/issues/{number}/comments", authToken, "issues/comments#list-issue-comments", s.listComments)
	add("POST", repo+"/issues/{number}/comments", authToken, "issues/comments#create-an-issue-comment", s.createComment)
	add("POST", repo+"/issues/{number}/reactions", authToken, "reactions/reactions#create-reaction-for-an-issue", s.reactToIssue)
	add("GET", repo+"/pulls", authToken, "pulls/pulls#list-pull-requests", s.listPulls)
	add("POST", repo+"/pulls", authToken, "pulls/pulls#create-a-pull-request", s.createPull)
	add("GET", repo+"/pulls/{number}", authToken, "pulls/pulls#get-a-pull-request", s.getPull)
	add("GET", repo+"/releases", authPublic, "releases/releases#list-releases", s.listReleases)
	add("GET", repo+"/deployments", authPublic, "deployments/deployments#list-deployments", s.listDeployments)
	add("GET", repo+"/deployments/{id}/statuses", authPublic, "deployments/statuses#list-deployment-statuses", s.listDeploymentStatuses)
	add("GET", repo+"/compare/{basehead}", authPublic, "commits/commits#compare-two-commits", s.compare)
	add("GET", repo+"/issues", authPublic, "issues/issues#list-repository-issues", s.listIssues)
	add("GET", repo+"/releases/latest", authPublic, "releases/releases#get-the-latest-release", s.getLatestRelease)
	// download_url targets: outside the prefix, like raw.githubusercontent.com.
	add("GET", "/raw/{owner}/{repo}/{ref}/{path...}", authNone, "repos/contents#get-repository-content", s.getRaw)
	rs[len(rs)-1].root = true
	return rs
}

// match finds the route for method and the escaped path (relative to the
// prefix, or the full path for root routes) and returns its parameters.
func (s *Server) match(method, rel, full string, inPrefix bool) (*route, map[string]string) {
	for _, rt := range s.routes {
		p := rel
		if rt.root {
			p = full
		} else if !inPrefix {
			continue
		}
		if rt.method != method {
			continue
		}
		if params, ok := rt.match(splitPath(p)); ok {
			return rt, params
		}
	}
	return nil, nil
}

func (rt *route) match(segs []string) (map[string]string, bool) {
	params := map[string]string{}
	for i, want := range rt.segs {
		if name, ok := strings.CutSuffix(strings.Trim(want, "{}"), "..."); ok && strings.HasPrefix(want, "{") {
			params[name] = strings.Join(segs[min(i, len(segs)):], "/")
			return params, true
		}
		if i >= len(segs) {
			return nil, false
		}
		if strings.HasPrefix(want, "{") {
			params[strings.Trim(want, "{}")] = segs[i]
		} else if want != segs[i] {
			return nil, false
		}
	}
	return params, len(segs) == len(rt.segs)
}

// splitPath splits an escaped path and unescapes each segment, so a branch
// sent as "feature%2Fx" stays one segment but reads "feature/x".
func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		if u, err := url.PathUnescape(seg); err == nil {
			segs[i] = u
		}
	}
	return segs
}
