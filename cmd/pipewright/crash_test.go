package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// The crash test's shape: 20 sessions (half pull requests, half issues, one
// repository and one installation each) of 10 comments: 200 deliveries.
const (
	crashSessions = 20
	crashSecret   = "crash-test-secret"
	// crashTimerKills happen at random moments after a (re)start; the
	// proxy adds crashWriteKills at GitHub writes (two always right after a
	// save's commit and a save's reply landed). Every kill is followed by a
	// restart.
	crashTimerKills = 4
	crashWriteKills = 4
	// crashIntakeKills happen while a chosen delivery is being posted, 0 to
	// 3 ms into its request: before its commit, during it, or after.
	crashIntakeKills = 2
)

// EnvCrashSeed replays a run: the test logs the seed it used.
const EnvCrashSeed = "PIPEWRIGHT_CRASH_SEED"

// TestCrashRecovery runs the real `pipewright serve` binary against the
// stand-in GitHub, posts 200 signed commands concurrently across 20
// sessions, and SIGKILLs the server at random moments, a few milliseconds
// into chosen deliveries' requests, and at chosen points of its GitHub
// writes, restarting it each time. Deliveries that got no 2xx
// are redelivered after the restart, as GitHub's "redeliver" does, and some
// are sent twice on purpose. In the end every command must be applied once,
// answered once, and saved by exactly one commit.
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test builds and kills the server binary; skipped in -short mode")
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv(EnvCrashSeed); v != "" {
		s, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: %v", EnvCrashSeed, v, err)
		}
		seed = s
	}
	bin := buildServer(t, t.TempDir())
	for _, tc := range []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "pipewright.db") }},
		{"postgres", func(t *testing.T) string { return storetest.Postgres(t) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dsn := tc.dsn(t)
			t.Logf("seed %d (replay with %s=%d)", seed, EnvCrashSeed, seed)
			runCrash(t, bin, dsn, seed)
		})
	}
}

// crashDelivery is one comment as GitHub delivers it.
type crashDelivery struct {
	ID        string
	KillAfter time.Duration // > 0: SIGKILL the server this long into the first POST
	User      string
	Body      string
	Payload   []byte
	Action    string // the history entry it must leave, e.g. "decide pattern canary"
}

// crashSession is one issue or pull request and its scripted comments.
type crashSession struct {
	Owner, Repo  string
	Installation int64
	Number       int
	PR           bool
	Branch       string // where /menu C commits
	Key          string // the store's session key
	Deliveries   []*crashDelivery
	Repository   *ghfake.Repo
}

// crashScript is one team's session: /start, the six decisions, the four
// targets in two comments, then /menu C. Options vary per session.
func crashScript(i int) [][3]string {
	pattern := []string{"canary", "blue-green", "rolling"}[i%3]
	flags := []string{"unleash", "flagsmith", "launchdarkly"}[i%3]
	return [][3]string{
		{"dana", "/start", "start"},
		{"dana", "/decide " + pattern + " -- we judge releases on real traffic", "decide pattern " + pattern},
		{"lee", "/decide " + flags, "decide flags " + flags},
		{"lee", "/decide expand-contract", "decide migrations expand-contract"},
		{"dana", "/decide automated\nTriggers: error rate above 2%", "decide rollback automated"},
		{"dana", "/decide required -- checkout is revenue-critical", "decide downtime required"},
		{"lee", "/decide single-region", "decide regions single-region"},
		{"dana", "/target frequency elite\n/target lead-time elite", "target frequency|target lead-time"},
		{"lee", "/target failure-rate below 5%\n/target mttr under one hour", "target failure-rate|target mttr"},
		{"dana", "/menu C", "save"},
	}
}

