package render

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"letterpress/internal/addressee"
	"letterpress/internal/content"
	"letterpress/internal/graph"
	"letterpress/internal/i18n"
)

// Site is what every template knows of the site.
type Site struct {
	Title       string
	Description string
	Lang        string
	BaseURL     string // absolute, ending in "/"
	BasePath    string // the path part of BaseURL, percent-encoded as there, ending in "/"
	Owner       *Doc
	Topics      []Topic
	Now         time.Time
	Params      map[string]any
	// FooterPages are the site's plain pages, linked from every footer.
	FooterPages []PageRef
	// About is the about page, if the site has one.
	About *PageRef
}

// PageRef is a link to a plain page.
type PageRef struct {
	Title, Path string
}

// Topic is a topic with its page.
type Topic struct {
	ID, Label, URL string
	Count          int
	// Lang is the language of the label and of the topic's page (the
	// site's) where it is not the page's: "" where they agree.
	Lang string
}

// Alternate is the same page in another language.
type Alternate struct {
	Lang, URL string
}

// Page is the data of every template: the page being rendered and the
// site. Exactly one of Doc, List, Home and Orgs is set, by page type.
type Page struct {
	Site        *Site
	Lang        string
	Title       string
	Description string
	URL         string // this page's path, with the base path
	Canonical   string // absolute URL
	Alternates  []Alternate
	Section     string // the main navigation item this page belongs to
	Kind        string // template name: letter, response, list, ...
	Draft       bool
	Feed        string // the Atom feed for this page, if any
	Doc         *Doc
	List        *List
	Home        *Home
	Orgs        *OrgTable
	Topic       *Topic
	// Data is the page's own data, for page types added by a section
	// (statistics, open data, search).
	Data    any
	NoIndex bool
	// reads, when the render records them (Options.RecordReads), are the
	// documents the page's views read (see read); planned those read
	// while the page was planned (its list's entries, its own document),
	// which every render of it reads again.
	reads, planned *pageReads
	g              *graph.Graph
	r              *Renderer
}

// MetaDescription is the page's description for search engines: set for
// lists, a document's summary for its page (computed when the page is
// rendered, since a body edit can change it).
func (p *Page) MetaDescription() string {
	if p.Description != "" {
		return p.Description
	}
	if p.Doc != nil {
		return p.Doc.SummaryText()
	}
	return ""
}

// T returns interface text in the page's language.
func (p *Page) T(key string, args ...any) string { return text.T(p.Lang, key, args...) }

// TN is TN in the page's language: the text for key in the plural form n
// takes.
func (p *Page) TN(key string, n int, args ...any) string { return text.TN(p.Lang, key, n, args...) }

// Date formats a date in the page's language.
func (p *Page) Date(t time.Time) string { return i18n.FormatDate(p.Lang, t) }

// ISODate formats a date for a <time datetime> attribute.
func (p *Page) ISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// Asset returns the content-hashed URL of a file under static/.
func (p *Page) Asset(name string) string { return p.URLFor("/" + p.r.static.URL(name)) }

// Head is extra markup for <head> (the preview server's reload script).
func (p *Page) Head() template.HTML { return p.r.opts.Head }

// Abs makes a site path absolute, for canonical and hreflang links.
func (p *Page) Abs(path string) string {
	return strings.TrimSuffix(p.Site.BaseURL, p.Site.BasePath) + path
}

// URLFor returns the path of another page of the site, with the base path.
func (p *Page) URLFor(path string) string {
	return p.Site.BasePath + strings.TrimPrefix(path, "/")
}

// SectionRoot reports whether the page is its section's own page
// (/letters/, not /letters/page/2/ nor a letter): the main navigation
// marks it aria-current="page" rather than "true".
func (p *Page) SectionRoot() bool {
	seg := p.Section
	if seg == "awaiting" {
		seg = "awaiting-reply"
	}
	return p.URL == p.URLFor("/"+seg+"/")
}

