package readers

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"letterpress/internal/content"
)

// TestReadersIndexed checks that the files Readers finds through the
// index of readers (made by Index, then added to as reads are set again
// or dropped) are exactly those a look through every file's reads finds,
// whatever the files' reads became since the index was made.
func TestReadersIndexed(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 19))
	docs := make([]*content.Doc, 40)
	for i := range docs {
		docs[i] = &content.Doc{}
	}
	randomReads := func() []Read {
		var reads []Read
		for _, i := range rng.Perm(len(docs))[:rng.IntN(8)] {
			reads = append(reads, Read{Doc: docs[i], Body: rng.IntN(3) == 0})
		}
		return reads
	}
	r := &Table{}
	names := make([]string, 60)
	for i := range names {
		names[i] = "page" + strconv.Itoa(i)
		r.Set(names[i], randomReads())
	}
	r.Index()
	if r.users == nil {
		t.Fatal("Index made no index of the files' readers")
	}
	// scan is Readers without the index.
	scan := func(changed map[*content.Doc]Change) map[string]bool {
		u := r.users
		r.users = nil
		defer func() { r.users = u }()
		return r.Readers(changed)
	}
	for step := range 400 {
		name := names[rng.IntN(len(names))]
		switch k := rng.IntN(4); {
		case k == 0:
			// Gone (as render drops it).
			r.Keep(func(n string) bool { return n != name })
		case k == 1 && len(r.files[name]) > 0:
			// One document in place of another, or the body read or not.
			reads := slices.Clone(r.files[name])
			i := rng.IntN(len(reads))
			reads[i] = Read{Doc: docs[rng.IntN(len(docs))], Body: !reads[i].Body}
			r.Set(name, reads)
		default:
			r.Set(name, randomReads())
		}
		if step%50 == 49 {
			r.Index() // made again once mostly out of date
		}
		changed := map[*content.Doc]Change{}
		for range 1 + rng.IntN(12) { // over 8: Readers looks documents up in a map
			changed[docs[rng.IntN(len(docs))]] = Change(1 + rng.IntN(3))
		}
		got, want := r.Readers(changed), scan(changed)
		if !maps.Equal(got, want) {
			t.Fatalf("step %d: Readers = %v, want %v", step, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
	}
}