func seedCrashSessions(t *testing.T, gh *crashGitHub, seed uint64) []*crashSession {
	t.Helper()
	var out []*crashSession
	for i := range crashSessions {
		s := &crashSession{
			Owner: fmt.Sprintf("org%02d", i), Repo: fmt.Sprintf("svc%02d", i),
			Installation: int64(7000 + i), PR: i%2 == 0,
		}
		// One installation per organisation, as on GitHub: each gets its own
		// token and so its own pacing budget (80 writes a minute).
		gh.AddInstallation(s.Installation, s.Owner)
		s.Repository = gh.AddRepo(s.Owner, s.Repo, "main")
		s.Repository.PutFile("main", project.DefaultDocPath, sandbox.ExamplePipeline())
		gh.SetPermission(s.Owner, s.Repo, "dana", "admin")
		gh.SetPermission(s.Owner, s.Repo, "lee", "write")
		if s.PR {
			s.Branch = "plan-" + strconv.Itoa(i)
			s.Number = gh.AddPullRequest(s.Owner, s.Repo, ghfake.PullRequestSpec{
				Title: "Pipeline architecture", Author: "dana", HeadBranch: s.Branch,
			})
		} else {
			s.Number = 7
			gh.AddIssue(s.Owner, s.Repo, s.Number, "Deployment strategy")
			s.Branch = fmt.Sprintf("pipewright/deployment-strategy-%d", s.Number)
		}
		s.Key = fmt.Sprintf("github:%s/%s#%d", s.Owner, s.Repo, s.Number)
		for k, step := range crashScript(i) {
			d := &crashDelivery{
				ID:   fmt.Sprintf("%016x-%02d-%02d", seed, i, k),
				User: step[0], Body: step[1], Action: step[2],
			}
			c := delivery.Comment{
				Owner: s.Owner, Repo: s.Repo, Branch: "main", Number: s.Number, Title: "Deployment strategy",
				PullRequest: s.PR, CommentID: int64(1_000_000 + 100*i + k), Body: d.Body, Author: d.User,
				Installation: s.Installation,
			}
			var err error
			if d.Payload, err = c.Payload(); err != nil {
				t.Fatal(err)
			}
			s.Deliveries = append(s.Deliveries, d)
		}
		out = append(out, s)
	}
	return out
}

// crashRun is one run of the scenario against one store.
type crashRun struct {
	t        *testing.T
	sv       *crashServer
	gh       *crashGitHub
	hook     string
	client   *http.Client
	sessions []*crashSession

	restart   chan struct{} // a kill asks the supervisor for a restart
	calm      atomic.Bool   // no more kills
	saveKills chan struct{} // closed once both save-window kills happened
	sent      atomic.Int64  // POSTs made
	redeliver atomic.Int64  // POSTs repeated because the first got no 2xx
	dups      atomic.Int64  // deliveries sent twice on purpose
}