// LangURL returns the path of a page of the site in this page's language.
func (p *Page) LangURL(path string) string {
	if p.Lang != p.Site.Lang && p.Lang == "cy" {
		return p.URLFor("/cy" + path)
	}
	return p.URLFor(path)
}

// List is a paginated list of documents.
type List struct {
	Items      []*Doc
	Intro      string
	PageNum    int
	PageCount  int
	Total      int
	Prev, Next string
	Pages      []PageLink
}

// PageLink is one entry of a list's page navigation.
type PageLink struct {
	Num     int
	URL     string
	Current bool
	Gap     bool // an ellipsis between page numbers
}

// Home is the data of the home page.
type Home struct {
	Latest   []*Doc
	Awaiting []*Doc
	// LatestOthers: Latest leaves out the letters listed under Awaiting
	// (a site with few letters would list them twice).
	LatestOthers bool
	Letters      int
	Responses    int // replies received, published or not
	Withheld     int // of Responses, those not published
	Reports      int
	Orgs         int
	AwaitingN    int
	OverdueN     int
	Introduction template.HTML // the about page's body, if the site has one
}

// OrgTable is one sorted view of the organisations list.
type OrgTable struct {
	Rows  []*Doc
	Sort  string // the key of this view
	Views []SortView
}

// SortView is a link to the organisations list sorted another way.
type SortView struct {
	Key, Label, URL string
	Current         bool
}

// Doc is a document as templates see it, with its relations resolved in
// the page's language.
type Doc struct {
	*content.Doc
	page       *Page
	recipients []Recipient // memo of Recipients
}

func (p *Page) wrap(d *content.Doc) *Doc {
	if d == nil {
		return nil
	}
	p.read(d)
	return &Doc{Doc: d, page: p}
}

// read records that the page shows something of d, when the render
// records what each page read (Options.RecordReads). Every document a
// layout can reach goes through the views of this file (wrap, and the
// other language's version in localised and Reference), in html/template
// and in the compiled renderer alike.
func (p *Page) read(d *content.Doc) {
	switch {
	case d == nil:
	case p.reads != nil:
		p.reads.docs = append(p.reads.docs, d)
	case p.planned != nil && p.r.planning:
		p.planned.docs = append(p.planned.docs, d)
	}
}

// pageReads are the documents a page read (Page.read), and those whose
// body it read (Doc.Body, AppendBody).
type pageReads struct {
	docs, bodies []*content.Doc
}

// since returns a copy of what was read after mark (a mark).
func (pr *pageReads) since(m readMark) *pageReads {
	return &pageReads{docs: slices.Clone(pr.docs[m.docs:]), bodies: slices.Clone(pr.bodies[m.bodies:])}
}

// readMark is how far a page's reads went, for since.
type readMark struct{ docs, bodies int }

func (pr *pageReads) mark() readMark { return readMark{len(pr.docs), len(pr.bodies)} }

// add records on the page what a cached piece of it read when it was
// made (for another page, or this one).
func (pr *pageReads) add(o *pageReads) {
	if pr != nil && o != nil {
		pr.docs = append(pr.docs, o.docs...)
		pr.bodies = append(pr.bodies, o.bodies...)
	}
}

// readsOf returns the reads of the page a partial's data belongs to: the
// views in it record their reads there. ok is false where a partial's
// output, made while reads are recorded, may not be cached: for a page
// that records none, or data of a kind the default layouts do not give a
// partial (a site's own layout may give anything).
func readsOf(data any) (reads *pageReads, ok bool) {
	var p *Page
	switch v := data.(type) {
	case *Page:
		p = v
	case *Doc:
		if v != nil {
			p = v.page
		}
	case Recipient:
		if v.Org == nil {
			return nil, true // an addressee without an organisation reads no document
		}
		p = v.Org.page
	case map[string]any:
		p, _ = v["Page"].(*Page)
	}
	if p == nil || p.reads == nil {
		return nil, false
	}
	return p.reads, true
}

