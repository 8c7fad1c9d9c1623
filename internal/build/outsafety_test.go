package build_test

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// fullDisk is an output whose device fills up at one file: writing it
// fails as a full disk does (ENOSPC), whether the file is written whole
// or streamed.
type fullDisk struct {
	*publish.Memory
	at string
}

func (o fullDisk) fail(name string) error {
	return &fs.PathError{Op: "write", Path: "/srv/public/" + name, Err: syscall.ENOSPC}
}

func (o fullDisk) Write(name string, data []byte) error {
	if name == o.at {
		return o.fail(name)
	}
	return o.Memory.Write(name, data)
}

func (o fullDisk) Create(name string) (io.WriteCloser, error) {
	return &fullFile{o: o, name: name}, nil
}

type fullFile struct {
	o    fullDisk
	name string
	buf  bytes.Buffer
}

func (f *fullFile) Write(p []byte) (int, error) {
	if f.name == f.o.at && f.buf.Len()+len(p) > 100 {
		return 0, f.o.fail(f.name)
	}
	return f.buf.Write(p)
}

func (f *fullFile) Close() error { return f.o.Write(f.name, f.buf.Bytes()) }

// TestDiskFullIsNotATemplateError: a file that cannot be written because
// the disk is full is reported as that, once, with the file, even when the
// failure surfaced through a template (the open data page shows the size
// of each data file, which writes it), never as a layout's mistake.
func TestDiskFullIsNotATemplateError(t *testing.T) {
	fsys := loadBuildCase(t, "statuses").FS
	for _, name := range []string{"data/letters.json", "data/correspondence.csv", "letters/index.html"} {
		t.Run(name, func(t *testing.T) {
			out := fullDisk{Memory: publish.NewMemory(), at: name}
			_, errs := build.Build(fsys, letterpress.Defaults, out, build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}, render.Options{})
			var printed strings.Builder
			errs.Print(&printed)
			got := printed.String()
			if !errs.HasErrors(false) {
				t.Fatal("the build succeeded")
			}
			if strings.Contains(got, "template") || strings.Contains(got, "layouts") || strings.Contains(got, "cannot publish") {
				t.Errorf("a full disk is reported as something else:\n%s", got)
			}
			want := "/srv/public/" + name + ":1:1: cannot write: no space left on the device: free some space and build again"
			if !strings.Contains(got, want) || strings.Count(got, "no space left") != 1 {
				t.Errorf("want one error saying\n%s\ngot\n%s", want, got)
			}
		})
	}
}

// handEdit changes a byte of the file at p in place, keeping its size,
// and sets its modification time back to what it was: only its change
// time (which no program can set back) and its content tell.
func handEdit(t *testing.T, p string) {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("<title>"))
	if i < 0 {
		i = len(data) / 2
	}
	if _, err := f.WriteAt([]byte("X"), int64(i+len("<title>"))); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(p)
	if err != nil || after.Size() != info.Size() || !after.ModTime().Equal(info.ModTime()) {
		t.Fatalf("the edit changed the file's size or time: %v", err)
	}
}

// TestHandEditsNeverSurvive: an output file (or a file of the output kept
// beside it) changed by hand, with its size and modification time put
// back, is not reused: the next build's output equals a build from
// scratch. Checked for a file linked from the output, one kept in the
// recycled output, and with the change made long enough before the build
// for its change time to be trusted, and right after the build.
func TestHandEditsNeverSurvive(t *testing.T) {
	s := loadBuildCase(t, "statuses")
	site := filepath.Join(t.TempDir(), "site")
	s.WriteDir(t, site)
	opts := build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}
	tmp := t.TempDir()
	out := filepath.Join(tmp, "public")
	spare := filepath.Join(tmp, ".public.previous")
	manifest := filepath.Join(tmp, "cache", "manifest")
	fresh := func(step string) {
		t.Helper()
		cold := filepath.Join(t.TempDir(), "public")
		buildInto(t, site, cold, filepath.Join(t.TempDir(), "manifest"), opts, true)
		sameTree(t, step, out, cold)
	}
	// A page that no edit of the letter's body changes: the home page of
	// an organisation.
	page := ""
	_ = filepath.WalkDir(filepath.Join(site, "content", "organisations"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && page == "" && strings.HasSuffix(p, ".md") {
			page = filepath.Join("organisations", strings.TrimSuffix(filepath.Base(p), ".md"), "index.html")
		}
		return err
	})

	buildInto(t, site, out, manifest, opts, false)
	time.Sleep(200 * time.Millisecond) // past the change times' racy window

	// 1. A file of the output, linked by the next build.
	handEdit(t, filepath.Join(out, page))
	r := buildInto(t, site, out, manifest, opts, false)
	fresh("a page of the output changed by hand")
	if r.linked == 0 {
		t.Fatalf("nothing linked: the test tests nothing")
	}
	// 2. The same, right after the build (within its racy window).
	handEdit(t, filepath.Join(out, page))
	buildInto(t, site, out, manifest, opts, false)
	fresh("a page of the output changed by hand right after the build")

	// 3. A file of the kept output, recycled by the next build (the
	// same file as the output's: a build links the files it keeps).
	if _, err := os.Stat(spare); err != nil {
		t.Fatalf("no output kept beside the output: %v", err)
	}
	time.Sleep(200 * time.Millisecond)
	handEdit(t, filepath.Join(spare, page))
	r = buildInto(t, site, out, manifest, opts, false)
	if !r.recycled || r.kept == 0 {
		t.Fatalf("the kept output was not recycled (recycled %v, %d kept): the test tests nothing", r.recycled, r.kept)
	}
	fresh("a page of the kept output changed by hand")

	// 4. Files whose inode changed (replaced by a copy with the same
	// bytes and times) are read, and reused if their bytes are the same.
	p := filepath.Join(out, page)
	info, _ := os.Stat(p)
	data := readFile(t, p)
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, data)
	os.Chtimes(p, info.ModTime(), info.ModTime())
	buildInto(t, site, out, manifest, opts, false)
	fresh("a page of the output replaced by a copy")
}

