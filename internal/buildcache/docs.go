package buildcache

import (
	"crypto/sha256"
	"io"

	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/markdown"
	"letterpress/internal/render"
)

// The keys of what a build made of a document's body (Doc): a body is
// converted again only if its Conv or Targets changed, and a page showing
// what else a document gives (its front matter, summary, footnotes,
// links) only if its Facts did.

// Settings is a digest of what converting any body reads besides the
// document: the program, the base URL's path, the privacy allow list.
func Settings(program []byte, basePath string, allow []string) []byte {
	h := sha256.New()
	h.Write(program)
	WriteString(h, basePath)
	for _, a := range allow {
		WriteString(h, a)
	}
	return h.Sum(nil)
}

// ConvKey is the key of what converting d's body reads (Doc.Conv), with
// settings from Settings.
func ConvKey(settings []byte, d *content.Doc) render.Key {
	h := newHasher()
	h.Write(settings)
	h.str(d.Path)
	h.str(d.Lang)
	h.str(d.Kind.String())
	h.bool(d.Translation)
	h.Write(d.Sum[:])
	return h.sum()
}

// Targets is a digest of what each of refs resolves to: a body converted
// again with the same file gives the same HTML if its links lead to the
// same addresses with the same titles.
func Targets(rs markdown.Resolver, refs []markdown.Reference) render.Key {
	h := newHasher()
	for _, r := range refs {
		t, ok := rs.Resolve(r.Kind, r.ID)
		h.bool(ok)
		h.str(t.URL)
		h.str(t.Title)
	}
	return h.sum()
}

// NewDoc is the entry of a body just converted (res, with the problems
// converting found), whose conversion read what conv is the key of; rs
// resolves its links. Its Refs are left to the caller (see Refs): they
// are made as each entry is kept.
func NewDoc(conv render.Key, rs markdown.Resolver, path string, res *markdown.Result, problems []diag.FileError) Doc {
	e := Doc{Conv: conv, BadLinks: res.BadLinks, Footnotes: res.Footnotes, FirstFootnote: res.FirstFootnote,
		FirstFootnotePos: res.FirstFootnotePos, Summary: res.Summary, Problems: problems}
	e.Targets = Targets(rs, res.Refs)
	e.Key = sha256.Sum256(append(e.Conv[:], e.Targets[:]...))
	for _, r := range res.Refs {
		if r.Pos.Path != path {
			e.Conv = render.Key{} // not kept for the next build
		}
	}
	return e
}

// Result is what converting the body of the document at path made, as
// e keeps it: all but the HTML (markdown.Result.Redo makes it again when
// a page shows it). It is nil if e does not hold: its key is not conv,
// or its links lead elsewhere now (rs resolves them).
func (e *Doc) Result(path string, conv render.Key, rs markdown.Resolver) *markdown.Result {
	if e.Conv != conv {
		return nil
	}
	refs := make([]markdown.Reference, len(e.Refs))
	for j, r := range e.Refs {
		refs[j] = markdown.Reference{Kind: r.Kind, ID: r.ID, Offset: r.Offset, Resolved: r.Resolved, Pos: diag.Pos{Path: path, Line: r.Line, Col: r.Col}}
	}
	if Targets(rs, refs) != e.Targets {
		return nil
	}
	e.Refs = nil // made again from the result's for the next manifest (Refs)
	return &markdown.Result{Refs: refs, BadLinks: e.BadLinks, Footnotes: e.Footnotes, FirstFootnote: e.FirstFootnote, FirstFootnotePos: e.FirstFootnotePos, Summary: e.Summary}
}

// Facts is a digest of what pages other than d's own show of it (see
// buildcache.KeySource.Facts): its front matter (from front, what loading
// made of it), and what converting its body found besides the HTML.
func Facts(d *content.Doc, front []byte, e Doc, refs []markdown.Reference) render.Key {
	h := newHasher()
	if fk, ok := content.FrontKey(front); ok {
		h.key(fk)
	} else {
		h.str("whole file")
		h.key(d.Sum)
	}
	h.str(e.Summary)
	h.int(int64(e.Footnotes))
	h.int(int64(e.FirstFootnote))
	for _, r := range refs {
		h.int(int64(r.Kind))
		h.str(r.ID)
		h.bool(r.Resolved)
	}
	return h.sum()
}

// WriteString writes s to a hash with its length before it, so that no
// two lists of strings write the same bytes.
func WriteString(h io.Writer, s string) {
	var n [8]byte
	for i := range n {
		n[i] = byte(len(s) >> (8 * i))
	}
	h.Write(n[:])
	io.WriteString(h, s)
}
