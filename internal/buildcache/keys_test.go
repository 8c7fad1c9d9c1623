package buildcache

import (
	"slices"
	"testing"

	"letterpress/internal/content"
)

// TestReadsCoding: a job's reads are kept as ascending indices, delta-coded
// with the body bit, and read back the same; indices that a table no
// longer maps make the reads unusable.
func TestReadsCoding(t *testing.T) {
	reads := []read{{0, false}, {3, true}, {4, false}, {200, true}, {70000, false}}
	b := encodeReads(reads)
	if len(b) >= 3*len(reads) {
		t.Errorf("%d reads took %d bytes", len(reads), len(b))
	}
	got, ok := decodeReads(b, func(i int) (int32, bool) { return int32(i), true })
	if !ok || !slices.Equal(got, reads) {
		t.Fatalf("decoded %v, %v; want %v", got, ok, reads)
	}
	if _, ok := decodeReads(b, func(i int) (int32, bool) { return int32(i), i != 200 }); ok {
		t.Error("a read of a document gone was decoded")
	}
	if _, ok := decodeReads(b[:len(b)-1], func(i int) (int32, bool) { return int32(i), true }); ok {
		t.Error("a truncated uvarint was decoded")
	}
}

// TestReindex: the reads of a kept output's job, numbered in the table of
// the build that made it, are numbered in this build's table; a path not
// in it is added after this build's documents.
func TestReindex(t *testing.T) {
	k := &Keys{at: map[string]int32{"a.md": 0, "b.md": 1, "c.md": 2}}
	k.all = make([]*content.Doc, 3)
	prev := []string{"c.md", "gone.md", "a.md"}
	b := k.Reindex(encodeReads([]read{{0, true}, {1, false}, {2, false}}), prev)
	got, ok := decodeReads(b, func(i int) (int32, bool) { return int32(i), true })
	want := []read{{0, false}, {2, true}, {3, false}}
	if !ok || !slices.Equal(got, want) {
		t.Errorf("reindexed %v, %v; want %v", got, ok, want)
	}
	if !slices.Equal(k.extra, []string{"gone.md"}) {
		t.Errorf("table's extra paths %v, want [gone.md]", k.extra)
	}
}
