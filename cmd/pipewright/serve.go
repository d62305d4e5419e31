package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"

	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/service"
	"github.com/pipewright/pipewright/app/store"
)

func runServe(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	if err := fl.Parse(args); err != nil {
		return err
	}
	cfg, err := server.LoadConfig(os.Getenv)
	if err != nil {
		return err
	}
	log := server.Logger(cfg.LogLevel, cfg.LogFormat, os.Stderr)
	svc, err := service.New(ctx, cfg, log, service.Options{})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	return svc.Run(ctx, ln)
}

func runMigrate(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("migrate", flag.ContinueOnError)
	dsn := fl.String("db", os.Getenv("DATABASE_URL"), "store: SQLite file or postgres:// URL (default $DATABASE_URL, else pipewright.db)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *dsn == "" {
		*dsn = "pipewright.db"
	}
	st, err := store.Open(ctx, *dsn) // Open migrates
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	fmt.Println("migrations applied to", st.Dialect(), "store")
	return nil
}
