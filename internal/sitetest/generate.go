package sitetest

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Generated returns the folder of a site of n letters made by the shared
// corpus generator (../shared/tools/gencorpus beside the repository, seed
// 1). A corpus is generated once and kept under the system's temp folder,
// so tests in several packages, and later runs, share it.
func Generated(t testing.TB, n int) string {
	t.Helper()
	gen, err := generator()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(os.TempDir(), "letterpress-corpus", "n"+strconv.Itoa(n))
	if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err == nil {
		return dir
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	// Generate beside, then rename: a corpus is there whole or not at all,
	// even when two test binaries race.
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "gen-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "site")
	cmd := exec.Command("go", "-C", gen, "run", ".", "-n", strconv.Itoa(n), "-out", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gencorpus -n %d: %v\n%s", n, err, msg)
	}
	if err := os.Rename(out, dir); err != nil {
		if _, statErr := os.Stat(filepath.Join(dir, "site.yaml")); statErr != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// generator finds ../shared/tools/gencorpus from the module's root.
func generator() (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	gen := filepath.Join(root, "..", "shared", "tools", "gencorpus")
	if _, err := os.Stat(filepath.Join(gen, "main.go")); err != nil {
		return "", fmt.Errorf("the corpus generator is not at %s: %v", gen, err)
	}
	return filepath.Abs(gen)
}

// moduleRoot is the nearest folder above the working directory (a test's
// package) that holds go.mod.
func moduleRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod above %s", wd)
		}
	}
}

// AddSiteFiles adds every Markdown file of the repository's own site
// (content/) to a fuzz target's seed corpus: only its body, after the front
// matter, when body is true.
func AddSiteFiles(f *testing.F, body bool) {
	root, err := moduleRoot()
	if err != nil {
		f.Fatal(err)
	}
	_ = filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		if body {
			if parts := bytes.SplitN(data, []byte("\n---\n"), 2); len(parts) == 2 {
				data = parts[1]
			}
		}
		f.Add(data)
		return nil
	})
}
