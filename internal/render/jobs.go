package render

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"runtime/pprof"
	"slices"
	"strings"

	"letterpress/internal/content"
	"letterpress/internal/feeds"
	"letterpress/internal/graph"
	"letterpress/internal/readers"
)

// PerPage is the length of a page of a list.
const PerPage = 50

// OrgPerPage is the length of a page of an organisation's correspondence.
const OrgPerPage = 100

func (r *Renderer) newSite(g *graph.Graph) *Site {
	cfg := g.Config
	// The base path as it is in the base URL, percent-encoded: every
	// absolute URL is the origin (the base URL without it) and a path
	// made with it, so the two must be written alike (a base path
	// of /café/ decoded in one and encoded in the other gave
	// https://example.org/caf%C3%A9//café/).
	s := &Site{
		Title: cfg.Title, Description: cfg.Description, Lang: cfg.Language,
		BaseURL: cfg.BaseURL.String(), BasePath: cfg.BaseURL.EscapedPath(), Now: g.Now, Params: cfg.Params,
	}
	if s.BasePath == "" {
		s.BasePath = "/"
	}
	for _, d := range g.Pages {
		ref := PageRef{Title: d.Title, Path: d.URLPath()}
		s.FooterPages = append(s.FooterPages, ref)
		if d.ID == "about" {
			s.About = &ref
		}
	}
	for _, t := range cfg.Topics {
		s.Topics = append(s.Topics, Topic{ID: t.ID, Label: t.Label, URL: s.BasePath + "topics/" + t.ID + "/", Count: len(g.Topic(t.ID))})
	}
	return s
}

// run is the site-wide state shared by the jobs of one render.
type run struct {
	r    *Renderer
	g    *graph.Graph
	s    *Site
	out  Output
	urls []string // every page's path, for the sitemap
}

func (r *Renderer) page(g *graph.Graph, s *Site, kind, lang, urlPath, title string) *Page {
	p := &Page{Site: s, Lang: lang, Kind: kind, Title: title, g: g, r: r}
	if r.opts.RecordReads {
		p.planned = &pageReads{}
	}
	p.URL = p.URLFor(urlPath)
	p.Canonical = strings.TrimSuffix(s.BaseURL, s.BasePath) + p.URL
	return p
}

// outputName is the file that serves a URL path.
func outputName(urlPath string) string {
	return strings.TrimPrefix(urlPath, "/") + "index.html"
}

func (ru *run) add(jobs *[]job, p *Page, urlPath string) {
	var doc *content.Doc
	if p.Doc != nil {
		doc = p.Doc.Doc
	}
	ru.addLazy(jobs, urlPath, doc, p.NoIndex, func() *Page { return p })
}

// addLazy adds the job of a page that page makes when the job runs: a
// large site's pages, made all at once, held hundreds of megabytes
// before the first was written.
func (ru *run) addLazy(jobs *[]job, urlPath string, doc *content.Doc, noIndex bool, page func() *Page) {
	if !noIndex {
		ru.urls = append(ru.urls, urlPath) // the sitemap lists indexed pages
	}
	name := outputName(urlPath)
	*jobs = append(*jobs, job{name: name, doc: doc, page: page, run: func() error {
		p := page()
		reads := ru.r.recordReads(p, doc)
		var err error
		pprof.Do(context.Background(), pprof.Labels("kind", p.Kind), func(context.Context) {
			err = ru.r.executeTo(p, func(html []byte) error { return ru.out.Write(name, html) })
		})
		reads(name)
		return err
	}})
}

// recordReads starts recording what p's views read, with
// Options.RecordReads, and returns what keeps the record under a job's
// name once the job ran (Reads). Without RecordReads it records nothing.
func (r *Renderer) recordReads(p *Page, own *content.Doc) func(name string) {
	if !r.opts.RecordReads {
		return func(string) {}
	}
	reads := &pageReads{}
	if own != nil {
		reads.docs = append(reads.docs, own)
	}
	// What the plan wrapped before the page recorded: its list's
	// entries, and what else planning it read. A page made when its job
	// runs (addLazy) was not planned with the others: its list's items
	// are added here.
	reads.add(p.planned)
	if p.List != nil {
		for _, it := range p.List.Items {
			reads.docs = append(reads.docs, it.Doc)
		}
	}
	p.reads = reads
	return func(name string) {
		p.reads = nil
		var k readSet
		for _, d := range reads.docs {
			k.at(d)
		}
		for _, d := range reads.bodies {
			k.kept[k.at(d)].Body = true
		}
		r.setReads(name, slices.Clip(k.kept))
	}
}