// TestHandEditedKeptPage: a page of the kept output that is its own (not
// the output's too), changed by hand with its size and time put back, is
// not kept by the build that recycles that output, even when the page
// would be the same: the change of a reply's body, undone.
func TestHandEditedKeptPage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 200-letter site 4 times")
	}
	site := copySite(t, sitetest.Generated(t, 200))
	opts := build.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	tmp := t.TempDir()
	out := filepath.Join(tmp, "public")
	spare := filepath.Join(tmp, ".public.previous")
	manifest := filepath.Join(tmp, "cache", "manifest")
	reply := firstFile(t, filepath.Join(site, "content", "responses"), nil)
	original := readFile(t, reply)
	buildInto(t, site, out, manifest, opts, false)
	before := readDirTree(t, out)
	appendFile(t, reply, "\nA new paragraph.\n")
	buildInto(t, site, out, manifest, opts, false)
	if _, err := os.Stat(spare); err != nil {
		t.Fatalf("no output kept beside the output: %v", err)
	}
	// The pages the body's change rewrote: in the kept output, their own.
	after := readDirTree(t, out)
	var edited []string
	for name, data := range before {
		if !bytes.Equal(after[name], data) && strings.HasSuffix(name, "index.html") && !strings.HasPrefix(name, "search/") {
			handEdit(t, filepath.Join(spare, filepath.FromSlash(name)))
			edited = append(edited, name)
		}
	}
	if len(edited) == 0 {
		t.Fatal("no page changed with the body")
	}
	writeFile(t, reply, original)
	r := buildInto(t, site, out, manifest, opts, false)
	if !r.recycled {
		t.Fatal("the kept output was not recycled: the test tests nothing")
	}
	cold := filepath.Join(t.TempDir(), "public")
	buildInto(t, site, cold, filepath.Join(t.TempDir(), "manifest"), opts, true)
	sameTree(t, "pages of the kept output changed by hand ("+strings.Join(edited, ", ")+")", out, cold)
}

// TestRecordedStampsReused: files whose stamps the build recorded are
// reused without being read, build after build (linking a file sets its
// change time: what is recorded is the time linking left), and a file
// that the build before wrote or linked right before it ended is read
// once, then trusted.
func TestRecordedStampsReused(t *testing.T) {
	s := loadBuildCase(t, "statuses")
	site := filepath.Join(t.TempDir(), "site")
	s.WriteDir(t, site)
	opts := build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}
	tmp := t.TempDir()
	out := filepath.Join(tmp, "public")
	manifest := filepath.Join(tmp, "cache", "manifest")
	buildInto(t, site, out, manifest, opts, false)
	reread := 0
	for i := range 5 {
		time.Sleep(200 * time.Millisecond) // past the change times' racy window
		r := buildInto(t, site, out, manifest, opts, false)
		if r.written != 0 {
			t.Errorf("build %d: %d files written, want none", i+2, r.written)
		}
		t.Logf("build %d: %d unchanged (%d kept, recycled %v), %d of them read to be checked", i+2, r.linked, r.kept, r.recycled, r.reread)
		if i >= 2 {
			reread += r.reread
		}
	}
	if reread != 0 {
		t.Errorf("from the fourth build on, %d files were read to be checked, want none", reread)
	}
}
