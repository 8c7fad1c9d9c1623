package graph

import (
	"cmp"
	"slices"
	"strings"

	"letterpress/internal/content"
)

// link computes the derived facts over published documents.
func (g *Graph) link() {
	site := g.Site
	pub := func(k content.Kind) []*content.Doc {
		var out []*content.Doc
		for _, d := range site.Docs[k] {
			if !d.Translation && g.at(d).published {
				out = append(out, d)
			}
		}
		return out
	}
	g.Letters, g.Responses, g.Reports = pub(content.Letter), pub(content.Response), pub(content.Report)
	g.Organisations, g.Pages = pub(content.Organisation), pub(content.Page)
	g.sortLists()
	// All correspondence, newest first: lists built by walking it in order
	// need no sorting of their own.
	corr := mergeByDateDesc(g.Letters, g.Responses)

	get := func(k content.Kind, id string) *content.Doc {
		if d := site.Get(k, id); d != nil && g.at(d).published {
			return d
		}
		return nil
	}

	// Replies and what they answer.
	for _, r := range g.Responses {
		fr := g.at(r)
		for _, ref := range r.InReplyTo {
			if l := get(content.Letter, ref.ID); l != nil && !slices.Contains(fr.answers, l) {
				fr.answers = append(fr.answers, l)
				fl := g.at(l)
				fl.replies = append(fl.replies, r)
			}
		}
	}
	for _, l := range g.Letters {
		fl := g.at(l)
		for _, ref := range l.InReplyTo {
			if r := get(content.Response, ref.ID); r != nil {
				fl.answers = append(fl.answers, r)
				fr := g.at(r)
				fr.replies = append(fr.replies, l)
			}
		}
	}
	for i := range g.facts {
		f := &g.facts[i]
		if len(f.replies) > 1 {
			slices.SortFunc(f.replies, byDateAsc)
		}
		if len(f.answers) > 1 {
			slices.SortFunc(f.answers, byDateAsc)
		}
	}

	g.threads()

	// Reply status per recipient, and organisations' records.
	for _, l := range g.Letters {
		fl := g.at(l)
		due := g.Due(l)
		long := g.Now.After(due) && g.Now.After(g.LongOverdue(l))
		sts := make([]RecipientStatus, 0, len(l.To))
		for i := range l.To {
			rcp := &l.To[i]
			st := RecipientStatus{Recipient: rcp, Org: get(content.Organisation, rcp.Org.ID), Due: due}
			if l.Draft {
				// A draft has no reply status (and counts in no record).
				sts = append(sts, st)
				continue
			}
			for _, r := range fl.replies {
				if r.From.ID != rcp.Org.ID {
					continue
				}
				if g.at(r).withheld == "" {
					st.Status, st.Reply = Replied, r
					break
				}
				if st.Reply == nil {
					st.Status, st.Reply = Withheld, r
				}
			}
			switch {
			case st.Reply != nil:
				st.Days = max(0, Days(l.Date, st.Reply.Date))
			case IsDue(due, g.Now):
				st.Status, st.DaysLate = Overdue, Days(due, g.Now)
				st.Long = long
			default:
				st.Status = Awaiting
			}
			sts = append(sts, st)
			if st.Org == nil {
				continue
			}
			rec := g.records[st.Org]
			if rec == nil {
				rec = &Record{}
				g.records[st.Org] = rec
			}
			rec.Received++
			if g.DueFor(l, &st) {
				rec.Due++
				if st.Reply != nil {
					rec.DueReplied++
					if st.InTime() {
						rec.InTime++
					}
				}
			}
			switch st.Status {
			case Replied, Withheld:
				rec.Replied++
				rec.Days = append(rec.Days, st.Days)
				if st.Status == Withheld {
					rec.Withheld++
				}
			case Awaiting:
				rec.Awaiting++
			case Overdue:
				rec.Overdue++
				if st.Long {
					rec.LongOverdue++
				}
			}
		}
		fl.statuses = sts
	}
	for _, rec := range g.records {
		rec.MedianDays = median(rec.Days)
	}

	// Citations: front matter first, then body links, each report once.
	for _, ds := range [][]*content.Doc{corr} {
		for _, d := range ds {
			var cited []*content.Doc
			add := func(id string) {
				if r := get(content.Report, id); r != nil && !slices.Contains(cited, r) {
					cited = append(cited, r)
				}
			}
			for _, c := range d.Cites {
				add(c.ID)
			}
			// A withheld reply's body is not published: its links cite nothing.
			if f := g.at(d); f.body != nil && f.withheld == "" {
				for _, ref := range f.body.Refs {
					if ref.Kind == content.Report {
						add(ref.ID)
					}
				}
			}
			if cited != nil { // Cites is nil either way
				g.at(d).cites = cited
			}
			for _, r := range cited {
				g.citedBy[r] = append(g.citedBy[r], d)
			}
		}
	}

	g.publishers()

	// Organisations' correspondence and topics.
	addOrg := func(id string, d *content.Doc) {
		if o := get(content.Organisation, id); o != nil {
			if ds := g.orgDocs[o]; len(ds) == 0 || ds[len(ds)-1] != d {
				g.orgDocs[o] = append(g.orgDocs[o], d)
			}
		}
	}
	for _, d := range corr {
		addOrg(d.From.ID, d)
		for _, r := range d.To {
			addOrg(r.Org.ID, d)
		}
	}
	// Correspondence comes newest first already; reports and pages are
	// sorted by date and merged in (sorting each topic's whole list took
	// measurably longer on a large site).
	others := map[string][]*content.Doc{}
	for _, ds := range [][]*content.Doc{corr, g.Reports, g.Pages} {
		for _, d := range ds {
			for _, t := range d.Topics {
				if _, ok := g.Config.Topic(t.ID); ok {
					if d.Kind == content.Letter || d.Kind == content.Response {
						g.byTopic[t.ID] = append(g.byTopic[t.ID], d)
					} else {
						others[t.ID] = append(others[t.ID], d)
					}
				}
			}
		}
	}
	for id, ds := range others {
		slices.SortFunc(ds, NewestFirst)
		g.byTopic[id] = mergeByDateDesc(g.byTopic[id], ds)
	}
}