func (p *Page) wrapAll(ds []*content.Doc) []*Doc {
	out := make([]*Doc, len(ds))
	for i, d := range ds {
		out[i] = p.wrap(d)
	}
	return out
}

// localised returns the version of d in the page's language, if it has one.
func (d *Doc) localised() *content.Doc {
	p := d.page
	if p.Lang == "cy" && !d.Doc.Translation {
		if t := p.g.Site.Translation(d.Doc); t != nil && p.g.Published(t) {
			p.read(t)
			return t
		}
	}
	return d.Doc
}

// langAttr is the language of v, a version of d, where it is not the
// page's ("" where it is).
func (d *Doc) langAttr(v *content.Doc) string {
	if l := v.Lang; l != "" && l != d.page.Lang {
		return l
	}
	return ""
}

// Title is the document's title (in the page's language where a Welsh
// version exists), or a response's default title.
func (d *Doc) Title() string { return d.page.g.Title(d.localised()) }

// URL is the path of the document's page, in the page's language.
func (d *Doc) URL() string { return d.page.URLFor(d.localised().URLPath()) }

// Label is an organisation's name (in the page's language, where it has a
// Welsh version), or any other document's title.
func (d *Doc) Label() string {
	l := d.localised()
	if l.Kind == content.Organisation && l.Name != "" {
		return l.Name
	}
	return d.page.g.Title(l)
}

// KindLabel names the document's kind in the page's language.
func (d *Doc) KindLabel() string {
	return text.T(d.page.Lang, d.Kind.String())
}

// KindName is the kind as a CSS class and data value: letter, response, ...
func (d *Doc) KindName() string { return d.Kind.String() }

// DateText is the document's date in the page's language.
func (d *Doc) DateText() string {
	v := d.dated()
	if v.Date.IsZero() && v.Year > 0 {
		return itoa(v.Year)
	}
	return i18n.FormatDate(d.page.Lang, v.Date)
}

// ISODate is the date for a <time datetime> attribute.
func (d *Doc) ISODate() string {
	v := d.dated()
	if v.Date.IsZero() {
		if v.Year > 0 {
			return itoa(v.Year)
		}
		return ""
	}
	return v.Date.Format(time.DateOnly)
}

// Body is the rendered Markdown.
func (d *Doc) Body() template.HTML { return template.HTML(d.bodyBytes()) }

// bodyBytes is Body as bytes.
func (d *Doc) bodyBytes() []byte {
	if d.page.reads != nil {
		d.page.reads.bodies = append(d.page.reads.bodies, d.Doc)
	}
	if b := d.page.g.Body(d.Doc); b != nil {
		return b.Bytes()
	}
	return nil
}

// AppendBody appends Body to b, without a string of its own (nor a copy,
// when the body waits in a spill file): the compiled renderer writes
// {{.Body}} with it.
func (d *Doc) AppendBody(b []byte) []byte {
	if d.page.reads != nil {
		d.page.reads.bodies = append(d.page.reads.bodies, d.Doc)
	}
	if r := d.page.g.Body(d.Doc); r != nil {
		return r.AppendBytes(b)
	}
	return b
}

// SummaryText is the summary field, or the first paragraph of the body
// that is not a salutation.
// A withheld reply has none: a summary says what the body says.
func (d *Doc) SummaryText() string {
	if d.Withheld() != "" {
		return ""
	}
	l := d.localised()
	if l.Summary != "" {
		return l.Summary
	}
	if b := d.page.g.Body(l); b != nil {
		return b.Summary
	}
	return ""
}

// Summary is the summary field, empty for a withheld reply: it stands, for
// templates, for the field (a site's layout may show it rather than
// SummaryText).
func (d *Doc) Summary() string {
	if d.Withheld() != "" {
		return ""
	}
	return d.Doc.Summary
}

// Withheld is why a reply is not published ("" if it is), in the page's
// language where that version gives its own reason. A reply withheld in
// either language is withheld in both. (It stands, for templates, for the
// withheld field of the document's front matter.)
func (d *Doc) Withheld() string {
	g := d.page.g
	if w := g.Withheld(d.localised()); w != "" {
		return w
	}
	return g.Withheld(d.Doc)
}

