package publish_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"letterpress/internal/publish"
	"letterpress/internal/sitetest"
)

// siteFolder makes a site folder with its inputs and a git repository.
func siteFolder(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{"content/letters", "layouts", "static/css", ".git", "admin"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"site.yaml", "content/letters/a.md", ".git/HEAD"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCheckOut: an --out that is, holds or lies inside the site or its
// inputs, the root or the home folder, or that would put the site where a
// build keeps or removes folders beside its output, is refused, however it
// is spelled.
func TestCheckOut(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home", "user")
	t.Setenv("HOME", home)
	x := filepath.Join(home, "x")
	site := filepath.Join(x, "src")
	siteFolder(t, site)
	if err := os.Symlink(site, filepath.Join(root, "link-to-site")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(site, "static"), filepath.Join(root, "link-to-static")); err != nil {
		t.Fatal(err)
	}
	// A site kept where a build into P/public keeps its previous output.
	odd := filepath.Join(root, "p", ".public.previous")
	siteFolder(t, odd)
	tmpSite := filepath.Join(root, "q", ".public.tmp-123")
	siteFolder(t, tmpSite)

	for _, c := range []struct {
		name, out, site, want string
	}{
		{"the site itself", site, site, "is the site folder itself"},
		{"the site itself, with a trailing slash", site + "/", site, "is the site folder itself"},
		{"the site itself, through a link", filepath.Join(root, "link-to-site"), site, "is the site folder itself"},
		{"the folder holding the site", x, site, "holds the site folder"},
		{"the folder holding the site, spelled with ..", filepath.Join(site, ".."), site, "holds the site folder"},
		{"inside static", filepath.Join(site, "static", "out"), site, "inside the site's static"},
		{"inside static, through a link", filepath.Join(root, "link-to-static", "out"), site, "inside the site's static"},
		{"content", filepath.Join(site, "content"), site, "is the site's content"},
		{"inside content", filepath.Join(site, "content", "public"), site, "inside the site's content"},
		{"layouts", filepath.Join(site, "layouts"), site, "is the site's layouts"},
		{"site.yaml", filepath.Join(site, "site.yaml"), site, "is the site's site.yaml"},
		{"inside .git", filepath.Join(site, ".git", "public"), site, "git"},
		{"inside another repository's .git", filepath.Join(root, "other", ".git", "public"), site, ".git folder"},
		{"the root", "/", site, "is the root folder"},
		{"the home folder", home, site, "is your home folder"},
		{"above the home folder", filepath.Dir(home), site, "holds your home folder"},
		{"beside a site kept as .public.previous", filepath.Join(root, "p", "public"), odd, "would replace the site folder"},
		{"beside a site kept as a temporary folder", filepath.Join(root, "q", "public"), tmpSite, "would replace the site folder"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := publish.CheckOut(c.out, c.site)
			var fe *publish.FolderError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("CheckOut(%s, %s) = %v, want a refusal saying %q", c.out, c.site, err, c.want)
			}
			if !strings.Contains(err.Error(), "choose another folder") {
				t.Errorf("the refusal does not say what to do: %v", err)
			}
		})
	}
	t.Run("relative to the working folder", func(t *testing.T) {
		t.Chdir(site)
		if err := publish.CheckOut(".", "."); err == nil {
			t.Fatal("--site . --out . accepted")
		}
		if err := publish.CheckOut("..", "."); err == nil {
			t.Fatal("--site . --out .. accepted")
		}
		if err := publish.CheckOut("public", "."); err != nil {
			t.Fatalf("--site . --out public refused: %v", err)
		}
	})
	for _, out := range []string{filepath.Join(site, "public"), filepath.Join(site, "build", "site"), filepath.Join(x, "public"), filepath.Join(root, "elsewhere")} {
		if err := publish.CheckOut(out, site); err != nil {
			t.Errorf("CheckOut(%s) refused: %v", out, err)
		}
	}
}

// writeTree writes files (name: content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree reads every file under dir.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// build writes files into out as a build does, without any record of the
// build before (the Marker's sum is all the next build has).
func build(t *testing.T, out string, files map[string]string) error {
	t.Helper()
	d, err := publish.NewDir(out)
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := d.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		d.Abort()
		return err
	}
	return nil
}

