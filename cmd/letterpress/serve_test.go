package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"letterpress/internal/sitetest"
)

// syncBuffer is an output the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const (
	serveDraft      = "/letters/2021-05-01-secret-draft/"
	serveDraftTitle = "Unpublished letter about a secret"
)

// running is a letterpress serve started by a test.
type running struct {
	t              *testing.T
	port           string // the port it listens on
	stdout, stderr *syncBuffer
}

// startServe runs letterpress serve args on the check test site with a
// draft letter, waits until its first build is done and stops it when the
// test ends.
func startServe(t *testing.T, args ...string) *running {
	t.Helper()
	dir := t.TempDir()
	sitetest.Load(t, "../../internal/build/testdata/check/_base.txtar").WriteDir(t, dir)
	draft := "---\ntitle: " + serveDraftTitle + "\ndate: 2021-05-01\nto: [northshire-pcc]\ndraft: true\n---\nNot for anyone's eyes yet.\n"
	if err := os.WriteFile(filepath.Join(dir, "content/letters/2021/2021-05-01-secret-draft.md"), []byte(draft), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{t: t, stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, append([]string{"serve", "--site", dir, "--now", "2021-06-01"}, args...), r.stdout, r.stderr)
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("letterpress serve %q: exit %d\n%s", args, code, r.stderr)
		}
	})
	serving := regexp.MustCompile(`serving .* at (http://\S+/) \(`)
	deadline := time.Now().Add(30 * time.Second)
	for r.port == "" {
		if m := serving.FindStringSubmatch(r.stdout.String()); m != nil {
			u, err := url.Parse(m[1])
			if err != nil {
				t.Fatal(err)
			}
			r.port = u.Port()
			break
		}
		select {
		case code := <-done:
			done <- code
			t.Fatalf("letterpress serve %q: exit %d\n%s%s", args, code, r.stdout, r.stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("letterpress serve %q does not say where it serves:\n%s%s", args, r.stdout, r.stderr)
		}
		time.Sleep(10 * time.Millisecond)
	}
	for {
		if code, _ := r.get("/", "localhost"); code != http.StatusServiceUnavailable {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("letterpress serve %q: the first build does not end", args)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return r
}

// get requests path through loopback with the given Host header.
func (r *running) get(path, host string) (int, string) {
	r.t.Helper()
	req, err := http.NewRequest("GET", "http://"+net.JoinHostPort("127.0.0.1", r.port)+path, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// On loopback, as by default, drafts are shown and nothing is said about
// the network.
func TestServeLoopbackShowsDrafts(t *testing.T) {
	r := startServe(t, "--addr", "127.0.0.1:0")
	if code, body := r.get(serveDraft, "localhost"); code != 200 || !strings.Contains(body, serveDraftTitle) {
		t.Errorf("the draft: %d %.200s", code, body)
	}
	if !strings.Contains(r.stdout.String(), "(drafts shown)") || strings.Contains(r.stderr.String(), "WARNING") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	if code, body := r.get(serveDraft, "attacker.127.0.0.1.nip.io"); code != http.StatusForbidden || strings.Contains(body, serveDraftTitle) ||
		!strings.Contains(body, "http://localhost:"+r.port+"/") {
		t.Errorf("a rebound name: %d %.500s", code, body)
	}
}

// Listening on every interface, the preview warns, and hides drafts
// unless told otherwise.
func TestServeNetworkHidesDrafts(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0"} {
		r := startServe(t, "--addr", addr)
		if code, body := r.get(serveDraft, "localhost"); code != http.StatusNotFound || strings.Contains(body, serveDraftTitle) {
			t.Errorf("--addr %s: the draft: %d %.200s", addr, code, body)
		}
		if code, body := r.get("/letters/2021-03-01-northshire-pcc/", "localhost"); code != 200 {
			t.Errorf("--addr %s: a published letter: %d %.200s", addr, code, body)
		}
		stderr, stdout := r.stderr.String(), r.stdout.String()
		for _, want := range []string{"WARNING", "other computers", "drafts are hidden", "--drafts-on-network"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("--addr %s: stderr does not say %q:\n%s", addr, want, stderr)
			}
		}
		if !strings.Contains(stdout, "drafts hidden") || !strings.Contains(stdout, "--drafts-on-network") || !strings.Contains(stdout, "http://localhost:"+r.port+"/") {
			t.Errorf("--addr %s: the start-up message:\n%s", addr, stdout)
		}
		// This computer's name is answered, other names are not.
		if name, err := os.Hostname(); err == nil && name != "" {
			if code, _ := r.get("/", name); code != 200 {
				t.Errorf("--addr %s: Host %s (this computer): %d", addr, name, code)
			}
		}
		if code, _ := r.get("/", "attacker.127.0.0.1.nip.io"); code != http.StatusForbidden {
			t.Errorf("--addr %s: a rebound name: %d", addr, code)
		}
	}
}

func TestServeDraftsOnNetwork(t *testing.T) {
	r := startServe(t, "--addr", "0.0.0.0:0", "--drafts-on-network")
	if code, body := r.get(serveDraft, "localhost"); code != 200 || !strings.Contains(body, serveDraftTitle) {
		t.Errorf("the draft: %d %.200s", code, body)
	}
	if stderr := r.stderr.String(); !strings.Contains(stderr, "WARNING") || !strings.Contains(stderr, "drafts are shown to anyone") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if !strings.Contains(r.stdout.String(), "(drafts shown to the network)") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
}

func TestServeAllowedHost(t *testing.T) {
	r := startServe(t, "--addr", "127.0.0.1:0", "--allowed-host", "preview.example, .corp.example", "--allowed-host", "other.example:8080")
	for _, host := range []string{"preview.example", "corp.example", "letters.corp.example:443", "other.example", "localhost"} {
		if code, body := r.get(serveDraft, host); code != 200 || !strings.Contains(body, serveDraftTitle) {
			t.Errorf("Host %s: %d %.200s", host, code, body)
		}
	}
	code, body := r.get(serveDraft, "evil.example")
	if code != http.StatusForbidden || strings.Contains(body, serveDraftTitle) {
		t.Fatalf("Host evil.example: %d %.200s", code, body)
	}
	for _, want := range []string{"only answers to localhost", "you asked for evil.example", "http://localhost:" + r.port + "/", "--allowed-host evil.example"} {
		if !strings.Contains(body, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, body)
		}
	}
}

func TestServeFlagMistakes(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"--no-drafts", "--drafts-on-network"}, []string{"letterpress serve: --no-drafts hides drafts and --drafts-on-network shows them: give one"}},
		{[]string{"--allowed-host", "*", "--allowed-host", "https://x.example/"}, []string{
			"letterpress serve: --allowed-host *: name each host",
			"letterpress serve: --allowed-host https://x.example/: give a host name",
		}},
	} {
		code, _, stderr := run(t, append([]string{"serve", "--site", t.TempDir(), "--addr", "127.0.0.1:0"}, tt.args...)...)
		if code != exitUsage {
			t.Errorf("%q: exit %d\n%s", tt.args, code, stderr)
		}
		for _, want := range tt.want {
			if !strings.Contains(stderr, want) {
				t.Errorf("%q: stderr does not say %q:\n%s", tt.args, want, stderr)
			}
		}
	}
}
