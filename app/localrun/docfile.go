package localrun

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pipewright/pipewright/app/pipelinedoc"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

// DocFile is pipeline.md on the local disk, inside the project.
//
// A symlinked pipeline.md is written through in place: the link stays and
// the file it leads to gets the section, as an editor would do it. Where
// any symlink (of the file or of a folder on its path) leads outside Root,
// the document is refused: a cloned repository must not make /menu C write
// into the user's home. Only a regular file up to pipelinedoc.MaxBytes is
// read (projectfs.go).
type DocFile struct {
	Path    string // absolute
	Display string // as the user named it, for messages
	Root    string // the project root (ProjectRoot); "" means the current directory
}

// root is the folder nothing is read or written outside of.
func (d *DocFile) root() string {
	if d.Root != "" {
		return d.Root
	}
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return filepath.Dir(d.Path)
}

// read returns the document's bytes, the real path to write them back to
// and its mode.
func (d *DocFile) read() ([]byte, string, fs.FileMode, error) {
	real, err := resolve(d.root(), d.Path, d.Display)
	if err != nil {
		return nil, "", 0, err
	}
	data, mode, err := readRegular(real, d.Display)
	return data, real, mode, err
}

// Env reads the document as it is now, for the engine.
func (d *DocFile) Env() strategy.Env {
	data, _, _, err := d.read()
	if isNotExist(err) {
		return strategy.Env{DocErr: &pipelinedoc.Error{File: d.Display, Kind: pipelinedoc.ErrNoDocument, Msg: "the file does not exist; complete steps 1 to 3 first or name the document with --doc"}}
	}
	if err != nil && !refused(err) {
		err = fmt.Errorf("read %s: %w", d.Display, err)
	}
	if err != nil {
		return strategy.Env{DocErr: err}
	}
	doc, err := pipelinedoc.Parse(d.Display, data)
	if err != nil {
		return strategy.Env{DocErr: err}
	}
	return strategy.Env{Doc: doc}
}

// Save writes the section into the document, atomically and keeping the
// file's mode, and says what happened. It writes where the document really
// is, beside it, so a symlink to it is kept.
func (d *DocFile) Save(section string) comments.SaveOutcome {
	out := comments.SaveOutcome{Path: d.Display}
	data, real, mode, err := d.read()
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
	if len(updated) > pipelinedoc.MaxBytes {
		out.Fail(tooLarge(d.Display+" with the section", "would be"))
		return out
	}
	tmp, err := os.CreateTemp(filepath.Dir(real), ".pipeline-*.md")
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
	if err := tmp.Chmod(mode.Perm()); err == nil {
		err = tmp.Close()
		if err == nil {
			err = os.Rename(tmp.Name(), real)
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
