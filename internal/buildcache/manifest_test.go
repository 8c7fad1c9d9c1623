package buildcache

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"letterpress/internal/publish"
	"letterpress/internal/render"
	searchindex "letterpress/internal/search"
)

// testManifest writes a small manifest with every stream in use, its
// documents and search entries spilled to files (file) or kept in memory,
// and returns its path and what it holds. With kept, the search entries
// are written from m.Search (a build that did not make the index again
// keeps the previous build's), not from a spill.
func testManifest(t *testing.T, file, kept bool) (string, *Manifest) {
	t.Helper()
	dir := t.TempDir()
	m := &Manifest{
		Output:  publish.Identity{Dev: 1, Ino: 2, MarkerIno: 3, MarkerMtime: 4},
		Program: []byte("program"),
		Started: 1234567890,
		Vocab:   []string{"letter", "reply"},
		Jobs:    map[string]Job{},
		Docs:    map[string]Doc{},
		Search:  map[string]searchindex.Text{},
	}
	docs, search := memSpill[Doc](), memSpill[searchindex.Text]()
	if file {
		docs, search = NewSpill[Doc](dir, "docs-"), NewSpill[searchindex.Text](dir, "search-")
		if docs.f == nil || search.f == nil {
			t.Fatal("no spill file")
		}
	}
	defer docs.Close()
	defer search.Close()
	// More than a batch of each, so that streams hold several messages.
	for i := range batchSize + 3 {
		name := fmt.Sprintf("letters/%d/index.html", i)
		m.Jobs[name] = Job{Key: render.Key{byte(i)}, Files: []File{{FileInfo: publish.FileInfo{Size: int64(i), ModTime: int64(i) * 7}}}}
		path := fmt.Sprintf("content/letters/%d.md", i)
		e := Doc{Key: render.Key{byte(i), 1}, Summary: fmt.Sprint("summary ", i), Front: []byte{byte(i)}}
		m.Docs[path] = e
		docs.Put(path, e)
		st := searchindex.Text{Key: searchindex.Key{byte(i), 2}, Words: []byte{byte(i), 1}, Start: fmt.Sprint("start ", i)}
		m.Search[path] = st
		search.Put(path, st)
	}
	if err := docs.Finish(); err != nil {
		t.Fatal(err)
	}
	if err := search.Finish(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "manifest")
	if kept {
		search = nil
	}
	tmp, err := Write(path, m, docs, search)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	return path, m
}

// TestManifestRoundTrip reads back what was written, whether the streams
// were copied from files (copy_file_range) or from memory, and with the
// search entries encoded from the manifest's map into the file.
func TestManifestRoundTrip(t *testing.T) {
	for _, c := range []struct{ file, kept bool }{{true, false}, {false, false}, {true, true}, {false, true}} {
		path, want := testManifest(t, c.file, c.kept)
		got, err := Read(path)
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%+v: read back a different manifest", c)
		}
	}
}

// TestManifestDamage changes every byte of a manifest in turn, and cuts it
// at every length: each damaged file must be refused (the build is then a
// cold one), never read as another manifest or make the reader panic.
func TestManifestDamage(t *testing.T) {
	path, _ := testManifest(t, true, false)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "manifest")
	check := func(what string, b []byte) {
		t.Helper()
		if err := os.WriteFile(bad, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if m, err := Read(bad); err == nil {
			t.Fatalf("%s: read as a manifest (%d jobs)", what, len(m.Jobs))
		}
	}
	// Every byte of the first and last 300 (the magic line, the header,
	// the trailer), and a sample of the streams between.
	step := max(1, len(data)/1000)
	next := func(i int) int {
		if i < 300 || i >= len(data)-300 {
			return i + 1
		}
		return min(i+step, len(data)-300)
	}
	for i := 0; i < len(data); i = next(i) {
		b := append([]byte(nil), data...)
		b[i] ^= 0x55
		check(fmt.Sprintf("byte %d of %d changed", i, len(data)), b)
	}
	for i := len(magic); i < len(data); i = next(i) {
		check(fmt.Sprintf("cut at %d of %d", i, len(data)), data[:i])
	}
}
