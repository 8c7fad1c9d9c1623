package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"letterpress/internal/sitetest"
)

// TestCacheOff: with LETTERPRESS_CACHE=off (a machine that keeps nothing
// between builds, as netlify.toml sets it) a build keeps no manifest
// anywhere (no folder named off appears where it runs, nor in the user's
// cache folder), builds every file, and makes the same output as a build
// that keeps one; it still refuses to replace a folder that is not a
// build's output; clean-cache has nothing to remove.
func TestCacheOff(t *testing.T) {
	base, err := os.ReadFile("../../internal/build/testdata/check/_base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	sitetest.Parse(base).WriteDir(t, site)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, "cache"))
	work := t.TempDir()
	t.Chdir(work)

	outs := t.TempDir()
	off, kept := filepath.Join(outs, "off"), filepath.Join(outs, "kept")
	t.Setenv("LETTERPRESS_CACHE", "off")
	for i := range 2 {
		code, out, stderr := run(t, "build", "--site", site, "--out", off, "--now", "2021-06-01")
		if code != 0 || !strings.Contains(out, ", 0 unchanged)") {
			t.Fatalf("build %d with LETTERPRESS_CACHE=off: exit %d\n%s%s", i+1, code, out, stderr)
		}
	}
	for _, dir := range []string{work, home} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && p != dir {
				t.Errorf("LETTERPRESS_CACHE=off left %s", p)
			}
			return nil
		})
	}
	if code, out, _ := run(t, "clean-cache"); code != 0 || !strings.Contains(out, "nothing to remove") {
		t.Errorf("clean-cache with LETTERPRESS_CACHE=off: exit %d\n%s", code, out)
	}
	notOurs := filepath.Join(outs, "notours")
	os.MkdirAll(notOurs, 0o755)
	os.WriteFile(filepath.Join(notOurs, "precious.txt"), []byte("mine"), 0o644)
	if code, _, _ := run(t, "build", "--site", site, "--out", notOurs, "--now", "2021-06-01"); code == 0 {
		t.Error("a build with LETTERPRESS_CACHE=off replaced a folder that is not a build's output")
	}
	if b, err := os.ReadFile(filepath.Join(notOurs, "precious.txt")); err != nil || string(b) != "mine" {
		t.Errorf("the folder's file after the refused build: %q, %v", b, err)
	}

	t.Setenv("LETTERPRESS_CACHE", filepath.Join(home, "kept-cache"))
	if code, out, stderr := run(t, "build", "--site", site, "--out", kept, "--now", "2021-06-01"); code != 0 {
		t.Fatalf("build with a cache: exit %d\n%s%s", code, out, stderr)
	}
	files := 0
	filepath.WalkDir(kept, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(kept, p)
		want, _ := os.ReadFile(p)
		got, err := os.ReadFile(filepath.Join(off, rel))
		if err != nil || !bytes.Equal(got, want) && !strings.HasPrefix(rel, ".letterpress") {
			t.Errorf("%s differs from the build that keeps a manifest (%v)", rel, err)
		}
		files++
		return nil
	})
	if files < 10 {
		t.Fatalf("only %d files built", files)
	}
}
