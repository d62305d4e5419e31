package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildServer compiles this command into dir, under the race detector when
// the test itself runs under it (the build cache is then shared with the
// test's own build, and races in the server fail the test too).
func buildServer(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("crash test needs the go command to build the server: %v", err)
	}
	bin := filepath.Join(dir, "pipewright")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	cmd := exec.Command(goTool, append(args, ".")...)
	began := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	t.Logf("built %s (race=%v) in %s", bin, raceEnabled, time.Since(began).Round(time.Millisecond))
	return bin
}

// freeAddr returns a loopback address no one listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// crashServer runs `pipewright serve` as a child process that the test
// kills with SIGKILL and restarts, as a crashing host would.
type crashServer struct {
	bin  string
	addr string
	env  []string
	logs string // the children's stderr, appended run after run

	mu      sync.Mutex
	cmd     *exec.Cmd
	exited  chan struct{} // closed when the current child has exited
	up      chan struct{} // closed once the current child answers /readyz
	runs    int
	kills   []string // why each SIGKILL happened
	killing bool
	stopped bool
	failure error // an exit nobody asked for (a panic, a race report)
}

func newCrashServer(bin, addr, logs string, env map[string]string) *crashServer {
	s := &crashServer{bin: bin, addr: addr, logs: logs}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, mine := env[k]; !mine && !strings.HasPrefix(k, "GITHUB_") && !strings.HasPrefix(k, "PIPEWRIGHT_") && k != "DATABASE_URL" {
			s.env = append(s.env, kv)
		}
	}
	for k, v := range env {
		s.env = append(s.env, k+"="+v)
	}
	return s
}

// start launches a child and waits until it is ready.
func (s *crashServer) start(ctx context.Context) error {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return errors.New("server stopped")
	}
	logf, err := os.OpenFile(s.logs, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		s.mu.Unlock()
		return err
	}
	s.runs++
	fmt.Fprintf(logf, "===== run %d =====\n", s.runs)
	cmd := exec.Command(s.bin, "serve")
	cmd.Env = s.env
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		s.mu.Unlock()
		return fmt.Errorf("start %s: %w", s.bin, err)
	}
	exited, up := make(chan struct{}), make(chan struct{})
	s.cmd, s.exited, s.up = cmd, exited, up
	s.mu.Unlock()

	go func() {
		err := cmd.Wait()
		logf.Close()
		s.mu.Lock()
		if !s.killing && s.failure == nil && !(s.stopped && err == nil) {
			s.failure = fmt.Errorf("run %d exited on its own: %v", s.runs, err)
		}
		s.mu.Unlock()
		close(exited)
	}()
	return s.waitReady(ctx, exited, up)
}

// waitReady polls /readyz until the child answers 200; that is the only
// poll here, and it ends as soon as the child is up.
func (s *crashServer) waitReady(ctx context.Context, exited, up chan struct{}) error {
	client := &http.Client{Timeout: time.Second}
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		resp, err := client.Get("http://" + s.addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				close(up)
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for the server to be ready: %w", ctx.Err())
		case <-exited:
			return fmt.Errorf("server exited before it was ready: %v", s.err())
		case <-tick.C:
		}
	}
}

// kill sends SIGKILL to the running child (if it is up) and waits for it to
// die. It reports whether it killed anything.
func (s *crashServer) kill(why string) bool {
	s.mu.Lock()
	if s.cmd == nil || s.killing || s.stopped {
		s.mu.Unlock()
		return false
	}
	select {
	case <-s.up:
	default: // still starting: not a moment we want to count
		s.mu.Unlock()
		return false
	}
	select {
	case <-s.exited:
		s.mu.Unlock()
		return false
	default:
	}
	s.killing = true
	cmd, exited := s.cmd, s.exited
	s.kills = append(s.kills, why)
	s.mu.Unlock()
	_ = cmd.Process.Signal(syscall.SIGKILL)
	<-exited
	s.mu.Lock()
	s.killing = false
	s.cmd = nil
	s.mu.Unlock()
	return true
}

// awaitUp returns once a child is ready (now or after a restart).
func (s *crashServer) awaitUp(ctx context.Context) error {
	for {
		s.mu.Lock()
		up, exited, alive := s.up, s.exited, s.cmd != nil && !s.killing
		s.mu.Unlock()
		if alive {
			select {
			case <-up:
				select {
				case <-exited:
				default:
					return nil
				}
			case <-exited:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		// Down: wait a moment for the supervisor to restart it.
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// stop asks the child to shut down gracefully (SIGTERM) and waits.
func (s *crashServer) stop(timeout time.Duration) error {
	s.mu.Lock()
	s.stopped = true
	cmd, exited := s.cmd, s.exited
	s.mu.Unlock()
	if cmd == nil {
		return s.err()
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(timeout):
		_ = cmd.Process.Kill()
		<-exited
		return fmt.Errorf("server did not stop within %s of SIGTERM", timeout)
	}
	if !cmd.ProcessState.Success() {
		return fmt.Errorf("graceful stop: server exited with %v", cmd.ProcessState)
	}
	return s.err()
}

// abort kills the child, if any, and refuses restarts: a failed test must
// not leave a server running.
func (s *crashServer) abort() {
	s.mu.Lock()
	s.stopped, s.killing = true, true
	cmd, exited := s.cmd, s.exited
	s.mu.Unlock()
	if cmd != nil {
		_ = cmd.Process.Kill()
		<-exited
	}
}

func (s *crashServer) err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failure
}

func (s *crashServer) killLog() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.kills...)
}

// tail returns the last n lines of the children's logs, for failures.
func (s *crashServer) tail(n int) string {
	f, err := os.Open(s.logs)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if len(lines) > n {
			lines = lines[1:]
		}
	}
	return strings.Join(lines, "\n")
}