// readSet is the documents a page read, each once, in the order first
// read: found by a scan while they are few (most pages), by a map after.
type readSet struct {
	kept []readers.Read
	in   map[*content.Doc]int
}

// at returns d's place in s, adding it if it is not there.
func (s *readSet) at(d *content.Doc) int {
	if s.in != nil {
		if i, ok := s.in[d]; ok {
			return i
		}
	} else {
		for i := range s.kept {
			if s.kept[i].Doc == d {
				return i
			}
		}
	}
	s.kept = append(s.kept, readers.Read{Doc: d})
	n := len(s.kept) - 1
	if s.in != nil {
		s.in[d] = n
	} else if n == 32 {
		s.in = make(map[*content.Doc]int, 2*n)
		for i, r := range s.kept {
			s.in[r.Doc] = i
		}
	}
	return n
}

// file adds a job that writes one file that is not a page.
// Such files show no document's entry (setDeps with none): after an edit
// that changes no relation they need not be written again.
func file(jobs *[]job, name string, static bool, write func() ([]byte, error), out Output) {
	*jobs = append(*jobs, job{name: name, static: static, run: func() error {
		if r, ok := out.(*sink); ok {
			r.r.setDeps(name, nil) // write may record some
		}
		data, err := write()
		if err != nil {
			return err
		}
		return out.Write(name, data)
	}})
}

// sink is the Output the jobs of one graph write to; the renderer points it
// at the output of each render, so that the jobs can be reused.
type sink struct {
	r   *Renderer
	out Output
}

func (s *sink) Write(name string, data []byte) error { return s.out.Write(name, data) }

// Create streams a file to the output (see Streamer).
func (s *sink) Create(name string) (io.WriteCloser, error) { return create(s.out, name) }

// jobs lists every file of the site.
func (r *Renderer) jobs(g *graph.Graph, s *Site, out Output) []job {
	ru := &run{r: r, g: g, s: s, out: out}
	r.planning = r.opts.RecordReads
	defer func() { ru.urls, r.planning = nil, false }()
	var jobs []job
	owner := &Page{Site: s, Lang: s.Lang, g: g, r: r}
	s.Owner = owner.wrap(g.Org(g.Config.Owner))

	// Documents, in both languages.
	for _, d := range g.Site.All() {
		if !g.Published(d) {
			continue
		}
		ru.docPages(&jobs, d)
	}

	// Lists.
	ru.listPages(&jobs, "letters", "/letters/", text.T(s.Lang, "letters"), "", g.Letters)
	ru.listPages(&jobs, "responses", "/responses/", text.T(s.Lang, "responses"), "", g.Responses)
	ru.listPages(&jobs, "reports", "/reports/", text.T(s.Lang, "reports"), "", g.Reports)
	ru.listPages(&jobs, "awaiting", "/awaiting-reply/", text.T(s.Lang, "awaiting"), text.T(s.Lang, "awaiting-intro"), awaitingLetters(g))
	for _, t := range g.Config.Topics {
		tp := Topic{ID: t.ID, Label: t.Label, URL: s.BasePath + "topics/" + t.ID + "/"}
		ru.listPages(&jobs, "topics", "/topics/"+t.ID+"/", t.Label, text.T(s.Lang, "topic-intro"), g.Topic(t.ID), func(p *Page) { p.Topic = &tp })
	}
	tp := r.page(g, s, "topics", s.Lang, "/topics/", text.T(s.Lang, "topics"))
	tp.Section = "topics"
	ru.add(&jobs, tp, "/topics/")
	ru.orgTables(&jobs)
	for _, sec := range sections {
		sec.jobs(ru, &jobs)
	}

	home := r.page(g, s, "home", s.Lang, "/", s.Title)
	home.Section = "home"
	home.Description = s.Description
	home.Feed = home.URLFor("/feed.xml")
	home.Home = homeData(home, g)
	ru.add(&jobs, home, "/")

	nf := r.page(g, s, "404", s.Lang, "/404.html", text.T(s.Lang, "not-found"))
	nf.NoIndex = true
	file(&jobs, "404.html", false, func() ([]byte, error) { return r.execute(nf) }, out)

	// Feeds, sitemap, robots.txt, redirects, static files.
	file(&jobs, "feed.xml", false, func() ([]byte, error) {
		docs := feeds.Latest(g.Letters, g.Responses)
		r.setDeps("feed.xml", readers.Docs(docs, false))
		return feeds.Atom(feedSite(s), s.Title, "/feed.xml", "/", atomEntries(owner, docs)), nil
	}, out)
	for _, o := range g.Organisations {
		name := "organisations/" + o.ID + "/feed.xml"
		jobs = append(jobs, job{name: name, doc: o, run: func() error {
			p := &Page{Site: s, Lang: s.Lang, g: g, r: r}
			reads := r.recordReads(p, o)
			defer reads(name)
			docs := feeds.Latest(g.Correspondence(o))
			return out.Write(name, feeds.Atom(feedSite(s), s.Title+": "+o.Label(), "/"+name, o.URLPath(), atomEntries(p, docs)))
		}})
	}
	urls := ru.urls
	for _, name := range feeds.SitemapNames(len(urls)) {
		jobs = append(jobs, job{name: name})
	}
	jobs[len(jobs)-1].run = func() error {
		r.setDeps("sitemap.xml", nil) // the list of pages changes only with relations
		return feeds.WriteSitemaps(feedSite(s), urls, out.Write)
	}
	file(&jobs, "robots.txt", false, func() ([]byte, error) {
		return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.BaseURL + "sitemap.xml\n"), nil
	}, out)
	file(&jobs, "_redirects", false, func() ([]byte, error) { return feeds.Redirects(g, s.BasePath), nil }, out)
	withheld := withheldFiles(g)
	for name, src := range r.static.Files {
		if withheld[name] {
			continue
		}
		file(&jobs, name, true, src.Read, out)
	}
	for name, data := range r.static.Hashed {
		file(&jobs, name, true, func() ([]byte, error) { return data, nil }, out)
	}
	return jobs
}

