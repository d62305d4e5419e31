package main

import (
	"context"
	"flag"
	"io"
	"os"

	"github.com/pipewright/pipewright/app/sandbox"
)

// runDemo starts the real server on loopback with the embedded store and a
// stand-in GitHub, and plays a whole session as signed deliveries.
func runDemo(ctx context.Context, args []string, out io.Writer) error {
	fl := flag.NewFlagSet("demo", flag.ContinueOnError)
	verbose := fl.Bool("v", false, "show the server's logs")
	if err := fl.Parse(args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "pipewright-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	opts := sandbox.Options{Dir: dir}
	if *verbose {
		opts.Log = os.Stderr
	}
	sb, err := sandbox.Start(ctx, opts)
	if err != nil {
		return err
	}
	playErr := sb.PlayDemo(ctx, out)
	if err := sb.Close(); err != nil && playErr == nil {
		playErr = err
	}
	return playErr
}