// Attachments are the files published with a letter or reply (a Welsh
// version's own, else the original's: see versions.go): none for a
// withheld reply, whose attachment is often its scanned original (and
// whose files are not published: see withheldFiles).
func (d *Doc) Attachments() []content.Attachment {
	if d.Withheld() != "" {
		return nil
	}
	return d.giver(fields["attachments"]).Attachments
}

// Org is the organisation with the given id.
func (d *Doc) Org(id string) *Doc { return d.page.wrap(d.page.g.Org(id)) }

// Sender is the organisation that sent a letter or a reply.
func (d *Doc) Sender() *Doc { return d.Org(d.From.ID) }

// Recipient is one addressee of a letter with their reply status.
type Recipient struct {
	Org      *Doc
	Name     string
	Role     string // as the version of the letter shown gives it, else as the original does
	RoleLang string // the role's language where it is not the page's (an English role on a Welsh letter)
	Status   string // replied, withheld, awaiting, overdue; "" on a draft
	Label    string // the status in words ("" on a draft)
	Detail   string // "replied in 12 days", "over 2 months overdue, due ..."
	Reply    *Doc
	Withheld string
	Days     int
	Due      time.Time
}

// AddressLine is one line of an addressee's block, with the language it
// is in where that is not the page's (an English organisation's name and
// address on a Welsh letter). It prints as its text.
type AddressLine struct {
	Text string
	Lang string // "" when in the page's language
}

func (l AddressLine) String() string { return l.Text }

// AddressLines are the lines of the addressee's block on the letter:
// name, role, organisation and address, each said once (see package
// addressee). The name and role are the letter's, in its language; the
// organisation's lines are in the language of the version shown.
func (r Recipient) AddressLines() []AddressLine {
	var org, orgLang, addressLang string
	var address []string
	if r.Org != nil {
		org, orgLang = r.Org.Label(), r.Org.LangAttr()
		address, addressLang = r.Org.Address(), r.Org.FieldLang("address")
	}
	lines, mine := addressee.Lines(r.Name, r.Role, org, address)
	out := make([]AddressLine, len(lines))
	for i, l := range lines {
		out[i].Text = l
		switch {
		case i < mine:
			if l == r.Role && (i > 0 || r.Name == "") {
				out[i].Lang = r.RoleLang
			}
		case i == mine && l == org:
			out[i].Lang = orgLang
		default:
			out[i].Lang = addressLang
		}
	}
	return out
}

// Recipients lists a letter's addressees with their reply status.
func (d *Doc) Recipients() []Recipient {
	if d.recipients != nil {
		return d.recipients
	}
	d.recipients = d.recipients0()
	return d.recipients
}

func (d *Doc) recipients0() []Recipient {
	p := d.page
	sts := p.g.Statuses(d.Doc)
	out := make([]Recipient, 0, len(sts))
	// The statuses are the original's, with its addressees; a Welsh
	// version shown may name them and their roles in its own words.
	v, orig := d.localised(), d.original()
	for _, st := range sts {
		r := Recipient{Org: p.wrap(st.Org), Name: st.Recipient.Name, Role: st.Recipient.Role, Status: st.Name(), Days: st.Days, Due: st.Due}
		roleFrom := orig
		if v != orig {
			// (An organisation is listed once: see the graph's checks.)
			if i := slices.IndexFunc(v.To, func(m content.Recipient) bool { return m.Org.ID == st.Org.ID }); i >= 0 {
				r.Name = cmp.Or(v.To[i].Name, r.Name)
				if v.To[i].Role != "" {
					r.Role, roleFrom = v.To[i].Role, v
				}
			}
		}
		if r.Role != "" {
			r.RoleLang = d.langAttr(roleFrom)
		}
		if st.Status != graph.None {
			r.Label = p.T("status-" + st.Name())
		}
		switch st.Status {
		case graph.Replied, graph.Withheld:
			r.Reply = p.wrap(st.Reply)
			r.Detail = p.T("replied-after", i18n.Elapsed(p.Lang, d.Date, st.Reply.Date))
			if st.Status == graph.Withheld {
				r.Withheld = r.Reply.Withheld()
			}
		case graph.Awaiting:
			r.Detail = p.T("due-on", p.Date(st.Due))
		case graph.Overdue:
			r.Detail = p.T("overdue-for", i18n.Elapsed(p.Lang, st.Due, p.g.Now), p.Date(st.Due))
		}
		out = append(out, r)
	}
	return out
}

