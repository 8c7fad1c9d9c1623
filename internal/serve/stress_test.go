package serve_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/render"
	"letterpress/internal/serve"
	"letterpress/internal/sitetest"
)

// reader is one open page's event stream.
type reader struct {
	resp    *http.Response
	last    atomic.Pointer[serve.State]
	states  atomic.Int64
	stopped chan struct{}
}

func (p *preview) connect() *reader {
	p.t.Helper()
	resp, err := http.Get(p.http.URL + "/_letterpress/events")
	if err != nil {
		p.t.Fatal(err)
	}
	r := &reader{resp: resp, stopped: make(chan struct{})}
	// Before the server's own cleanup, which waits for open streams.
	p.t.Cleanup(func() { resp.Body.Close() })
	go func() {
		defer close(r.stopped)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var st serve.State
				if json.Unmarshal([]byte(data), &st) == nil {
					r.last.Store(&st)
					r.states.Add(1)
				}
			}
		}
	}()
	return r
}

// settle waits until the server's state satisfies ok and the served page
// contains want (a hang guard, not a timing: the deadline is generous).
func (p *preview) settle(what string, ok func(serve.State) bool, page, want string) serve.State {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		st := p.srv.State()
		if ok(st) {
			if page == "" {
				return st
			}
			if code, body := p.get(page); code == 200 && strings.Contains(body, want) {
				return st
			}
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%s: not reached in 30s; state %+v", what, st)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func clean(st serve.State) bool { return len(st.Errors) == 0 }

func failedWith(prefix string) func(serve.State) bool {
	return func(st serve.State) bool {
		for _, e := range st.Errors {
			if strings.HasPrefix(e, prefix) {
				return true
			}
		}
		return false
	}
}

// TestStress runs the preview server through what a day of editing can
// throw at it, with 100 pages open: it keeps serving the last good site,
// shows each mistake, recovers when it is fixed, tells every page the
// final state, and leaves no goroutine behind.
func TestStress(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 saves")
	}
	http.DefaultClient.CloseIdleConnections()
	before := runtime.NumGoroutine()
	t.Run("scenario", func(t *testing.T) {
		p := start(t)
		var readers []*reader
		for range 100 {
			readers = append(readers, p.connect())
		}
		_, goodAbout := p.get("/about/")

		// 1,000 saves as fast as the disk takes them.
		for i := range 1000 {
			p.write(aboutPage, fmt.Sprintf("---\ntitle: About\n---\nSave %d.\n", i))
		}
		p.settle("1,000 saves", clean, "/about/", "Save 999.")

		// A file created and deleted again and again, so that some builds
		// find it gone between listing and reading it.
		path := filepath.Join(p.dir, "content/letters/2021/2021-05-01-fleeting.md")
		for i := range 300 {
			os.WriteFile(path, fmt.Appendf(nil, "---\ntitle: Fleeting %d\ndate: 2021-05-01\nto: [northshire-pcc]\n---\nGone soon.\n", i), 0o644)
			if i%3 == 0 {
				time.Sleep(time.Millisecond)
			}
			os.Remove(path)
		}
		p.write(aboutPage, "---\ntitle: About\n---\nAfter the fleeting file.\n")
		p.settle("deleted while parsed", clean, "/about/", "After the fleeting file.")
		if code, _ := p.get("/letters/2021-05-01-fleeting/"); code != 404 {
			t.Errorf("deleted letter served: %d", code)
		}

		// A layout with a template error, then one whose template calls a
		// method that panics (a nil organisation), then the default again.
		_, good := p.get("/about/")
		p.write("layouts/page.html", "{{define \"main\"}}{{ .Doc.Title\n")
		p.settle("template error", failedWith("layouts/page.html:2:1: template: unclosed action"), "", "")
		if _, body := p.get("/about/"); body != good {
			t.Error("a failed build changed the served page")
		}
		p.write("layouts/page.html", "{{define \"main\"}}<p>{{ (.Doc.Org \"no-such-org\").Title }}</p>{{end}}\n")
		st := p.settle("panicking template", failedWith("layouts/page.html:1:"), "", "")
		t.Logf("panicking template: %q", st.Errors)
		if !strings.Contains(strings.Join(st.Errors, "\n"), "nil pointer") {
			t.Errorf("the panic is not reported: %q", st.Errors)
		}
		if _, body := p.get("/about/"); body != good {
			t.Error("a failed build changed the served page")
		}
		os.Remove(filepath.Join(p.dir, "layouts/page.html"))
		p.settle("layout fixed", clean, "/about/", "After the fleeting file.")

		// site.yaml made invalid, then fixed.
		siteYAML := p.read("site.yaml")
		p.write("site.yaml", "title: [Test office\n")
		p.settle("site.yaml broken", failedWith("site.yaml:"), "", "")
		p.write("site.yaml", strings.Replace(siteYAML, "Test office", "Fixed office", 1))
		final := p.settle("site.yaml fixed", clean, "/about/", "Fixed office")

		// Every open page has been told the final state.
		deadline := time.Now().Add(30 * time.Second)
		for i, r := range readers {
			for {
				last := r.last.Load()
				if last != nil && last.Version == final.Version && len(last.Errors) == 0 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("page %d was last told %+v, the server is at version %d", i, last, final.Version)
				}
				time.Sleep(5 * time.Millisecond)
			}
		}
		if _, body := p.get("/about/"); body == goodAbout {
			t.Error("the page never changed")
		}
		for _, r := range readers {
			r.resp.Body.Close()
			<-r.stopped
		}
	})
	// Every goroutine of the server, the watcher and the streams has ended.
	http.DefaultClient.CloseIdleConnections()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines after the server stopped, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

// vanishingFS is a site whose file at path is deleted while it is being
// read: it opens, then the read fails.
type vanishingFS struct {
	fs.FS
	path string
	gone *atomic.Bool
}

func (v vanishingFS) Open(name string) (fs.File, error) {
	f, err := v.FS.Open(name)
	if err != nil || name != v.path || !v.gone.Load() {
		return f, err
	}
	return vanishingFile{f}, nil
}

type vanishingFile struct{ fs.File }

func (vanishingFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: "x", Err: errors.New("stale NFS file handle")}
}