// withheldFiles are the static files (by path under static/) that only
// withheld replies attach: a reply's attachment is often its scanned
// original, which withholding the reply withholds too. A file that a
// published document also attaches, or a report's file, is published.
func withheldFiles(g *graph.Graph) map[string]bool {
	var drop map[string]bool
	for _, d := range g.Site.All() {
		if len(d.Attachments) > 0 && g.Withheld(d) != "" {
			if drop == nil {
				drop = map[string]bool{}
			}
			for _, a := range d.Attachments {
				drop[a.File] = true
			}
		}
	}
	if drop == nil {
		return nil
	}
	for _, d := range g.Site.All() {
		if !g.Published(d) || g.Withheld(d) != "" {
			continue
		}
		for _, a := range d.Attachments {
			delete(drop, a.File)
		}
		if d.File != "" {
			delete(drop, d.File)
		}
	}
	return drop
}

// docPages adds the page of one document (and, for an organisation, the
// further pages of its correspondence).
func (ru *run) docPages(jobs *[]job, d *content.Doc) {
	if d.Kind != content.Organisation {
		ru.addLazy(jobs, d.URLPath(), d, false, func() *Page { return ru.docPage(d) })
		return
	}
	g, s := ru.g, ru.s
	lang := d.Lang
	p := ru.docPage(d)
	p.Feed = p.URLFor("/organisations/" + d.ID + "/feed.xml")
	items := g.Correspondence(d)
	n := max(1, (len(items)+OrgPerPage-1)/OrgPerPage)
	for i := range n {
		pp := p
		if i > 0 {
			cp := *p
			pp = &cp
			if p.planned != nil {
				pp.planned = &pageReads{} // what this page's plan reads
			}
			pp.URL = p.URLFor(d.URLPath() + fmt.Sprintf("page/%d/", i+1))
			pp.Canonical = strings.TrimSuffix(s.BaseURL, s.BasePath) + pp.URL
			pp.Title = fmt.Sprintf("%s (%s)", p.Title, text.T(lang, "page-n-of", i+1, n))
			pp.Alternates = nil
			// Its own view of the document: a view records what it
			// reads on its page (Page.read).
			pp.Doc = pp.wrap(d)
		}
		pp.List = pagination(pp, items[i*OrgPerPage:min(len(items), (i+1)*OrgPerPage)], i+1, n, len(items), d.URLPath())
		if i == 0 {
			ru.add(jobs, pp, d.URLPath())
		} else {
			ru.add(jobs, pp, d.URLPath()+fmt.Sprintf("page/%d/", i+1))
		}
	}
}

