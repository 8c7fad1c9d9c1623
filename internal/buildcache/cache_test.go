package buildcache

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestPruneCache checks the two bounds (the number of manifests and
// their size), that the manifest being kept stays whatever its age, that
// only old temporary files go and that what is not a build's file is
// left alone.
func TestPruneCache(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	write := func(name string, size int, age time.Duration) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Ten manifests, the first the newest.
	var names []string
	for i := range 10 {
		names = append(names, write(hexString([]byte{0, 0, 0, 0, 0, 0, 0, byte(i)}), 100, time.Duration(i)*time.Hour))
	}
	keep := names[9]                                    // the oldest: a build that has just saved its manifest may have an older clock stamp than others' (another folder built meanwhile)
	write("0000000000000009.tmp-123", 10, 2*time.Hour)  // a build writing it now
	write("0000000000000008.tmp-456", 10, 48*time.Hour) // killed long ago
	write("notes.txt", 10, 72*time.Hour)                // not a build's
	freed, err := Prune(dir, keep)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{"0000000000000000", "0000000000000001", "0000000000000002", "0000000000000009", "0000000000000009.tmp-123", "notes.txt"}
	if !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
	if freed != 6*100+10 {
		t.Errorf("freed %d bytes, want %d", freed, 6*100+10)
	}

	// The size cap: of manifests that are each more than half of it, only
	// the one kept stays.
	big := t.TempDir()
	var bigNames []string
	for i := range 3 {
		p := filepath.Join(big, hexString([]byte{1, 0, 0, 0, 0, 0, 0, byte(i)}))
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(MaxBytes/2 + 1); err != nil { // sparse
			t.Fatal(err)
		}
		f.Close()
		os.Chtimes(p, now.Add(-time.Duration(i)*time.Minute), now.Add(-time.Duration(i)*time.Minute))
		bigNames = append(bigNames, p)
	}
	if _, err := Prune(big, bigNames[1]); err != nil {
		t.Fatal(err)
	}
	entries, _ = os.ReadDir(big)
	if len(entries) != 1 || entries[0].Name() != filepath.Base(bigNames[1]) {
		t.Errorf("past the size cap, left %v", entries)
	}

	// A cache folder that does not exist yet is nothing to prune.
	if _, err := Prune(filepath.Join(dir, "none"), ""); err != nil {
		t.Error(err)
	}
}