// TestMarkerAloneNeverLicenses: a folder holding a Marker is replaced
// only if it holds nothing but the files of the build that wrote the
// Marker; a stray Marker (copied, or left by hand) in a folder of other
// files, a file added to an output, or a git repository in it, is
// refused, and nothing is touched.
func TestMarkerAloneNeverLicenses(t *testing.T) {
	v1 := map[string]string{"index.html": "1", "letters/a/index.html": "a", "css/site.css": "c"}
	v2 := map[string]string{"index.html": "2", "letters/b/index.html": "b"}

	t.Run("an output as a build left it", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "public")
		if err := build(t, out, v1); err != nil {
			t.Fatal(err)
		}
		if err := build(t, out, v2); err != nil {
			t.Fatalf("the second build into an untouched output: %v", err)
		}
		got := readTree(t, out)
		delete(got, publish.Marker)
		if len(got) != 2 || got["index.html"] != "2" {
			t.Fatalf("the output holds %v", got)
		}
	})

	cases := []struct {
		name  string
		setup func(t *testing.T, out string)
		want  string
	}{
		{"a stray marker in a site folder", func(t *testing.T, out string) {
			siteFolder(t, out)
			writeTree(t, out, map[string]string{publish.Marker: "This directory is replaced by every letterpress build.\n"})
		}, "git repository"},
		{"a stray marker in a site folder without git", func(t *testing.T, out string) {
			siteFolder(t, out)
			if err := os.RemoveAll(filepath.Join(out, ".git")); err != nil {
				t.Fatal(err)
			}
			writeTree(t, out, map[string]string{publish.Marker: "This directory is replaced by every letterpress build.\n"})
		}, "no record of that build"},
		{"a marker copied from an output into a folder of other files", func(t *testing.T, out string) {
			writeTree(t, out, map[string]string{"notes/plan.txt": "mine", "index.html": "1"})
			src := filepath.Join(t.TempDir(), "public")
			if err := build(t, src, map[string]string{"index.html": "1"}); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join(src, publish.Marker))
			if err != nil {
				t.Fatal(err)
			}
			writeTree(t, out, map[string]string{publish.Marker: string(data)})
		}, "no record of that build"},
		{"a file added by hand", func(t *testing.T, out string) {
			if err := build(t, out, v1); err != nil {
				t.Fatal(err)
			}
			writeTree(t, out, map[string]string{"letters/a/my-notes.txt": "mine"})
		}, "no record of that build"},
		{"a git repository in a sub-folder", func(t *testing.T, out string) {
			if err := build(t, out, v1); err != nil {
				t.Fatal(err)
			}
			writeTree(t, out, map[string]string{"letters/.git/HEAD": "ref: refs/heads/main"})
		}, "public/letters/.git)"},
		{"a git repository at the top", func(t *testing.T, out string) {
			if err := build(t, out, v1); err != nil {
				t.Fatal(err)
			}
			writeTree(t, out, map[string]string{".git/HEAD": "ref: refs/heads/main"})
		}, "holds a git repository"},
		{"an older marker, without a sum", func(t *testing.T, out string) {
			writeTree(t, out, map[string]string{"index.html": "1", publish.Marker: "This directory is replaced by every letterpress build.\n"})
		}, "no record of that build"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			c.setup(t, out)
			before := readTree(t, out)
			err := build(t, out, v2)
			var fe *publish.FolderError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "public") {
				t.Fatalf("build = %v, want a refusal naming the folder and saying %q", err, c.want)
			}
			if after := readTree(t, out); !sameFiles(before, after) {
				t.Fatalf("the refused build changed the folder:\nbefore %v\nafter  %v", before, after)
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.*")); len(left) > 0 {
				t.Errorf("left beside the output: %v", left)
			}
		})
	}
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestDescribedOutput: with the record of the build that made it, an
// output from which files were removed by hand is replaced; one to which
// a file was added is refused, naming the file.
func TestDescribedOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	d, err := publish.NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	d.Track()
	files := map[string]string{"index.html": "1", "letters/a/index.html": "a", "letters/b/index.html": "b"}
	for name, data := range files {
		if err := d.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	id, err := d.Identity()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	desc := &publish.Described{Identity: id, Names: []string{"index.html", "letters/a/index.html", "letters/b/index.html"}}

	if err := os.Remove(filepath.Join(out, "letters/b/index.html")); err != nil {
		t.Fatal(err)
	}
	d2, err := publish.NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := d2.CheckPrevious(desc, nil); err != nil {
		t.Fatalf("an output with a file removed by hand refused: %v", err)
	}
	d2.Abort()

	writeTree(t, out, map[string]string{"letters/a/mine.pdf": "mine"})
	d3, err := publish.NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d3.Abort()
	err = d3.CheckPrevious(desc, nil)
	if err == nil || !strings.Contains(err.Error(), "letters/a/mine.pdf") {
		t.Fatalf("an output with a file added by hand: %v, want a refusal naming the file", err)
	}
}

// TestDiskFull: a write that finds the device full says so, and where.
// It needs a small tmpfs, mounted as root.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	if err := sitetest.MountTmpfs(t, dir, "size=256k"); err != nil {
		t.Skipf("cannot mount a small tmpfs (%v): run as root to test a full disk", err)
	}
	d, err := publish.NewDir(filepath.Join(dir, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	err = d.Write("data/letters.json", make([]byte, 1<<20))
	var full *publish.DiskFullError
	if !errors.As(err, &full) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("write to a full disk: %v, want a DiskFullError", err)
	}
	want := "cannot write " + filepath.Join(dir, "public", "data", "letters.json") + ": no space left on the device holding " + filepath.Join(dir, "public") + "/: free some space and build again"
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("the error says\n%v\nwant\n%s", err, want)
	}
}
