package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/markdown"
	"letterpress/internal/par"
)

// Build computes the graph of a loaded site whose bodies have been
// rendered. Every broken reference is added to errs.
func Build(cfg *config.Config, site *content.Site, bodies map[*content.Doc]*markdown.Result, opts Options, errs *diag.List) *Graph {
	all := site.All()
	g := &Graph{
		Config: cfg, Site: site, Now: opts.Now, Bodies: bodies,
		facts: make([]facts, len(all)), all: all, index: newDocIndex(all),
		citedBy: map[*content.Doc][]*content.Doc{}, orgDocs: map[*content.Doc][]*content.Doc{},
		records: map[*content.Doc]*Record{}, byTopic: map[string][]*content.Doc{},
	}
	for i, d := range all {
		f := &g.facts[i]
		f.body = bodies[d]
		f.withheld = withheld(site, d)
		if !d.Translation {
			f.published = !d.Draft || opts.IncludeDrafts
		}
	}
	for i, d := range all {
		if d.Translation {
			orig := site.Get(d.Kind, d.ID)
			g.facts[i].published = g.at(orig).published && (!d.Draft || opts.IncludeDrafts)
		}
	}

	c := &checker{g: g, errs: errs, opts: opts}
	if cfg.Owner != "" && !cfg.Unusable && site.Get(content.Organisation, cfg.Owner) == nil {
		errs.Errorf(cfg.OwnerPos, "owner %q is not an organisation: add content/organisations/%s.md%s", cfg.Owner, cfg.Owner, diag.DidYouMean(cfg.Owner, site.IDs(content.Organisation)))
	}
	// Checking reads the site alone (errs takes problems from every core).
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	if par.ForContext(ctx, len(all), func(i int) { c.checkDoc(all[i]) }) != nil {
		return g // stopped
	}
	// Default titles, one string for each sender and language rather
	// than one for each reply.
	type titleKey struct{ name, lang string }
	defaultTitles := map[titleKey]string{}
	for _, d := range all {
		if d.Kind == content.Response && d.Title == "" {
			name := d.From.ID
			if o := site.Get(content.Organisation, d.From.ID); o != nil {
				name = o.Label()
				if t := site.Translation(o); d.Lang == "cy" && t != nil && t.Name != "" {
					name = t.Name // a Welsh reply names the body in Welsh
				}
			}
			k := titleKey{name, d.Lang}
			title, ok := defaultTitles[k]
			if !ok {
				if d.Lang == "cy" {
					title = "Ymateb gan " + name
				} else {
					title = "Response from " + name
				}
				defaultTitles[k] = title
			}
			g.at(d).title = title
		}
	}
	c.checkCycles(all)
	c.checkAliases(all)
	if ctx.Err() != nil {
		return g // stopped
	}
	g.link()
	// A Welsh version shares its original's relations.
	for i, d := range all {
		if !d.Translation {
			continue
		}
		if o := site.Get(d.Kind, d.ID); o != nil {
			f, of := &g.facts[i], g.at(o)
			f.thread, f.replies, f.answers, f.cites, f.statuses = of.thread, of.replies, of.answers, of.cites, of.statuses
		}
	}
	// A withheld reply's body was checked (its links must still be
	// right) and is now let go: nothing can publish what it cannot read.
	for i := range g.facts {
		if f := &g.facts[i]; f.withheld != "" {
			f.body = nil
		}
	}
	return g
}

type checker struct {
	g    *Graph
	errs *diag.List
	opts Options
}