func runCrash(t *testing.T, bin, dsn string, seed uint64) {
	ctx, cancel := context.WithTimeout(context.Background(), 75*time.Second)
	defer cancel()
	began := time.Now()
	gh := newCrashGitHub(t)
	addr := freeAddr(t)
	sv := newCrashServer(bin, addr, filepath.Join(t.TempDir(), "server.log"), map[string]string{
		"PIPEWRIGHT_ADDR":       addr,
		"DATABASE_URL":          dsn,
		"GITHUB_API_URL":        gh.URL,
		"GITHUB_APP_ID":         strconv.FormatInt(gh.App().ID, 10),
		"GITHUB_PRIVATE_KEY":    gh.KeyPEM,
		"GITHUB_WEBHOOK_SECRET": crashSecret,
		"PIPEWRIGHT_APP_SLUG":   gh.App().Slug,
		"LOG_LEVEL":             "info",
		"GORACE":                "halt_on_error=1",
	})
	r := &crashRun{
		t: t, sv: sv, gh: gh, hook: "http://" + addr + server.WebhookPath,
		client:    &http.Client{Timeout: 10 * time.Second}, // GitHub's own limit
		sessions:  seedCrashSessions(t, gh, seed),
		restart:   make(chan struct{}, 1),
		saveKills: make(chan struct{}),
	}
	t.Cleanup(sv.abort)
	defer func() {
		if t.Failed() {
			t.Logf("seed %d; kills: %q; last server log lines:\n%s", seed, sv.killLog(), sv.tail(60))
		}
	}()
	if err := sv.start(ctx); err != nil {
		t.Fatal(err)
	}
	stopSupervisor, supervised := make(chan struct{}), make(chan struct{})
	go r.supervise(ctx, stopSupervisor, supervised)
	t.Cleanup(func() { cancel(); <-supervised }) // before sv.abort: cleanups run last-in first-out

	rng := rand.New(rand.NewPCG(seed, 1))
	r.armWriteKills(rng.Uint64())
	for range crashIntakeKills {
		s := r.sessions[rng.IntN(len(r.sessions))]
		s.Deliveries[1+rng.IntN(len(s.Deliveries)-1)].KillAfter = time.Duration(1 + rng.Int64N(int64(3*time.Millisecond)))
	}
	timerKills := make(chan struct{})
	go r.timerKills(ctx, rng.Uint64(), timerKills)

	var late []*crashDelivery
	var lateMu sync.Mutex
	var wg sync.WaitGroup
	for i, s := range r.sessions {
		srng := rand.New(rand.NewPCG(seed, uint64(100+i)))
		wg.Go(func() {
			for _, d := range s.Deliveries {
				switch p := srng.Float64(); {
				case p < 0.08: // GitHub's duplicate, arriving at the same time
					r.dups.Add(1)
					var twins sync.WaitGroup
					twins.Go(func() { r.deliver(ctx, d) })
					twins.Go(func() { r.deliver(ctx, d) })
					twins.Wait()
				case p < 0.16: // ... or much later
					r.dups.Add(1)
					lateMu.Lock()
					late = append(late, d)
					lateMu.Unlock()
					r.deliver(ctx, d)
				default:
					r.deliver(ctx, d)
				}
				time.Sleep(time.Duration(srng.IntN(100)) * time.Millisecond) // people type
			}
		})
	}
	wg.Wait()
	for _, d := range late {
		wg.Go(func() { r.deliver(ctx, d) })
	}
	wg.Wait()
	<-timerKills
	select { // the save-window kills must have happened before the calm
	case <-r.saveKills:
	case <-ctx.Done():
		t.Fatalf("the kills right after a save's commit and reply never happened: %v", ctx.Err())
	}
	r.calm.Store(true)
	r.gh.OnWrite(nil)
	sentAt := time.Since(began)

	st, err := store.Open(ctx, dsn) // beside the server: SQLite in WAL mode allows it
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := r.waitSettled(ctx, st); err != nil {
		t.Fatal(err)
	}
	repliedAt := time.Since(began)
	close(stopSupervisor)
	<-supervised
	if err := sv.stop(30 * time.Second); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d deliveries in %d POSTs (%d redelivered after no 2xx, %d sent twice on purpose); %d runs, %d kills: %q; all sent after %s, all replies after %s",
		crashSessions*len(crashScript(0)), r.sent.Load(), r.redeliver.Load(), r.dups.Load(), sv.runs, len(sv.killLog()), sv.killLog(),
		sentAt.Round(time.Millisecond), repliedAt.Round(time.Millisecond))

	r.checkReplies()
	r.checkCommits()
	checkStore(t, st, r.sessions)
}

// deliver posts d until Pipewright answers 2xx, redelivering after a crash.
func (r *crashRun) deliver(ctx context.Context, d *crashDelivery) {
	for attempt := 1; ; attempt++ {
		if attempt > 1 {
			r.redeliver.Add(1)
		}
		r.sent.Add(1)
		if attempt == 1 && d.KillAfter > 0 {
			time.AfterFunc(d.KillAfter, func() { r.crash(fmt.Sprintf("%s into the intake of %s", d.KillAfter.Round(time.Microsecond), d.ID)) })
		}
		resp, err := delivery.Post(ctx, r.client, r.hook, "issue_comment", d.ID, crashSecret, d.Payload)
		if err == nil {
			resp.Body.Close()
			switch {
			case resp.StatusCode/100 == 2:
				return
			case resp.StatusCode/100 == 4:
				r.t.Errorf("delivery %s refused with %d", d.ID, resp.StatusCode)
				return
			}
		}
		if ctx.Err() != nil {
			r.t.Errorf("delivery %s never acknowledged: %v", d.ID, ctx.Err())
			return
		}
		// No 2xx: GitHub shows the delivery failed; redeliver once the App is back.
		if err := r.sv.awaitUp(ctx); err != nil {
			r.t.Errorf("delivery %s: %v", d.ID, err)
			return
		}
	}
}

// crash kills the server (if it is up) and asks the supervisor to restart it.
func (r *crashRun) crash(why string) bool {
	if r.calm.Load() || !r.sv.kill(why) {
		return false
	}
	select {
	case r.restart <- struct{}{}:
	default:
	}
	return true
}

