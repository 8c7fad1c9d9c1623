package serve_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/serve"
	"letterpress/internal/sitetest"
)

var now = time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)

type preview struct {
	t       *testing.T
	dir     string
	session *build.Session
	srv     *serve.Server
	http    *httptest.Server
	events  chan serve.State
	// busy is held while a batch is rebuilt, so that a test can look at
	// the session between rebuilds.
	busy sync.Mutex
}

// start serves a copy of the check test site from a temporary folder, with
// the watcher running, as letterpress serve does.
func start(t *testing.T) *preview {
	t.Helper()
	dir := t.TempDir()
	sitetest.Load(t, "../build/testdata/check/_base.txtar").WriteDir(t, dir)
	p := &preview{t: t, dir: dir}
	p.session = build.NewSession(os.DirFS(dir), letterpress.Defaults, build.Options{Now: now, Drafts: true}, render.Options{Head: serve.ReloadScript})
	if p.session.Errors.HasErrors(false) {
		t.Fatal(p.session.Errors)
	}
	p.srv = serve.New(p.session, io.Discard)
	w, err := serve.NewWatcher(dir, serve.Debounce)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for batch := range w.Batches {
			p.busy.Lock()
			p.srv.Rebuild(batch)
			p.busy.Unlock()
		}
	}()
	p.http = httptest.NewServer(p.srv)
	t.Cleanup(func() {
		p.http.Close()
		w.Close()
		<-done
		p.session.Close()
	})
	p.events = p.subscribe()
	if st := p.next(); st.Version != 1 {
		t.Fatalf("first state %+v", st)
	}
	return p
}

// subscribe reads the event stream as a browser's EventSource would.
func (p *preview) subscribe() chan serve.State {
	resp, err := http.Get(p.http.URL + "/_letterpress/events")
	if err != nil {
		p.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		p.t.Fatalf("events content type %q", ct)
	}
	ch := make(chan serve.State, 100)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var st serve.State
				if json.Unmarshal([]byte(data), &st) == nil {
					ch <- st
				}
			}
		}
	}()
	p.t.Cleanup(func() { resp.Body.Close() })
	return ch
}

func (p *preview) next() serve.State {
	p.t.Helper()
	select {
	case st := <-p.events:
		return st
	case <-time.After(10 * time.Second):
		p.t.Fatal("no event within 10s")
	}
	return serve.State{}
}

