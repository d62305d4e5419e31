// Command pwbench measures webhook acknowledgement throughput: how many
// signed deliveries per second Pipewright's webhook route stores durably and
// answers, and with what latency. It starts the real service in-process on
// loopback (store, durable queue, HTTP route, a stand-in GitHub), drives it
// with wrk, and writes the figures to docs/performance.md or a JSON file.
//
//	go run ./cmd/pwbench -store sqlite -duration 10s -connections 32 -out docs/performance.md
//
// Every request carries the captured 16,303-byte issue_comment payload
// (app/delivery/payloads) with its correct X-Hub-Signature-256, and its own
// X-GitHub-Delivery, so each one is a new delivery that must be on disk
// before its 2xx. Queue workers are paused by default: the figure is the
// acknowledgement path alone (see -workers).
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"github.com/pipewright/pipewright/app/service"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type options struct {
	store       string
	dsn         string
	dir         string
	duration    time.Duration
	connections int
	threads     int
	workers     bool
	out         string
	payload     string
	cpuprofile  string
	wrk         string
	logLevel    string
	runs        int
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pwbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	var o options
	fl := flag.NewFlagSet("pwbench", flag.ContinueOnError)
	fl.StringVar(&o.store, "store", "sqlite", "store: sqlite or postgres")
	fl.StringVar(&o.dsn, "dsn", "", "PostgreSQL server URL (default $PIPEWRIGHT_TEST_DATABASE_URL, else $DATABASE_URL); a fresh schema is used and dropped")
	fl.StringVar(&o.dir, "dir", "", "directory for the SQLite file (default a new temporary directory)")
	fl.DurationVar(&o.duration, "duration", 10*time.Second, "how long wrk sends")
	fl.IntVar(&o.connections, "connections", 32, "concurrent connections (wrk -c)")
	fl.IntVar(&o.threads, "threads", 2, "wrk threads (wrk -t)")
	fl.BoolVar(&o.workers, "workers", false, "run the queue's workers during the run (they then compete for the CPU and the store)")
	fl.StringVar(&o.out, "out", "", `where to write the figures: a Markdown file (its "## `+sectionTitle+`" section is updated) or a .json file; default: standard output only`)
	fl.StringVar(&o.payload, "payload", "app/delivery/payloads/issue_comment.created.json", "the delivery body every request sends")
	fl.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the server process during the run to this file")
	fl.StringVar(&o.wrk, "wrk", "wrk", "the wrk binary (Debian: apt-get install -y wrk)")
	fl.StringVar(&o.logLevel, "log-level", "info", "the server's log level (logs are discarded; the level decides what is formatted)")
	fl.IntVar(&o.runs, "runs", 1, "runs, each on a fresh store; the median (by deliveries/s) is reported, with the range")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if o.runs < 1 {
		return fmt.Errorf("-runs %d: need at least 1", o.runs)
	}
	if o.store != "sqlite" && o.store != "postgres" {
		return fmt.Errorf("-store %q: want sqlite or postgres", o.store)
	}
	service.TuneProcs(os.Getenv, o.store) // as "pipewright serve" does; -store names the dialect
	body, err := os.ReadFile(o.payload)
	if err != nil {
		return fmt.Errorf("read the payload (run from the repository root, or set -payload): %w", err)
	}

	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var runs []Result
	for i := range o.runs {
		res, err := runOnce(ctx, o, body)
		if err != nil {
			return err
		}
		fmt.Printf("run %d/%d: %s\n", i+1, o.runs, res.summary())
		runs = append(runs, res)
	}
	res := median(runs)
	res.Command = command(o)
	res.Date = time.Now().UTC().Format("2006-01-02")
	if o.runs > 1 {
		fmt.Printf("median of %d: %s\n", o.runs, res.summary())
	}
	switch {
	case o.out == "":
	case strings.HasSuffix(o.out, ".json"):
		err = writeJSON(o.out, res)
	default:
		err = updateDoc(o.out, res)
	}
	return err
}

// command is the invocation that reproduces a run.
func command(o options) string {
	parts := []string{"go run ./cmd/pwbench", "-store " + o.store,
		"-duration " + o.duration.String(), fmt.Sprintf("-connections %d", o.connections)}
	if o.runs != 1 {
		parts = append(parts, fmt.Sprintf("-runs %d", o.runs))
	}
	if o.threads != 2 {
		parts = append(parts, fmt.Sprintf("-threads %d", o.threads))
	}
	if o.workers {
		parts = append(parts, "-workers")
	}
	if o.out != "" {
		parts = append(parts, "-out "+o.out)
	}
	return strings.Join(parts, " ")
}

// machine describes where the figures were taken.
func machine() string {
	model := ""
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	s := fmt.Sprintf("%d CPUs", runtime.NumCPU())
	if model != "" {
		s += " (" + model + ")"
	}
	return s + fmt.Sprintf(", GOMAXPROCS %d, ", runtime.GOMAXPROCS(0)) + runtime.GOOS + "/" + runtime.GOARCH + ", " + runtime.Version()
}

// runOnce measures one run against a fresh service and store.
func runOnce(ctx context.Context, o options, body []byte) (Result, error) {
	target, err := startTarget(ctx, o)
	if err != nil {
		return Result{}, err
	}
	defer target.close()
	script, err := writeScript(body, target.secret)
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(script.dir)
	load := loadAverage()
	before, err := target.commitStats()
	if err != nil {
		return Result{}, err
	}
	res, err := runWrk(ctx, o, target.url, script)
	if err != nil {
		return res, err
	}
	res.Load = load
	after, err := target.commitStats()
	if err != nil {
		return res, err
	}
	if c := after.during(before); c.commits > 0 {
		res.Commits = int64(c.commits)
		res.PerCommit = c.deliveries / float64(c.commits)
		res.CommitMS = 1000 * c.seconds / float64(c.commits)
		res.WriterBusy = c.seconds / res.Seconds
	}
	if res.Stored, err = target.stored(ctx); err != nil {
		return res, err
	}
	if res.Stored < res.Acknowledged {
		return res, fmt.Errorf("%d deliveries acknowledged but only %d stored", res.Acknowledged, res.Stored)
	}
	res.Store, res.Workers, res.BodyBytes, res.Machine = o.store, o.workers, len(body), machine()
	return res, nil
}

// median returns the run with the median throughput, noting every run's.
func median(runs []Result) Result {
	sorted := slices.Clone(runs)
	slices.SortFunc(sorted, func(a, b Result) int { return cmp.Compare(a.PerSecond, b.PerSecond) })
	m := sorted[(len(sorted)-1)/2]
	for _, r := range runs {
		m.Runs = append(m.Runs, RunFigure{PerSecond: r.PerSecond, P99MS: r.P99MS, Load: r.Load})
	}
	return m
}

// loadAverage is the machine's 1-minute load average before a run: the
// figures mean little if other work shared the CPUs.
func loadAverage() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}
