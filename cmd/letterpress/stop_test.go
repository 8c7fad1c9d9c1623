package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"letterpress/internal/sitetest"
)

// stopStage is a moment of a build to stop it at: when its stderr (with
// LETTERPRESS_TRACE=1, each stage's line as it ends) shows the line
// starting with after, then delay later (or, with ready, once ready
// says so).
type stopStage struct {
	name  string
	after string
	delay time.Duration
	ready func(out string) bool
	env   string
	sig   syscall.Signal
}

// TestStopBuild builds a 10,000-letter site with the compiled command and
// stops it with SIGINT (once SIGTERM) at each stage: reading the files
// and their front matter, converting the Markdown, the graph, the search
// index, writing the pages, just before the new output is put in place.
// Each time the command must exit with 128 and the signal's number, the
// previous output must be exactly as it was, and what the stopped build
// leaves beside it must be only what the next build removes, which the
// last build checks. How long each stop took is logged: the bound is
// generous (a stop that never comes), the goal a second.
func TestStopBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and a site of 10,000 letters")
	}
	bin := filepath.Join(t.TempDir(), "letterpress")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	big := sitetest.Generated(t, 10000)
	small := t.TempDir()
	sitetest.Load(t, "../../internal/build/testdata/check/_base.txtar").WriteDir(t, small)
	out := filepath.Join(t.TempDir(), "public")
	build := func(site string) *exec.Cmd {
		cmd := exec.Command(bin, "build", "--site", site, "--out", out, "--now", "2026-12-01")
		cmd.Env = append(os.Environ(), "LETTERPRESS_TRACE=1")
		return cmd
	}
	// The previous output: a small site's, quick to compare.
	if b, err := build(small).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	previous := manifest(t, out)

	letters := func(string) bool {
		tmp := stale(t, out)
		if len(tmp) == 0 {
			return false
		}
		_, err := os.Stat(filepath.Join(tmp[0], "letters"))
		return err == nil
	}
	stages := []stopStage{
		{name: "reading and front matter", after: "config", delay: 300 * time.Millisecond},
		{name: "converting Markdown", after: "load", delay: 300 * time.Millisecond},
		{name: "converting Markdown (SIGTERM)", after: "load", delay: time.Second, sig: syscall.SIGTERM},
		{name: "graph", after: "convert"},
		{name: "search index", after: "renderer", delay: 200 * time.Millisecond},
		{name: "writing pages", after: "renderer", ready: letters},
		{name: "before the swap", after: "paused before the swap", env: "LETTERPRESS_TEST_PAUSE=swap"},
	}
	var report []string
	for _, st := range stages {
		t.Run(st.name, func(t *testing.T) {
			sig := st.sig
			if sig == 0 {
				sig = syscall.SIGINT
			}
			cmd := build(big)
			if st.env != "" {
				cmd.Env = append(cmd.Env, st.env)
			}
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			var lines []string
			reached := make(chan struct{})
			drained := make(chan struct{})
			go func() {
				defer close(drained)
				sc := bufio.NewScanner(stderr)
				once := sync.Once{}
				for sc.Scan() {
					mu.Lock()
					lines = append(lines, sc.Text())
					mu.Unlock()
					if strings.HasPrefix(sc.Text(), st.after) {
						once.Do(func() { close(reached) })
					}
				}
			}()
			exited := make(chan error, 1)
			go func() { <-drained; exited <- cmd.Wait() }()
			select {
			case <-reached:
			case err := <-exited:
				t.Fatalf("the build ended before %s: %v\n%s", st.after, err, strings.Join(lines, "\n"))
			case <-time.After(10 * time.Minute): // a hang guard
				cmd.Process.Kill()
				t.Fatal("the build never reached", st.after)
			}
			time.Sleep(st.delay)
			if st.ready != nil {
				for deadline := time.Now().Add(5 * time.Minute); !st.ready(out) && time.Now().Before(deadline); {
					time.Sleep(5 * time.Millisecond)
				}
			}
			signalled := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case err = <-exited:
			case <-time.After(30 * time.Second): // a stop that never comes
				cmd.Process.Kill()
				t.Fatalf("still running 30 s after %v", sig)
			}
			took := time.Since(signalled)
			mu.Lock()
			text := strings.Join(lines, "\n")
			mu.Unlock()
			report = append(report, fmt.Sprintf("%-32s %v", st.name, took.Round(time.Millisecond)))
			t.Logf("%v at %s: exited after %v\n%s", sig, st.name, took.Round(time.Millisecond), text)
			ee, ok := err.(*exec.ExitError)
			if want := 128 + int(sig); !ok || ee.ExitCode() != want {
				t.Errorf("exit %v, want status %d", err, want)
			}
			if took > 5*time.Second {
				t.Errorf("the build took %v to stop", took)
			}
			if d := diffManifests(previous, manifest(t, out)); d != "" {
				t.Errorf("the previous output changed:\n%s", d)
			}
			if left := stale(t, out); len(left) > 0 && !strings.Contains(text, "removed by the next build") {
				t.Errorf("the stopped build left %v and did not say so:\n%s", left, text)
			}
		})
	}
	t.Logf("time from the signal to the exit, by stage:\n%s", strings.Join(report, "\n"))

	// The next build removes what the stopped ones left.
	if b, err := build(small).CombinedOutput(); err != nil {
		t.Fatalf("build after the stops: %v\n%s", err, b)
	}
	if left := stale(t, out); len(left) > 0 {
		t.Errorf("the next build left %v", left)
	}
	if d := diffManifests(previous, manifest(t, out)); d != "" {
		t.Errorf("the same site built again differs:\n%s", d)
	}
}