// statusOrder is the order in which a list entry counts a letter's
// statuses.
var statusOrder = [...]string{string(graph.Replied), string(graph.Withheld), "long-overdue", string(graph.Overdue), string(graph.Awaiting)}

// StatusCount is how many recipients of a letter are in one status.
type StatusCount struct {
	Status string
	Text   string
}

// StatusCounts sums up a letter's reply statuses for lists: the status
// word for a single recipient, counts for several.
func (d *Doc) StatusCounts() []StatusCount {
	// From the statuses alone: a list entry needs no recipient's details
	// (a batch letter has forty).
	sts := d.page.g.Statuses(d.Doc)
	if len(sts) == 0 || sts[0].Status == graph.None {
		return nil // a draft
	}
	if len(sts) == 1 {
		return []StatusCount{{sts[0].Name(), d.page.T("status-" + sts[0].Name())}}
	}
	var out []StatusCount
	for _, name := range statusOrder {
		n := 0
		for i := range sts {
			if sts[i].Name() == name {
				n++
			}
		}
		if n > 0 {
			out = append(out, StatusCount{name, strconv.Itoa(n) + " " + strings.ToLower(text.T(d.page.Lang, "status-"+name))})
		}
	}
	return out
}

// StatusLine is a letter's reply status in a line, for the top of its
// page: Status is the one its recipients share, or the one that matters
// most (overdue, then awaiting); Text says it ("Replied in 12 days",
// "Awaiting reply, due 12 January 2021", "2 of 5 replied, 3 overdue").
type StatusLine struct {
	Status, Text string
}

// StatusLine sums up a letter's reply status (nil for a draft, which has
// none).
func (d *Doc) StatusLine() *StatusLine {
	p := d.page
	sts := p.g.Statuses(d.Doc)
	if len(sts) == 0 || sts[0].Status == graph.None {
		return nil
	}
	lang := p.Lang
	if len(sts) == 1 {
		st := sts[0]
		p.read(st.Reply) // its date
		switch st.Status {
		case graph.Replied:
			return &StatusLine{string(st.Status), text.T(lang, "line-replied", i18n.Elapsed(lang, d.Date, st.Reply.Date))}
		case graph.Withheld:
			return &StatusLine{string(st.Status), text.T(lang, "line-withheld", i18n.Elapsed(lang, d.Date, st.Reply.Date))}
		case graph.Awaiting:
			return &StatusLine{string(st.Status), text.T(lang, "line-awaiting", p.Date(st.Due))}
		default:
			if st.Long {
				return &StatusLine{st.Name(), text.T(lang, "line-long-overdue", i18n.Elapsed(lang, st.Due, p.g.Now), p.Date(st.Due))}
			}
			return &StatusLine{string(st.Status), text.T(lang, "line-overdue", i18n.Elapsed(lang, st.Due, p.g.Now), p.Date(st.Due))}
		}
	}
	var replied, withheld, awaiting, overdue, long int
	for _, st := range sts {
		switch st.Status {
		case graph.Replied:
			replied++
		case graph.Withheld:
			replied++
			withheld++
		case graph.Awaiting:
			awaiting++
		case graph.Overdue:
			overdue++
			if st.Long {
				long++
			}
		}
	}
	l := &StatusLine{Status: string(graph.Replied)}
	if replied == len(sts) {
		l.Text = text.TN(lang, "line-all-replied", len(sts))
		if withheld == len(sts) {
			l.Status = string(graph.Withheld)
		}
	} else {
		l.Text = text.TN(lang, "line-n-of-replied", replied, len(sts))
	}
	if withheld > 0 && withheld < len(sts) {
		l.Text += text.TN(lang, "line-n-withheld", withheld)
	}
	switch {
	case overdue > 0:
		l.Status = string(graph.Overdue)
		switch long {
		case 0:
			l.Text += text.TN(lang, "line-n-overdue", overdue)
		case overdue:
			l.Status = "long-overdue"
			l.Text += text.TN(lang, "line-n-all-long-overdue", overdue)
		default:
			l.Status = "long-overdue"
			l.Text += text.TN(lang, "line-n-overdue", overdue) + text.TN(lang, "line-n-long-overdue", long)
		}
	case awaiting > 0:
		l.Status = string(graph.Awaiting)
		l.Text += text.TN(lang, "line-n-awaiting", awaiting, p.Date(sts[0].Due))
	}
	return l
}

