package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"letterpress/internal/buildcache"
	"letterpress/internal/sitetest"
)

// TestCacheBounded builds one site into twenty output folders: the cache
// keeps the manifests of the last buildcache.Keep of them, the newest
// included (a repeat build into it reuses its files), and clean-cache
// empties it.
func TestCacheBounded(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("LETTERPRESS_CACHE", cache)
	base, err := os.ReadFile("../../internal/build/testdata/check/_base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	sitetest.Parse(base).WriteDir(t, site)
	outs := t.TempDir()
	manifests := func() []string {
		t.Helper()
		entries, err := os.ReadDir(filepath.Join(cache, "builds"))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	var last string
	for i := range 20 {
		last = filepath.Join(outs, "public"+itoa(i))
		if code, _, stderr := run(t, "build", "--site", site, "--out", last, "--now", "2021-06-01"); code != 0 {
			t.Fatalf("build %d: exit %d\n%s", i, code, stderr)
		}
		if got := manifests(); len(got) > buildcache.Keep {
			t.Fatalf("after %d builds the cache holds %d files, more than %d: %v", i+1, len(got), buildcache.Keep, got)
		}
	}
	newest, err := buildcache.ManifestPath(last)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(newest); err != nil {
		t.Fatalf("the manifest of the last build is gone: %v", err)
	}
	if got := manifests(); len(got) != buildcache.Keep {
		t.Errorf("the cache holds %d manifests, want %d: %v", len(got), buildcache.Keep, got)
	}
	// The last folder's manifest is used: nothing is written again.
	_, out, stderr := run(t, "build", "--site", site, "--out", last, "--now", "2021-06-01")
	if !strings.Contains(out, "(0 written,") {
		t.Errorf("a repeat build into the newest folder wrote files again:\n%s%s", out, stderr)
	}

	// Text read from an attached PDF, as the extractor keeps it.
	textFile := filepath.Join(cache, "extract", "ab", "abcdef")
	if err := os.MkdirAll(filepath.Dir(textFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(textFile, []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "clean-cache")
	if !strings.Contains(out, "removed 1 file (0.0 MB) from "+filepath.Join(cache, "extract")) {
		t.Errorf("clean-cache did not say it removed the text of attached files:\n%s", out)
	}
	if _, err := os.Stat(textFile); !os.IsNotExist(err) {
		t.Errorf("the text of attached files is still there after clean-cache: %v", err)
	}
	if code != 0 || !strings.HasPrefix(out, "removed "+itoa(buildcache.Keep)+" files (") || !strings.Contains(out, filepath.Join(cache, "builds")) {
		t.Errorf("clean-cache: exit %d\n%s%s", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(cache, "builds")); !os.IsNotExist(err) {
		t.Errorf("the cache folder is still there after clean-cache: %v", err)
	}
	// A build after it is a cold one, and works.
	if code, out, stderr := run(t, "build", "--site", site, "--out", last, "--now", "2021-06-01"); code != 0 || strings.Contains(out, "(0 written,") {
		t.Errorf("build after clean-cache: exit %d\n%s%s", code, out, stderr)
	}
	// Cleaning an empty cache is not a mistake.
	if code, out, _ := run(t, "clean-cache"); code != 0 || !strings.HasPrefix(out, "removed 1 file ") {
		t.Errorf("clean-cache after one build: exit %d\n%s", code, out)
	}
	if code, out, _ := run(t, "clean-cache"); code != 0 || !strings.HasPrefix(out, "removed 0 files") {
		t.Errorf("clean-cache again: exit %d\n%s", code, out)
	}
}
