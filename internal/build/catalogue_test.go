package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/diag"
	"letterpress/internal/markdown"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitefs"
	"letterpress/internal/sitetest"
)

// The bad input that a txtar case cannot hold (files too large to commit,
// symbolic links, named pipes, files that cannot be read): each case checks
// the exact problems printed, as the testdata/check cases do. Together they
// are the catalogue in docs/troubleshooting.md.

var catalogueNow = time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)

// problems loads (build false) or builds (build true) the site and returns
// the problems check or build would print, sorted.
func problems(t *testing.T, fsys fs.FS, build_ bool) string {
	t.Helper()
	var errs *diag.List
	done := make(chan struct{})
	go func() {
		defer close(done)
		if build_ {
			_, errs = build.Build(fsys, letterpress.Defaults, publish.NewMemory(), build.Options{Now: catalogueNow}, render.Options{})
		} else {
			_, errs = build.Load(fsys, build.Options{Now: catalogueNow})
		}
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute): // a hang guard, not a timing
		t.Fatal("the build hung")
	}
	var b strings.Builder
	errs.Print(&b)
	return b.String()
}

func baseMap(t *testing.T) fstest.MapFS {
	t.Helper()
	return sitetest.Load(t, "testdata/check/_base.txtar").FS
}

// baseDir writes the base site to a folder and returns it with the file
// system the command reads it through: os.OpenRoot, which refuses to follow
// a symbolic link out of the site.
func baseDir(t *testing.T) (string, fs.FS) {
	t.Helper()
	dir := t.TempDir()
	sitetest.Load(t, "testdata/check/_base.txtar").WriteDir(t, dir)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return dir, siteFSOf(root)
}

// siteFSOf is how baseDir opens the site: as the preview server does, or
// (set by TestCatalogueSymlinks) as build and check do.
var siteFSOf = func(root *os.Root) fs.FS { return root.FS() }

func expect(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("problems differ\n--- got\n%s--- want\n%s", got, want)
	}
}

func TestCatalogueLargeFile(t *testing.T) {
	fsys := baseMap(t)
	fsys["content/pages/big.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Big\n---\n" + strings.Repeat("A line of a very long reply.\n", 20<<20/29+1))}
	expect(t, problems(t, fsys, false),
		"content/pages/big.md:1:1: file is 20 MB, larger than the 16 MB limit for a document: split it, or publish it as an attachment under static/\n")
}

// Deep nesting in a body, as deep as markdown's limits allow, is
// published as it is (goldmark does not recurse per level), with no
// problem and no crash, all the way to the page. (Deeper is refused:
// see TestHostileMarkdown.)
func TestCatalogueDeepNesting(t *testing.T) {
	for name, body := range map[string]string{
		"100 nested block quotes": strings.Repeat("> ", markdown.MaxNesting) + "deep\n",
		"100 nested list items":   strings.Repeat("- ", markdown.MaxNesting) + "item\n",
		"100 nested brackets":     strings.Repeat("[", markdown.MaxOpenBrackets) + "x" + strings.Repeat("](org:office)", markdown.MaxOpenBrackets) + "\n",
		"5000 nested emphasis":    strings.Repeat("*_", 2500) + "x" + strings.Repeat("_*", 2500) + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			fsys := baseMap(t)
			fsys["content/pages/deep.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Deep\n---\n" + body)}
			out := publish.NewMemory()
			_, errs := build.Build(fsys, letterpress.Defaults, out, build.Options{Now: catalogueNow}, render.Options{})
			if errs.HasErrors(false) {
				t.Fatalf("problems: %v", errs)
			}
			if _, ok := out.Get("deep/index.html"); !ok {
				t.Fatal("deep/index.html not written")
			}
		})
	}
}

// A "billion laughs" front matter is refused before anything expands: the
// whole load of the site allocates a few megabytes, where expanding the
// aliases would take gigabytes.
func TestCatalogueBillionLaughs(t *testing.T) {
	site := sitetest.Load(t, "testdata/check/_base.txtar", "testdata/check/billion-laughs.txtar")
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got := problems(t, site.FS, false)
	runtime.ReadMemStats(&after)
	expect(t, got, site.Extra["want"])
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
		t.Errorf("loading the site allocated %d MB", n>>20)
	}
}

// The links are refused, or followed, the same whether the site is read
// through its os.Root (the preview server) or through a root kept for
// each folder (build and check: sitefs.Folders).
func TestCatalogueSymlinks(t *testing.T) {
	t.Run("os.Root", testCatalogueSymlinks)
	t.Run("sitefs.Folders", func(t *testing.T) {
		siteFSOf = func(root *os.Root) fs.FS { f := sitefs.Folders(root); t.Cleanup(func() { f.Close() }); return f }
		defer func() { siteFSOf = func(root *os.Root) fs.FS { return root.FS() } }()
		testCatalogueSymlinks(t)
	})
}

