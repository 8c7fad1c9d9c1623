package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func site(t testing.TB) (string, *FS) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"site.yaml":                    "title: T\n",
		"content/letters/2024/a.md":    "letter a",
		"content/letters/2024/b.md":    "letter b",
		"content/reports/r.md":         "report",
		"static/files/annex.pdf":       "%PDF",
		"content/pages/deep/er/x.md":   "deep",
		"content/organisations/o.md":   "org",
		"content/letters/2025/c.cy.md": "llythyr",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := Folders(root)
	t.Cleanup(func() { f.Close(); root.Close() })
	return dir, f
}

// The file system behaves as a file system (testing/fstest checks Open,
// ReadDir, Stat and ReadFile against each other), twice over, the second
// time through the folders' kept roots.
func TestFS(t *testing.T) {
	_, f := site(t)
	for range 2 {
		if err := fstest.TestFS(f, "site.yaml", "content/letters/2024/a.md", "content/letters/2024/b.md", "content/pages/deep/er/x.md", "static/files/annex.pdf", "content/letters/2025/c.cy.md"); err != nil {
			t.Fatal(err)
		}
	}
	b, err := fs.ReadFile(f, "content/letters/2024/b.md")
	if err != nil || string(b) != "letter b" {
		t.Fatalf("ReadFile: %q, %v", b, err)
	}
}

// Nothing outside the site is read through a symbolic link, whether the
// link is the file or one of its folders, and errors name the whole path.
func TestSymlinksStayInside(t *testing.T) {
	dir, f := site(t)
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("secret"), 0o644)
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "content/letters/2024/secret.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "content/letters/out")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../reports/r.md", filepath.Join(dir, "content/letters/2024/up.md")); err != nil {
		t.Fatal(err)
	}
	// A link to another folder of the site is followed, as by os.Root.
	if b, err := fs.ReadFile(f, "content/letters/2024/up.md"); err != nil || string(b) != "report" {
		t.Errorf("a link inside the site: %q, %v", b, err)
	}
	for _, name := range []string{"content/letters/2024/secret.md", "content/letters/out/secret.md"} {
		// Open the folder's root first, through a file that is allowed.
		if _, err := fs.ReadFile(f, "content/letters/2024/a.md"); err != nil {
			t.Fatal(err)
		}
		b, err := fs.ReadFile(f, name)
		if err == nil {
			t.Errorf("%s: read %q through a symbolic link", name, b)
			continue
		}
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != name {
			t.Errorf("%s: error %v does not name the path", name, err)
		}
	}
	if _, err := f.Open("content/letters/2024/missing.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want fs.ErrNotExist", err)
	}
	if _, err := f.Open("content/../site.yaml"); err == nil {
		t.Error("opened a path with ..")
	}
	if info, err := f.Lstat("content/letters/2024/secret.md"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat of a link: %v, %v", info, err)
	}
}
