package sitetest

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"letterpress/internal/gencorpus"
)

// Generated returns the folder of the generated site of n letters (seed 1,
// internal/gencorpus). It is written once and kept under the system's temp
// folder, keyed by the generator's version, so tests in several packages,
// and later runs, share it. Tests must not change it: copy it first.
func Generated(t testing.TB, n int) string {
	t.Helper()
	dir, err := gencorpus.Cached(n, 1)
	if err != nil {
		t.Fatal(err)
	}
	return dir
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
