package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"letterpress/internal/publish"
	"letterpress/internal/sitetest"
)

// gitSite writes the check cases' base site into dir, as a git
// repository (a .git folder) with a stray Marker in it, as left by a
// build into the site folder or a copy of an output's files.
func gitSite(t *testing.T, dir string) {
	t.Helper()
	sitetest.Load(t, "../../internal/build/testdata/check/_base.txtar").WriteDir(t, dir)
	for name, data := range map[string]string{
		".git/HEAD":    "ref: refs/heads/main\n",
		".git/config":  "[core]\n",
		publish.Marker: "This directory is replaced by every letterpress build.\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBuildNeverDestroysTheSite: an --out that is the site, holds it, or
// lies in one of its inputs is refused before anything is touched, even
// with a Marker in the site folder, and however often it is tried.
func TestBuildNeverDestroysTheSite(t *testing.T) {
	root := t.TempDir()
	x := filepath.Join(root, "x")
	site := filepath.Join(x, "src")
	gitSite(t, site)
	// A Marker in the folder holding the site too.
	if err := os.WriteFile(filepath.Join(x, publish.Marker), []byte("This directory is replaced by every letterpress build.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := manifest(t, root)
	for _, c := range []struct{ out, want string }{
		{site, "is the site folder itself"},
		{x, "holds the site folder"},
		{filepath.Join(site, "static", "public"), "inside the site's static"},
		{filepath.Join(site, "content", "public"), "inside the site's content"},
		{filepath.Join(site, ".git"), "git"},
	} {
		for range 2 {
			code, _, stderr := run(t, "build", "--site", site, "--out", c.out, "--now", "2021-06-01")
			if code != exitUsage || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "choose another folder") {
				t.Errorf("build --out %s: exit %d, want %d, saying %q\n%s", c.out, code, exitUsage, c.want, stderr)
			}
		}
	}
	// The same, spelled relative to the working folder.
	t.Chdir(site)
	for _, out := range []string{".", "..", "./static/x"} {
		code, _, stderr := run(t, "build", "--out", out, "--now", "2021-06-01")
		if code != exitUsage {
			t.Errorf("build --out %s in the site folder: exit %d\n%s", out, code, stderr)
		}
	}
	if d := diffManifests(before, manifest(t, root)); d != "" {
		t.Fatalf("refused builds changed files:\n%s", d)
	}
	// And the default, public/ in the site folder, is built.
	if code, _, stderr := run(t, "build", "--now", "2021-06-01"); code != 0 {
		t.Fatalf("build into public/: exit %d\n%s", code, stderr)
	}
}

// TestBuildRefusesForeignFiles: an output (or the output kept beside it)
// holding a file that no build wrote, or a git repository, is refused with
// a message that names the folder, the file and what to do; the file is
// left where it is. Once it is moved out, the build goes on.
func TestBuildRefusesForeignFiles(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	sitetest.Load(t, "../../internal/build/testdata/check/_base.txtar").WriteDir(t, site)
	out := filepath.Join(root, "public")
	spare := filepath.Join(root, ".public.previous")
	build := func() (int, string) {
		t.Helper()
		code, _, stderr := run(t, "build", "--site", site, "--out", out, "--now", "2021-06-01")
		return code, stderr
	}
	// The second build keeps the first's output beside its own.
	for i := range 2 {
		if code, stderr := build(); code != 0 {
			t.Fatalf("build %d: exit %d\n%s", i, code, stderr)
		}
	}
	if _, err := os.Stat(spare); err != nil {
		t.Fatalf("no output kept beside the output: %v", err)
	}
	for _, c := range []struct {
		name, file, want string
	}{
		{"a file added to the output", filepath.Join(out, "letters", "notes.txt"), "letters/notes.txt"},
		{"a file added to the kept output", filepath.Join(spare, "organisations", "notes.txt"), "organisations/notes.txt"},
		{"a git repository in the output", filepath.Join(out, "about", ".git", "HEAD"), "holds a git repository"},
		{"a git repository in the kept output", filepath.Join(spare, ".git", "HEAD"), "holds a git repository"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := os.MkdirAll(filepath.Dir(c.file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(c.file, []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			before := manifest(t, root)
			code, stderr := build()
			if code != exitContent || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "move") {
				t.Fatalf("exit %d, want %d and a message naming %s\n%s", code, exitContent, c.want, stderr)
			}
			after := manifest(t, root)
			if d := diffManifests(before, after); d != "" {
				t.Fatalf("the refused build changed files:\n%s", d)
			}
			moved := c.file
			if filepath.Base(filepath.Dir(moved)) == ".git" {
				moved = filepath.Dir(moved)
			}
			if err := os.RemoveAll(moved); err != nil {
				t.Fatal(err)
			}
			if code, stderr := build(); code != 0 {
				t.Fatalf("once the file is moved out: exit %d\n%s", code, stderr)
			}
		})
	}
}

// TestConcurrentBuilds runs two builds into the same output at once, many
// times: each must succeed (the second waits for the first, saying so),
// and the output must then be one whole build.
func TestConcurrentBuilds(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	bigSite(t, site, 60)
	out := filepath.Join(root, "public")
	ref := filepath.Join(root, "ref")
	if code, _, stderr := run(t, "build", "--site", site, "--out", ref, "--now", "2021-06-01"); code != 0 {
		t.Fatalf("reference build: exit %d\n%s", code, stderr)
	}
	want := manifest(t, ref)
	rounds := 25
	if testing.Short() {
		rounds = 5
	}
	waited := 0
	for round := range rounds {
		var wg sync.WaitGroup
		codes := make([]int, 2)
		stderrs := make([]string, 2)
		for i := range 2 {
			wg.Go(func() {
				var o, e bytes.Buffer
				args := []string{"build", "--site", site, "--out", out, "--now", "2021-06-01"}
				if (round+i)%3 == 0 {
					args = append(args, "--no-cache")
				}
				codes[i] = Run(context.Background(), args, &o, &e)
				stderrs[i] = e.String()
			})
		}
		wg.Wait()
		for i := range 2 {
			if codes[i] != 0 {
				t.Fatalf("round %d: build %d exited %d\n%s", round, i, codes[i], stderrs[i])
			}
			if strings.Contains(stderrs[i], "waiting for another build into "+out+" to finish") {
				waited++
			}
		}
		if d := diffManifests(want, manifest(t, out)); d != "" {
			t.Fatalf("round %d: the output is not one whole build:\n%s", round, d)
		}
		if s := stale(t, out); len(s) > 0 {
			t.Fatalf("round %d: temporary folders left: %v", round, s)
		}
	}
	if waited == 0 {
		t.Errorf("in %d rounds no build waited for the other", rounds)
	}
	t.Logf("%d of %d builds waited for the other", waited, 2*rounds)
}

// TestBuildDiskFull builds into a small tmpfs until it is full: the build
// says the disk is full and where, exits 1, and leaves the previous
// output whole. It needs to mount a tmpfs, as root.
func TestBuildDiskFull(t *testing.T) {
	root := t.TempDir()
	disk := filepath.Join(root, "disk")
	if err := os.Mkdir(disk, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := sitetest.MountTmpfs(t, disk, "size=3m"); err != nil {
		t.Skipf("cannot mount a small tmpfs (%v): run as root to test a full disk", err)
	}
	site := filepath.Join(root, "site")
	bigSite(t, site, 30)
	out := filepath.Join(disk, "public")
	if code, _, stderr := run(t, "build", "--site", site, "--out", out, "--now", "2021-06-01"); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	previous := manifest(t, out)
	// Open data files take the rest of the disk (written through the
	// template that shows their sizes), and the letters' pages.
	bigSite(t, site, 400)
	code, _, stderr := run(t, "build", "--site", site, "--out", out, "--now", "2021-06-01")
	t.Logf("build onto a full disk: exit %d\n%s", code, stderr)
	if code != exitContent {
		t.Fatalf("build onto a full disk: exit %d, want %d\n%s", code, exitContent, stderr)
	}
	if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(out) + `/[^:]+:1:1: no space left on the device holding ` + regexp.QuoteMeta(out) + `/: free some space and build again`).MatchString(stderr) {
		t.Errorf("the build does not say the disk is full, and where:\n%s", stderr)
	}
	if strings.Contains(stderr, "template") || strings.Contains(stderr, "layouts/") {
		t.Errorf("a full disk is reported as a template's error:\n%s", stderr)
	}
	if n := strings.Count(stderr, "no space left"); n != 1 {
		t.Errorf("the full disk is reported %d times:\n%s", n, stderr)
	}
	if d := diffManifests(previous, manifest(t, out)); d != "" {
		t.Fatalf("the failed build changed the previous output:\n%s", d)
	}
	if s := stale(t, out); len(s) > 0 {
		t.Errorf("the failed build left %v", s)
	}
}
