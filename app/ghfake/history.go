package ghfake

import (
	"maps"
	"slices"
	"strings"
)

// PutFile commits content at path on branch without going through the API,
// as a person pushing would. A missing branch is cut from the default one.
func (r *Repo) PutFile(branch, path string, content []byte) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	verb := "Create "
	if _, ok := r.fileAt(branch, path); ok {
		verb = "Update "
	}
	sig := Signature{Name: "Octo Human", Email: "human@example.com", Date: r.s.now()}
	r.write(branch, map[string][]byte{path: append([]byte{}, content...)}, verb+path, sig, sig)
}

func (r *Repo) fileAt(branch, path string) ([]byte, bool) {
	head, ok := r.heads[branch]
	if !ok {
		return nil, false
	}
	data, ok := r.commits[head].tree[path]
	return data, ok
}

// File returns the bytes at path on branch's head.
func (r *Repo) File(branch, path string) ([]byte, bool) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	data, ok := r.fileAt(branch, path)
	return slices.Clone(data), ok
}

// Head returns branch's commit sha, or "" if there is no such branch.
func (r *Repo) Head(branch string) string {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	return r.heads[branch]
}

// Commits lists branch's first-parent history, oldest first, so the last
// element is the head. The initial empty commit is included.
func (r *Repo) Commits(branch string) []Commit {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	var out []Commit
	for sha := r.heads[branch]; sha != ""; {
		c := r.commits[sha]
		cc := c.Commit
		cc.Parents, cc.Changed = slices.Clone(c.Parents), slices.Clone(c.Changed)
		out = append(out, cc)
		sha = ""
		if len(c.Parents) > 0 {
			sha = c.Parents[0]
		}
	}
	slices.Reverse(out)
	return out
}

// resolve turns a ref (branch, heads/x, refs/heads/x or a commit sha, full
// or at least 7 hex digits) into a commit sha; "" is the default branch.
func (r *Repo) resolve(ref string) (sha, name string, ok bool) {
	if ref == "" {
		ref = r.defaultBranch
	}
	if sha, ok := r.resolveTag(ref); ok {
		return sha, ref, true
	}
	b := strings.TrimPrefix(strings.TrimPrefix(ref, "refs/"), "heads/")
	if h, ok := r.heads[b]; ok {
		return h, b, true
	}
	for _, sha := range slices.Sorted(maps.Keys(r.commits)) {
		if len(ref) >= 7 && strings.HasPrefix(sha, ref) {
			return sha, ref, true
		}
	}
	return "", "", false
}
