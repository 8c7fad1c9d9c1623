package serve_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/render"
	"letterpress/internal/serve"
	"letterpress/internal/sitetest"
)

const (
	draftPage  = "/letters/2021-05-01-secret-draft/"
	draftTitle = "Unpublished letter about a secret"
)

// draftSite serves the check test site with a draft letter, drafts shown,
// as letterpress serve does by default.
func draftSite(t *testing.T) (*serve.Server, *httptest.Server) {
	t.Helper()
	dir := t.TempDir()
	sitetest.Load(t, "../build/testdata/check/_base.txtar").WriteDir(t, dir)
	draft := "---\ntitle: " + draftTitle + "\ndate: 2021-05-01\nto: [northshire-pcc]\ndraft: true\n---\nNot for anyone's eyes yet.\n"
	if err := os.WriteFile(filepath.Join(dir, "content/letters/2021/2021-05-01-secret-draft.md"), []byte(draft), 0o644); err != nil {
		t.Fatal(err)
	}
	session := build.NewSession(os.DirFS(dir), letterpress.Defaults, build.Options{Now: now, Drafts: true}, render.Options{Head: serve.ReloadScript})
	if session.Errors.HasErrors(false) {
		t.Fatal(session.Errors)
	}
	srv := serve.New(session, io.Discard)
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		hs.Close()
		session.Close()
	})
	return srv, hs
}

// request sends method path to hs with the given Host and Origin headers
// (none if empty), as a browser would, and returns the response with at
// most 64 KB of its body (the event stream does not end).
func request(t *testing.T, hs *httptest.Server, method, path, host, origin string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, hs.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := hs.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") == "text/event-stream" {
		// Only the first event: the stream stays open.
		line, _ := bufio.NewReader(resp.Body).ReadString('\n')
		return resp, line
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return resp, string(b)
}