// threads groups letters and responses joined by in_reply_to.
func (g *Graph) threads() {
	parent := map[*content.Doc]*content.Doc{}
	find := func(d *content.Doc) *content.Doc {
		for {
			p, ok := parent[d]
			if !ok || p == d {
				return d
			}
			if gp, ok := parent[p]; ok && gp != p {
				parent[d] = gp
			}
			d = p
		}
	}
	for _, ds := range [][]*content.Doc{g.Letters, g.Responses} {
		for _, d := range ds {
			for _, a := range g.at(d).answers {
				ra, rb := find(d), find(a)
				if ra != rb {
					parent[ra] = rb
				}
			}
		}
	}
	groups := map[*content.Doc]*Thread{}
	for _, ds := range [][]*content.Doc{g.Letters, g.Responses} {
		for _, d := range ds {
			root := find(d)
			t := groups[root]
			if t == nil {
				t = &Thread{}
				groups[root] = t
			}
			t.Docs = append(t.Docs, d)
			g.at(d).thread = t
		}
	}
	for _, t := range groups {
		slices.SortFunc(t.Docs, byDateAsc)
	}
}

// mergeByDateDesc merges two lists sorted by NewestFirst.
func mergeByDateDesc(a, b []*content.Doc) []*content.Doc {
	out := make([]*content.Doc, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if NewestFirst(a[0], b[0]) <= 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

func (g *Graph) sortLists() {
	for _, ds := range [][]*content.Doc{g.Letters, g.Responses} {
		// They come in path order, which is mostly by date (a year's
		// folder, files named by date): reversed, they are nearly sorted,
		// which pdqsort finishes in a pass (measurably faster than sorting
		// them as they come).
		slices.Reverse(ds)
		slices.SortFunc(ds, NewestFirst)
	}
	slices.SortFunc(g.Reports, func(a, b *content.Doc) int {
		return cmp.Or(cmp.Compare(b.Year, a.Year), b.Date.Compare(a.Date), cmp.Compare(a.ID, b.ID))
	})
	byName := func(a, b *content.Doc) int {
		return strings.Compare(strings.ToLower(g.Title(a)), strings.ToLower(g.Title(b)))
	}
	slices.SortStableFunc(g.Organisations, byName)
	slices.SortStableFunc(g.Pages, byName)
}

// publishers finds the organisation each report's publisher names: the
// organisation with that id, else the one with that name in either
// language (letter case and spacing aside), if only one has it. A report
// published by several bodies ("Home Office and ECPAT UK") names none.
func (g *Graph) publishers() {
	byName := map[string]*content.Doc{}
	name := func(o *content.Doc, n string) {
		k := nameKey(n)
		if k == "" {
			return
		}
		if prev, ok := byName[k]; ok && prev != o {
			byName[k] = nil // two organisations of that name: neither
			return
		}
		byName[k] = o
	}
	for _, o := range g.Organisations {
		name(o, o.Label())
		if t := g.Site.Translation(o); t != nil && g.at(t).published {
			name(o, t.Name)
		}
	}
	for i, d := range g.all {
		f := &g.facts[i]
		if d.Kind != content.Report || !f.published || d.Publisher == "" {
			continue
		}
		if o := g.Org(strings.TrimSpace(d.Publisher)); o != nil {
			f.publisher = o
		} else {
			f.publisher = byName[nameKey(d.Publisher)]
		}
	}
}

// nameKey is a name as publishers compares it: lower case, its spaces one.
func nameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
