package graph

import (
	"math/bits"
	"unsafe"

	"letterpress/internal/content"
)

// docIndex finds a document's place in the graph's list of documents
// (Site.All()'s order): the places are the graph's own numbering, and
// content.Doc carries none of it. It is a table of places probed by a
// hash of the document's address (the collector does not move objects,
// and the graph's list keeps every document alive), with each candidate
// checked against the list: a look-up reads two small arrays and hashes
// by a multiplication, where a map keyed by *content.Doc hashes the key
// with the runtime's hasher and probes groups of slots. Pages ask about
// documents millions of times in a large build.
type docIndex struct {
	slots []int32 // place+1; 0 is an empty slot; the length is a power of two
	shift uint8   // 64 - log2(len(slots))
}

func newDocIndex(all []*content.Doc) docIndex {
	n := 8
	for n < 2*len(all) {
		n <<= 1
	}
	x := docIndex{slots: make([]int32, n), shift: uint8(64 - bits.TrailingZeros(uint(n)))}
	mask := uint64(n - 1)
	for i, d := range all {
		h := x.hash(d)
		for x.slots[h] != 0 && all[x.slots[h]-1] != d {
			h = (h + 1) & mask
		}
		x.slots[h] = int32(i + 1) // a document listed twice is found at its last place
	}
	return x
}

// hash is Fibonacci hashing of d's address: its top bits index the slots.
func (x *docIndex) hash(d *content.Doc) uint64 {
	return (uint64(uintptr(unsafe.Pointer(d))) * 0x9e3779b97f4a7c15) >> x.shift
}

// find returns d's place in all, the list x was made from.
func (x *docIndex) find(all []*content.Doc, d *content.Doc) (int, bool) {
	if d == nil || len(x.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(x.slots) - 1)
	for h := x.hash(d); ; h = (h + 1) & mask {
		s := x.slots[h]
		if s == 0 {
			return 0, false
		}
		if all[s-1] == d {
			return int(s - 1), true
		}
	}
}
