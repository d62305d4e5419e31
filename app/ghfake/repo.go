package ghfake

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Repo is one in-memory repository: branches point at commits, and each
// commit holds a full snapshot of the files, so history and branching need
// no diffing. Its methods are safe for concurrent use with the server.
type Repo struct {
	s             *Server
	owner, name   string
	id            int64
	created       time.Time
	defaultBranch string
	private       bool
	parent        *Repo
	heads         map[string]string // branch -> commit sha
	commits       map[string]*commitObj
	protected     map[string]int // branch -> status a write gets
	issues        map[int]*issue
	perms         map[string]string
	permForbidden bool
	release       *release
	history       *doraHistory // deployments, tags, releases (dora.go)
}

// Signature is a commit's author or committer.
type Signature struct {
	Name, Email string
	Date        time.Time
}

// Commit is one commit as a test sees it.
type Commit struct {
	SHA       string
	Message   string
	Parents   []string
	Author    Signature
	Committer Signature
	Changed   []string // paths this commit wrote
}

type commitObj struct {
	Commit
	tree    map[string][]byte
	treeSHA string
}

// gitHash is git's object id: sha1 of "<kind> <len>\0<data>". For blobs it
// is exactly the sha GitHub reports for file contents.
func gitHash(kind string, data []byte) string {
	h := sha1.New()
	fmt.Fprintf(h, "%s %d\x00", kind, len(data))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// AddRepo creates owner/name with one empty initial commit on defaultBranch
// ("main" if empty), or returns the repository if it already exists.
func (s *Server) AddRepo(owner, name, defaultBranch string) *Repo {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.repos[strings.ToLower(owner+"/"+name)]; r != nil {
		return r
	}
	if defaultBranch == "" {
		defaultBranch = "main"
	}
	r := s.newRepo(owner, name, defaultBranch)
	sig := Signature{Name: owner, Email: owner + "@users.noreply.github.com", Date: s.now()}
	root := r.store(nil, map[string][]byte{}, nil, "Initial commit", sig, sig)
	r.heads[defaultBranch] = root.SHA
	return r
}

// AddFork creates owner's fork of parent, sharing its history so far.
func (s *Server) AddFork(parent *Repo, owner string) *Repo {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.newRepo(owner, parent.name, parent.defaultBranch)
	r.parent = parent
	maps.Copy(r.commits, parent.commits)
	maps.Copy(r.heads, parent.heads)
	return r
}

func (s *Server) newRepo(owner, name, branch string) *Repo {
	s.nextID++
	r := &Repo{s: s, owner: owner, name: name, id: s.nextID, created: s.now(), defaultBranch: branch,
		heads: map[string]string{}, commits: map[string]*commitObj{}, protected: map[string]int{},
		issues: map[int]*issue{}, perms: map[string]string{}}
	s.repos[strings.ToLower(r.full())] = r
	return r
}

// Repo returns owner/name or nil.
func (s *Server) Repo(owner, name string) *Repo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.repos[strings.ToLower(owner+"/"+name)]
}

func (r *Repo) full() string { return r.owner + "/" + r.name }

// FullName is "owner/name".
func (r *Repo) FullName() string { return r.full() }

// SetPrivate flips the repository's visibility.
func (r *Repo) SetPrivate(private bool) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	r.private = private
}

// store records a commit with the given tree; it does not move any branch.
func (r *Repo) store(parents []string, tree map[string][]byte, changed []string, msg string, author, committer Signature) *commitObj {
	paths := slices.Sorted(maps.Keys(tree))
	var t strings.Builder
	for _, p := range paths {
		fmt.Fprintf(&t, "100644 %s\x00%s\n", p, gitHash("blob", tree[p]))
	}
	treeSHA := gitHash("tree", []byte(t.String()))
	var b strings.Builder
	fmt.Fprintf(&b, "tree %s\n", treeSHA)
	for _, p := range parents {
		fmt.Fprintf(&b, "parent %s\n", p)
	}
	fmt.Fprintf(&b, "author %s <%s> %d +0000\n", author.Name, author.Email, author.Date.Unix())
	fmt.Fprintf(&b, "committer %s <%s> %d +0000\n\n%s", committer.Name, committer.Email, committer.Date.Unix(), msg)
	c := &commitObj{Commit: Commit{SHA: gitHash("commit", []byte(b.String())), Message: msg, Parents: parents,
		Author: author, Committer: committer, Changed: changed}, tree: tree, treeSHA: treeSHA}
	r.commits[c.SHA] = c
	return c
}

// write commits files onto branch (creating it from the default branch if
// needed) and moves the branch. A nil content deletes the path.
func (r *Repo) write(branch string, files map[string][]byte, msg string, author, committer Signature) *commitObj {
	if _, ok := r.heads[branch]; !ok {
		r.heads[branch] = r.heads[r.defaultBranch]
	}
	parent := r.commits[r.heads[branch]]
	tree := maps.Clone(parent.tree)
	for p, data := range files {
		if data == nil {
			delete(tree, p)
		} else {
			tree[p] = slices.Clone(data)
		}
	}
	c := r.store([]string{parent.SHA}, tree, slices.Sorted(maps.Keys(files)), msg, author, committer)
	r.heads[branch] = c.SHA
	return c
}
