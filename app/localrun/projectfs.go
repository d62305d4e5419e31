package localrun

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pipewright/pipewright/app/pipelinedoc"
)

// `pipewright local` runs in a project that may come from anyone (a clone
// of a public repository): its files and symlinks are outside input. It
// reads only regular files of bounded size and never writes outside the
// project root, wherever a symlink points.

// ProjectRoot is the root of the project dir belongs to: the nearest
// folder at or above it holding ".git" (a folder, or a file in a git
// worktree), else dir itself.
func ProjectRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// resolve follows every symlink of path and returns the real path of a
// regular file inside root (itself resolved); display names the file in
// messages. Devices, pipes and folders are refused before they are opened,
// then a file that leads outside the project. A path that does not exist
// keeps fs.ErrNotExist.
func resolve(root, path, display string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	info, err := os.Stat(real)
	if err != nil {
		return "", err
	}
	if err := regular(info, display); err != nil {
		return "", err
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", fmt.Errorf("resolve the project root %s: %w", root, err)
	}
	if rel, err := filepath.Rel(realRoot, real); err != nil || rel == ".." ||
		strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", refusef("%s leads to %s, outside the project %s (through a symbolic link): Pipewright reads and writes only files inside the project; move the file into the project or run from the folder that holds it", display, real, realRoot)
	}
	return real, nil
}

// readRegular reads the regular file at real (from resolve), checking the
// file it opened again and reading no more than pipelinedoc.MaxBytes+1.
func readRegular(real, display string) ([]byte, fs.FileMode, error) {
	f, err := os.Open(real)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	info, err := f.Stat() // the file opened, not the one looked at
	if err != nil {
		return nil, 0, err
	}
	if err := regular(info, display); err != nil {
		return nil, 0, err
	}
	data, err := io.ReadAll(io.LimitReader(f, pipelinedoc.MaxBytes+1))
	if err != nil {
		return nil, 0, err
	}
	if len(data) > pipelinedoc.MaxBytes {
		return nil, 0, tooLarge(display, "is")
	}
	return data, info.Mode(), nil
}

// regular refuses what is not a regular file or is too large.
func regular(info fs.FileInfo, display string) error {
	if !info.Mode().IsRegular() {
		return refusef("%s is not a regular file (%s): Pipewright reads only a plain Markdown file", display, kind(info.Mode()))
	}
	if info.Size() > pipelinedoc.MaxBytes {
		return tooLarge(display, "is")
	}
	return nil
}

func tooLarge(display, verb string) error {
	return refusef("%s %s over %d bytes (1 MB), the largest document Pipewright handles: GitHub's contents API returns no larger file", display, verb, pipelinedoc.MaxBytes)
}

// refusal is a file refused by these rules; its message names the file
// and says why, so callers add nothing.
type refusal struct{ msg string }

func (r *refusal) Error() string { return r.msg }

func refusef(format string, args ...any) error { return &refusal{fmt.Sprintf(format, args...)} }

// refused reports whether err is a refusal.
func refused(err error) bool {
	var r *refusal
	return errors.As(err, &r)
}

// kind names a file type for a message.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a plain file"
}

// ReadProjectFile reads name (slash-separated, relative to dir, the
// current directory) for the project's configuration, with the same rules
// as the document: a regular file inside ProjectRoot(dir).
func ReadProjectFile(dir, name string) ([]byte, error) {
	display := filepath.FromSlash(name)
	real, err := resolve(ProjectRoot(dir), filepath.Join(dir, display), display)
	if err != nil {
		return nil, err
	}
	data, _, err := readRegular(real, display)
	return data, err
}

// isNotExist reports a missing file, however deep in err.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