// docPage is the page of a document (the first of an organisation's).
func (ru *run) docPage(d *content.Doc) *Page {
	g, s := ru.g, ru.s
	p := ru.r.page(g, s, d.Kind.String(), d.Lang, d.URLPath(), g.Title(d))
	p.Doc = p.wrap(d)
	p.Draft = d.Draft
	p.Section = map[content.Kind]string{content.Letter: "letters", content.Response: "responses", content.Report: "reports", content.Organisation: "organisations"}[d.Kind]
	if t := g.Site.Translation(d); t != nil && g.Published(t) {
		p.Alternates = []Alternate{{d.Lang, p.URLFor(d.URLPath())}, {t.Lang, p.URLFor(t.URLPath())}}
	} else if d.Translation {
		if o := g.Site.Get(d.Kind, d.ID); o != nil {
			p.Alternates = []Alternate{{o.Lang, p.URLFor(o.URLPath())}, {d.Lang, p.URLFor(d.URLPath())}}
		}
	}
	return p
}

// listPages adds a paginated list: base, base/page/2/, ...
func (ru *run) listPages(jobs *[]job, section, base, title, intro string, items []*content.Doc, extra ...func(*Page)) {
	n := max(1, (len(items)+PerPage-1)/PerPage)
	for i := range n {
		urlPath := base
		t := title
		if i > 0 {
			urlPath = fmt.Sprintf("%spage/%d/", base, i+1)
			t = fmt.Sprintf("%s (%s)", title, text.T(ru.s.Lang, "page-n-of", i+1, n))
		}
		p := ru.r.page(ru.g, ru.s, "list", ru.s.Lang, urlPath, t)
		p.Section = section
		p.List = pagination(p, items[i*PerPage:min(len(items), (i+1)*PerPage)], i+1, n, len(items), base)
		p.List.Intro = intro
		for _, f := range extra {
			f(p)
		}
		ru.add(jobs, p, urlPath)
	}
}

// pagination fills a List with one page of items and the links to others.
func pagination(p *Page, items []*content.Doc, num, count, total int, base string) *List {
	l := &List{Items: p.wrapAll(items), PageNum: num, PageCount: count, Total: total}
	url := func(n int) string {
		if n == 1 {
			return p.URLFor(base)
		}
		return p.URLFor(fmt.Sprintf("%spage/%d/", base, n))
	}
	if num > 1 {
		l.Prev = url(num - 1)
	}
	if num < count {
		l.Next = url(num + 1)
	}
	if count > 1 {
		last := 0
		for n := 1; n <= count; n++ {
			if n == 1 || n == count || (n >= num-2 && n <= num+2) {
				if last != 0 && n != last+1 {
					l.Pages = append(l.Pages, PageLink{Gap: true})
				}
				l.Pages = append(l.Pages, PageLink{Num: n, URL: url(n), Current: n == num})
				last = n
			}
		}
	}
	return l
}

// awaitingLetters are the letters with a recipient still to reply: overdue
// first (most overdue first), then by the date the reply is due.
func awaitingLetters(g *graph.Graph) []*content.Doc {
	type entry struct {
		d        *content.Doc
		late     int
		overdue  bool
		dueOrder int64
	}
	var es []entry
	for _, l := range g.Letters {
		if l.Draft {
			continue
		}
		e := entry{d: l, late: -1}
		pending := false
		for _, st := range g.Statuses(l) {
			switch st.Status {
			case graph.Overdue:
				pending, e.overdue = true, true
				e.late = max(e.late, st.DaysLate)
			case graph.Awaiting:
				pending = true
			}
		}
		if pending {
			e.dueOrder = g.Due(l).Unix()
			es = append(es, e)
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		if a.overdue != b.overdue {
			if a.overdue {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.late, a.late), cmp.Compare(a.dueOrder, b.dueOrder), cmp.Compare(a.d.ID, b.d.ID))
	})
	out := make([]*content.Doc, len(es))
	for i, e := range es {
		out[i] = e.d
	}
	return out
}

