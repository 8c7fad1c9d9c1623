package content

import (
	"strings"
	"sync"
)

// chunks holds what a load keeps of its documents, taken from larger
// allocations: a document lives until the build ends, while decoding it
// makes many times as much that dies at once. Allocated one by one, the
// kept objects were spread over memory the garbage had held, which the
// runtime cannot reuse for other sizes nor give back while one object in
// each span lives. One load's chunks live and die with its site (the
// preview server, which replaces documents one at a time, loads them
// with LoadFile, which uses none). A nil *chunks allocates as usual.
type chunks struct {
	mu         sync.Mutex
	docs       []Doc
	refs       []Ref
	recipients []Recipient
	text       strings.Builder
}

const (
	docChunk  = 16       // Docs in a chunk (8 KB)
	refChunk  = 256      // Refs or Recipients in a chunk
	textChunk = 16 << 10 // bytes of text in a chunk
)

// doc returns a new, zero Doc.
func (c *chunks) doc() *Doc {
	if c == nil {
		return new(Doc)
	}
	c.mu.Lock()
	if len(c.docs) == 0 {
		c.docs = make([]Doc, docChunk)
	}
	d := &c.docs[0]
	c.docs = c.docs[1:]
	c.mu.Unlock()
	return d
}

// refList returns an empty slice with room for n Refs (and no more:
// appending past them copies).
func (c *chunks) refList(n int) []Ref {
	if c == nil || n > refChunk/8 {
		return make([]Ref, 0, n)
	}
	c.mu.Lock()
	if len(c.refs) < n {
		c.refs = make([]Ref, refChunk)
	}
	s := c.refs[:0:n]
	c.refs = c.refs[n:]
	c.mu.Unlock()
	return s
}

// recipientList is refList for Recipients.
func (c *chunks) recipientList(n int) []Recipient {
	if c == nil || n > refChunk/8 {
		return make([]Recipient, 0, n)
	}
	c.mu.Lock()
	if len(c.recipients) < n {
		c.recipients = make([]Recipient, refChunk)
	}
	s := c.recipients[:0:n]
	c.recipients = c.recipients[n:]
	c.mu.Unlock()
	return s
}

// str returns a copy of s in a chunk of text (a strings.Builder only
// ever appends, so the bytes of a string it gave out never change).
func (c *chunks) str(s string) string {
	if c == nil || s == "" {
		return s
	}
	return c.concat(s)
}

// concat is strings.Join(parts, "") in a chunk of text.
func (c *chunks) concat(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if c == nil || n > textChunk/8 {
		return strings.Join(parts, "") // (one part: that part)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.text.Cap()-c.text.Len() < n {
		c.text = strings.Builder{}
		c.text.Grow(textChunk)
	}
	start := c.text.Len()
	for _, p := range parts {
		c.text.WriteString(p)
	}
	return c.text.String()[start:]
}

// urlPath is URLPath, in a chunk of text.
func (c *chunks) urlPath(k Kind, id string, welsh bool) string {
	cy := ""
	if welsh {
		cy = "/cy"
	}
	if s := kindInfo[k].section; s != "" {
		return c.concat(cy, "/", s, "/", id, "/")
	}
	return c.concat(cy, "/", id, "/")
}
