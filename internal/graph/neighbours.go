package graph

import (
	"slices"

	"letterpress/internal/content"
)

// Neighbours are the documents whose pages show something of d (the
// preview server renders them again when d changes): d, its thread,
// replies and answers, what it cites and what cites it, its
// organisations' and theirs, its Welsh or English version.
func (g *Graph) Neighbours(d *content.Doc) []*content.Doc {
	out := []*content.Doc{d}
	add := func(ds ...*content.Doc) { out = append(out, ds...) }
	if t := g.Thread(d); t != nil {
		add(t.Docs...)
	}
	add(g.Replies(d)...)
	add(g.Answers(d)...)
	add(g.Cites(d)...)
	add(g.CitedBy(d)...)
	add(g.Correspondence(d)...)
	for _, id := range orgIDs(d) {
		if o := g.Site.Get(content.Organisation, id); o != nil {
			add(o)
		}
	}
	if t := g.Site.Translation(d); t != nil {
		add(t)
	}
	if d.Translation {
		if o := g.Site.Get(d.Kind, d.ID); o != nil {
			add(o)
		}
	}
	// A reply's default title names its organisation and shows in the
	// thread of every document it belongs to.
	for _, x := range slices.Clone(out) {
		if x.Kind == content.Response {
			if t := g.Thread(x); t != nil {
				add(t.Docs...)
			}
		}
	}
	// Welsh versions share their original's facts.
	n := len(out)
	for _, x := range out[:n] {
		if t := g.Site.Translation(x); t != nil {
			add(t)
		}
	}
	return out
}

func orgIDs(d *content.Doc) []string {
	ids := []string{d.From.ID}
	for _, r := range d.To {
		ids = append(ids, r.Org.ID)
	}
	return ids
}
