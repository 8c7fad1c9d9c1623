package render

import (
	"cmp"
	"slices"
	"time"

	"letterpress/internal/graph"
	"letterpress/internal/i18n"
)

// What lists show of a letter's reply status besides its overall counts
// (StatusCounts): an organisation's own status on its page, and who is
// late on the list of letters awaiting replies. And what the page chrome
// needs to mark text and links in another language than the page's.

// Organisation is the organisation whose page this is, nil on any other
// page: the list of its correspondence shows its own reply status on each
// letter (see Doc.OwnStatus), not the letter's overall one.
func (p *Page) Organisation() *Doc {
	if p.Kind == "organisation" {
		return p.Doc
	}
	return nil
}

// OwnStatus is an organisation's reply status to a letter in the words
// of a list entry: "Replied in 11 days", "Overdue, due 10 November 2020
// (over 6 years)".
type OwnStatus struct {
	Status string // replied, withheld, awaiting, overdue
	Text   string
}

// OwnStatus is org's reply status to a letter (an organisation is a
// letter's recipient once at most), for the list of org's correspondence:
// nil when org is nil or received no copy of the letter (it sent it),
// where the list shows the letter's overall status.
func (d *Doc) OwnStatus(org *Doc) *OwnStatus {
	if org == nil {
		return nil
	}
	p := d.page
	for _, st := range p.g.Statuses(d.Doc) {
		if st.Org != nil && st.Org.ID == org.ID {
			return &OwnStatus{Status: st.Name(), Text: ownStatusText(p, st)}
		}
	}
	return nil
}

// ownStatusText is one recipient's status as a list entry says it.
func ownStatusText(p *Page, st graph.RecipientStatus) string {
	switch st.Status {
	case graph.Replied:
		return p.TN("own-replied", st.Days)
	case graph.Withheld:
		return p.TN("own-withheld", st.Days)
	case graph.Awaiting:
		return p.T("own-awaiting", p.Date(st.Due))
	case graph.Overdue:
		if st.Long {
			return p.T("own-long-overdue", p.Date(st.Due), i18n.Elapsed(p.Lang, st.Due, p.g.Now))
		}
		return p.T("own-overdue", p.Date(st.Due), i18n.Elapsed(p.Lang, st.Due, p.g.Now))
	}
	return p.T("status-" + string(st.Status))
}

// pendingShown is how many organisations a line of Pending names; the
// rest are counted ("and 12 more"), and the letter's page lists them all.
const pendingShown = 5

// PendingGroup is the recipients of a letter still to reply that are
// alike in status and due date: "Overdue: Home Office, Treasury, due 10
// November 2020 (over 6 years)".
type PendingGroup struct {
	Status string // overdue or awaiting
	Label  string // the status in words
	Orgs   []*Doc // the first pendingShown organisations
	More   int    // how many more there are
	// DueWord is "due" (was due, or is due) in the page's language, before
	// the date.
	DueWord        string
	Due, DueText   string // the due date for <time datetime> and in words
	Late           string // how long overdue ("over 6 years"); "" if awaiting
	lateDays, dueN int64
}

// PendingGroups groups the recipients of a letter who have not replied,
// for the list of letters awaiting replies: the overdue first, the most
// overdue first, then those still in time, the soonest due first. An
// organisation with several recipients in one group is named once.
func (d *Doc) PendingGroups() []PendingGroup {
	p := d.page
	type gk struct {
		st  graph.Status
		due time.Time
	}
	var out []PendingGroup
	at := map[gk]int{}
	seen := map[gk]map[string]bool{}
	for _, st := range p.g.Statuses(d.Doc) {
		if st.Status != graph.Overdue && st.Status != graph.Awaiting {
			continue
		}
		k := gk{st.Status, st.Due}
		i, ok := at[k]
		if !ok {
			g := PendingGroup{Status: st.Name(), Label: p.T("status-" + st.Name()),
				Due: st.Due.Format(time.DateOnly), DueText: p.Date(st.Due), dueN: st.Due.Unix()}
			if st.Status == graph.Overdue {
				g.DueWord = p.T("was-due")
				g.Late = i18n.Elapsed(p.Lang, st.Due, p.g.Now)
				g.lateDays = int64(st.DaysLate)
			} else {
				g.DueWord = p.T("is-due")
			}
			i = len(out)
			at[k] = i
			seen[k] = map[string]bool{}
			out = append(out, g)
		}
		if st.Org == nil || seen[k][st.Org.ID] {
			continue
		}
		seen[k][st.Org.ID] = true
		if g := &out[i]; len(g.Orgs) < pendingShown {
			g.Orgs = append(g.Orgs, p.wrap(st.Org))
		} else {
			g.More++
		}
	}
	slices.SortStableFunc(out, func(a, b PendingGroup) int {
		if a.Status != b.Status {
			if a.Status != string(graph.Awaiting) {
				return -1 // overdue and long overdue before awaiting
			}
			if b.Status != string(graph.Awaiting) {
				return 1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.lateDays, a.lateDays), cmp.Compare(a.dueN, b.dueN))
	})
	return out
}

// LangAttr is the language of the title or name the page shows for d
// where it is not the page's language, for a lang attribute (WCAG 3.1.2):
// "en" for an English-only document or organisation on a Welsh page, "cy"
// for a Welsh one on an English page; "" where they agree.
func (d *Doc) LangAttr() string { return d.langAttr(d.localised()) }

// OtherLang is the site's language where the page is in another: the
// lists, the statistics, the search and the other pages of the site
// exist in the site's language only, so links to them from a Welsh page
// of an English site say that they lead to English pages (hreflang and
// "(Saesneg)"). "" on a page in the site's language.
func (p *Page) OtherLang() string {
	if p.Lang != p.Site.Lang {
		return p.Site.Lang
	}
	return ""
}

// Owner is the site's owner (site.yaml's owner), named in the page's
// language where it has a Welsh version; nil if the site names none.
func (p *Page) Owner() *Doc {
	if p.Site.Owner == nil {
		return nil
	}
	return p.wrap(p.Site.Owner.Doc)
}

// FooterLink is a link in the footer to one of the site's plain pages.
type FooterLink struct {
	Title, URL string
	// Lang is the language of the linked page where it is not this
	// page's (for lang and hreflang): "" where they agree.
	Lang string
}

// FooterLinks are the site's plain pages, in the page's language where
// they have a version in it.
func (p *Page) FooterLinks() []FooterLink {
	out := make([]FooterLink, 0, len(p.g.Pages))
	for _, d := range p.g.Pages {
		w := p.wrap(d)
		out = append(out, FooterLink{Title: w.Title(), URL: w.URL(), Lang: w.LangAttr()})
	}
	return out
}

// OptionalAsset is Asset for a file that the site may not have: "" if
// static/ holds no file of that name (partials/head.html links
// css/extra.css, the site's additions to the stylesheet, only if there is
// one).
func (p *Page) OptionalAsset(name string) string {
	if !p.r.static.Has(name) {
		return ""
	}
	return p.Asset(name)
}
