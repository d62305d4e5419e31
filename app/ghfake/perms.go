package ghfake

import (
	"net/http"
)

// roles maps a repository role to what the permission endpoint reports:
// GitHub folds maintain into "write" and triage into "read", and keeps the
// real role in role_name.
var roles = map[string]struct {
	permission string
	flags      [5]bool // admin, maintain, push, triage, pull
}{
	"admin":    {"admin", [5]bool{true, true, true, true, true}},
	"maintain": {"write", [5]bool{false, true, true, true, true}},
	"write":    {"write", [5]bool{false, false, true, true, true}},
	"triage":   {"read", [5]bool{false, false, false, true, true}},
	"read":     {"read", [5]bool{false, false, false, false, true}},
	"none":     {"none", [5]bool{}},
}

// SetPermission gives user a role on owner/repo: admin, maintain, write,
// triage, read or none. Users never set get read on a public repository
// and none on a private one; the owner gets admin.
func (s *Server) SetPermission(owner, repo, user, perm string) {
	if _, ok := roles[perm]; !ok {
		panic("ghfake: unknown permission " + perm)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustRepo(owner, repo).perms[user] = perm
}

// SetPermissionForbidden makes the permission endpoint answer 403, as it
// does when the caller lacks push access (hub4j.collaborator-permission-403).
func (s *Server) SetPermissionForbidden(owner, repo string, forbidden bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustRepo(owner, repo).permForbidden = forbidden
}

func (s *Server) getPermission(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	if r.permForbidden {
		c.json(http.StatusForbidden, errBody(http.StatusForbidden, "Must have push access to view collaborator permission.",
			"https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user"))
		return
	}
	user := c.p["user"]
	role := r.perms[user]
	switch {
	case role != "":
	case user == r.owner:
		role = "admin"
	case r.private:
		role = "none"
	default:
		role = "read"
	}
	rr := roles[role]
	roleName := role
	if role == "none" {
		roleName = ""
	}
	u := s.userObj(c, user, "User")
	f := rr.flags
	u["permissions"] = obj{"admin": f[0], "maintain": f[1], "push": f[2], "triage": f[3], "pull": f[4]}
	u["role_name"] = roleName
	c.json(http.StatusOK, obj{"permission": rr.permission, "user": u, "role_name": roleName})
}
