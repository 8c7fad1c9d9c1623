package content

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"letterpress/internal/config"
	"letterpress/internal/diag"
	"letterpress/internal/sitetest"
)

// TestLoadSinceStamps: a file whose stamp is the one an earlier load found
// is not read, and the load is the same as a cold one; a file changed since
// (even to bytes of the same size, its modification time put back) or
// replaced is read; and a file changed too close to the earlier load's
// start is read, whatever its stamp.
func TestLoadSinceStamps(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("stamps are read on Linux only")
	}
	dir := t.TempDir()
	sitetest.Load(t, "../build/testdata/check/_base.txtar").WriteDir(t, dir)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys := root.FS()
	load := func(earlier func(string) Made) (*Site, map[*Doc]Made, []diag.FileError, int) {
		errs := &diag.List{}
		site, made, _, unread := LoadFrontMatterCached(context.Background(), fsys, config.Load(fsys, errs), errs, earlier)
		return site, made, errs.Items(), unread
	}
	cold := func() (*Site, []diag.FileError) {
		errs := &diag.List{}
		return LoadFrontMatter(context.Background(), fsys, config.Load(fsys, errs), errs), errs.Items()
	}

	time.Sleep(20 * time.Millisecond) // the files changed before the load started
	started := time.Now().UnixNano()
	first, made, firstErrs, unread := load(nil)
	if unread != 0 {
		t.Fatalf("first load: %d files not read", unread)
	}
	want, wantErrs := cold()
	sameLoad(t, "first", want, wantErrs, first, firstErrs)
	want = noHashes(want)
	byPath := map[string]Made{}
	for d, m := range made {
		if !m.Stamp.Known() {
			t.Fatalf("%s: no stamp", d.Path)
		}
		m.Started = started
		byPath[d.Path] = m
	}
	earlier := func(p string) Made { return byPath[p] }

	// Changed within the margin before the earlier load: read.
	if _, _, _, unread := load(earlier); unread != 0 {
		t.Errorf("files changed %v before the earlier load: %d not read", time.Since(time.Unix(0, started)), unread)
	}

	defer func(m time.Duration) { stampMargin = m }(stampMargin)
	stampMargin = 0
	again, _, againErrs, unread := load(earlier)
	if unread != len(byPath) {
		t.Errorf("unchanged: %d of %d files not read", unread, len(byPath))
	}
	sameLoad(t, "unchanged", want, wantErrs, noHashes(again), againErrs)

	// One file's bytes changed, its size and modification time kept;
	// another replaced by a copy of itself (another inode).
	var edited, replaced string
	for p := range byPath {
		switch {
		case edited == "":
			edited = p
		case replaced == "":
			replaced = p
		}
	}
	full := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	info, err := os.Stat(full(edited))
	if err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(full(edited))
	i := bytes.LastIndexAny(src, "abcdefghijklmnopqrstuvwxyz")
	src[i] = 'a' + (src[i]-'a'+1)%26
	if err := os.WriteFile(full(edited), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(full(edited), info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	rsrc, _ := os.ReadFile(full(replaced))
	rinfo, _ := os.Stat(full(replaced))
	if err := os.WriteFile(full(replaced)+".tmp", rsrc, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(full(replaced)+".tmp", rinfo.ModTime(), rinfo.ModTime())
	if err := os.Rename(full(replaced)+".tmp", full(replaced)); err != nil {
		t.Fatal(err)
	}
	changed, _, changedErrs, unread := load(earlier)
	if unread != len(byPath)-2 {
		t.Errorf("after an edit and a replacement: %d of %d files not read, want %d", unread, len(byPath), len(byPath)-2)
	}
	want, wantErrs = cold()
	for _, d := range changed.All() {
		if (d.Path == edited || d.Path == replaced) && d.srcHash == 0 {
			t.Errorf("%s: not read", d.Path)
		}
	}
	sameLoad(t, "changed", noHashes(want), wantErrs, noHashes(changed), changedErrs)
	for _, d := range changed.All() {
		if d.Path == edited && d.Sum != sha256.Sum256(src) {
			t.Errorf("%s: the edited file's digest is the old one", edited)
		}
	}
}

// noHashes forgets the fast hash of each document's bytes, which a
// document not read has not got (ReadText checks its SHA-256 instead).
func noHashes(s *Site) *Site {
	for _, d := range s.All() {
		d.srcHash = 0
	}
	return s
}