func port(t *testing.T, hs *httptest.Server) string {
	_, p, err := net.SplitHostPort(hs.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A page the editor visits can point a name of its own at 127.0.0.1 (DNS
// rebinding) and read the preview as its own site: the preview answers
// only to loopback names and addresses, on every path, the event stream
// included, and says how to reach it instead.
func TestHostRebindingRefused(t *testing.T) {
	_, hs := draftSite(t)
	p := port(t, hs)
	if resp, body := request(t, hs, "GET", draftPage, "", ""); resp.StatusCode != 200 || !strings.Contains(body, draftTitle) {
		t.Fatalf("the draft at %s: %d %.300s", hs.URL, resp.StatusCode, body)
	}
	for _, host := range []string{
		"localhost", "localhost:" + p, "LocalHost:" + p, "localhost.:" + p,
		"letters.localhost:" + p, "127.0.0.1", "127.0.0.1:" + p, "127.1.2.3:" + p,
		"[::1]:" + p, "[::1]", "[::ffff:127.0.0.1]:" + p,
		// An address is never a rebinding: its pages' origin is the
		// address itself, which only this server answers.
		"192.168.1.20:" + p, "[fd00::20]:" + p,
	} {
		if resp, body := request(t, hs, "GET", draftPage, host, ""); resp.StatusCode != 200 || !strings.Contains(body, draftTitle) {
			t.Errorf("Host %s: %d %.300s", host, resp.StatusCode, body)
		}
	}
	for _, host := range []string{
		"attacker.127.0.0.1.nip.io", "attacker.127.0.0.1.nip.io:" + p,
		"evil.example", "localhost.evil.example:" + p, "evillocalhost:" + p,
		"127.0.0.1.evil.example",
	} {
		name, _, err := net.SplitHostPort(host)
		if err != nil {
			name = host
		}
		for _, path := range []string{draftPage, "/", "/no-such-page/", "/_letterpress/events", "/_letterpress/reload.js", "/feed.xml", "/search.json"} {
			resp, body := request(t, hs, "GET", path, host, "")
			if resp.StatusCode != http.StatusForbidden || strings.Contains(body, draftTitle) || resp.Header.Get("Content-Type") == "text/event-stream" {
				t.Errorf("Host %s, %s: %d %s %.300s", host, path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
				continue
			}
			for _, want := range []string{
				"This preview only answers to localhost",
				"you asked for " + name,
				"http://localhost:" + p + "/",
				"--allowed-host " + name,
			} {
				if !strings.Contains(body, want) {
					t.Errorf("Host %s, %s: the refusal does not say %q:\n%s", host, path, want, body)
				}
			}
		}
	}
}

// A Host that is not a name and a port is refused; one with markup in it
// is shown as text.
func TestHostRefusalEscaped(t *testing.T) {
	srv, hs := draftSite(t)
	p := port(t, hs)
	for _, host := range []string{"localhost:" + p + ".evil.example", "localhost:x", "[::1]evil.example", "[::1", "127.0.0.1:1:2"} {
		resp, body := request(t, hs, "GET", draftPage, host, "")
		if resp.StatusCode != http.StatusForbidden || strings.Contains(body, draftTitle) || !strings.Contains(body, "which is not a host name") {
			t.Errorf("Host %s: %d %.300s", host, resp.StatusCode, body)
		}
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.Host = `a"><script>x</script>.example`
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != http.StatusForbidden || strings.Contains(w.Body.String(), "<script>x") || !strings.Contains(w.Body.String(), "&lt;script&gt;") {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	// No Host at all (HTTP/1.0) is refused too.
	r.Host = ""
	w = httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != http.StatusForbidden {
		t.Fatalf("no Host: %d %s", w.Code, w.Body)
	}
}

// A page of another site may not open the event stream or read pages
// through fetch (it sends its Origin), and nothing answers a POST, PUT or
// DELETE: the preview has no state to change.
func TestOriginAndMethodsRefused(t *testing.T) {
	_, hs := draftSite(t)
	p := port(t, hs)
	for _, origin := range []string{
		"http://evil.example", "https://attacker.127.0.0.1.nip.io:" + p, "null", "http://localhost.evil.example:" + p,
		// Other servers on this computer are other sites.
		"http://localhost:3000", "http://127.0.0.1:" + p, "http://127.0.0.1:3000", "http://other.localhost:" + p,
		"http://localhost:" + p + "/x", "file://",
	} {
		for _, path := range []string{"/_letterpress/events", draftPage} {
			resp, body := request(t, hs, "GET", path, "localhost:"+p, origin)
			if resp.StatusCode != http.StatusForbidden || strings.Contains(body, draftTitle) || resp.Header.Get("Content-Type") == "text/event-stream" {
				t.Errorf("Origin %s, %s: %d %s %.200s", origin, path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
			} else if !strings.Contains(body, "pages of other sites") {
				t.Errorf("Origin %s, %s: the refusal does not say why:\n%s", origin, path, body)
			}
		}
	}
	// The preview's own pages.
	for _, tt := range []struct{ host, origin string }{
		{"localhost:" + p, "http://localhost:" + p},
		{"LOCALHOST:" + p, "http://localhost:" + p},
		{"127.0.0.1:" + p, "http://127.0.0.1:" + p},
		{"[::1]:" + p, "http://[::1]:" + p},
		{"localhost", "http://localhost"},
		{"localhost:80", "http://localhost"},
		{"localhost", "https://localhost:443"},
	} {
		resp, body := request(t, hs, "GET", "/_letterpress/events", tt.host, tt.origin)
		if resp.StatusCode != 200 || !strings.HasPrefix(body, "event: state") {
			t.Errorf("Host %s, Origin %s: %d %.200s", tt.host, tt.origin, resp.StatusCode, body)
		}
	}
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		for _, path := range []string{"/_letterpress/events", "/_letterpress/reload.js", "/", draftPage} {
			resp, body := request(t, hs, method, path, "localhost:"+p, "")
			if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") == "" || strings.Contains(body, draftTitle) {
				t.Errorf("%s %s: %d Allow %q %.200s", method, path, resp.StatusCode, resp.Header.Get("Allow"), body)
			}
		}
	}
}

// The event stream still works for the preview's own pages, and closes
// with them.
func TestEventsStillServed(t *testing.T) {
	srv, hs := draftSite(t)
	req, _ := http.NewRequest("GET", hs.URL+"/_letterpress/events", nil)
	req.Host = "localhost"
	resp, err := hs.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(resp.Body).ReadString('\n')
	if resp.StatusCode != 200 || line != "event: state\n" {
		t.Fatalf("%d %q", resp.StatusCode, line)
	}
	resp.Body.Close()
	deadline := time.Now().Add(5 * time.Second)
	for srv.Clients() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := srv.Clients(); n != 0 {
		t.Fatalf("%d clients left", n)
	}
}

// The names a server is told to answer: the one it listens on, this
// computer's when it listens on every interface, and --allowed-host.
func TestSetHosts(t *testing.T) {
	hostname, err := os.Hostname()
	if err != nil || hostname == "" || strings.EqualFold(hostname, "localhost") {
		hostname = ""
	}
	srv, hs := draftSite(t)
	for _, tt := range []struct {
		listen  string
		allowed []string
		yes, no []string
	}{
		{"127.0.0.1:1313", nil, []string{"localhost", "127.0.0.1"}, []string{"preview.lan", hostname}},
		{"preview.lan:1313", nil, []string{"preview.lan", "PREVIEW.LAN:1313", "localhost"}, []string{"other.lan", "x.preview.lan", hostname}},
		{"0.0.0.0:1313", nil, []string{hostname, "localhost"}, []string{"preview.lan"}},
		{"[::]:1313", nil, []string{hostname}, []string{"preview.lan"}},
		{":1313", nil, []string{hostname}, []string{"preview.lan"}},
		{"127.0.0.1:1313", []string{"preview.lan", " Team.Example.org:8080 ", ".corp.example", "10.0.0.1"},
			[]string{"preview.lan", "team.example.org", "corp.example", "a.b.corp.example:1313"},
			[]string{"x.preview.lan", "evilcorp.example", "corp.example.evil", "evil.example", hostname}},
		{":1313", []string{".corp.example"}, []string{hostname, "x.corp.example"}, []string{"corpexample", "evil.example"}},
	} {
		h, err := serve.NewHosts(tt.listen, tt.allowed)
		if err != nil {
			t.Fatal(err)
		}
		srv.SetHosts(h)
		for _, host := range tt.yes {
			if host == "" {
				continue
			}
			if resp, body := request(t, hs, "GET", draftPage, host, ""); resp.StatusCode != 200 || !strings.Contains(body, draftTitle) {
				t.Errorf("listening on %s, allowed %q: Host %s: %d", tt.listen, tt.allowed, host, resp.StatusCode)
			}
			if resp, _ := request(t, hs, "GET", "/_letterpress/events", host, "http://"+host); resp.StatusCode != 200 {
				t.Errorf("listening on %s, allowed %q: Host and Origin %s: %d", tt.listen, tt.allowed, host, resp.StatusCode)
			}
		}
		for _, host := range tt.no {
			if host == "" {
				continue
			}
			if resp, body := request(t, hs, "GET", draftPage, host, ""); resp.StatusCode != http.StatusForbidden || strings.Contains(body, draftTitle) {
				t.Errorf("listening on %s, allowed %q: Host %s: %d", tt.listen, tt.allowed, host, resp.StatusCode)
			}
			if resp, _ := request(t, hs, "GET", "/_letterpress/events", "localhost", "http://"+host); resp.StatusCode != http.StatusForbidden {
				t.Errorf("listening on %s, allowed %q: Origin http://%s: %d", tt.listen, tt.allowed, host, resp.StatusCode)
			}
		}
	}
}

// Every --allowed-host value that is not a host name is reported, with
// what to give instead.
func TestAllowedHostMistakes(t *testing.T) {
	_, err := serve.NewHosts("127.0.0.1:1313", []string{"ok.example", "*", "http://preview.lan/", "a b", "*.example.org", "x..y", ""})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"--allowed-host *: name each host",
		"--allowed-host http://preview.lan/: give a host name, such as preview.example.org, without http://",
		`--allowed-host a b: "a b" is not a host name`,
		"--allowed-host *.example.org: write .example.org for example.org and its subdomains",
		`--allowed-host x..y: "x..y" is not a host name`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "ok.example") || strings.Count(err.Error(), "\n") != 4 {
		t.Errorf("wrong errors:\n%v", err)
	}
}

// A proxy in front of the preview may ask for localhost on behalf of a
// page of an --allowed-host name: that page may open the event stream.
// Other pages, those of the name it listens on included, may not ask for
// another host.
func TestOriginThroughProxy(t *testing.T) {
	srv, hs := draftSite(t)
	h, err := serve.NewHosts("preview.lan:1313", []string{"team.example.org", ".corp.example"})
	if err != nil {
		t.Fatal(err)
	}
	srv.SetHosts(h)
	for _, tt := range []struct {
		origin string
		code   int
	}{
		{"https://team.example.org", 200},
		{"https://team.example.org:8443", 200},
		{"https://letters.corp.example", 200},
		{"http://preview.lan:1313", http.StatusForbidden},
		{"https://evil.example", http.StatusForbidden},
		{"https://team.example.org.evil.example", http.StatusForbidden},
	} {
		if resp, _ := request(t, hs, "GET", "/_letterpress/events", "localhost:1313", tt.origin); resp.StatusCode != tt.code {
			t.Errorf("Origin %s: %d, want %d", tt.origin, resp.StatusCode, tt.code)
		}
	}
}