// Reference is a letter's reference (the office's own, such as
// IASC/2020/041): its reference field, which the Welsh version may give
// in its own words.
func (d *Doc) Reference() string {
	if r := d.localised().Reference; r != "" {
		return r
	}
	if d.Translation {
		if o := d.page.g.Site.Get(d.Kind, d.ID); o != nil {
			d.page.read(o)
			return o.Reference
		}
	}
	return d.Doc.Reference
}

// PublisherOrg is the organisation a report's publisher names (by id or
// name), for a link to its page; nil when it names none.
func (d *Doc) PublisherOrg() *Doc { return d.page.wrap(d.page.g.Publisher(d.Doc)) }

// ReplyTiming says how long a reply took to answer letter and whether it
// came within the time allowed ("Replied 11 days after the letter, within
// the 28 days allowed"); "" when its sender was not one of the letter's
// recipients, or the letter is a draft. The reply is timed by when it
// arrived (its received date, else its own), as the figures count it.
func (d *Doc) ReplyTiming(letter *Doc) string {
	p := d.page
	var due time.Time
	for _, st := range p.g.Statuses(letter.Doc) {
		if st.Recipient.Org.ID == d.From.ID && st.Status != graph.None {
			due = st.Due
			break
		}
	}
	at := graph.Arrived(d.Doc)
	if due.IsZero() || at.IsZero() || letter.Date.IsZero() {
		return ""
	}
	lang := p.Lang
	took := i18n.Elapsed(lang, letter.Date, at)
	if at.After(due) {
		return text.T(lang, "timing-late", took, i18n.Elapsed(lang, due, at), p.Date(due))
	}
	if !at.After(letter.Date) {
		took = "" // the same day
	}
	allowed := AllowedText(lang, p.g.Allowed(letter.Doc))
	if allowed != "" {
		// "within the 28 days allowed", "within the 20 working days allowed"
		if took == "" {
			return text.T(lang, "timing-same-day", allowed)
		}
		return text.T(lang, "timing-in-time", took, allowed)
	}
	if took == "" {
		return text.T(lang, "timing-same-day-due", p.Date(due))
	}
	return text.T(lang, "timing-in-time-due", took, p.Date(due))
}

// AllowedText says the time a letter allows for a reply: "28 days", "20
// working days"; "" when the letter sets its own date (response_due).
func AllowedText(lang string, a graph.Allowance) string {
	switch {
	case a.Explicit:
		return ""
	case a.WorkingDays:
		return text.TN(lang, "n-working-days", a.Days)
	}
	return text.TN(lang, "n-days", a.Days)
}

// DueRule is when a reply to a letter is due and by what rule, for the
// letter's summary list.
type DueRule struct {
	ISODate, Date string
	// Rule is the time allowed after the letter ("20 working days after
	// the letter"), "" when the letter sets its own date.
	Rule string
}

