package main

import (
	"bufio"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"letterpress/internal/sitetest"
)

// TestStopServe runs the compiled letterpress serve and stops it with
// Ctrl-C (SIGINT): during the first build of a 10,000-letter site, and on
// a built site with a page's reload stream open and a rebuild just
// started by a save. Each time it must exit at once (within 2 s; the
// goal is a second), its listener closed and the open stream ended.
func TestStopServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and serves a site of 10,000 letters")
	}
	bin := filepath.Join(t.TempDir(), "letterpress")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	small := t.TempDir()
	sitetest.Load(t, "../../internal/build/testdata/check/_base.txtar").WriteDir(t, small)

	for _, c := range []struct {
		name  string
		site  string
		built bool // wait for the first build, then save a file
	}{
		{"during the first build", sitetest.Generated(t, 10000), false},
		{"with a reload stream open and a rebuild running", small, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(bin, "serve", "--site", c.site, "--addr", "127.0.0.1:0", "--now", "2026-12-01")
			cmd.Env = append(os.Environ(), "TMPDIR="+t.TempDir())
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr strings.Builder
			var mu sync.Mutex
			cmd.Stderr = writerFunc(func(p []byte) (int, error) {
				mu.Lock()
				defer mu.Unlock()
				return stderr.Write(p)
			})
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			lines := make(chan string, 100)
			go func() {
				sc := bufio.NewScanner(stdout)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
				exited <- cmd.Wait()
			}()
			t.Cleanup(func() { cmd.Process.Kill() })
			wait := func(re *regexp.Regexp) []string {
				t.Helper()
				for {
					select {
					case l, ok := <-lines:
						if !ok {
							t.Fatalf("letterpress serve ended:\n%s", stderr.String())
						}
						if m := re.FindStringSubmatch(l); m != nil {
							return m
						}
					case <-time.After(5 * time.Minute): // a hang guard
						t.Fatal("letterpress serve says nothing of", re)
					}
				}
			}
			addr := wait(regexp.MustCompile(`serving .* at http://(\S+)/ \(`))[1]
			if c.built {
				wait(regexp.MustCompile(`^built in `))
			}
			// An open page's reload stream.
			stream, err := http.Get("http://" + addr + "/_letterpress/events")
			if err != nil {
				t.Fatal(err)
			}
			defer stream.Body.Close()
			ended := make(chan struct{})
			go func() {
				buf := make([]byte, 4096)
				for {
					if _, err := stream.Body.Read(buf); err != nil {
						close(ended)
						return
					}
				}
			}()
			if c.built {
				about := filepath.Join(c.site, "content/pages/about.md")
				if err := os.WriteFile(about, []byte("---\ntitle: About\n---\nSaved again.\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				time.Sleep(150 * time.Millisecond) // past the debounce: a rebuild starts
			} else {
				time.Sleep(2 * time.Second) // well into the first build
			}
			signalled := time.Now()
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			select {
			case err = <-exited:
			case <-time.After(30 * time.Second):
				t.Fatalf("letterpress serve still running 30 s after Ctrl-C:\n%s", stderr.String())
			}
			took := time.Since(signalled)
			t.Logf("letterpress serve %s: exited %v after Ctrl-C (%v)\n%s", c.name, took.Round(time.Millisecond), err, stderr.String())
			if err != nil {
				t.Errorf("exit: %v", err)
			}
			// Generous beside the goal of a second, and short of the 2 s
			// that an open reload stream used to hold the server for.
			if took >= 2*time.Second {
				t.Errorf("letterpress serve took %v to stop", took)
			}
			select {
			case <-ended:
			case <-time.After(5 * time.Second):
				t.Error("the reload stream is still open")
			}
			if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
				conn.Close()
				t.Error("something still listens at", addr)
			}
		})
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
