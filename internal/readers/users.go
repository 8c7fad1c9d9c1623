package readers

import "letterpress/internal/content"

// users is the reverse of a Table's files: for each document, the files
// that may read it. An edit changes a few documents; without it, finding
// the files that read them means going through every read of every file
// of the site.
//
// It is made from the files once a render is done (Index) and then only
// added to: when a file's reads are set again, the documents it did not
// read before are added to it. A file listed under a document may no
// longer read it, so Readers looks at the current reads of the files it
// finds (which is what it does for every file without the index), and
// Index makes it again once most of it is such entries.
type users struct {
	ids   map[string]uint32 // the files', by name
	names []string          // by id
	byDoc map[*content.Doc][]uint32
	// entries counts the ids in byDoc, live the reads in the files.
	entries, live int
}

// newUsers indexes files.
func newUsers(files map[string][]Read) *users {
	u := &users{
		ids:   make(map[string]uint32, len(files)),
		names: make([]string, 0, len(files)),
		byDoc: map[*content.Doc][]uint32{},
	}
	for name, reads := range files {
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
