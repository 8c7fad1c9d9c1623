package graph

import (
	"cmp"
	"context"
	"slices"
	"time"

	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/holidays"
	"letterpress/internal/markdown"
)

// Options changes what a graph includes.
type Options struct {
	// Now is the build date, which decides awaiting and overdue.
	Now time.Time
	// IncludeDrafts publishes drafts (the preview server, build --drafts).
	IncludeDrafts bool
	// Context, if not nil, stops Build once it is done: it returns an
	// unfinished graph, which the caller throws away.
	Context context.Context
}

// Status is one recipient's reply status.
type Status string

const (
	Replied  Status = "replied"
	Withheld Status = "withheld"
	Awaiting Status = "awaiting"
	Overdue  Status = "overdue"
	// None is every recipient's status on a draft letter (shown only by
	// the preview and build --drafts): it was not sent, so no reply is
	// awaited, due or late, and none counts.
	None Status = ""
)

// RecipientStatus is the state of one recipient's reply to a letter.
type RecipientStatus struct {
	Recipient *content.Recipient // in the letter's To
	Org       *content.Doc       // nil only if the id was unknown (the build fails)
	Status    Status             // None on a draft letter
	Reply     *content.Doc       // the reply, when replied or withheld
	Days      int                // days from letter to reply, when replied or withheld
	Due       time.Time
	DaysLate  int // days past Due, when overdue
	// Long is set when an overdue reply is still missing after twice the
	// time allowed (LongOverdue): the status then reads "long overdue".
	Long bool
}

// Name is the status as the content model names it: replied, withheld,
// awaiting, overdue or long-overdue.
func (st *RecipientStatus) Name() string {
	if st.Long {
		return "long-overdue"
	}
	return string(st.Status)
}

// Record is an organisation's reply record. Every page, chart and data
// file reads its figures here, so that they agree.
//
// Shares of replies are taken over Due: the letters whose time to reply
// ran out before the build date (their due date is before Options.Now,
// the same test that makes an unanswered letter overdue). A letter not yet
// due is left out of every share, answered or not, until it falls due.
// Of the letters due, DueReplied were answered (withheld replies
// included) and InTime were answered in time: the reply arrived (its
// received date, or its own date when it gives none) on or before the
// due date. So Due = InTime + late replies + Overdue.
type Record struct {
	Received int // letters addressed to it
	Replied  int // including withheld replies, and replies to letters not yet due
	Withheld int // replies received but not published
	Awaiting int // no reply, not yet due
	Overdue  int // no reply, due date passed (long overdue included)
	// LongOverdue counts the replies missing after twice the time allowed.
	LongOverdue int
	Due         int // letters whose reply was due before the build date
	DueReplied  int // of Due, those replied to (in time or late)
	InTime      int // of Due, those replied to on or before the due date
	MedianDays  int // -1 when it has not replied to any letter
	Days        []int
}

// Late is how many of the letters due were replied to after the due date.
func (r *Record) Late() int { return r.DueReplied - r.InTime }

// ReplyRate is the share of the letters due that were replied to, 0..1
// (0 when none is due).
func (r *Record) ReplyRate() float64 { return share(r.DueReplied, r.Due) }

// InTimeRate is the share of the letters due that were replied to in
// time, 0..1 (0 when none is due).
func (r *Record) InTimeRate() float64 { return share(r.InTime, r.Due) }

func share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// Arrived is when a reply reached the sender of the letter: its received
// date if it gives one, else its own date.
func Arrived(reply *content.Doc) time.Time {
	if !reply.Received.IsZero() {
		return reply.Received
	}
	return reply.Date
}

// IsDue reports whether a reply to the letter due on due was due before
// now: the letter counts in the shares of replies.
func IsDue(due, now time.Time) bool { return now.After(due) }

// DueFor reports whether a recipient's reply to letter l counts in the
// shares of its record: the letter is sent (not a draft), to a published
// organisation, and its due date is before the build date.
func (g *Graph) DueFor(l *content.Doc, s *RecipientStatus) bool {
	return !l.Draft && s.Org != nil && IsDue(s.Due, g.Now)
}

// InTime reports whether a recipient replied in time: the reply arrived on
// or before the due date.
func (s *RecipientStatus) InTime() bool {
	return s.Reply != nil && !Arrived(s.Reply).After(s.Due)
}

// Thread is letters and replies linked by in_reply_to, in date order.
type Thread struct {
	Docs []*content.Doc
}