// A file that disappears while it is read is an error for that file; the
// last good site is kept, and the next save recovers.
func TestFileVanishesWhileParsed(t *testing.T) {
	dir := t.TempDir()
	p := &preview{t: t, dir: dir}
	sitetest.Load(t, "../build/testdata/check/_base.txtar").WriteDir(t, dir)
	var gone atomic.Bool
	fsys := vanishingFS{os.DirFS(dir), aboutPage, &gone}
	session := build.NewSession(fsys, letterpress.Defaults, build.Options{Now: now}, render.Options{})
	t.Cleanup(func() { session.Close() })
	srv := serve.New(session, io.Discard)
	if st := srv.State(); len(st.Errors) > 0 {
		t.Fatal(st.Errors)
	}
	good, _ := session.Out.Get("about/index.html")
	p.write(aboutPage, "---\ntitle: About\n---\nEdited.\n")
	gone.Store(true)
	res := srv.Rebuild([]string{aboutPage})
	if res.OK {
		t.Fatal("a read that failed gave a good build")
	}
	if st := srv.State(); len(st.Errors) != 1 || st.Errors[0] != "content/pages/about.md:1:1: cannot read: stale NFS file handle" {
		t.Fatalf("errors = %q", st.Errors)
	}
	if now, _ := session.Out.Get("about/index.html"); string(now) != string(good) {
		t.Fatal("the served page changed")
	}
	gone.Store(false)
	if res := srv.Rebuild([]string{aboutPage}); !res.OK {
		t.Fatalf("no recovery: %v", srv.State().Errors)
	}
	if now, _ := session.Out.Get("about/index.html"); !strings.Contains(string(now), "Edited.") {
		t.Fatal("the edit is not served")
	}
	// Deleted between the event and the rebuild: the page goes.
	os.Remove(filepath.Join(dir, aboutPage))
	if res := srv.Rebuild([]string{aboutPage}); !res.OK {
		t.Fatalf("deleting a page failed: %v", srv.State().Errors)
	}
	if _, ok := session.Out.Get("about/index.html"); ok {
		t.Fatal("the deleted page is still served")
	}
}

// A page that reads its stream slowly misses states in between, never the
// last one: after a burst of builds it is told the final state.
func TestSlowClientGetsLastState(t *testing.T) {
	dir := t.TempDir()
	sitetest.Load(t, "../build/testdata/check/_base.txtar").WriteDir(t, dir)
	session := build.NewSession(os.DirFS(dir), letterpress.Defaults, build.Options{Now: now}, render.Options{})
	t.Cleanup(func() { session.Close() })
	srv := serve.New(session, io.Discard)
	slow := make(chan serve.State, 2)
	srv.Subscribe(slow)
	p := filepath.Join(dir, filepath.FromSlash(aboutPage))
	for i := range 5 {
		os.WriteFile(p, fmt.Appendf(nil, "---\ntitle: About\n---\nSave %d.\n", i), 0o644)
		srv.Rebuild([]string{aboutPage})
	}
	var last serve.State
	for len(slow) > 0 {
		last = <-slow
	}
	if want := srv.State().Version; last.Version != want {
		t.Fatalf("the slow page was last told version %d, the server is at %d", last.Version, want)
	}
}

// A named pipe or a symbolic link saved while the server runs is refused
// as a full build refuses it: the pipe is never opened (that would block
// the server), the link never followed.
func TestSavedPipeAndLink(t *testing.T) {
	dir := t.TempDir()
	sitetest.Load(t, "../build/testdata/check/_base.txtar").WriteDir(t, dir)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	session := build.NewSession(root.FS(), letterpress.Defaults, build.Options{Now: now}, render.Options{})
	t.Cleanup(func() { session.Close() })
	srv := serve.New(session, io.Discard)
	for _, tt := range []struct {
		name, path, want string
		make             func(p string) error
	}{
		{"pipe", "content/pages/pipe.md", "content/pages/pipe.md:1:1: not a regular file: remove it from content/",
			func(p string) error { return mkfifo(p) }},
		{"link in the site", "content/pages/link.md", "content/pages/link.md:1:1: symbolic links are not followed in content/: replace the link with the file itself",
			func(p string) error { return os.Symlink("about.md", p) }},
		{"link out of the site", "content/pages/passwd.md", "content/pages/passwd.md:1:1: symbolic links are not followed in content/: replace the link with the file itself",
			func(p string) error { return os.Symlink("/etc/passwd", p) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, filepath.FromSlash(tt.path))
			if err := tt.make(p); err != nil {
				t.Skip(err)
			}
			done := make(chan build.Result, 1)
			go func() { done <- srv.Rebuild([]string{tt.path}) }()
			select {
			case res := <-done:
				if res.OK {
					t.Fatal("accepted")
				}
			case <-time.After(time.Minute): // a hang guard
				os.Remove(p) // unblocks nothing, but tidies up
				t.Fatal("the rebuild hung")
			}
			if st := srv.State(); len(st.Errors) != 1 || st.Errors[0] != tt.want {
				t.Fatalf("errors = %q", st.Errors)
			}
			os.Remove(p)
			if res := srv.Rebuild([]string{tt.path}); !res.OK {
				t.Fatalf("no recovery: %q", srv.State().Errors)
			}
		})
	}
}
