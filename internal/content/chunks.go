package content

import (
	"strings"

	"letterpress/internal/slab"
)

// chunks holds what a load keeps of its documents, taken from slabs (see
// package slab). One load's chunks live and die with its site (the
// preview server, which replaces documents one at a time, loads them
// with LoadFile, which uses none). A nil *chunks allocates as usual.
type chunks struct {
	docs       slab.Of[Doc]
	refs       slab.Of[Ref]
	recipients slab.Of[Recipient]
	text       slab.Text
}

// doc returns a new, zero Doc.
func (c *chunks) doc() *Doc {
	if c == nil {
		return new(Doc)
	}
	return c.docs.New()
}

// refList returns an empty slice with room for n Refs (and no more:
// appending past them copies).
func (c *chunks) refList(n int) []Ref {
	if c == nil {
		return make([]Ref, 0, n)
	}
	return c.refs.List(n)
}

// recipientList is refList for Recipients.
func (c *chunks) recipientList(n int) []Recipient {
	if c == nil {
		return make([]Recipient, 0, n)
	}
	return c.recipients.List(n)
}

// str returns a copy of s in a chunk of text.
func (c *chunks) str(s string) string {
	if c == nil {
		return s
	}
	return c.text.Join(s)
}

// concat is strings.Join(parts, "") in a chunk of text.
func (c *chunks) concat(parts ...string) string {
	if c == nil {
		return strings.Join(parts, "")
	}
	return c.text.Join(parts...)
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