// supervise restarts the server after each kill, as systemd or Kubernetes
// would, until stop is closed and no restart is pending.
func (r *crashRun) supervise(ctx context.Context, stop, done chan struct{}) {
	defer close(done)
	restart := func() bool {
		if err := r.sv.start(ctx); err != nil {
			if ctx.Err() == nil {
				r.t.Errorf("restart: %v", err)
			}
			return false
		}
		return true
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.restart:
			if !restart() {
				return
			}
		case <-stop:
			select {
			case <-r.restart:
				restart()
			default:
			}
			return
		}
	}
}

// timerKills kills the server crashTimerKills times, each at a random
// moment 150 ms to 1.5 s after it came up: during intake, processing, or both.
func (r *crashRun) timerKills(ctx context.Context, seed uint64, done chan struct{}) {
	defer close(done)
	rng := rand.New(rand.NewPCG(seed, 2))
	for k := 0; k < crashTimerKills; {
		if err := r.sv.awaitUp(ctx); err != nil {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(150*time.Millisecond + time.Duration(rng.Int64N(int64(1350*time.Millisecond)))):
		}
		if r.crash(fmt.Sprintf("timer #%d", k+1)) {
			k++
		}
	}
}

// armWriteKills kills the server at GitHub writes: right after the first
// save's commit landed (the retry finds the section already there and must
// recognise its own commit), right after the first save's reply was posted
// (the retry must neither record the save twice nor reply twice), and
// before or after a few writes chosen at random.
func (r *crashRun) armWriteKills(seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 3))
	var mu sync.Mutex
	targets := map[int]bool{} // write number -> kill after it (else before)
	for len(targets) < crashWriteKills-2 {
		targets[20+rng.IntN(180)] = rng.IntN(2) == 0
	}
	n, afterCommit, afterSaveReply := 0, false, false
	r.gh.OnWrite(func(req *http.Request, body []byte, after bool) bool {
		mu.Lock()
		defer mu.Unlock()
		if req.Context().Err() != nil {
			return false // the caller is already gone
		}
		if !after {
			n++
		}
		killed := false
		switch {
		case after && !afterCommit && req.Method == http.MethodPut && strings.Contains(req.URL.Path, "/contents/"):
			afterCommit = r.crash("after a save's commit: " + req.URL.Path)
			killed = afterCommit
		case after && !afterSaveReply && req.Method == http.MethodPost && strings.HasSuffix(req.URL.Path, "/comments") &&
			bytes.Contains(body, []byte("/commit/")):
			afterSaveReply = r.crash("after a save's reply: " + req.URL.Path)
			killed = afterSaveReply
		}
		if killed {
			if afterCommit && afterSaveReply {
				close(r.saveKills)
			}
			return true
		}
		if afterIt, ok := targets[n]; ok && afterIt == after {
			delete(targets, n)
			where := map[bool]string{false: "before", true: "after"}[after]
			return r.crash(fmt.Sprintf("%s write #%d: %s %s", where, n, req.Method, req.URL.Path))
		}
		return false
	})
}

// waitSettled polls the stand-in and the store until every delivery has
// its complete reply and nothing is left to do: no unprocessed delivery, no
// pending effect (a reply already posted by a killed run is only marked
// done by the drain that finds it).
func (r *crashRun) waitSettled(ctx context.Context, st *store.Store) error {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		missing := 0
		for _, s := range r.sessions {
			got := replyParts(r.gh.Comments(s.Owner, s.Repo, s.Number))
			for _, d := range s.Deliveries {
				if !got[d.ID].complete() {
					missing++
				}
			}
		}
		var backlog []string
		if missing == 0 {
			var err error
			if backlog, _, err = st.Backlog(ctx); err != nil {
				return err
			}
			if len(backlog) == 0 {
				return nil
			}
		}
		if err := r.sv.err(); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%d deliveries without a complete reply, sessions with work left %v: %w", missing, backlog, ctx.Err())
		case <-tick.C:
		}
	}
}

// parts counts the reply comments seen for one delivery, by part number.
type parts struct {
	of    int
	count map[int]int
	order int // position of its first part among the thread's replies
}

func (p *parts) complete() bool {
	if p == nil || p.of == 0 {
		return false
	}
	for i := 1; i <= p.of; i++ {
		if p.count[i] == 0 {
			return false
		}
	}
	return true
}

