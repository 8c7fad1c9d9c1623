package gencorpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// digest hashes every file under dir: its path and its content, in walk
// (lexical) order.
func digest(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestGolden pins the output: the digests are those of the corpora the
// generator wrote before it moved into the repository (from a copy kept
// beside it), so benchmark figures taken with either are comparable. If a change to the generator is meant to change the corpus,
// put the new digests here and say in the commit that figures measured
// before it are not comparable.
func TestGolden(t *testing.T) {
	for _, tt := range []struct {
		n      int
		seed   uint64
		want   Stats
		digest string
	}{
		{200, 1, Stats{Files: 827, Bytes: 3557447, Letters: 200, Responses: 403, Reports: 20, Organisations: 200}, "1f7b2b95718a41fda5c375a439caaf7d717dba934b159021efeb45af2a7ad277"},
		{30, 7, Stats{Files: 283, Bytes: 460504, Letters: 30, Responses: 29, Reports: 20, Organisations: 200}, "5a08d97ec73698ebeac45da6a476d213fbb382d7b982cab203e3a84b3c1c2200"},
	} {
		t.Run(fmt.Sprintf("n=%d,seed=%d", tt.n, tt.seed), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			s, err := Write(dir, tt.n, tt.seed)
			if err != nil {
				t.Fatal(err)
			}
			if s != tt.want {
				t.Errorf("stats %+v, want %+v", s, tt.want)
			}
			if got := digest(t, dir); got != tt.digest {
				t.Errorf("digest %s, want %s: the corpus changed", got, tt.digest)
			}
		})
	}
}

func TestWriteRefuses(t *testing.T) {
	if _, err := Write(t.TempDir(), 0, 1); err == nil || !strings.Contains(err.Error(), "at least 1") {
		t.Errorf("0 letters: err = %v", err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, 1, 1); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("non-empty folder: err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the non-empty folder was written to: %d entries", len(entries))
	}
}

// TestVersionHashesSource checks that Version is the hash of the source
// files on disk (the embedded ones are all of them) and that it changes
// with any of them.
func TestVersionHashesSource(t *testing.T) {
	disk, err := hashSources(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	if v := Version(); v != disk || len(v) != 12 {
		t.Fatalf("Version() = %q, the source on disk hashes to %q", v, disk)
	}
	files := fstest.MapFS{}
	for _, name := range []string{"gencorpus.go", "cache.go", "doc.go", "gencorpus_test.go"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = &fstest.MapFile{Data: data}
	}
	base, _ := hashSources(files)
	if base != disk {
		t.Fatalf("the package has files besides gencorpus.go, cache.go and doc.go: add them here")
	}
	files["gencorpus.go"] = &fstest.MapFile{Data: append([]byte("// a comment\n"), files["gencorpus.go"].Data...)}
	if edited, _ := hashSources(files); edited == base {
		t.Errorf("editing gencorpus.go left the version at %s", base)
	}
	files["gencorpus.go"].Data = files["gencorpus.go"].Data[len("// a comment\n"):]
	files["gencorpus_test.go"] = &fstest.MapFile{Data: []byte("package gencorpus\n")}
	if edited, _ := hashSources(files); edited != base {
		t.Errorf("editing a test changed the version (%s, was %s)", edited, base)
	}
	files["more.go"] = &fstest.MapFile{Data: []byte("package gencorpus\n")}
	if added, _ := hashSources(files); added == base {
		t.Errorf("adding a file left the version at %s", base)
	}
}

// TestStandardLibraryOnly keeps the generator free of imports from this
// module or elsewhere: Version hashes only this package's files, so
// anything else that shaped the output would escape it.
func TestStandardLibraryOnly(t *testing.T) {
	names, _ := filepath.Glob("*.go")
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") || first == "letterpress" {
				t.Errorf("%s imports %s: the generator must use the standard library only", name, path)
			}
		}
	}
}

// TestCached checks that a cached corpus is written once, under a folder
// named by the generator's version, and that a corpus kept under the
// older, size-only name (letterpress-corpus/nN, which any generator may
// have written) is never taken for this generator's.
func TestCached(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	stale := filepath.Join(tmp, "letterpress-corpus", "n3")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stale, "site.yaml"), []byte("title: stale\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	dir, err := Cached(3, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(tmp, "letterpress-corpus", Version(), "n3-s1"); dir != want {
		t.Fatalf("Cached(3, 1) = %s, want %s", dir, want)
	}
	fresh := filepath.Join(t.TempDir(), "site")
	if _, err := Write(fresh, 3, 1); err != nil {
		t.Fatal(err)
	}
	if got, want := digest(t, dir), digest(t, fresh); got != want {
		t.Errorf("the cached corpus differs from a freshly written one")
	}

	// The second call takes the folder as it is.
	marker := filepath.Join(dir, "marker")
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := Cached(3, 1)
	if err != nil || again != dir {
		t.Fatalf("second Cached(3, 1) = %s, %v; want %s", again, err, dir)
	}
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("the second call rewrote the corpus: %v", err)
	}

	// Other sizes and seeds have folders of their own; nothing is left
	// beside them.
	if other, err := Cached(3, 2); err != nil || other == dir {
		t.Errorf("Cached(3, 2) = %s, %v", other, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "n3-s1 n3-s2" {
		t.Errorf("the version's folder holds %v, want [n3-s1 n3-s2]", names)
	}
}
