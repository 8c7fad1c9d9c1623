package search

import (
	"encoding/binary"
	"errors"
	"slices"
	"sync"

	"letterpress/internal/content"
)

// A Key identifies the converted body an entry was taken from (the
// caller's digest of it, render.Key): an entry is reused only for a body
// with the same key.
type Key [32]byte

// MarshalBinary and UnmarshalBinary make encoding/gob write a key as 32
// bytes, not as 32 numbers (the manifest holds one per document).
func (k Key) MarshalBinary() ([]byte, error) { return k[:], nil }

func (k *Key) UnmarshalBinary(b []byte) error {
	if len(b) != len(k) {
		return errors.New("search: a key is 32 bytes")
	}
	copy(k[:], b)
	return nil
}

// Cache keeps what the search index takes from each document's
// body, its words (each with how often it occurs) and the start of its
// text, so that a build that did not convert a body again need not: by
// document path, with the key of the body they were taken from.
type Cache struct {
	// Key is the key of a document's converted body (buildcache.KeySource.Doc).
	Key func(*content.Doc) Key
	// Vocab holds the words Words number (as written in the text, not
	// stemmed), Old the entries of the previous build.
	Vocab []string
	Old   map[string]Text
	// New is every entry of this build, when the index was made; Vocab
	// grows to number their words. If Put is set, the entries go to it
	// instead, as they are made (a large site's entries are hundreds of
	// megabytes: the caller writes them out), and New stays nil.
	New map[string]Text
	Put func(path string, st Text)
	// Made says that the index was made (and its entries kept).
	Made bool
}

// Text is what the search index took from one body.
type Text struct {
	Key Key
	// Words are pairs of uvarint(a word's number in Vocab) and how often
	// it occurs (at most 255) as a byte.
	Words []byte
	// Start is the text's first passageLen+1 characters: passages are
	// cut from it.
	Start string
	local bool // Words numbers the words of its chunk, until kept
}

// lookup returns the previous build's entry for d, if made from the same
// body.
func (sc *Cache) lookup(d *content.Doc) (Text, bool) {
	if sc == nil || sc.Key == nil {
		return Text{}, false
	}
	st, ok := sc.Old[d.Path]
	if !ok || st.Key != sc.Key(d) || st.Key == (Key{}) {
		return Text{}, false
	}
	return st, true
}

// each calls f with the number in Vocab of every word of an entry and how
// often it occurs.
func (sc *Cache) each(words []byte, f func(id int, times int)) {
	for len(words) > 0 {
		id, n := binary.Uvarint(words)
		if n <= 0 || len(words) < n+1 || id >= uint64(len(sc.Vocab)) {
			return // only a corrupt cache gets here, and the manifest's checksum catches that
		}
		f(int(id), int(words[n]))
		words = words[n+1:]
	}
}

// keeper numbers the words of new entries in Vocab and hands the
// entries on (to Put, or to New), a chunk of documents at a time.
type keeper struct {
	sc    *Cache
	mu    sync.Mutex
	vocab []string          // Vocab and the new words, until done
	index map[string]uint64 // their numbers
	put   func(path string, st Text)
}

// keeper starts keeping this build's entries; nil if sc is.
func (sc *Cache) keeper() *keeper {
	if sc == nil {
		return nil
	}
	// Vocab is read while the index is made, and grows only when done.
	k := &keeper{sc: sc, vocab: slices.Clip(sc.Vocab), index: make(map[string]uint64, len(sc.Vocab)), put: sc.Put}
	for i, w := range sc.Vocab {
		k.index[w] = uint64(i)
	}
	sc.Made = true
	if k.put == nil {
		sc.New = map[string]Text{}
		k.put = func(path string, st Text) { sc.New[path] = st }
	}
	return k
}

// done makes Vocab number the words of every entry kept.
func (k *keeper) done() {
	if k != nil {
		k.sc.Vocab = k.vocab
	}
}

// keep hands on the entries of a chunk's documents, whose new entries
// number their words in words.
func (k *keeper) keep(docs []*entry, texts []Text, words []string) {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	var global []uint64 // chunk word number -> Vocab
	for i, sd := range docs {
		st := texts[i]
		if st.local {
			if global == nil {
				global = make([]uint64, len(words))
				for j, w := range words {
					id, ok := k.index[w]
					if !ok {
						id = uint64(len(k.vocab))
						k.vocab = append(k.vocab, w)
						k.index[w] = id
					}
					global[j] = id
				}
			}
			var enc []byte
			for w := st.Words; len(w) > 0; {
				local, n := binary.Uvarint(w)
				enc = binary.AppendUvarint(enc, global[local])
				enc = append(enc, w[n])
				w = w[n+1:]
			}
			st.Words, st.local = enc, false
		}
		if st.Key != (Key{}) {
			k.put(sd.d.Path, st)
		}
	}
}
