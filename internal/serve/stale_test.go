package serve_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/render"
	"letterpress/internal/serve"
	"letterpress/internal/sitetest"
)

// A preview driven by the test: it rebuilds when the test says, not when
// a watcher does, so that a page can be made to load at any point of a
// sequence of saves. Its event stream can be held, so that a page loads
// and then connects only after builds the test makes in between (as a
// page does whose build finished while it loaded); and one page can be
// held, so that it reaches the browser after builds made since it was
// asked for (as over a slow connection).
type driven struct {
	t       *testing.T
	dir     string
	srv     *serve.Server
	session *build.Session
	url     string

	mu       sync.Mutex
	hold     chan struct{} // closed to let held event streams through; nil when not held
	slow     chan struct{} // closed to let the held page through; nil when not held
	slowPath string        // the page held
	asks     chan struct{} // a value each time the held page is asked for
	sent     []string      // the states sent to open pages, as JSON, in order
}

func newDriven(t *testing.T, started bool) *driven {
	t.Helper()
	d := &driven{t: t, dir: t.TempDir()}
	sitetest.Load(t, "../build/testdata/check/_base.txtar").WriteDir(t, d.dir)
	d.srv = serve.NewStarting(io.Discard)
	if started {
		d.start()
	}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.mu.Lock()
		hold, slow, slowPath := d.hold, d.slow, d.slowPath
		d.mu.Unlock()
		if r.URL.Path == "/_letterpress/events" {
			if hold != nil {
				select {
				case <-hold:
				case <-r.Context().Done():
					return
				}
			}
			d.srv.ServeHTTP(&stream{ResponseWriter: w, d: d}, r)
			return
		}
		if slow != nil && r.URL.Path == slowPath {
			// The page is made now and reaches the browser when released,
			// as over a slow connection.
			rec := httptest.NewRecorder()
			d.srv.ServeHTTP(rec, r)
			d.asks <- struct{}{}
			select {
			case <-slow:
			case <-r.Context().Done():
				return
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
			return
		}
		d.srv.ServeHTTP(w, r)
	}))
	d.url = hs.URL
	t.Cleanup(func() {
		d.release()
		hs.CloseClientConnections()
		hs.Close()
		if d.session != nil {
			d.session.Close()
		}
	})
	return d
}

// start makes the first build and serves it.
func (d *driven) start() {
	d.session = build.NewSession(os.DirFS(d.dir), letterpress.Defaults, build.Options{Now: now, Drafts: true}, render.Options{Head: serve.ReloadScript})
	d.srv.Start(d.session)
}

