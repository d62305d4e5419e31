package localrun

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pipewright/pipewright/app/pipelinedoc"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

// DocFile is pipeline.md on the local disk.
type DocFile struct {
	Path    string // absolute
	Display string // as the user named it, for messages
}

// Env reads the document as it is now, for the engine.
func (d *DocFile) Env() strategy.Env {
	data, err := os.ReadFile(d.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return strategy.Env{DocErr: &pipelinedoc.Error{File: d.Display, Kind: pipelinedoc.ErrNoDocument, Msg: "the file does not exist; complete steps 1 to 3 first or name the document with --doc"}}
	}
	if err != nil {
		return strategy.Env{DocErr: fmt.Errorf("read %s: %w", d.Display, err)}
	}
	doc, err := pipelinedoc.Parse(d.Display, data)
	if err != nil {
		return strategy.Env{DocErr: err}
	}
	return strategy.Env{Doc: doc}
}

// Save writes the section into the document, atomically and keeping the
// file's mode, and says what happened.
func (d *DocFile) Save(section string) comments.SaveOutcome {
	out := comments.SaveOutcome{Path: d.Display}
	info, err := os.Stat(d.Path)
	if err != nil {
		out.Fail(err)
		return out
	}
	data, err := os.ReadFile(d.Path)
	if err != nil {
		out.Fail(err)
		return out
	}
	updated, err := pipelinedoc.Save(d.Display, data, section)
	if err != nil {
		out.Fail(err)
		return out
	}
	if string(updated) == string(data) {
		out.Unchanged = true
		return out
	}
	tmp, err := os.CreateTemp(filepath.Dir(d.Path), ".pipeline-*.md")
	if err != nil {
		out.Fail(err)
		return out
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(updated); err != nil {
		tmp.Close()
		out.Fail(err)
		return out
	}
	if err := tmp.Chmod(info.Mode().Perm()); err == nil {
		err = tmp.Close()
		if err == nil {
			err = os.Rename(tmp.Name(), d.Path)
		}
		if err != nil {
			out.Fail(err)
		}
		return out
	}
	tmp.Close()
	out.Err = "could not keep the file's permissions"
	return out
}
