package gencorpus

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// source is this package's own Go files (the tests are left out when
// hashing): what Version hashes.
//
//go:embed *.go
var source embed.FS

// Version names this generator: the first 12 hex digits of a SHA-256 over
// the package's non-test Go files (name and content, in name order) and the
// Go release that compiled it (the standard library's math/rand/v2 and fmt
// shape the output too). Any change to the source, even a comment, gives a
// new version, so a cached corpus is never one an older generator wrote;
// the price is a needless regeneration after a comment-only edit. A
// constant bumped by hand would be forgotten; a hash of the output
// parameters (n, seed) would miss a change to how the text is made.
var Version = sync.OnceValue(func() string {
	v, err := hashSources(source)
	if err != nil {
		panic(err) // the files are embedded at compile time: reading them cannot fail
	}
	return v
})

// hashSources hashes the non-test Go files of fsys's root, as Version does.
func hashSources(fsys fs.FS) (string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return "", err
	}
	var names []string
	for _, e := range entries {
		if name := e.Name(); strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	h := sha256.New()
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", name, len(data))
		h.Write(data)
	}
	fmt.Fprintf(h, "%s\n", runtime.Version())
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// CacheDir is where Cached keeps the corpus of n letters from seed:
// TMPDIR/letterpress-corpus/VERSION/nN-sSEED, keyed by the generator's
// Version as well as the size and seed.
func CacheDir(n int, seed uint64) string {
	return filepath.Join(os.TempDir(), "letterpress-corpus", Version(), "n"+strconv.Itoa(n)+"-s"+strconv.FormatUint(seed, 10))
}

// Cached returns the folder of the corpus of n letters from seed, writing
// it on first use under CacheDir, so that the tests of several packages,
// the benchmarks, the scripts and later runs share it. Readers must not
// change it (copy it first).
//
// The corpus is written beside and renamed into place: it is there whole or
// not at all, even when several test binaries race to write it.
func Cached(n int, seed uint64) (string, error) {
	dir := CacheDir(n, seed)
	if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err == nil {
		return dir, nil
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".gen-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "site")
	if _, err := Write(out, n, seed); err != nil {
		return "", err
	}
	if err := os.Rename(out, dir); err != nil {
		// Another process may have put its copy there first.
		if _, statErr := os.Stat(filepath.Join(dir, "site.yaml")); statErr != nil {
			return "", err
		}
	}
	return dir, nil
}