// resolve finds the document a reference names, reporting an unknown id
// (with a suggestion) or a published document pointing at a draft.
// An empty field is a link in the body, named in messages by its target
// (the name is made only for a message: bodies hold many links).
func (c *checker) resolve(from *content.Doc, kind content.Kind, id string, pos diag.Pos, field string) *content.Doc {
	site := c.g.Site
	name := func() string {
		if field == "" {
			return "link to " + kind.Prefix() + ":" + id
		}
		return field
	}
	if id == "" {
		c.errs.Errorf(pos, "%s is empty: give a %s id", name(), kind)
		return nil
	}
	t := site.Get(kind, id)
	if t == nil && site.Unreadable(kind, id) {
		return nil // its own errors say why
	}
	if t == nil {
		msg := fmt.Sprintf("%s: no %s with id %q", name(), kind, id)
		if s := diag.Suggest(id, site.IDs(kind)); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			for _, other := range content.Kinds {
				if other != kind && site.Get(other, id) != nil {
					msg += fmt.Sprintf(" (that id belongs to %s, not %s)", article(other), article(kind))
					break
				}
			}
			if !strings.Contains(msg, "(that id belongs") {
				msg += fmt.Sprintf(" (add content/%s/%s.md, or fix the id)", kind.Dir(), id)
			}
		}
		c.errs.Errorf(pos, "%s", msg)
		return nil
	}
	if t.Draft && !from.Draft && !c.opts.IncludeDrafts {
		c.errs.Errorf(pos, "%s: %s %q is a draft, so it will not be published and this reference would break; publish it (remove draft: true) or remove the reference", name(), kind, id)
		return nil
	}
	return t
}

func (c *checker) checkDoc(d *content.Doc) {
	for _, t := range d.Topics {
		if c.g.Config.Unusable {
			break // site.yaml's own error explains
		}
		if _, ok := c.g.Config.Topic(t.ID); !ok {
			ids := make([]string, len(c.g.Config.Topics))
			for i, tp := range c.g.Config.Topics {
				ids[i] = tp.ID
			}
			c.errs.Errorf(d.At(t.Pos), "topics: %q is not a topic in site.yaml%s", t.ID, or(diag.DidYouMean(t.ID, ids), " (declare it under topics: in site.yaml)"))
		}
	}
	if d.Kind == content.Page && reservedPageIDs[d.ID] {
		c.errs.Errorf(diag.Pos{Path: d.Path}, "page id %q is taken by the site's own /%s/ pages: rename the file", d.ID, d.ID)
	}
	switch d.Kind {
	case content.Letter:
		for i, r := range d.To {
			// (A letter has a few recipients: no map of those seen.)
			if slices.ContainsFunc(d.To[:i], func(o content.Recipient) bool { return o.Org.ID == r.Org.ID }) {
				c.errs.Errorf(d.At(r.Org.Pos), "to: %q is listed twice", r.Org.ID)
			}
			c.resolve(d, content.Organisation, r.Org.ID, d.At(r.Org.Pos), "to")
		}
		c.translatedTo(d)
		if !d.DefaultFrom() { // the default sender is checked once, above
			c.resolve(d, content.Organisation, d.From.ID, d.At(d.From.Pos), "from")
		}
		for _, r := range d.InReplyTo {
			if resp := c.resolve(d, content.Response, r.ID, d.At(r.Pos), "in_reply_to"); resp != nil && !d.Date.IsZero() && !resp.Date.IsZero() && d.Date.Before(resp.Date) {
				c.errs.Errorf(d.At(d.DatePos), "letter dated %s is before the reply it answers (%s, dated %s)", day(d), resp.Path, day(resp))
			}
		}
	case content.Response:
		var from *content.Doc
		if d.From.ID != "" {
			from = c.resolve(d, content.Organisation, d.From.ID, d.At(d.From.Pos), "from")
		}
		for _, r := range d.InReplyTo {
			l := c.resolve(d, content.Letter, r.ID, d.At(r.Pos), "in_reply_to")
			if l == nil {
				continue
			}
			if !d.Date.IsZero() && !l.Date.IsZero() && d.Date.Before(l.Date) {
				c.errs.Errorf(d.At(d.DatePos), "reply dated %s is before the letter it answers (%s, dated %s)", day(d), l.Path, day(l))
			}
			if from != nil && !slices.ContainsFunc(l.To, func(r content.Recipient) bool { return r.Org.ID == d.From.ID }) {
				c.errs.Warnf(d.At(d.From.Pos), "from: %q was not a recipient of %s, so this reply counts for no recipient's status (recipients: %s)", d.From.ID, l.ID, recipientIDs(l))
			}
		}
	}
	for _, r := range d.Cites {
		c.resolve(d, content.Report, r.ID, d.At(r.Pos), "cites")
	}
	if body := c.g.at(d).body; body != nil {
		for _, ref := range body.Refs {
			c.resolve(d, ref.Kind, ref.ID, ref.Pos, "") // "link to report:ID"
		}
		for _, bl := range body.BadLinks {
			pos := bl.Pos
			switch bl.Problem {
			case markdown.EmptyLink:
				c.errs.Warnf(pos, "link leads nowhere (target %q): it is published as plain text; give it a real target, such as report:ID or https://...", bl.Destination)
			case markdown.DangerousLink:
				c.errs.Warnf(pos, "link target %q is not allowed (script or data URL): it is published as plain text", truncate(bl.Destination, 60))
			case markdown.UnknownPrefix:
				p, _, _ := strings.Cut(bl.Destination, ":")
				c.errs.Warnf(pos, "link target %q: %q is not a cross-reference prefix (use report:, letter:, response: or org:)", bl.Destination, p)
			}
		}
		if d.Kind == content.Letter && body.Footnotes > 0 && len(d.Cites) == 0 && !hasReportRef(body) {
			c.errs.Warnf(body.FirstFootnotePos, "letter has %d footnote(s) but cites no report: add cites: with the report ids, or link the footnotes with report:ID", body.Footnotes)
		}
	}
}

