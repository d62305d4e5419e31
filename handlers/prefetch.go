package handlers

import (
	"context"

	"github.com/google/go-github/v62/github"

	"github.com/pipewright/pipewright/app/project"
)

// prefetch starts reading paths of one ref at once and returns a reader
// that serves them from those reads and reads any other path when asked.
// Finding the document means reading up to three files in turn (our
// config, BMAD's, then the document); their round trips now overlap.
func prefetch(ctx context.Context, gh *github.Client, owner, repo, ref string, paths ...string) project.ReadFunc {
	type result struct {
		data []byte
		err  error
		done chan struct{}
	}
	results := make(map[string]*result, len(paths))
	for _, path := range paths {
		r := &result{done: make(chan struct{})}
		results[path] = r
		go func() {
			defer close(r.done)
			r.data, _, r.err = getFile(ctx, gh, owner, repo, path, ref)
		}()
	}
	fallback := contentsReader(ctx, gh, owner, repo, ref)
	return func(name string) ([]byte, error) {
		if r, ok := results[name]; ok {
			<-r.done
			return r.data, r.err
		}
		return fallback(name)
	}
}

// docPaths are the files finding and reading the document usually takes.
var docPaths = []string{RepoConfigPath, project.ConfigPath, project.DefaultDocPath}
