package build_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// TestNoManifest: a build that keeps no manifest (LETTERPRESS_CACHE=off)
// makes the same output as a cold build that keeps one, writes nothing
// where a manifest would go (nor beside it), and into the same folder a
// second time builds every file again; a repeat build with a manifest
// after it starts cold and is still right.
func TestNoManifest(t *testing.T) {
	site := copySite(t, sitetest.Generated(t, 60))
	opts := build.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	outs, cache := t.TempDir(), t.TempDir()
	want := buildInto(t, site, filepath.Join(outs, "want"), filepath.Join(cache, "want"), opts, false)

	out := filepath.Join(outs, "off")
	manifest := filepath.Join(cache, "off", "manifest")
	for i := range 2 {
		root, err := os.OpenRoot(site)
		if err != nil {
			t.Fatal(err)
		}
		dir, err := publish.NewDir(out)
		if err != nil {
			t.Fatal(err)
		}
		inc := &build.Incremental{Manifest: manifest, NoManifest: true, Program: []byte("incremental test")}
		_, errs := inc.Build(root.FS(), letterpress.Defaults, dir, opts, render.Options{})
		root.Close()
		if errs.HasErrors(false) {
			t.Fatalf("build %d: %v", i+1, errs)
		}
		if err := dir.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := inc.Save(); err != nil {
			t.Fatal(err)
		}
		files, _ := dir.Stats()
		if dir.Linked() != 0 || files != want.written {
			t.Errorf("build %d: %d files, %d linked; want %d built", i+1, files, dir.Linked(), want.written)
		}
		if inc.Converted == 0 || inc.Reconverted != 0 {
			t.Errorf("build %d: %d bodies converted, %d reused", i+1, inc.Converted, inc.Reconverted)
		}
		if _, err := os.Stat(filepath.Dir(manifest)); !os.IsNotExist(err) {
			t.Fatalf("build %d made the manifest's folder: %v", i+1, err)
		}
		sameTree(t, "no manifest", out, want.out)
	}
	again := buildInto(t, site, out, manifest, opts, false)
	if again.linked != 0 {
		t.Errorf("the build after one without a manifest linked %d files", again.linked)
	}
	sameTree(t, "after no manifest", out, want.out)
}