// save writes a file of the site and rebuilds it, as a save does.
func (d *driven) save(name, text string) {
	d.t.Helper()
	if err := os.WriteFile(filepath.Join(d.dir, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
		d.t.Fatal(err)
	}
	d.srv.Rebuild([]string{name})
}

// holdEvents keeps event streams waiting until release.
func (d *driven) holdEvents() {
	d.mu.Lock()
	d.hold = make(chan struct{})
	d.mu.Unlock()
}

func (d *driven) release() {
	d.mu.Lock()
	if d.hold != nil {
		close(d.hold)
		d.hold = nil
	}
	if d.slow != nil {
		close(d.slow)
		d.slow = nil
	}
	d.mu.Unlock()
}

// slowPage makes the page at path, asked for from now on, reach the
// browser only when released.
func (d *driven) slowPage(path string) {
	d.mu.Lock()
	d.slow, d.slowPath = make(chan struct{}), path
	d.asks = make(chan struct{}, 16)
	d.mu.Unlock()
}

// asked waits until the held page is asked for (a hang guard, not a
// timing).
func (d *driven) asked() {
	d.t.Helper()
	select {
	case <-d.asks:
	case <-time.After(20 * time.Second):
		d.t.Fatal("the held page was not asked for")
	}
}

// told waits until build b has been sent to the open pages, or none is
// open (a hang guard, not a timing).
func (d *driven) told(b string) {
	d.t.Helper()
	want := `"build":"` + b + `"`
	deadline := time.Now().Add(20 * time.Second)
	for d.srv.Clients() > 0 {
		d.mu.Lock()
		for _, s := range d.sent {
			if strings.Contains(s, want) {
				d.mu.Unlock()
				return
			}
		}
		d.mu.Unlock()
		if time.Now().After(deadline) {
			d.t.Fatalf("the open pages were not told of build %s", b)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stream records the states the server sends on an event stream.
type stream struct {
	http.ResponseWriter
	d *driven
}

func (s *stream) Write(b []byte) (int, error) {
	s.d.mu.Lock()
	s.d.sent = append(s.d.sent, string(b))
	s.d.mu.Unlock()
	return s.ResponseWriter.Write(b)
}

func (s *stream) Flush() { s.ResponseWriter.(http.Flusher).Flush() }

// clients waits until n pages have their event stream open (a hang
// guard, not a timing).
func (d *driven) clients(n int) {
	d.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for d.srv.Clients() != n {
		if time.Now().After(deadline) {
			d.t.Fatalf("%d pages connected, want %d", d.srv.Clients(), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (d *driven) get(method, path string) (int, http.Header, string) {
	d.t.Helper()
	req, err := http.NewRequest(method, d.url+path, nil)
	if err != nil {
		d.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

var buildRE = regexp.MustCompile(`<script src="/_letterpress/reload.js" data-build="([^"]+)" defer></script>`)

// label returns the build a served page says it comes from.
func label(t *testing.T, page string) string {
	t.Helper()
	m := buildRE.FindAllStringSubmatch(page, -1)
	if len(m) != 1 {
		t.Fatalf("the page names %d builds:\n%.300s", len(m), page)
	}
	return m[0][1]
}

// Every page says which build it comes from; other files are served as
// they were built.
func TestPagesSayTheirBuild(t *testing.T) {
	d := newDriven(t, false)
	st := d.srv.State()
	if st.Version != 0 || st.Build == "" {
		t.Fatalf("state while building: %+v", st)
	}
	code, _, body := d.get("GET", "/about/")
	if code != http.StatusServiceUnavailable || label(t, body) != st.Build {
		t.Fatalf("while building: %d, %q, want %q", code, label(t, body), st.Build)
	}
	d.start()
	st = d.srv.State()
	if st.Version != 1 || st.Build == "" || len(st.Errors) > 0 {
		t.Fatalf("state once built: %+v", st)
	}
	for _, path := range []string{"/about/", "/", "/letters/2021-03-01-northshire-pcc/", "/no-such-page/"} {
		_, h, body := d.get("GET", path)
		if got := label(t, body); got != st.Build {
			t.Errorf("%s names build %q, the server is at %q", path, got, st.Build)
		}
		if h.Get("Content-Length") != strconv.Itoa(len(body)) {
			t.Errorf("%s: Content-Length %s for %d bytes", path, h.Get("Content-Length"), len(body))
		}
		_, hh, _ := d.get("HEAD", path)
		if hh.Get("Content-Length") != h.Get("Content-Length") {
			t.Errorf("%s: HEAD says %s bytes, GET %s", path, hh.Get("Content-Length"), h.Get("Content-Length"))
		}
	}
	_, _, feed := d.get("GET", "/feed.xml")
	if want, _ := d.session.Out.Get("feed.xml"); feed != string(want) {
		t.Error("the feed is not served as built")
	}
	d.save(aboutPage, aboutSaying("Saved."))
	_, _, body = d.get("GET", "/about/")
	if got, now := label(t, body), d.srv.State().Build; got == st.Build || got != now {
		t.Errorf("after a save the page names %q; before it %q, the server is at %q", got, st.Build, now)
	}
	// A page of another run of the server is another build, even with
	// the same count of builds.
	other := newDriven(t, true)
	if a, b := other.srv.State(), d.srv.State(); a.Build == b.Build || a.Version != 1 {
		t.Errorf("two servers' builds: %q and %q", a.Build, b.Build)
	}
}

// While the first build has errors there is no site: every path shows a
// page saying so (with the reload script, which lists the errors), until
// a save fixes them.
func TestFirstBuildFailed(t *testing.T) {
	d := newDriven(t, false)
	if err := os.WriteFile(filepath.Join(d.dir, aboutPage), []byte(aboutBroken), 0o644); err != nil {
		t.Fatal(err)
	}
	d.start()
	st := d.srv.State()
	if st.Version != 1 || len(st.Errors) != 1 {
		t.Fatalf("state after a failed first build: %+v", st)
	}
	for _, path := range []string{"/", "/about/", "/letters/", "/no-such-page/"} {
		code, _, body := d.get("GET", path)
		if code != http.StatusServiceUnavailable || !strings.Contains(body, "The site has errors") || label(t, body) != st.Build {
			t.Errorf("%s after a failed first build: %d\n%.300s", path, code, body)
		}
	}
	d.save(aboutPage, aboutGood)
	if st := d.srv.State(); st.Version != 2 || len(st.Errors) > 0 {
		t.Fatalf("state once fixed: %+v", st)
	}
	if code, _, body := d.get("GET", "/about/"); code != 200 || !strings.Contains(body, "About this site.") {
		t.Fatalf("once fixed: %d\n%.300s", code, body)
	}
}

var saveRE = regexp.MustCompile(`Save number (\d+)\.`)

// A page is never older than the build it names: the build is read
// before the page, and a build is announced after its pages are written.
// (A page naming a newer build than its own would never reload.)
func TestPageNoOlderThanItsBuild(t *testing.T) {
	d := newDriven(t, true)
	base := d.srv.State().Version
	const saves = 30
	done := make(chan struct{})
	var wg sync.WaitGroup
	errc := make(chan error, 4)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				resp, err := http.Get(d.url + "/about/")
				if err != nil {
					errc <- err
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				page := string(b)
				m := buildRE.FindStringSubmatch(page)
				if m == nil {
					errc <- fmt.Errorf("a page without its build:\n%.300s", page)
					return
				}
				_, v, _ := strings.Cut(m[1], ".")
				version, _ := strconv.Atoi(v)
				saved := -1
				if m := saveRE.FindStringSubmatch(page); m != nil {
					saved, _ = strconv.Atoi(m[1])
				}
				if version > base && saved < version-base {
					errc <- fmt.Errorf("a page of save %d names build %d (save %d)", saved, version, version-base)
					return
				}
			}
		}()
	}
	for i := 1; i <= saves; i++ {
		d.save(aboutPage, aboutSaying(fmt.Sprintf("Save number %d.", i)))
		if st := d.srv.State(); st.Version != base+i || len(st.Errors) > 0 {
			t.Fatalf("after save %d: %+v", i, st)
		}
	}
	close(done)
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatal(err)
	}
}

// Open pages are told only errors as what to fix. Of the warnings, those
// of the files saved since the last good build are listed apart; the
// others are counted.
func TestStateErrorsNotWarnings(t *testing.T) {
	d := newDriven(t, false)
	other := "content/letters/2021/2021-04-01-other.md"
	if err := os.WriteFile(filepath.Join(d.dir, filepath.FromSlash(other)), []byte("---\ntitle: Another letter\ndate: 2021-04-01\nto: [northshire-pcc]\n---\nSee [this](#) and [that](#).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d.start()
	if st := d.srv.State(); len(st.Errors) > 0 || len(st.Warnings) > 0 || st.OtherWarnings > 0 {
		t.Fatalf("a site with warnings only: %+v", st)
	}
	d.save(aboutPage, "---\ntitle: About\n---\nSee [the report](report:nope) and [this](#).\n")
	st := d.srv.State()
	if len(st.Errors) != 1 || !strings.HasPrefix(st.Errors[0], "content/pages/about.md:4:5: link to report:nope") {
		t.Errorf("errors: %q", st.Errors)
	}
	if len(st.Warnings) != 1 || !strings.HasPrefix(st.Warnings[0], "content/pages/about.md:4:35: warning: link leads nowhere") || st.OtherWarnings != 2 {
		t.Errorf("warnings: %q, and %d others", st.Warnings, st.OtherWarnings)
	}
	// Saves go on failing: the files saved since the last good build are
	// still the ones being worked on.
	page := "content/pages/contact.md"
	d.save(page, "---\ntitle: Contact\n---\nWrite to [us](#).\n")
	st = d.srv.State()
	if len(st.Errors) != 1 || len(st.Warnings) != 2 || st.OtherWarnings != 2 {
		t.Errorf("after another save: %+v", st)
	}
	d.save(aboutPage, aboutGood)
	if st := d.srv.State(); len(st.Errors) > 0 || len(st.Warnings) > 0 || st.OtherWarnings > 0 {
		t.Fatalf("once fixed: %+v", st)
	}
	// After a good build, the files saved before it are like any other.
	d.save(other, "---\ntitle: Another letter\ndate: 2021-04-01\nto: [nowhere]\n---\nSee [this](#) and [that](#).\n")
	st = d.srv.State()
	if len(st.Errors) != 1 || len(st.Warnings) != 2 || st.OtherWarnings != 1 {
		t.Errorf("an error in the other file: %+v", st)
	}
}