func testCatalogueSymlinks(t *testing.T) {
	t.Run("loop in content", func(t *testing.T) {
		dir, fsys := baseDir(t)
		if err := os.Symlink("..", filepath.Join(dir, "content/letters/2021/loop")); err != nil {
			t.Fatal(err)
		}
		expect(t, problems(t, fsys, false),
			"content/letters/2021/loop:1:1: symbolic links are not followed in content/: replace the link with the file itself\n")
	})
	t.Run("file outside the site", func(t *testing.T) {
		dir, fsys := baseDir(t)
		outside := filepath.Join(t.TempDir(), "secret.md")
		os.WriteFile(outside, []byte("---\ntitle: Secret\n---\nNot for publishing.\n"), 0o644)
		if err := os.Symlink(outside, filepath.Join(dir, "content/pages/secret.md")); err != nil {
			t.Fatal(err)
		}
		expect(t, problems(t, fsys, false),
			"content/pages/secret.md:1:1: symbolic links are not followed in content/: replace the link with the file itself\n")
	})
	t.Run("folder outside the site", func(t *testing.T) {
		dir, fsys := baseDir(t)
		if err := os.Symlink("/etc", filepath.Join(dir, "content/letters/etc")); err != nil {
			t.Fatal(err)
		}
		expect(t, problems(t, fsys, false),
			"content/letters/etc:1:1: symbolic links are not followed in content/: replace the link with the file itself\n")
	})
	t.Run("static file outside the site", func(t *testing.T) {
		dir, fsys := baseDir(t)
		os.MkdirAll(filepath.Join(dir, "static/files"), 0o755)
		if err := os.Symlink("/etc/passwd", filepath.Join(dir, "static/files/passwd.pdf")); err != nil {
			t.Fatal(err)
		}
		expect(t, problems(t, fsys, true),
			"static/files/passwd.pdf:1:1: cannot publish: it is a symbolic link that leads outside the site; copy the file itself into the site\n")
	})
	t.Run("static file linked to another folder of the site", func(t *testing.T) {
		dir, fsys := baseDir(t)
		os.MkdirAll(filepath.Join(dir, "static/files"), 0o755)
		os.WriteFile(filepath.Join(dir, "static/annual.pdf"), []byte("%PDF"), 0o644)
		if err := os.Symlink("../annual.pdf", filepath.Join(dir, "static/files/latest.pdf")); err != nil {
			t.Fatal(err)
		}
		expect(t, problems(t, fsys, true), "")
	})
	t.Run("layout outside the site", func(t *testing.T) {
		dir, fsys := baseDir(t)
		os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
		if err := os.Symlink("/etc/passwd", filepath.Join(dir, "layouts/page.html")); err != nil {
			t.Fatal(err)
		}
		expect(t, problems(t, fsys, true),
			"layouts/page.html:1:1: cannot read layout: it is a symbolic link that leads outside the site; copy the file itself into the site\n")
	})
	t.Run("attachment outside the site", func(t *testing.T) {
		dir, fsys := baseDir(t)
		os.MkdirAll(filepath.Join(dir, "static/files"), 0o755)
		if err := os.Symlink("/etc/passwd", filepath.Join(dir, "static/files/annex.pdf")); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "content/pages/annex.md"), []byte("---\ntitle: Annex\n---\n"), 0o644)
		letter := filepath.Join(dir, "content/letters/2021/2021-03-01-northshire-pcc.md")
		src, _ := os.ReadFile(letter)
		os.WriteFile(letter, []byte(strings.Replace(string(src), "topics: [victim-care]\n", "topics: [victim-care]\nattachments: [{title: Annex, file: files/annex.pdf}]\n", 1)), 0o644)
		expect(t, problems(t, fsys, false),
			"content/letters/2021/2021-03-01-northshire-pcc.md:7:36: attachment file static/files/annex.pdf is a symbolic link that leads outside the site: copy the file itself into static/\n")
	})
}

// deniedFS fails to open one file with a permission error, as the operating
// system does for a file without read permission (which the tests cannot
// make when they run as root, who can read anything).
type deniedFS struct {
	fs.FS
	path string
}

func (d deniedFS) Open(name string) (fs.File, error) {
	if name == d.path {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.FS.Open(name)
}

func TestCatalogueUnreadable(t *testing.T) {
	t.Run("document", func(t *testing.T) {
		fsys := baseMap(t)
		fsys["content/pages/secret.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Secret\n---\n")}
		expect(t, problems(t, deniedFS{fsys, "content/pages/secret.md"}, false),
			"content/pages/secret.md:1:1: cannot read: permission denied\n")
	})
	t.Run("static file", func(t *testing.T) {
		fsys := baseMap(t)
		fsys["static/files/secret.pdf"] = &fstest.MapFile{Data: []byte("%PDF")}
		expect(t, problems(t, deniedFS{fsys, "static/files/secret.pdf"}, true),
			"static/files/secret.pdf:1:1: cannot publish: permission denied; make the file readable\n")
	})
	t.Run("site.yaml", func(t *testing.T) {
		fsys := baseMap(t)
		expect(t, problems(t, deniedFS{fsys, "site.yaml"}, false),
			"site.yaml:1:1: cannot read site.yaml: open site.yaml: permission denied\n")
	})
	t.Run("document on disk without read permission", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root reads any file; the cases above inject the same error")
		}
		dir, fsys := baseDir(t)
		p := filepath.Join(dir, "content/pages/secret.md")
		os.WriteFile(p, []byte("---\ntitle: Secret\n---\n"), 0o000)
		expect(t, problems(t, fsys, false), "content/pages/secret.md:1:1: cannot read: permission denied\n")
	})
}