// replyParts reads the hidden markers `<!-- pipewright:reply id=X part=i/N -->`.
func replyParts(comments []ghfake.Comment) map[string]*parts {
	out := map[string]*parts{}
	for pos, c := range comments {
		line, _, _ := strings.Cut(c.Body, "\n")
		var id string
		var part, of int
		rest, ok := strings.CutPrefix(line, "<!-- pipewright:reply id=")
		if !ok {
			continue
		}
		id, rest, _ = strings.Cut(rest, " part=")
		if _, err := fmt.Sscanf(rest, "%d/%d -->", &part, &of); err != nil {
			continue
		}
		p := out[id]
		if p == nil {
			p = &parts{count: map[int]int{}, order: pos}
			out[id] = p
		}
		if p.of != 0 && p.of != of {
			p.of = -1 // two replies that disagree on their length
		} else {
			p.of = of
		}
		p.count[part]++
	}
	return out
}

// checkReplies: exactly one reply per delivery (each part once), nothing
// else from the App, and replies in the order the comments were made.
func (r *crashRun) checkReplies() {
	t := r.t
	for _, s := range r.sessions {
		comments := r.gh.Comments(s.Owner, s.Repo, s.Number)
		got := replyParts(comments)
		total := 0
		for _, d := range s.Deliveries {
			p := got[d.ID]
			if !p.complete() {
				t.Errorf("%s: delivery %s (%q) has no complete reply", s.Key, d.ID, d.Body)
				continue
			}
			for part, n := range p.count {
				if n != 1 {
					t.Errorf("%s: delivery %s (%q): part %d/%d posted %d times", s.Key, d.ID, d.Body, part, p.of, n)
				}
				total += n
			}
		}
		if total != len(comments) || len(got) != len(s.Deliveries) {
			t.Errorf("%s: %d comments from the App for %d deliveries (%d counted replies)", s.Key, len(comments), len(s.Deliveries), total)
		}
		for k := 1; k < len(s.Deliveries); k++ {
			a, b := got[s.Deliveries[k-1].ID], got[s.Deliveries[k].ID]
			if a != nil && b != nil && a.order > b.order {
				t.Errorf("%s: reply to %q came before the reply to %q", s.Key, s.Deliveries[k].Body, s.Deliveries[k-1].Body)
			}
		}
		last := comments[len(comments)-1].Body
		if !strings.Contains(last, "✅") || !strings.Contains(last, "/commit/") {
			t.Errorf("%s: the save's reply reports no commit:\n%s", s.Key, last)
		}
	}
}

// checkCommits: each session's branch got exactly one commit from the App,
// and the document holds the section exactly once; issues got one PR.
func (r *crashRun) checkCommits() {
	t := r.t
	bot := r.gh.BotLogin()
	for _, s := range r.sessions {
		var ours []ghfake.Commit
		for _, c := range s.Repository.Commits(s.Branch) {
			if c.Author.Name == bot {
				ours = append(ours, c)
			}
		}
		if len(ours) != 1 {
			t.Errorf("%s: %d commits by the App on %s, want exactly 1: %+v", s.Key, len(ours), s.Branch, ours)
		}
		doc, ok := s.Repository.File(s.Branch, project.DefaultDocPath)
		if !ok {
			t.Errorf("%s: no %s on %s", s.Key, project.DefaultDocPath, s.Branch)
			continue
		}
		for _, marker := range []string{"\n## Deployment Strategy\n", "<!-- pipewright:deployment-strategy:begin", "<!-- pipewright:deployment-strategy:end -->"} {
			if n := bytes.Count(doc, []byte(marker)); n != 1 {
				t.Errorf("%s: %q appears %d times in the saved document", s.Key, marker, n)
			}
		}
		if !bytes.Contains(doc, []byte("stepsCompleted: [1, 2, 3, 4]\n")) {
			t.Errorf("%s: step 4 not marked complete", s.Key)
		}
	}
	pulls := map[string]int{}
	for _, rec := range r.gh.Requests() {
		if rec.Method == http.MethodPost && strings.HasSuffix(rec.Path, "/pulls") && rec.Status == http.StatusCreated {
			pulls[rec.Path]++
		}
	}
	for _, s := range r.sessions {
		want := 1
		if s.PR {
			want = 0
		}
		if n := pulls["/repos/"+s.Owner+"/"+s.Repo+"/pulls"]; n != want {
			t.Errorf("%s: %d pull requests opened, want %d", s.Key, n, want)
		}
	}
}
