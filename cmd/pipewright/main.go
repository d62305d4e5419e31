// Command pipewright facilitates Step 4 (Deployment Strategy) of a BMAD
// pipeline architecture: as a GitHub App (serve), in a terminal (local), as
// a scripted demonstration (demo), and with tools to operate it.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

const usage = `Pipewright facilitates the Deployment Strategy step of pipeline.md.

Usage:
  pipewright demo    [-v]                      play a whole session against a stand-in GitHub, on loopback
  pipewright serve                             run the GitHub App (configuration from the environment;
                                               without App credentials it serves the setup page at /)
  pipewright local   [--doc PATH] [--db DSN]   run the facilitation in this terminal
  pipewright migrate [--db DSN]                apply the store's schema migrations
  pipewright receive --payload FILE [--event E] [--delivery ID]
                                               run one webhook payload through the handlers against
                                               the real installation, unsigned (configuration as serve)
  pipewright help                              show this help

Run "pipewright <command> -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pipewright:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("no command given")
	}
	switch args[0] {
	case "demo":
		return runDemo(ctx, args[1:], os.Stdout)
	case "serve":
		return runServe(ctx, args[1:])
	case "migrate":
		return runMigrate(ctx, args[1:])
	case "receive":
		return runReceive(ctx, args[1:], os.Getenv, os.Stdout, os.Stderr)
	case "local":
		return runLocal(ctx, args[1:], os.Stdin, os.Stdout)
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