func (p *preview) get(path string) (int, string) {
	p.t.Helper()
	resp, err := http.Get(p.http.URL + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (p *preview) write(name, text string) {
	p.t.Helper()
	path := filepath.Join(p.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *preview) read(name string) string {
	b, err := os.ReadFile(filepath.Join(p.dir, filepath.FromSlash(name)))
	if err != nil {
		p.t.Fatal(err)
	}
	return string(b)
}

// expectReload waits for the next successful build and checks that page
// now contains want.
// A change made in two steps (delete, then create) may give two events.
func (p *preview) expectReload(page, want string) {
	p.t.Helper()
	deadline := time.After(10 * time.Second)
	var last serve.State
	for {
		select {
		case last = <-p.events:
		case <-deadline:
			if len(last.Errors) > 0 {
				p.t.Fatalf("build failed: %v", last.Errors)
			}
			code, _ := p.get(page)
			p.t.Fatalf("%s (%d) does not contain %q after the reload events", page, code, want)
		}
		// A save can be seen half-way (an editor writing in place truncates
		// the file first; on a busy machine the watcher may rebuild in
		// between): the errors of such a state must clear with the next.
		code, body := p.get(page)
		if len(last.Errors) == 0 && code == 200 && strings.Contains(body, want) {
			return
		}
	}
}

const aboutPage = "content/pages/about.md"

func TestEditorSavePatterns(t *testing.T) {
	p := start(t)
	if _, body := p.get("/about/"); !strings.Contains(body, `src="/_letterpress/reload.js"`) {
		t.Fatal("served pages do not carry the reload script")
	}

	// Write in place.
	p.write(aboutPage, strings.Replace(p.read(aboutPage), "About this site.", "Written in place.", 1))
	p.expectReload("/about/", "Written in place.")

	// Write to a temporary file, then rename over the original (vim, IDEs).
	tmp := filepath.Join(p.dir, "content/pages/.about.md.swp")
	os.WriteFile(tmp, []byte(strings.Replace(p.read(aboutPage), "Written in place.", "Renamed into place.", 1)), 0o644)
	os.WriteFile(filepath.Join(p.dir, "content/pages/4913"), nil, 0o644) // vim's probe
	os.Remove(filepath.Join(p.dir, "content/pages/4913"))
	if err := os.Rename(tmp, filepath.Join(p.dir, aboutPage)); err != nil {
		t.Fatal(err)
	}
	p.expectReload("/about/", "Renamed into place.")

	// Delete, then create.
	text := strings.Replace(p.read(aboutPage), "Renamed into place.", "Deleted and created.", 1)
	os.Remove(filepath.Join(p.dir, aboutPage))
	time.Sleep(10 * time.Millisecond)
	p.write(aboutPage, text)
	p.expectReload("/about/", "Deleted and created.")

	// A folder created after start, with a file already in it.
	p.write("content/letters/2022/2022-01-10-new.md", "---\ntitle: A letter in a new folder\ndate: 2022-01-10\nto: [northshire-pcc]\n---\nHello.\n")
	p.expectReload("/letters/2022-01-10-new/", "A letter in a new folder")

	// The folder removed, then made again with another file.
	os.RemoveAll(filepath.Join(p.dir, "content/letters/2022"))
	st := p.next()
	if len(st.Errors) > 0 {
		t.Fatal(st.Errors)
	}
	if code, _ := p.get("/letters/2022-01-10-new/"); code != 404 {
		t.Fatalf("removed letter still served: %d", code)
	}
	p.write("content/letters/2022/2022-02-01-again.md", "---\ntitle: Made again\ndate: 2022-02-01\nto: [northshire-pcc]\n---\nHello again.\n")
	p.expectReload("/letters/2022-02-01-again/", "Made again")
	p.write("content/letters/2022/2022-02-01-again.md", "---\ntitle: Made again, edited\ndate: 2022-02-01\nto: [northshire-pcc]\n---\nHello again.\n")
	p.expectReload("/letters/2022-02-01-again/", "Made again, edited")
}

func TestErrorsShowThenClear(t *testing.T) {
	p := start(t)
	good := p.read(aboutPage)
	_, before := p.get("/about/")
	p.write(aboutPage, strings.Replace(good, "title: About", "title: [About", 1))
	st := p.next()
	if len(st.Errors) != 1 || !strings.HasPrefix(st.Errors[0], "content/pages/about.md:2:8: invalid YAML") {
		t.Fatalf("errors = %q", st.Errors)
	}
	// The last good site is still served, and a page opened now learns the
	// errors at once.
	if _, now := p.get("/about/"); now != before {
		t.Fatal("a failed build changed the served page")
	}
	late := p.subscribe()
	select {
	case st := <-late:
		if len(st.Errors) != 1 {
			t.Fatalf("a newly opened page was not told the errors: %+v", st)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no state for a new client")
	}
	p.write(aboutPage, strings.Replace(good, "About this site.", "Fixed.", 1))
	p.expectReload("/about/", "Fixed.")
}

// A git checkout of another branch changes hundreds of files at once: one
// rebuild, and the result is what a fresh build gives.
func TestBurstIsOneRebuild(t *testing.T) {
	p := start(t)
	for i := range 300 {
		p.write(fmt.Sprintf("content/letters/2022/2022-03-%02d-burst-%03d.md", i%28+1, i),
			fmt.Sprintf("---\ntitle: Burst letter %d\ndate: 2022-03-%02d\nto: [eastshire-police]\n---\nNumber %d.\n", i, i%28+1, i))
	}
	p.write(aboutPage, strings.Replace(p.read(aboutPage), "About this site.", "After the burst.", 1))
	// A rebuild may catch a file half-written (os.WriteFile creates it,
	// then writes: "missing front matter"), as it may an editor's save; the
	// next batch sees it whole. On a loaded machine the watcher's quiet
	// period can also end inside the burst. Allow a few batches, but not
	// one per file (the burst is 301 files).
	st := p.next()
	rebuilds := 1
	for len(st.Errors) > 0 && rebuilds < 10 {
		st = p.next()
		rebuilds++
	}
	if len(st.Errors) > 0 {
		t.Fatal(st.Errors)
	}
	deadline := time.After(500 * time.Millisecond)
loop:
	for {
		select {
		case <-p.events:
			rebuilds++
		case <-deadline:
			break loop
		}
	}
	if rebuilds > 10 {
		t.Errorf("%d rebuilds for one burst", rebuilds)
	}
	want := publish.NewMemory()
	_, errs := build.Build(os.DirFS(p.dir), letterpress.Defaults, want, build.Options{Now: now, Drafts: true, BaseURL: ""}, render.Options{Head: serve.ReloadScript})
	if errs.HasErrors(false) {
		t.Fatal(errs)
	}
	// The watcher may still deliver the burst's last events in a batch of
	// their own, and a rebuild may be running: compare between rebuilds,
	// until the preview has caught up (a hang guard, not a timing).
	got := p.session.Out
	for wait := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		p.busy.Lock()
		g, w := got.Names(), want.Names()
		if strings.Join(g, "\n") != strings.Join(w, "\n") {
			p.busy.Unlock()
			if time.Now().After(wait) {
				t.Fatalf("after the burst the preview has %d files, a fresh build %d", len(g), len(w))
			}
			continue
		}
		defer p.busy.Unlock()
		break
	}
	for _, n := range want.Names() {
		g, _ := got.Get(n)
		w, _ := want.Get(n)
		if !bytes.Equal(g, w) {
			t.Fatalf("after the burst %s differs from a fresh build", n)
		}
	}
}

func TestServing(t *testing.T) {
	p := start(t)
	for _, tt := range []struct {
		path string
		code int
		ct   string
	}{
		{"/", 200, "text/html; charset=utf-8"},
		{"/letters/2021-03-01-northshire-pcc/", 200, "text/html; charset=utf-8"},
		{"/feed.xml", 200, "application/atom+xml; charset=utf-8"},
		{"/sitemap.xml", 200, "application/xml; charset=utf-8"},
		{"/robots.txt", 200, "text/plain; charset=utf-8"},
		{"/_letterpress/reload.js", 200, "text/javascript; charset=utf-8"},
		{"/no/such/page/", 404, "text/html; charset=utf-8"},
		{"/../site.yaml", 400, ""},
		{"/%2e%2e/site.yaml", 400, ""},
		{"/letters/%2E%2E/%2e%2e/site.yaml", 400, ""},
		{"/..%2fsite.yaml", 400, ""},
		{"/%5c..%5csite.yaml", 400, ""},
		{"//etc/passwd", 404, "text/html; charset=utf-8"},
	} {
		req, _ := http.NewRequest("GET", p.http.URL+"/", nil)
		req.URL.RawPath = ""
		req.URL.Opaque = "//" + req.URL.Host + tt.path
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.code {
			t.Errorf("%s: status %d, want %d", tt.path, resp.StatusCode, tt.code)
		}
		if tt.ct != "" && resp.Header.Get("Content-Type") != tt.ct {
			t.Errorf("%s: content type %q, want %q", tt.path, resp.Header.Get("Content-Type"), tt.ct)
		}
		if strings.Contains(string(body), "owner: office") {
			t.Errorf("%s: served a file from outside the build", tt.path)
		}
	}
	// The site's own 404 page.
	if _, body := p.get("/nothing-here/"); !strings.Contains(body, "Page not found") {
		t.Error("404 is not the site's 404 page")
	}
}

// Many open pages, then all closed: no goroutine is left behind.
func TestManyClientsNoLeak(t *testing.T) {
	p := start(t)
	before := runtime.NumGoroutine()
	var resps []*http.Response
	for range 100 {
		resp, err := http.Get(p.http.URL + "/_letterpress/events")
		if err != nil {
			t.Fatal(err)
		}
		resps = append(resps, resp)
	}
	deadline := time.Now().Add(5 * time.Second)
	for p.srv.Clients() < 101 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := p.srv.Clients(); n < 101 {
		t.Fatalf("%d clients connected", n)
	}
	for _, r := range resps {
		r.Body.Close()
	}
	http.DefaultClient.CloseIdleConnections()
	deadline = time.Now().Add(5 * time.Second)
	for (p.srv.Clients() > 1 || runtime.NumGoroutine() > before+5) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := p.srv.Clients(); n != 1 {
		t.Errorf("%d clients still registered", n)
	}
	if g := runtime.NumGoroutine(); g > before+5 {
		t.Errorf("%d goroutines, %d before", g, before)
	}
}

// Pages requested while saves are rebuilt are always whole: each is one
// version of the page, with the length it was sent with, never one half
// written.
func TestPagesWholeDuringRebuilds(t *testing.T) {
	p := start(t)
	para := strings.Repeat("Words of a long page. ", 5000)
	save := func(i int) {
		// Saved as editors do, whole (a file seen half-written by the
		// watcher would fail to build, which is not what is tested).
		p.write(aboutPage+".tmp", fmt.Sprintf("---\ntitle: About\n---\nSave number %d.\n\n%s\n", i, para))
		if err := os.Rename(filepath.Join(p.dir, aboutPage+".tmp"), filepath.Join(p.dir, aboutPage)); err != nil {
			t.Fatal(err)
		}
		if st := p.next(); len(st.Errors) > 0 {
			t.Fatal(st.Errors)
		}
	}
	save(0)
	done := make(chan struct{})
	errc := make(chan error, 4)
	for range 4 {
		go func() {
			for {
				select {
				case <-done:
					errc <- nil
					return
				default:
				}
				resp, err := http.Get(p.http.URL + "/about/")
				if err != nil {
					errc <- err
					return
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 || !strings.HasSuffix(strings.TrimSpace(string(b)), "</html>") || !strings.Contains(string(b), "Save number") {
					errc <- fmt.Errorf("a page read during a rebuild: %d, %d bytes, %v:\n%.200s", resp.StatusCode, len(b), err, b)
					return
				}
			}
		}()
	}
	for i := range 20 {
		save(i + 1)
	}
	close(done)
	for range 4 {
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	}
	if dir := p.session.Out.Dir(); !strings.HasPrefix(dir, os.TempDir()) {
		t.Errorf("the site is served from %s, not from a temporary folder", dir)
	}
}

// While the first build runs, every page says so and reloads when it is
// done.
func TestStartingPage(t *testing.T) {
	dir := t.TempDir()
	sitetest.Load(t, "../build/testdata/check/_base.txtar").WriteDir(t, dir)
	srv := serve.NewStarting(io.Discard)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close) // after the event stream's, which subscribe registers
	p := &preview{t: t, dir: dir, srv: srv, http: hs}
	p.events = p.subscribe()
	if st := p.next(); st.Version != 0 {
		t.Fatalf("state while building: %+v", st)
	}
	for _, path := range []string{"/", "/letters/2021-03-01-northshire-pcc/", "/no-such-page/"} {
		code, body := p.get(path)
		if code != http.StatusServiceUnavailable || !strings.Contains(body, "Building the preview") || !strings.Contains(body, `<script src="/_letterpress/reload.js" data-build="`) {
			t.Fatalf("%s while building: %d %s", path, code, body)
		}
	}
	session := build.NewSession(os.DirFS(dir), letterpress.Defaults, build.Options{Now: now, Drafts: true}, render.Options{Head: serve.ReloadScript})
	defer session.Close()
	srv.Start(session)
	if st := p.next(); st.Version != 1 || len(st.Errors) > 0 {
		t.Fatalf("state once built: %+v", st)
	}
	if code, body := p.get("/letters/2021-03-01-northshire-pcc/"); code != 200 || strings.Contains(body, "Building the preview") {
		t.Fatalf("once built: %d %.200s", code, body)
	}
}