// DueRule is nil for a draft, which has no reply status, and for other
// kinds of document.
func (d *Doc) DueRule() *DueRule {
	if d.Kind != content.Letter || d.Date.IsZero() {
		return nil
	}
	p := d.page
	sts := p.g.Statuses(d.Doc)
	if len(sts) == 0 || sts[0].Status == graph.None {
		return nil
	}
	due := sts[0].Due
	r := &DueRule{ISODate: due.Format(time.DateOnly), Date: p.Date(due)}
	if a := AllowedText(p.Lang, p.g.Allowed(d.Doc)); a != "" {
		r.Rule = text.T(p.Lang, "after-the-letter", a)
	}
	return r
}

// ContactURL is where to reach an organisation: its website, else its
// page on this site (with its address).
func (d *Doc) ContactURL() string {
	if u := d.ExternalURL(); u != "" {
		return u
	}
	return d.URL()
}

// Pending lists the recipients of a letter who have not replied.
func (d *Doc) Pending() []Recipient {
	var out []Recipient
	for _, r := range d.Recipients() {
		if r.Status == string(graph.Awaiting) || r.Status == string(graph.Overdue) {
			out = append(out, r)
		}
	}
	return out
}

// Thread is the whole thread in date order (nil when the document stands
// alone).
func (d *Doc) Thread() []*Doc {
	t := d.page.g.Thread(d.Doc)
	if t == nil || len(t.Docs) < 2 {
		return nil
	}
	return d.page.wrapAll(t.Docs)
}

// Is reports whether o is the same document as d (either language).
func (d *Doc) Is(o *Doc) bool { return o != nil && d.Kind == o.Kind && d.ID == o.ID }

// Replies are the responses to a letter, or follow-up letters to a reply.
func (d *Doc) Replies() []*Doc { return d.page.wrapAll(d.page.g.Replies(d.Doc)) }

// Answers are the letters a reply answers, or the reply a follow-up
// letter answers.
func (d *Doc) Answers() []*Doc { return d.page.wrapAll(d.page.g.Answers(d.Doc)) }

// CitedReports are the reports a letter or reply cites.
func (d *Doc) CitedReports() []*Doc { return d.page.wrapAll(d.page.g.Cites(d.Doc)) }

// CitedBy are the letters and replies citing a report.
func (d *Doc) CitedBy() []*Doc { return d.page.wrapAll(d.page.g.CitedBy(d.Doc)) }

// Record is an organisation's reply record.
func (d *Doc) Record() *graph.Record { return d.page.g.Record(d.Doc) }

// ReplyPercent is the share of the letters due that were replied to, as a
// whole percentage (RepliedShare says what it is out of).
func (d *Doc) ReplyPercent() int {
	r := d.Record()
	return i18n.Percent(r.DueReplied, r.Due)
}

// Orgs lists the organisations a letter or reply involves (sender and
// recipients), for lists.
func (d *Doc) Orgs() []*Doc {
	var out []*Doc
	switch d.Kind {
	case content.Letter:
		for _, r := range d.To {
			if o := d.Org(r.Org.ID); o != nil {
				out = append(out, o)
			}
		}
	case content.Response:
		if o := d.Sender(); o != nil {
			out = append(out, o)
		}
	}
	return out
}

// FileURL is the URL of a file under static/.
func (d *Doc) FileURL(file string) string { return d.page.URLFor("/" + file) }

// TopicList resolves the document's topics.
func (d *Doc) TopicList() []Topic {
	var out []Topic
	for _, t := range d.Topics {
		if tp, ok := d.page.g.Config.Topic(t.ID); ok {
			out = append(out, Topic{ID: tp.ID, Label: tp.Label, URL: d.page.URLFor("/topics/" + tp.ID + "/"), Lang: d.page.OtherLang()})
		}
	}
	return out
}

// IsDraft reports whether the document is a draft (shown in previews).
func (d *Doc) IsDraft() bool { return d.Draft }

func itoa(n int) string { return strconv.Itoa(n) }
