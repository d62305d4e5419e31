// Package gitsource reads what a DORA baseline is computed from out of a
// local git repository, for pipewright local without GitHub: tags (except
// pre-releases) as releases, the first-parent history of HEAD as changes,
// `Revert "…"` commits as reverts. There are no incidents.
package gitsource

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pipewright/pipewright/app/dora"
)

// preRelease matches semver pre-release tags: v2.0.0-rc.1, 1.4.0-beta.
var preRelease = regexp.MustCompile(`\d-[0-9A-Za-z]`)

// Read measures the repository at dir over w.
func Read(ctx context.Context, dir string, w dora.Window) (dora.Input, error) {
	in := dora.Input{Window: w, Source: dora.SourceTags, Notes: []dora.Note{{Key: "git-history"}}}
	tags, err := tagCommits(ctx, dir)
	if err != nil {
		return in, err
	}
	if in.Deployments = w.WithPredecessor(tags); in.Deployments == nil {
		in.Source = dora.SourceNone
	}
	for i := 1; i < len(in.Deployments); i++ {
		commits, err := shipped(ctx, dir, in.Deployments[i-1].Ref, in.Deployments[i].Ref)
		if err != nil {
			return in, err
		}
		in.Deployments[i].Commits, in.Deployments[i].Compared = commits, true
	}
	in.Changes, err = changes(ctx, dir, w)
	return in, err
}

// shipped lists the commits head has and base has not, with their author
// dates and parents, as GitHub's compare does.
func shipped(ctx context.Context, dir, base, head string) ([]dora.Commit, error) {
	out, err := git(ctx, dir, "log", "--format=%H%x09%aI%x09%P", base+".."+head)
	if err != nil {
		return nil, err
	}
	var cs []dora.Commit
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 {
			continue
		}
		at, err := time.Parse(time.RFC3339, f[1])
		if err != nil {
			at = time.Time{} // unknown: no lead time from it
		}
		cs = append(cs, dora.Commit{SHA: f[0], At: at.UTC(), Parents: strings.Fields(f[2])})
	}
	return cs, sc.Err()
}

// tagCommits lists the release tags with the commit each points at and
// the tag's date (the tagger's, or the commit's for a lightweight tag),
// oldest first.
func tagCommits(ctx context.Context, dir string) ([]dora.Deployment, error) {
	out, err := git(ctx, dir, "for-each-ref", "--format=%(refname:short)%09%(creatordate:unix)%09%(objectname)%09%(*objectname)", "refs/tags")
	if err != nil {
		return nil, err
	}
	var tags []dora.Deployment
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 4 || preRelease.MatchString(f[0]) {
			continue
		}
		unix, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		sha := f[2]
		if f[3] != "" {
			sha = f[3] // an annotated tag: the commit it points at
		}
		tags = append(tags, dora.Deployment{Ref: sha, At: time.Unix(unix, 0).UTC()})
	}
	slices.SortStableFunc(tags, func(a, b dora.Deployment) int { return a.At.Compare(b.At) })
	return tags, nil
}

// changes are the commits on HEAD's first-parent line in the window: a
// merge, squash or rebase landing each.
func changes(ctx context.Context, dir string, w dora.Window) ([]dora.Change, error) {
	out, err := git(ctx, dir, "log", "--first-parent", "--format=%H%x09%ct%x09%s", "--since="+strconv.FormatInt(w.From.Unix(), 10), "HEAD")
	if err != nil {
		return nil, err
	}
	var cs []dora.Change
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), "\t", 3)
		if len(f) != 3 {
			continue
		}
		unix, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		cs = append(cs, dora.Change{SHA: f[0], MergedAt: time.Unix(unix, 0).UTC(), Revert: strings.HasPrefix(f[2], `Revert "`)})
	}
	return cs, nil
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// remoteRepo finds owner/name in a remote URL: https://host/o/r(.git),
// git@host:o/r(.git), ssh://git@host/o/r.
var remoteRepo = regexp.MustCompile(`[:/]([^/:]+)/([^/]+?)(\.git)?/?$`)

// OriginRepo is owner/name of the repository's origin remote, or "".
func OriginRepo(ctx context.Context, dir string) string {
	out, err := git(ctx, dir, "remote", "get-url", "origin")
	if err != nil {
		return ""
	}
	m := remoteRepo.FindStringSubmatch(strings.TrimSpace(out))
	if m == nil {
		return ""
	}
	return m[1] + "/" + m[2]
}
