package render

import "letterpress/internal/content"

// users is the reverse of Renderer.deps: for each document, the files
// that may read it. An edit changes a few documents; without it, finding
// the files that read them means going through every read of every file
// of the site.
//
// It is made from deps once a render is done (IndexJobs) and then only
// added to: when a file's reads are set again, the documents it did not
// read before are added to it. A file listed under a document may no
// longer read it, so usersOf looks at the current reads of the files it
// finds (which is what it did for every file without the index), and
// IndexJobs makes it again once most of it is such entries.
type users struct {
	ids   map[string]uint32 // the files', by name
	names []string          // by id
	byDoc map[*content.Doc][]uint32
	// entries counts the ids in byDoc, live the reads in deps.
	entries, live int
}

// newUsers indexes deps.
func newUsers(deps map[string][]Read) *users {
	u := &users{
		ids:   make(map[string]uint32, len(deps)),
		names: make([]string, 0, len(deps)),
		byDoc: map[*content.Doc][]uint32{},
	}
	for name, reads := range deps {
		u.add(u.id(name), reads)
		u.live += len(reads)
	}
	return u
}

// id returns the id of the file name, giving it one if it has none.
func (u *users) id(name string) uint32 {
	id, ok := u.ids[name]
	if !ok {
		id = uint32(len(u.names))
		u.ids[name] = id
		u.names = append(u.names, name)
	}
	return id
}

// add lists file id under the documents of reads.
func (u *users) add(id uint32, reads []Read) {
	for _, rd := range reads {
		u.byDoc[rd.Doc] = append(u.byDoc[rd.Doc], id)
	}
	u.entries += len(reads)
}

// set records that the file name, which read old, now reads reads (none:
// the file is gone).
func (u *users) set(name string, old, reads []Read) {
	if u == nil {
		return
	}
	u.live += len(reads) - len(old)
	if len(old) != len(reads) {
		u.add(u.id(name), reads)
		return
	}
	// Most often the same documents, or one in place of another.
	for i, rd := range reads {
		if rd.Doc != old[i].Doc {
			u.add(u.id(name), reads[i:i+1])
		}
	}
}

// outdated reports whether most of the index lists files under documents
// they no longer read.
func (u *users) outdated() bool {
	return u == nil || u.entries > 2*u.live+1024
}

// usersOf returns the files that read what changed of the documents.
func (r *Renderer) usersOf(changed map[*content.Doc]Change) map[string]bool {
	r.depsMu.Lock()
	defer r.depsMu.Unlock()
	reads := readsChange(changed)
	out := map[string]bool{}
	u := r.users
	if u == nil {
		for name, rds := range r.deps {
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
				if name := u.names[id]; reads(r.deps[name]) {
					out[name] = true
				}
			}
		}
	}
	return out
}

// readsChange returns a function that reports whether reads include what
// changed of a document: its facts, or its body when the file read it.
func readsChange(changed map[*content.Doc]Change) func([]Read) bool {
	// A save changes a few documents: a look through them is quicker than
	// a map's for each of the hundreds of thousands of reads.
	type doc struct {
		d *content.Doc
		c Change
	}
	var few []doc
	for d, c := range changed {
		few = append(few, doc{d, c})
	}
	find := func(d *content.Doc) Change {
		if len(few) > 8 {
			return changed[d]
		}
		for _, f := range few {
			if f.d == d {
				return f.c
			}
		}
		return 0
	}
	return func(reads []Read) bool {
		for _, rd := range reads {
			if c := find(rd.Doc); c == FactsChanged || c == BodyChanged && rd.Body {
				return true
			}
		}
		return false
	}
}