// Graph is the site as data. Slices of documents hold published originals
// (not Welsh versions, which share their original's facts).
type Graph struct {
	Config *config.Config
	Site   *content.Site
	Now    time.Time

	// Published documents by kind: letters and responses newest first,
	// reports newest first, organisations and pages by name/title.
	Letters, Responses, Reports, Organisations, Pages []*content.Doc

	Bodies map[*content.Doc]*markdown.Result

	// AttachmentText is the text, page by page, of the files published
	// with documents that could be read (package extract), by their path
	// under static/. The build fills it in; search indexes it.
	AttachmentText map[string][]string

	// facts holds all that is known of each document of the site, in
	// the order of Site.All() (all): a page's many questions about a
	// document cost one look-up of its index, not one for each map.
	facts []facts
	all   []*content.Doc // in facts' order
	index docIndex       // places in all

	citedBy map[*content.Doc][]*content.Doc
	orgDocs map[*content.Doc][]*content.Doc
	records map[*content.Doc]*Record
	byTopic map[string][]*content.Doc
}

// facts is what the graph knows of one document. A Welsh version has its
// own published, title and body, and shares the rest with its original.
type facts struct {
	published bool
	title     string // a response's default title, when it has none of its own
	// withheld is why a reply is not published: its own withheld, or its
	// other language version's (the same reply: withheld in one language,
	// it is withheld in both).
	withheld string
	body     *markdown.Result // nil for a withheld reply
	thread   *Thread
	replies  []*content.Doc
	answers  []*content.Doc
	cites    []*content.Doc
	statuses []RecipientStatus
	// publisher is the organisation a report's publisher names.
	publisher *content.Doc
}

// none is the facts of a document the graph does not know (never written).
var none facts

// at returns d's facts, or empty ones for a document not in the site.
func (g *Graph) at(d *content.Doc) *facts {
	if i, ok := g.Index(d); ok {
		return &g.facts[i]
	}
	return &none
}

// Len is how many documents the graph's site has: those Index places.
func (g *Graph) Len() int { return len(g.facts) }

// Index returns d's place in Site.All(), if it is a document of the
// graph's site: other packages keep facts of their own about documents in
// slices in that order.
func (g *Graph) Index(d *content.Doc) (int, bool) {
	return g.index.find(g.all, d)
}

// Published reports whether d is part of this build.
func (g *Graph) Published(d *content.Doc) bool { return g.at(d).published }

// Title is a document's title, filling in a response's default
// ("Response from South Wales Police and Crime Commissioner").
func (g *Graph) Title(d *content.Doc) string {
	if t := g.at(d).title; t != "" {
		return t
	}
	return d.Label()
}

// Thread returns the thread d belongs to (nil for documents in none).
func (g *Graph) Thread(d *content.Doc) *Thread { return g.at(d).thread }

// Replies returns the responses that answer a letter, or the follow-up
// letters that answer a response, in date order.
func (g *Graph) Replies(d *content.Doc) []*content.Doc { return g.at(d).replies }

// Answers returns the letters a response answers, or the response a
// follow-up letter answers.
func (g *Graph) Answers(d *content.Doc) []*content.Doc { return g.at(d).answers }

// Statuses returns the reply status of each recipient of a letter.
func (g *Graph) Statuses(d *content.Doc) []RecipientStatus { return g.at(d).statuses }

// Publisher returns the organisation a report's publisher names, by id or
// by name (nil when none, or when two organisations have that name).
func (g *Graph) Publisher(d *content.Doc) *content.Doc { return g.at(d).publisher }

// Cites returns the reports a letter or response cites, in first-cited
// order (front matter, then body links).
func (g *Graph) Cites(d *content.Doc) []*content.Doc { return g.at(d).cites }

// CitedBy returns the letters and responses citing a report, newest first.
func (g *Graph) CitedBy(d *content.Doc) []*content.Doc { return g.citedBy[g.orig(d)] }

// Correspondence returns the letters to and from an organisation and the
// responses from it, newest first.
func (g *Graph) Correspondence(d *content.Doc) []*content.Doc { return g.orgDocs[g.orig(d)] }

// Record returns an organisation's reply record.
func (g *Graph) Record(d *content.Doc) *Record {
	if r := g.records[g.orig(d)]; r != nil {
		return r
	}
	return &Record{MedianDays: -1}
}

// Topic returns the published letters and responses of a topic, newest first.
func (g *Graph) Topic(id string) []*content.Doc { return g.byTopic[id] }

// Org returns the organisation with the given id, if published.
func (g *Graph) Org(id string) *content.Doc {
	if d := g.Site.Get(content.Organisation, id); d != nil && g.at(d).published {
		return d
	}
	return nil
}

