package published_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/browsertest"
	"letterpress/internal/build"
	"letterpress/internal/gencorpus"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// workDir holds the sites the tests build, once for all of them;
// rootDir is the repository's root.
var workDir, rootDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "letterpress-published-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	workDir = dir
	if rootDir, err = browsertest.FindRoot(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// builtSite is a site built into a folder, once, by the first test that
// asks for it.
type builtSite struct {
	name string
	once sync.Once
	dir  string
	err  error
	make func(dir string) (fs.FS, time.Time, error)
}

func (s *builtSite) Dir(t *testing.T) string {
	t.Helper()
	s.once.Do(func() {
		src := filepath.Join(workDir, s.name+"-src")
		var fsys fs.FS
		var now time.Time
		if fsys, now, s.err = s.make(src); s.err != nil {
			return
		}
		s.dir = filepath.Join(workDir, s.name)
		s.err = buildInto(fsys, now, s.dir)
	})
	if s.err != nil {
		t.Fatalf("building the %s site: %v", s.name, s.err)
	}
	return s.dir
}

// buildInto builds a site as `letterpress build` does and writes it to dir.
func buildInto(fsys fs.FS, now time.Time, dir string) error {
	out := publish.NewMemory()
	_, errs := build.Build(fsys, letterpress.Defaults, out, build.Options{Now: now}, render.Options{})
	if errs.HasErrors(false) {
		return fmt.Errorf("%v", errs)
	}
	for _, name := range out.Names() {
		data, _ := out.Get(name)
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

var (
	// repoSite is this repository's own site (content/, layouts/, static/).
	repoSite = &builtSite{name: "repo", make: func(string) (fs.FS, time.Time, error) {
		return os.DirFS(rootDir), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), nil
	}}
	// fixtureSite has one of every page type and reply status.
	fixtureSite = &builtSite{name: "fixture", make: func(string) (fs.FS, time.Time, error) {
		data, err := os.ReadFile("testdata/site.txtar")
		if err != nil {
			return nil, time.Time{}, err
		}
		return sitetest.Parse(data).FS, time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC), nil
	}}
	// corpusSite is 200 letters from the corpus generator, with
	// pagination, batch letters, tables and long threads.
	corpusSite = &builtSite{name: "corpus", make: func(src string) (fs.FS, time.Time, error) {
		if _, err := gencorpus.Write(src, 200, 1); err != nil {
			return nil, time.Time{}, err
		}
		// The generator writes a bare stylesheet of its own; the tests are
		// of this repository's, so the corpus uses the default one.
		if err := os.Remove(filepath.Join(src, "static", "css", "site.css")); err != nil && !os.IsNotExist(err) {
			return nil, time.Time{}, err
		}
		return os.DirFS(src), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), nil
	}}
)
