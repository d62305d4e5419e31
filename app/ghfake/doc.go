// Package ghfake is an honest stand-in for the GitHub REST API: a real
// net/http server that speaks GitHub's paths, status codes, headers and JSON
// shapes, so tests drive the real go-github and ghinstallation clients
// without reaching github.com. Shapes and messages follow the recordings in
// shared/fixtures/rest (see its SOURCE.md).
//
// # Serving
//
//	s := ghfake.New()                               // api.github.com layout
//	s := ghfake.New(ghfake.WithPathPrefix("/api/v3")) // GitHub Enterprise Server
//	base, stop := s.Start()                          // "http://127.0.0.1:port/[api/v3/]"
//	defer stop()
//
// Server is also an http.Handler. Every answer carries Content-Type
// "application/json; charset=utf-8" (JSON bodies), X-GitHub-Request-Id,
// X-RateLimit-Limit/Remaining/Reset/Used/Resource (per credential: 5000 an
// hour per token, 60 unauthenticated; an empty bucket is GitHub's 403), and
// an ETag on 2xx bodies. A GET with a matching If-None-Match is a 304 with
// no body and does not count against the limit. Errors are
// {"message", "documentation_url", "status": "<code as a string>"}; 422s
// with field problems add GitHub's "errors" array.
//
// # Endpoints
//
//	POST   /app/installations/{id}/access_tokens      JWT; 201 token, 404, 422 (permissions not granted)
//	GET    /app, /app/installations/{id}             JWT
//	POST   /app-manifests/{code}/conversions          no auth; 201 once per code, then 404
//	GET    /repos/{o}/{r}
//	GET    /repos/{o}/{r}/collaborators/{u}/permission  maintain->write, triage->read, role_name kept; 403 knob
//	GET    /repos/{o}/{r}/contents/{path}?ref=        file (base64 in 60-char lines), dir list, raw media type; 404
//	PUT    /repos/{o}/{r}/contents/{path}             201 create, 200 update, 409 stale sha, 422 missing sha, 404 branch
//	GET    /repos/{o}/{r}/git/ref/heads/{b}           (also git/refs/heads/{b})
//	POST   /repos/{o}/{r}/git/refs                    201 + Location; 422 exists / unknown sha / bad name
//	PATCH, DELETE /repos/{o}/{r}/git/refs/heads/{b}   422 not a fast forward / no such ref; 204
//	GET    /repos/{o}/{r}/branches/{b}
//	GET    /repos/{o}/{r}/issues/{n}                  pull_request key only on PRs
//	GET    /repos/{o}/{r}/issues/{n}/comments         per_page/page with Link prev/next/last/first
//	POST   /repos/{o}/{r}/issues/{n}/comments         201 + Location; 422 over 65,536 characters
//	GET, PATCH, DELETE /repos/{o}/{r}/issues/comments/{id}
//	POST   /repos/{o}/{r}/issues/comments/{id}/reactions, /issues/{n}/reactions  201 new, 200 repeat, 422
//	GET    /repos/{o}/{r}/pulls?state=&head=owner:branch&base=
//	POST   /repos/{o}/{r}/pulls                       201 + Location; 422 duplicate, no commits, bad head/base
//	GET    /repos/{o}/{r}/pulls/{n}
//	GET    /repos/{o}/{r}/releases/latest             ETag, 304, 404 when none
//	GET    /raw/{o}/{r}/{ref}/{path}                  download_url target, outside the prefix, no auth
//
// App endpoints want "Authorization: Bearer <JWT>": RS256, iss = the app ID,
// exp in the future and at most ten minutes ahead; the signature is checked
// only with WithAppPublicKey. Everything else wants "token <t>" or
// "Bearer <t>" with a token this server issued (401 "Requires
// authentication" without one, "Bad credentials" for a wrong or revoked one).
//
// # Contents semantics
//
// A repository is branches pointing at commits; each commit snapshots all
// files. A file's sha is its git blob id (sha1 of "blob <len>\0" + bytes), so
// it matches what GitHub would report for the same bytes. Following GitHub
// as measured: PUT on an existing file without sha is 422 `Invalid
// request.\n\n"sha" wasn't supplied.`; with a different sha it is 409
// "<path> does not match <sha>"; a sha sent for a path that does not exist
// is ignored (201). An unknown branch is 404 "Branch <b> not found" and is
// checked before the sha. ProtectBranch picks the status a write meets.
//
// # Knobs
//
// AddRepo, AddFork, Repo.PutFile/File/Head/Commits/ProtectBranch/SetPrivate,
// AddIssue, AddComment, AddPullRequest, SetPermission, SetPermissionForbidden,
// SetLatestRelease, AddInstallation, IssueToken, RevokeTokens,
// AddManifestCode, SetRateLimit, SetLatency, InjectFault (and the
// SecondaryRateLimit, TooManyRequests and ServerError helpers), BeforeWrite.
// Read back with Comments, Reactions, IssueReactions, Requests and
// RateRemaining. All are safe for concurrent use.
//
// # Not modelled
//
// Tags, merges, reviews, labels, checks, webhooks, GraphQL, installation
// repository scoping, and line counts (additions/deletions are 0).
package ghfake
