package main

import (
	"context"
	"os/exec"
)

// gitOutput runs git in dir and returns what it printed.
func gitOutput(ctx context.Context, dir string, args ...string) (string, error) {
	out, err := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...).Output()
	return string(out), err
}