// orgTables adds the organisations list, once per sort order, so that the
// table can be sorted without JavaScript.
func (ru *run) orgTables(jobs *[]job) {
	g, s := ru.g, ru.s
	type view struct {
		key, label string
		less       func(a, b *content.Doc) int
	}
	rec := g.Record
	byName := func(a, b *content.Doc) int {
		return strings.Compare(strings.ToLower(a.Label()), strings.ToLower(b.Label()))
	}
	views := []view{
		{"", "by-name", byName},
		{"by-letters", "by-letters", func(a, b *content.Doc) int {
			return cmp.Or(cmp.Compare(rec(b).Received, rec(a).Received), byName(a, b))
		}},
		// Shares are of the letters due: those with none due come last,
		// and of equal shares, the one over more letters comes first.
		{"by-reply-rate", "by-reply-rate", func(a, b *content.Doc) int {
			ra, rb := rec(a), rec(b)
			if (ra.Due == 0) != (rb.Due == 0) {
				return cmp.Compare(ra.Due, rb.Due) * -1
			}
			return cmp.Or(cmp.Compare(rb.ReplyRate(), ra.ReplyRate()), cmp.Compare(rb.Due, ra.Due), byName(a, b))
		}},
		{"by-in-time", "by-in-time", func(a, b *content.Doc) int {
			ra, rb := rec(a), rec(b)
			if (ra.Due == 0) != (rb.Due == 0) {
				return cmp.Compare(ra.Due, rb.Due) * -1
			}
			return cmp.Or(cmp.Compare(rb.InTimeRate(), ra.InTimeRate()), cmp.Compare(rb.Due, ra.Due), byName(a, b))
		}},
		{"by-median", "by-median", func(a, b *content.Doc) int {
			ma, mb := rec(a).MedianDays, rec(b).MedianDays
			if (ma < 0) != (mb < 0) {
				return cmp.Compare(ma, mb) * -1
			}
			return cmp.Or(cmp.Compare(mb, ma), byName(a, b))
		}},
		{"by-overdue", "by-overdue", func(a, b *content.Doc) int {
			return cmp.Or(cmp.Compare(rec(b).Overdue, rec(a).Overdue), byName(a, b))
		}},
	}
	for _, v := range views {
		urlPath := "/organisations/"
		if v.key != "" {
			urlPath += v.key + "/"
		}
		title := text.T(s.Lang, "organisations")
		if v.key != "" {
			title += " (" + text.T(s.Lang, "sorted-by", text.T(s.Lang, v.label)) + ")"
		}
		p := ru.r.page(g, s, "organisations", s.Lang, urlPath, title)
		p.Section = "organisations"
		rows := slices.Clone(g.Organisations)
		slices.SortStableFunc(rows, v.less)
		t := &OrgTable{Rows: p.wrapAll(rows), Sort: v.key}
		for _, o := range views {
			u := "/organisations/"
			if o.key != "" {
				u += o.key + "/"
			}
			t.Views = append(t.Views, SortView{Key: o.key, Label: text.T(s.Lang, o.label), URL: p.URLFor(u), Current: o.key == v.key})
		}
		p.Orgs = t
		if v.key != "" {
			p.NoIndex = true // the same table, sorted; the canonical view is indexed
			p.Canonical = strings.TrimSuffix(s.BaseURL, s.BasePath) + p.URLFor("/organisations/")
		}
		ru.add(jobs, p, urlPath)
	}
}

// homeData counts what the home page shows.
func homeData(p *Page, g *graph.Graph) *Home {
	h := &Home{Letters: len(g.Letters), Responses: len(g.Responses), Reports: len(g.Reports), Orgs: len(g.Organisations)}
	for _, r := range g.Responses {
		if g.Withheld(r) != "" {
			h.Withheld++
		}
	}
	aw := awaitingLetters(g)
	h.AwaitingN = len(aw)
	for _, l := range aw {
		for _, st := range g.Statuses(l) {
			if st.Status == graph.Overdue {
				h.OverdueN++
				break
			}
		}
	}
	shown := aw[:min(len(aw), 5)]
	h.Awaiting = p.wrapAll(shown)
	// The latest correspondence, less the letters just listed as awaiting.
	var rest []*content.Doc
	for _, d := range feeds.Latest(g.Letters, g.Responses) {
		if slices.Contains(shown, d) {
			h.LatestOthers = true
			continue
		}
		if len(rest) < 10 {
			rest = append(rest, d)
		}
	}
	h.Latest = p.wrapAll(rest)
	return h
}

// feedSite is the site as its feeds and sitemaps say it.
func feedSite(s *Site) feeds.Site {
	site := feeds.Site{BaseURL: s.BaseURL, BasePath: s.BasePath, Lang: s.Lang, Author: s.Title, Now: s.Now}
	if s.Owner != nil {
		site.Author = s.Owner.Label()
	}
	return site
}

// atomEntries are docs as an Atom feed in p's language has them.
func atomEntries(p *Page, docs []*content.Doc) []feeds.Entry {
	out := make([]feeds.Entry, len(docs))
	for i, d := range docs {
		w := p.wrap(d)
		out[i] = feeds.Entry{URL: w.URL(), Title: w.Title(), Date: d.Date, Kind: d.Kind.String(), KindLabel: w.KindLabel(), Summary: w.SummaryText()}
		if o := w.Sender(); o != nil {
			out[i].Authors = []string{o.Label()}
		}
	}
	return out
}
