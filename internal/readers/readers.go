// Package readers records which documents each output file read while it
// was rendered, and finds the files that read what an edit changed: the
// preview server renders those again after a save (render.Rerender).
// The repeat build keeps the same reads in its manifest
// (buildcache.Keys; docs/dependencies.md).
package readers

import (
	"sync"

	"letterpress/internal/content"
)

// Read is a document a file's views read: what lists and links show of
// it (its facts), and, if Body, its body.
type Read struct {
	Doc  *content.Doc
	Body bool
}

// Docs is docs as reads, of their bodies too if body.
func Docs(docs []*content.Doc, body bool) []Read {
	out := make([]Read, len(docs))
	for i, d := range docs {
		out[i] = Read{Doc: d, Body: body}
	}
	return out
}

// A Change is what an edit changed of a document.
type Change uint8

const (
	// BodyChanged is a change of the body alone: the files that showed
	// the body change, not those that show what lists and links show of
	// the document (its summary is the same).
	BodyChanged Change = iota + 1
	// RecordChanged is a change of an organisation's relations alone
	// (its correspondence, its record), not of its file: its own files
	// change (its pages, its feed), not those that show its name.
	RecordChanged
	// FactsChanged is a change of what lists and links show of the
	// document, or of its relations: every file that read it changes.
	FactsChanged
)

// A Table holds what each output file read, by file name. Its zero value
// is empty and ready; it is safe for use by several goroutines.
type Table struct {
	mu    sync.Mutex
	files map[string][]Read
	users *users // files the other way round (Index)
}

// Set records that the file name read reads.
func (t *Table) Set(name string, reads []Read) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.files == nil {
		t.files = map[string][]Read{}
	}
	t.users.set(name, t.files[name], reads)
	t.files[name] = reads
}

// Has reports whether the table holds what the file name read.
func (t *Table) Has(name string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.files[name]
	return ok
}

// Keep drops what the files that keep does not name read: a file that
// comes back is then not in the table.
func (t *Table) Keep(keep func(name string) bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for name := range t.files {
		if !keep(name) {
			t.users.set(name, t.files[name], nil)
			delete(t.files, name)
		}
	}
}

// Reset empties the table.
func (t *Table) Reset() {
	t.mu.Lock()
	t.files, t.users = nil, nil
	t.mu.Unlock()
}

// Index indexes the files by the documents they read, unless the index
// is still mostly up to date, so that Readers need not go through every
// read of the site (on a large site that takes long enough to be felt:
// better after a build than on the next save).
func (t *Table) Index() {
	t.mu.Lock()
	if t.users.outdated() && t.files != nil {
		t.users = newUsers(t.files)
	}
	t.mu.Unlock()
}

// Readers returns the files that read what changed of the documents:
// their facts, or their bodies where a file showed the body.
func (t *Table) Readers(changed map[*content.Doc]Change) map[string]bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	reads := readsChange(changed)
	out := map[string]bool{}
	u := t.users
	if u == nil {
		for name, rds := range t.files {
			if reads(rds) {
				out[name] = true
			}
		}
		return out
	}
	seen := make([]bool, len(u.names))
	for d, c := range changed {
		if c != FactsChanged && c != BodyChanged {
			continue // read by no file
		}
		for _, id := range u.byDoc[d] {
			if !seen[id] {
				seen[id] = true
				if name := u.names[id]; reads(t.files[name]) {
					out[name] = true
				}
			}
		}
	}
	return out
}