func hasReportRef(b *markdown.Result) bool {
	return slices.ContainsFunc(b.Refs, func(r markdown.Reference) bool { return r.Kind == content.Report })
}

func recipientIDs(l *content.Doc) string {
	ids := make([]string, len(l.To))
	for i, r := range l.To {
		ids[i] = r.Org.ID
	}
	return strings.Join(ids, ", ")
}

// reservedPageIDs are the URLs the builder itself publishes at /ID/.
var reservedPageIDs = map[string]bool{
	"letters": true, "responses": true, "reports": true, "organisations": true, "topics": true,
	"awaiting-reply": true, "search": true, "data": true, "statistics": true, "cy": true, "css": true, "js": true,
}

func article(k content.Kind) string {
	if k == content.Organisation {
		return "an organisation"
	}
	return "a " + k.String()
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func day(d *content.Doc) string { return d.Date.Format("2006-01-02") }

// checkCycles finds in_reply_to chains that loop back on themselves.
func (c *checker) checkCycles(all []*content.Doc) {
	site := c.g.Site
	parents := func(d *content.Doc) []*content.Doc {
		var out []*content.Doc
		for _, r := range d.InReplyTo {
			var p *content.Doc
			switch d.Kind {
			case content.Letter:
				p = site.Get(content.Response, r.ID)
			case content.Response:
				p = site.Get(content.Letter, r.ID)
			}
			if p != nil {
				out = append(out, p)
			}
		}
		return out
	}
	const (
		white = iota
		grey
		black
	)
	color := map[*content.Doc]int{}
	var stack []*content.Doc
	var visit func(d *content.Doc)
	visit = func(d *content.Doc) {
		color[d] = grey
		stack = append(stack, d)
		for _, p := range parents(d) {
			switch color[p] {
			case white:
				visit(p)
			case grey:
				i := slices.Index(stack, p)
				cycle := stack[i:]
				names := make([]string, 0, len(cycle)+1)
				for _, x := range cycle {
					names = append(names, x.Kind.Prefix()+":"+x.ID)
				}
				names = append(names, p.Kind.Prefix()+":"+p.ID)
				for _, x := range cycle {
					c.errs.Errorf(x.At(x.InReplyTo[0].Pos), "in_reply_to makes a cycle (%s): a document cannot answer something that answers it", strings.Join(names, " → "))
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[d] = black
	}
	for _, d := range all {
		if (d.Kind == content.Letter || d.Kind == content.Response) && !d.Translation && color[d] == white {
			visit(d)
		}
	}
}

// translatedTo warns of a recipient a Welsh letter names that its
// original does not: the recipients are the original's, so the Welsh
// page would not show it.
func (c *checker) translatedTo(d *content.Doc) {
	if !d.Translation {
		return
	}
	o := c.g.Site.Get(d.Kind, d.ID)
	if o == nil {
		return
	}
	for _, r := range d.To {
		if !slices.ContainsFunc(o.To, func(x content.Recipient) bool { return x.Org.ID == r.Org.ID }) {
			c.errs.Warnf(d.At(r.Org.Pos), "to: %q is not a recipient of %s, so the Welsh page does not show it (the recipients are the original's): add it there too, or remove it here", r.Org.ID, o.Path)
		}
	}
}