// A named pipe would block a reader until something writes to it: it is
// refused by its type, never opened.
func TestCatalogueNamedPipes(t *testing.T) {
	t.Run("content", func(t *testing.T) {
		dir, fsys := baseDir(t)
		if err := mkfifo(filepath.Join(dir, "content/pages/pipe.md")); err != nil {
			t.Skip("no named pipes here:", err)
		}
		expect(t, problems(t, fsys, false), "content/pages/pipe.md:1:1: not a regular file: remove it from content/\n")
	})
	t.Run("static", func(t *testing.T) {
		dir, fsys := baseDir(t)
		os.MkdirAll(filepath.Join(dir, "static/files"), 0o755)
		if err := mkfifo(filepath.Join(dir, "static/files/pipe.pdf")); err != nil {
			t.Skip("no named pipes here:", err)
		}
		expect(t, problems(t, fsys, true), "static/files/pipe.pdf:1:1: not a regular file (a named pipe, socket or device): remove it from static/\n")
	})
	t.Run("site.yaml", func(t *testing.T) {
		dir, fsys := baseDir(t)
		os.Remove(filepath.Join(dir, "site.yaml"))
		if err := mkfifo(filepath.Join(dir, "site.yaml")); err != nil {
			t.Skip("no named pipes here:", err)
		}
		expect(t, problems(t, fsys, false), "site.yaml:1:1: not a regular file (a folder, named pipe, socket or device): replace it with the site's settings as a text file\n")
	})
	t.Run("link to a pipe", func(t *testing.T) {
		dir, fsys := baseDir(t)
		os.MkdirAll(filepath.Join(dir, "static/files"), 0o755)
		if err := mkfifo(filepath.Join(dir, "pipe")); err != nil {
			t.Skip("no named pipes here:", err)
		}
		os.Symlink("../../pipe", filepath.Join(dir, "static/files/pipe.pdf"))
		expect(t, problems(t, fsys, true), "static/files/pipe.pdf:1:1: not a regular file (a named pipe, socket or device): remove it from static/\n")
	})
}

// A static file at the address of a file the site makes would replace
// it, or not, depending on which of the two was written last. (A page,
// static/about/index.html, is refused before: static/ publishes no HTML.)
func TestCatalogueStaticOverPage(t *testing.T) {
	fsys := baseMap(t)
	fsys["static/robots.txt"] = &fstest.MapFile{Data: []byte("User-agent: *\nDisallow: /\n")}
	fsys["static/feed.json"] = &fstest.MapFile{Data: []byte("{}")}
	expect(t, problems(t, fsys, true),
		"static/feed.json:1:1: a static file has the address of a page the site makes (/feed.json): rename or remove it\n"+
			"static/robots.txt:1:1: a static file has the address of a page the site makes (/robots.txt): rename or remove it\n")
}

// TestTroubleshootingTable checks that the Troubleshooting catalogue
// (docs/troubleshooting.md) lists every check case with every message it
// gives, so that the catalogue users read is the one the tests hold.
// Adding a case? Add its row: | `name` | what is wrong | each message in
// `code`, joined by <br> |.
func TestTroubleshootingTable(t *testing.T) {
	doc, err := os.ReadFile("../../docs/troubleshooting.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "# Troubleshooting\n")
	if !ok {
		t.Fatal("docs/troubleshooting.md has no # Troubleshooting heading")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	rows := map[string]string{}
	for _, line := range strings.Split(section, "\n") {
		if name, rest, ok := strings.Cut(strings.TrimPrefix(line, "| `"), "` |"); ok && strings.HasPrefix(line, "| `") {
			rows[name] = strings.ReplaceAll(rest, `\|`, "|")
		}
	}
	cases, _ := filepath.Glob("testdata/check/*.txtar")
	n := 0
	for _, file := range cases {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		if name == "_base" {
			continue
		}
		n++
		row, ok := rows[name]
		if !ok {
			t.Errorf("docs/troubleshooting.md has no row for %s", file)
			continue
		}
		want := sitetest.Load(t, file).Extra["want"]
		for _, msg := range strings.Split(strings.TrimSuffix(want, "\n"), "\n") {
			if msg != "" && !strings.Contains(row, "`"+msg+"`") && !strings.Contains(row, "`` "+msg+" ``") {
				t.Errorf("docs/troubleshooting.md's row for %s lacks the message\n%s", name, msg)
			}
		}
	}
	if n < 40 {
		t.Errorf("%d check cases; the catalogue promises at least 40", n)
	}
}