// Body returns the rendered body of d: the one in Bodies when the graph
// was built, or the one given to SetBody since. It is nil for a withheld
// reply (in either language), whose body is published nowhere: pages,
// summaries, feeds and the search index all read bodies here.
func (g *Graph) Body(d *content.Doc) *markdown.Result { return g.at(d).body }

// SetBody gives d a new body whose references are those of its old one
// (the preview server's edit of a body alone), in Bodies too.
func (g *Graph) SetBody(d *content.Doc, b *markdown.Result) {
	g.Bodies[d] = b
	if f := g.at(d); f != &none && f.withheld == "" {
		f.body = b
	}
}

// Withheld is why a reply is not published, or "" if it is: the reason its
// own front matter gives, else the one its other language version gives
// (ID.cy.md is the same reply, so withholding either withholds both).
func (g *Graph) Withheld(d *content.Doc) string {
	if f := g.at(d); f != &none {
		return f.withheld
	}
	return withheld(g.Site, d)
}

// withheld is Withheld from the documents alone.
func withheld(site *content.Site, d *content.Doc) string {
	if d == nil || d.Kind != content.Response {
		return ""
	}
	if d.Withheld != "" {
		return d.Withheld
	}
	if d.Translation {
		if o := site.Get(d.Kind, d.ID); o != nil {
			return o.Withheld
		}
	} else if t := site.Translation(d); t != nil {
		return t.Withheld
	}
	return ""
}

// Allowance is the time a letter allows for a reply, as its rule says:
// an explicit response_due, a number of working days, or a number of
// calendar days.
type Allowance struct {
	Explicit    bool // response_due set the date; Days is 0
	Days        int  // the days allowed
	WorkingDays bool // Days counts working days
}

// Allowed is the time allowed for a reply to a letter: its response_due,
// else its response_working_days, else site.yaml's response_working_days,
// else site.yaml's response_days.
func (g *Graph) Allowed(letter *content.Doc) Allowance {
	switch {
	case !letter.ResponseDue.IsZero():
		return Allowance{Explicit: true}
	case letter.ResponseWorkingDays > 0:
		return Allowance{Days: letter.ResponseWorkingDays, WorkingDays: true}
	case g.Config.ResponseWorkingDays > 0:
		return Allowance{Days: g.Config.ResponseWorkingDays, WorkingDays: true}
	}
	return Allowance{Days: g.Config.ResponseDays}
}

// Due is when a reply to a letter is due.
func (g *Graph) Due(letter *content.Doc) time.Time {
	return g.after(letter, 1)
}

// LongOverdue is the end of twice the time allowed for a reply: a reply
// still missing after it is long overdue, as WhatDoTheyKnow marks a
// request. It is counted as Due is; with an explicit response_due, it is
// twice the days from the letter's date to that day.
func (g *Graph) LongOverdue(letter *content.Doc) time.Time {
	return g.after(letter, 2)
}

// after is the end of times × the time allowed for a reply to letter.
func (g *Graph) after(letter *content.Doc, times int) time.Time {
	a := g.Allowed(letter)
	switch {
	case a.Explicit && times == 1:
		return letter.ResponseDue
	case a.Explicit:
		return letter.Date.AddDate(0, 0, times*Days(letter.Date, letter.ResponseDue))
	case a.WorkingDays:
		return g.holidays().AddWorkingDays(letter.Date, times*a.Days)
	}
	return letter.Date.AddDate(0, 0, times*a.Days)
}

func (g *Graph) holidays() *holidays.Calendar {
	if g.Config.Holidays != nil {
		return g.Config.Holidays
	}
	return holidays.Default()
}

// orig maps a Welsh version to its original, whose facts it shares.
func (g *Graph) orig(d *content.Doc) *content.Doc {
	if d != nil && d.Translation {
		if o := g.Site.Get(d.Kind, d.ID); o != nil {
			return o
		}
	}
	return d
}

// NewestFirst orders documents newest first, then by kind and id, so that
// every list is stable: the order of the graph's lists of correspondence
// (Letters, Responses, Correspondence, Topic, CitedBy).
func NewestFirst(a, b *content.Doc) int {
	return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
}

// byDateAsc orders a thread: oldest first.
func byDateAsc(a, b *content.Doc) int {
	return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
}

func median(xs []int) int {
	if len(xs) == 0 {
		return -1
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Days counts whole days from a to b.
func Days(a, b time.Time) int {
	return int(b.Sub(a).Hours() / 24)
}

var _ = diag.Pos{}
