package stats

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"

	"letterpress/internal/content"
	"letterpress/internal/graph"
	"letterpress/internal/i18n"
)

// Words is what the charts are written with: the page's language, and
// how the site names organisations.
type Words struct {
	Lang string // "en" or "cy"
	Org  func(o *content.Doc) Org
}

// text is the statistics' own messages and the lengths of time of
// package i18n.
var text = i18n.New(i18n.Table{Messages: Messages, Plurals: Plurals}, i18n.Spans)

// T is the statistics' text for key in w's language.
func (w Words) T(key string, args ...any) string { return text.T(w.Lang, key, args...) }

// TN is T in the plural form n takes.
func (w Words) TN(key string, n int, args ...any) string { return text.TN(w.Lang, key, n, args...) }

// Date writes a date in w's language.
func (w Words) Date(t time.Time) string { return i18n.FormatDate(w.Lang, t) }

// Org is an organisation as a page shows it: its name and type in the
// page's language (its Welsh version's, if it has one), and the path of
// its page.
type Org struct {
	Name, Type, URL string
}

// Messages are the statistics' texts in English and Welsh (the page's
// own, in layouts/statistics.html, among them).
var Messages = map[string][2]string{
	// ShareOfDue's.
	"share-of-due": {"%d%% (%s of %s due)", "%d%% (%s o %s yn ddyledus)"},
	"none-due":     {"none due yet", "dim un yn ddyledus eto"},

	"stats-title":                {"Statistics", "Ystadegau"},
	"stats-description":          {"Letters sent and replies received each month, and how quickly each organisation replies.", "Llythyrau a anfonwyd ac ymatebion a dderbyniwyd bob mis, a pha mor gyflym y mae pob sefydliad yn ymateb."},
	"stats-intro":                {"Figures on the letters published on this site and the replies to them, as of %s. Drafts do not count. Each chart is followed by a table of the same numbers.", "Ffigurau am y llythyrau a gyhoeddwyd ar y wefan hon a'r ymatebion iddynt, ar %s. Nid yw drafftiau'n cyfrif. Dilynir pob siart gan dabl o'r un rhifau."},
	"stats-contents":             {"Charts on this page", "Siartiau ar y dudalen hon"},
	"stats-none":                 {"No letters have been published yet.", "Nid oes unrhyw lythyrau wedi'u cyhoeddi eto."},
	"stats-year":                 {"Year", "Blwyddyn"},
	"stats-total":                {"Total", "Cyfanswm"},
	"stats-org":                  {"Organisation", "Sefydliad"},
	"stats-range":                {"%s – %s", "%s – %s"},
	"stats-highest":              {"Highest: %s (%s).", "Uchaf: %s (%s)."},
	"stats-lowest":               {"Lowest: %s (%s).", "Isaf: %s (%s)."},
	"stats-letters":              {"Letters sent per month", "Llythyrau a anfonwyd bob mis"},
	"stats-letters-cap":          {"Letters sent each month, %s: %s in all.", "Llythyrau a anfonwyd bob mis, %s: %s i gyd."},
	"stats-letters-tab":          {"Letters sent per month, a row for each year", "Llythyrau a anfonwyd bob mis, rhes ar gyfer pob blwyddyn"},
	"stats-replies":              {"Replies received per month", "Ymatebion a dderbyniwyd bob mis"},
	"stats-replies-cap":          {"Replies received each month (by the date they arrived), %s: %s in all, counting replies that are not published.", "Ymatebion a dderbyniwyd bob mis (yn ôl y dyddiad y daethant), %s: %s i gyd, gan gyfrif ymatebion nas cyhoeddwyd."},
	"stats-replies-tab":          {"Replies received per month, a row for each year", "Ymatebion a dderbyniwyd bob mis, rhes ar gyfer pob blwyddyn"},
	"stats-ontime":               {"Replies within the time allowed, by type of organisation", "Ymatebion o fewn yr amser a ganiateir, yn ôl math o sefydliad"},
	"stats-ontime-tab":           {"Letters answered in time, by type of organisation", "Llythyrau a atebwyd mewn pryd, yn ôl math o sefydliad"},
	"stats-org-type":             {"Type of organisation", "Math o sefydliad"},
	"stats-no-type":              {"Type not given", "Math heb ei roi"},
	"stats-share":                {"Share answered in time", "Cyfran a atebwyd mewn pryd"},
	"stats-in-time":              {"Answered in time", "Atebwyd mewn pryd"},
	"stats-received":             {"Letters received", "Llythyrau a dderbyniwyd"},
	"stats-not-due":              {"Not yet due", "Heb fod yn ddyledus eto"},
	"stats-median":               {"Slowest to reply", "Arafaf i ymateb"},
	"stats-median-tab":           {"Median days to reply, slowest first", "Canolrif diwrnodau i ymateb, yr arafaf yn gyntaf"},
	"stats-median-desc":          {"Slowest: %s, a median of %s. Fastest of these: %s, a median of %s.", "Arafaf: %s, canolrif o %s. Cyflymaf o'r rhain: %s, canolrif o %s."},
	"stats-median-days":          {"Median days to reply", "Canolrif diwrnodau i ymateb"},
	"stats-replied-n":            {"Letters replied to", "Llythyrau a atebwyd"},
	"stats-median-none":          {"No organisation has replied yet.", "Nid oes unrhyw sefydliad wedi ymateb eto."},
	"stats-overdue":              {"Overdue replies by organisation", "Atebion hwyr yn ôl sefydliad"},
	"stats-overdue-tab":          {"Overdue replies, most first", "Atebion hwyr, y mwyaf yn gyntaf"},
	"stats-overdue-desc":         {"Most: %s, %s overdue. Fewest of these: %s, %s.", "Mwyaf: %s, %s yn hwyr. Lleiaf o'r rhain: %s, %s."},
	"stats-overdue-bar":          {"%s: %s overdue", "%s: %s yn hwyr"},
	"stats-due-working":          {"A reply is due %s after the letter (weekends and the bank holidays of %s skipped), unless the letter sets its own date.", "Mae ymateb yn ddyledus %s ar ôl y llythyr (heb gyfrif penwythnosau a gwyliau banc %s), oni bai bod y llythyr yn pennu ei ddyddiad ei hun."},
	"stats-due-days":             {"A reply is due %s after the letter, unless the letter sets its own date.", "Mae ymateb yn ddyledus %s ar ôl y llythyr, oni bai bod y llythyr yn pennu ei ddyddiad ei hun."},
	"calendar-england-and-wales": {"England and Wales", "Cymru a Lloegr"},
	"calendar-scotland":          {"Scotland", "yr Alban"},
	"calendar-northern-ireland":  {"Northern Ireland", "Gogledd Iwerddon"},
	"stats-overdue-n":            {"Overdue", "Hwyr"},
	"stats-long-overdue-n":       {"Of them long overdue", "Ohonynt yn hwyr iawn"},
	"stats-overdue-none":         {"No reply is overdue.", "Nid oes unrhyw ateb yn hwyr."},
	"stats-org-chart":            {"How long %s took to reply to each of %s, in days.", "Faint o amser a gymerodd %s i ymateb i bob un o %s, mewn diwrnodau."},
	"stats-org-tab":              {"Replies by days taken", "Ymatebion yn ôl y diwrnodau a gymerwyd"},
	"stats-org-days":             {"Days to reply", "Diwrnodau i ymateb"},
	"stats-org-replies":          {"Replies", "Ymatebion"},
	"stats-org-bucket":           {"%d–%d days", "%d–%d diwrnod"},
	"stats-org-bar":              {"%s: %s", "%s: %s"},
	"stats-ontime-cap":           {"For each type of organisation, the share of the letters whose reply was due before %s that were answered on or before the date the reply was due (a reply counts from the day it arrived). Letters not yet due are left out, answered or not, until they fall due; so are types of organisation with no letter due yet.", "Ar gyfer pob math o sefydliad, y gyfran o'r llythyrau yr oedd disgwyl ateb iddynt cyn %s a atebwyd ar neu cyn y dyddiad yr oedd disgwyl yr ateb (mae ateb yn cyfrif o'r diwrnod y cyrhaeddodd). Gadewir allan lythyrau nad ydynt yn ddyledus eto, wedi'u hateb neu beidio, nes eu bod yn ddyledus; felly hefyd fathau o sefydliad heb unrhyw lythyr yn ddyledus eto."},
	"stats-ontime-desc":          {"Highest: %s, %s. Lowest: %s, %s.", "Uchaf: %s, %s. Isaf: %s, %s."},
	"stats-ontime-bar":           {"%s answered in time", "%s wedi'u hateb mewn pryd"},
	"stats-ontime-none":          {"No letter has fallen due yet, so there is no share of replies in time to show.", "Nid oes unrhyw lythyr wedi dod yn ddyledus eto, felly nid oes cyfran o atebion mewn pryd i'w dangos."},
	"stats-due":                  {"Due", "Yn ddyledus"},
	"stats-in-month":             {"%d in %s", "%d ym mis %s"},
	"stats-letters-none":         {"No letters have been sent yet.", "Nid oes unrhyw lythyrau wedi'u hanfon eto."},
	"stats-replies-none":         {"No replies have been received yet.", "Nid oes unrhyw ymatebion wedi dod i law eto."},
	"stats-overdue-one":          {"Only %s has a reply overdue: %s.", "Dim ond %s sydd ag ateb yn hwyr: %s."},
}

// Plurals are the statistics' messages that carry a count, by CLDR
// plural form (the count is the first argument).
var Plurals = map[string][2]map[plural.Form]string{
	"stats-n-letters": {
		{plural.One: "%[2]s letter", plural.Other: "%[2]s letters"},
		{plural.Two: "%[2]s lythyr", plural.Other: "%[2]s llythyr"},
	},
	"stats-n-replies": {
		{plural.One: "%[2]s reply", plural.Other: "%[2]s replies"},
		{plural.Other: "%[2]s ymateb"},
	},
	"stats-n-days": {
		{plural.One: "%[2]s day", plural.Other: "%[2]s days"},
		{plural.Two: "%[2]s ddiwrnod", plural.Other: "%[2]s diwrnod"},
	},
	"stats-highest-n": {
		{plural.Other: "Highest: %[2]s (%[1]d months, the first %[3]s)."},
		{plural.Two: "Uchaf: %[2]s (%[1]d fis, y cyntaf %[3]s).", plural.Other: "Uchaf: %[2]s (%[1]d mis, y cyntaf %[3]s)."},
	},
	"stats-lowest-n": {
		{plural.Other: "Lowest: %[2]s (%[1]d months, the first %[3]s)."},
		{plural.Two: "Isaf: %[2]s (%[1]d fis, y cyntaf %[3]s).", plural.Other: "Isaf: %[2]s (%[1]d mis, y cyntaf %[3]s)."},
	},
	"stats-letters-few": {
		{plural.One: "Too few letters for a chart: only 1 so far, sent in %[2]s.", plural.Other: "Too few letters for a chart: only %[1]d so far, %[2]s."},
		{plural.One: "Rhy ychydig o lythyrau i siart: dim ond 1 hyd yma, a anfonwyd ym mis %[2]s.", plural.Other: "Rhy ychydig o lythyrau i siart: dim ond %[1]d hyd yma, %[2]s."},
	},
	"stats-replies-few": {
		{plural.One: "Too few replies for a chart: only 1 so far, received in %[2]s.", plural.Other: "Too few replies for a chart: only %[1]d so far, %[2]s."},
		{plural.One: "Rhy ychydig o ymatebion i siart: dim ond 1 hyd yma, a ddaeth i law ym mis %[2]s.", plural.Other: "Rhy ychydig o ymatebion i siart: dim ond %[1]d hyd yma, %[2]s."},
	},
	"stats-ontime-few": {
		{plural.One: "Too few letters have fallen due for a fair share: only 1 so far (%[2]s of them answered in time).", plural.Other: "Too few letters have fallen due for a fair share: only %[1]d so far (%[2]s of them answered in time)."},
		{plural.Other: "Rhy ychydig o lythyrau sydd wedi dod yn ddyledus i roi cyfran deg: dim ond %[1]d hyd yma (%[2]s ohonynt wedi'u hateb mewn pryd)."},
	},
	"stats-median-one": {
		{plural.One: "Only %[2]s has replied so far: %[3]s, to 1 letter.", plural.Other: "Only %[2]s has replied so far: a median of %[3]s, over %[1]d replies."},
		{plural.One: "Dim ond %[2]s sydd wedi ymateb hyd yma: %[3]s, i 1 llythyr.", plural.Two: "Dim ond %[2]s sydd wedi ymateb hyd yma: canolrif o %[3]s, dros %[1]d ymateb.", plural.Other: "Dim ond %[2]s sydd wedi ymateb hyd yma: canolrif o %[3]s, dros %[1]d ymateb."},
	},
	"stats-median-cap": {
		{plural.Other: "The median number of days from letter to reply: the %[2]d slowest of the %[1]d organisations that have replied."},
		{plural.Other: "Canolrif nifer y diwrnodau o lythyr i ateb: y %[2]d arafaf o'r %[1]d sefydliad sydd wedi ymateb."},
	},
	"stats-median-all": {
		{plural.Other: "The median number of days from letter to reply, for each of the %d organisations that have replied, slowest first."},
		{plural.Other: "Canolrif nifer y diwrnodau o lythyr i ateb, ar gyfer pob un o'r %d sefydliad sydd wedi ymateb, yr arafaf yn gyntaf."},
	},
	"stats-median-bar": {
		{plural.One: "a median of %[2]s (1 reply)", plural.Other: "a median of %[2]s (%[1]d replies)"},
		{plural.Other: "canolrif o %[2]s (%[1]d ymateb)"},
	},
	"stats-overdue-cap": {
		{plural.Other: "Letters whose reply is overdue: the %[2]d organisations with the most (%[1]d organisations have at least one)."},
		{plural.Other: "Llythyrau y mae eu hateb yn hwyr: y %[2]d sefydliad sydd â'r nifer fwyaf (mae gan %[1]d sefydliad o leiaf un)."},
	},
	"stats-overdue-all": {
		{plural.Other: "Letters whose reply is overdue, at each of the %d organisations that have any, most first."},
		{plural.Other: "Llythyrau y mae eu hateb yn hwyr, ym mhob un o'r %d sefydliad sydd ag unrhyw rai, y mwyaf yn gyntaf."},
	},
	"stats-overdue-total": {
		{plural.One: "%[2]s reply is overdue in all.", plural.Other: "%[2]s replies are overdue in all."},
		{plural.Other: "Mae %[2]s ateb yn hwyr i gyd."},
	},
	"stats-org-last": {
		{plural.One: "%d day or more", plural.Other: "%d days or more"},
		{plural.Two: "%d ddiwrnod neu fwy", plural.Other: "%d diwrnod neu fwy"},
	},
	"stats-org-few": {
		{plural.One: "Too few replies for a chart: %[2]s has replied once so far, in %[3]s.", plural.Other: "Too few replies for a chart: %[2]s has replied %[1]d times so far, in %[3]s."},
		{plural.One: "Rhy ychydig o ymatebion i siart: mae %[2]s wedi ymateb unwaith hyd yma, mewn %[3]s.", plural.Two: "Rhy ychydig o ymatebion i siart: mae %[2]s wedi ymateb ddwywaith hyd yma, mewn %[3]s.", plural.Other: "Rhy ychydig o ymatebion i siart: mae %[2]s wedi ymateb %[1]d gwaith hyd yma, mewn %[3]s."},
	},
}

// Page is the data of the statistics page.
type Page struct {
	Intro  string
	Charts []*Chart // none when no letter is published
}

// Chart is one figure: an SVG drawn at build time and a table of the
// numbers it shows.
type Chart struct {
	ID      string // the id of the chart's section; the SVG's ids start with it
	Heading string
	Caption string
	SVG     string // empty when there is nothing to draw
	Empty   string // said instead of the chart when SVG is empty
	Table   ChartTable
}

// ChartTable is a chart's data as a table: a heading for each column and
// a row per bar (per year, for months).
type ChartTable struct {
	Caption string
	Head    []string // the first heads the column of row headings
	Rows    []ChartRow
}

// ChartRow is a table row: its heading (a link when URL is set) and cells.
type ChartRow struct {
	Head  string
	URL   string
	Cells []string
}

// Chart sizes, in SVG units; the SVG scales to the width of its column.
const (
	chartW  = 400.0
	monthH  = 220.0
	rowH    = 36.0
	orgW    = 320.0
	orgH    = 150.0
	maxRows = 20
)

// Below these, a chart gives way to a sentence that says the same numbers:
// a chart of one bar, or of shares over a handful of letters, would look
// like more than it is.
const (
	// minMonthly: letters (or replies) in all, for a chart by month.
	minMonthly = 5
	// minDue: letters due in all, for the chart of shares in time.
	minDue = 5
	// minOrgReplies: replies, for an organisation's reply-time chart.
	minOrgReplies = 5
)

// Colours, as presentation attributes (the stylesheet may override them
// through the classes): bars in the brand blue, 8.4:1 against white; text
// in the ink colour.
const (
	barFill    = "#1d4f91"
	ink        = "#0b0c0c"
	gridStroke = "#b1b4b6"
	trackFill  = "#f3f2f1"
)

// Compute computes every chart of the statistics page, in a few
// passes over the letters, the replies and the organisations' records.
func Compute(g *graph.Graph, w Words) *Page {
	st := &Page{Intro: w.T("stats-intro", w.Date(g.Now)) + " " + dueRule(w, g)}
	var letters []*content.Doc
	for _, l := range g.Letters {
		if !l.Draft && !l.Date.IsZero() {
			letters = append(letters, l)
		}
	}
	if len(letters) == 0 {
		return st
	}

	// Months: from the first letter to the build month.
	first, last := math.MaxInt, math.MinInt
	for _, l := range letters {
		m := monthOf(l.Date)
		first, last = min(first, m), max(last, m)
	}
	var replies []time.Time
	for _, r := range g.Responses {
		if r.Draft {
			continue
		}
		d := r.Date
		if !r.Received.IsZero() {
			d = r.Received
		}
		if d.IsZero() {
			continue
		}
		replies = append(replies, d)
		first, last = min(first, monthOf(d)), max(last, monthOf(d))
	}
	if !g.Now.IsZero() {
		last = max(last, monthOf(g.Now))
	}
	sent := make([]int, last-first+1)
	got := make([]int, last-first+1)
	for _, l := range letters {
		sent[monthOf(l.Date)-first]++
	}
	for _, d := range replies {
		got[monthOf(d)-first]++
	}

	// Replies in time, by type of organisation: the sums of the
	// organisations' records (a letter to several organisations counts
	// once for each), so the shares are those of the organisation pages.
	type tally struct{ received, due, inTime int }
	types := map[string]*tally{}
	for _, o := range g.Organisations {
		rec := g.Record(o)
		if rec.Received == 0 {
			continue
		}
		typ := strings.TrimSpace(o.Type)
		t := types[typ]
		if t == nil {
			t = &tally{}
			types[typ] = t
		}
		t.received += rec.Received
		t.due += rec.Due
		t.inTime += rec.InTime
	}

	st.Charts = append(st.Charts,
		monthChart(w, "letters-per-month", first, sent, "stats-letters", "stats-letters-cap", "stats-letters-tab", "stats-letters-few", func(n int) string { return counted(w, "stats-n-letters", n) }),
		monthChart(w, "replies-per-month", first, got, "stats-replies", "stats-replies-cap", "stats-replies-tab", "stats-replies-few", func(n int) string { return counted(w, "stats-n-replies", n) }),
	)

	// In time, by type.
	type typeRow struct {
		label string
		t     *tally
		pct   int
	}
	var trows []typeRow
	// A type's name in the page's language: the Welsh version's, on a
	// Welsh page, of the first organisation of that type by name.
	typeLabel := map[string]string{}
	for _, o := range g.Organisations {
		typ := strings.TrimSpace(o.Type)
		if _, ok := typeLabel[typ]; !ok || typeLabel[typ] == typ {
			if l := strings.TrimSpace(w.Org(o).Type); l != "" {
				typeLabel[typ] = l
			}
		}
	}
	totalDue, totalInTime := 0, 0
	for typ, t := range types {
		totalDue += t.due
		totalInTime += t.inTime
		if t.due == 0 {
			continue // no share yet: left out until a letter falls due
		}
		label := cmp.Or(typeLabel[typ], typ)
		if label == "" {
			label = w.T("stats-no-type")
		}
		trows = append(trows, typeRow{label, t, i18n.Percent(t.inTime, t.due)})
	}
	slices.SortFunc(trows, func(a, b typeRow) int {
		// By the exact share (not the rounded one), highest first.
		return cmp.Or(cmp.Compare(b.t.inTime*a.t.due, a.t.inTime*b.t.due), strings.Compare(a.label, b.label))
	})
	ontime := &Chart{ID: "replies-in-time", Heading: w.T("stats-ontime"), Caption: w.T("stats-ontime-cap", w.Date(g.Now)),
		Table: ChartTable{Caption: w.T("stats-ontime-tab"), Head: []string{w.T("stats-org-type"), w.T("stats-share"), w.T("stats-in-time"), w.T("stats-due"), w.T("stats-received"), w.T("stats-not-due")}}}
	var bars []bar
	for _, r := range trows {
		ontime.Table.Rows = append(ontime.Table.Rows, ChartRow{Head: r.label, Cells: []string{strconv.Itoa(r.pct) + "%", i18n.Int(r.t.inTime), i18n.Int(r.t.due), i18n.Int(r.t.received), i18n.Int(r.t.received - r.t.due)}})
		bars = append(bars, bar{label: r.label, value: r.pct, text: strconv.Itoa(r.pct) + "%", title: r.label + ": " + w.T("stats-ontime-bar", ShareOfDue(w.Lang, r.t.inTime, r.t.due))})
	}
	switch {
	case totalDue == 0:
		ontime.Empty = w.T("stats-ontime-none")
	case totalDue < minDue:
		ontime.Empty = w.TN("stats-ontime-few", totalDue, i18n.Int(totalInTime))
	default:
		hi, lo := trows[0], trows[len(trows)-1]
		desc := w.T("stats-ontime-desc", hi.label, ShareOfDue(w.Lang, hi.t.inTime, hi.t.due), lo.label, ShareOfDue(w.Lang, lo.t.inTime, lo.t.due))
		ontime.SVG = barSVG(ontime.ID, ontime.Heading, desc, bars, 100, true)
	}
	st.Charts = append(st.Charts, ontime)

	// Median days to reply and overdue replies, by organisation.
	type orgRow struct {
		id  string
		o   Org
		rec *graph.Record
	}
	var medians, overdue []orgRow
	totalOverdue := 0
	for _, o := range g.Organisations {
		rec := g.Record(o)
		if rec.MedianDays >= 0 {
			medians = append(medians, orgRow{o.ID, w.Org(o), rec})
		}
		if rec.Overdue > 0 {
			overdue = append(overdue, orgRow{o.ID, w.Org(o), rec})
			totalOverdue += rec.Overdue
		}
	}
	byLabel := func(a, b orgRow) int {
		return cmp.Or(strings.Compare(a.o.Name, b.o.Name), strings.Compare(a.id, b.id))
	}
	slices.SortFunc(medians, func(a, b orgRow) int { return cmp.Or(cmp.Compare(b.rec.MedianDays, a.rec.MedianDays), byLabel(a, b)) })
	slices.SortFunc(overdue, func(a, b orgRow) int { return cmp.Or(cmp.Compare(b.rec.Overdue, a.rec.Overdue), byLabel(a, b)) })

	days := func(n int) string { return counted(w, "stats-n-days", n) }
	med := &Chart{ID: "slowest-to-reply", Heading: w.T("stats-median"), Empty: w.T("stats-median-none"),
		Table: ChartTable{Caption: w.T("stats-median-tab"), Head: []string{w.T("stats-org"), w.T("stats-median-days"), w.T("stats-replied-n")}}}
	switch {
	case len(medians) == 1:
		// One organisation is no comparison: a sentence says it.
		r := medians[0]
		med.Empty = w.TN("stats-median-one", r.rec.Replied, r.o.Name, days(r.rec.MedianDays))
	case len(medians) > 1:
		top := medians[:min(len(medians), maxRows)]
		med.Caption = w.TN("stats-median-cap", len(medians), len(top))
		if len(top) == len(medians) {
			med.Caption = w.TN("stats-median-all", len(top))
		}
		bars = bars[:0]
		for _, r := range top {
			label := r.o.Name
			med.Table.Rows = append(med.Table.Rows, ChartRow{Head: label, URL: r.o.URL, Cells: []string{i18n.Int(r.rec.MedianDays), i18n.Int(r.rec.Replied)}})
			bars = append(bars, bar{label: label, value: r.rec.MedianDays, text: i18n.Int(r.rec.MedianDays), title: label + ": " + w.TN("stats-median-bar", r.rec.Replied, days(r.rec.MedianDays))})
		}
		hi, lo := top[0], top[len(top)-1]
		desc := w.T("stats-median-desc", hi.o.Name, days(hi.rec.MedianDays), lo.o.Name, days(lo.rec.MedianDays))
		med.SVG = barSVG(med.ID, med.Heading, desc, bars, hi.rec.MedianDays, false)
	}
	st.Charts = append(st.Charts, med)

	letterN := func(n int) string { return counted(w, "stats-n-letters", n) }
	od := &Chart{ID: "overdue-by-organisation", Heading: w.T("stats-overdue"), Empty: w.T("stats-overdue-none"),
		Table: ChartTable{Caption: w.T("stats-overdue-tab"), Head: []string{w.T("stats-org"), w.T("stats-overdue-n"), w.T("stats-long-overdue-n"), w.T("stats-received")}}}
	switch {
	case len(overdue) == 1:
		r := overdue[0]
		od.Empty = w.T("stats-overdue-one", r.o.Name, letterN(r.rec.Overdue))
	case len(overdue) > 1:
		top := overdue[:min(len(overdue), maxRows)]
		total := w.TN("stats-overdue-total", totalOverdue, i18n.Int(totalOverdue))
		od.Caption = w.TN("stats-overdue-cap", len(overdue), len(top)) + " " + total
		if len(top) == len(overdue) {
			od.Caption = w.TN("stats-overdue-all", len(top)) + " " + total
		}
		bars = bars[:0]
		for _, r := range top {
			label := r.o.Name
			od.Table.Rows = append(od.Table.Rows, ChartRow{Head: label, URL: r.o.URL, Cells: []string{i18n.Int(r.rec.Overdue), i18n.Int(r.rec.LongOverdue), i18n.Int(r.rec.Received)}})
			bars = append(bars, bar{label: label, value: r.rec.Overdue, text: i18n.Int(r.rec.Overdue), title: w.T("stats-overdue-bar", label, letterN(r.rec.Overdue))})
		}
		hi, lo := top[0], top[len(top)-1]
		desc := w.T("stats-overdue-desc", hi.o.Name, letterN(hi.rec.Overdue), lo.o.Name, letterN(lo.rec.Overdue))
		od.SVG = barSVG(od.ID, od.Heading, desc, bars, hi.rec.Overdue, false)
	}
	st.Charts = append(st.Charts, od)
	return st
}

// dueRule says when replies are due under the site's rule.
func dueRule(w Words, g *graph.Graph) string {
	c := g.Config
	if c.ResponseWorkingDays > 0 {
		cal := ""
		if c.Holidays != nil {
			cal = c.Holidays.Division
		}
		return w.T("stats-due-working", w.TN("n-working-days", c.ResponseWorkingDays), w.T("calendar-"+cal))
	}
	return w.T("stats-due-days", w.TN("n-days", c.ResponseDays))
}

// ReplyTimes is the chart of organisation o's reply times for its page:
// how many replies took 0–14, 15–28, 29–56 and 57 or more days. It is nil
// for other documents and for an organisation that has replied to nothing.
func ReplyTimes(g *graph.Graph, o *content.Doc, w Words) *Chart {
	if o.Kind != content.Organisation {
		return nil
	}
	rec := g.Record(o)
	if len(rec.Days) == 0 {
		return nil
	}
	lang, name := w.Lang, w.Org(o).Name
	if len(rec.Days) < minOrgReplies {
		// Too few replies for a chart: a sentence gives each one's days.
		ds := slices.Sorted(slices.Values(rec.Days))
		words := make([]string, len(ds))
		for i, n := range ds {
			words[i] = counted(w, "stats-n-days", n)
		}
		return &Chart{ID: "reply-times", Empty: w.TN("stats-org-few", len(ds), name, joinWords(lang, words))}
	}
	buckets := []struct{ lo, hi int }{{0, 14}, {15, 28}, {29, 56}, {57, -1}}
	counts := make([]int, len(buckets))
	for _, n := range rec.Days {
		for i := len(buckets) - 1; i >= 0; i-- {
			if n >= buckets[i].lo {
				counts[i]++
				break
			}
		}
	}
	c := &Chart{ID: "reply-times", Caption: w.T("stats-org-chart", name, counted(w, "stats-n-letters", len(rec.Days))),
		Table: ChartTable{Caption: w.T("stats-org-tab"), Head: []string{w.T("stats-org-days"), w.T("stats-org-replies")}}}
	var labels, titles []string
	var desc strings.Builder
	for i, b := range buckets {
		short := fmt.Sprintf("%d–%d", b.lo, b.hi)
		name := w.T("stats-org-bucket", b.lo, b.hi)
		if b.hi < 0 {
			short = fmt.Sprintf("%d+", b.lo)
			name = w.TN("stats-org-last", b.lo)
		}
		reps := counted(w, "stats-n-replies", counts[i])
		labels = append(labels, short)
		titles = append(titles, w.T("stats-org-bar", name, reps))
		c.Table.Rows = append(c.Table.Rows, ChartRow{Head: name, Cells: []string{i18n.Int(counts[i])}})
		if i > 0 {
			desc.WriteString("; ")
		}
		desc.WriteString(titles[i])
	}
	desc.WriteString(".")
	c.SVG = columnSVG(c.ID, w.T("stats-org-days"), desc.String(), labels, titles, counts)
	return c
}

// monthOf numbers months: January of year 0 is 0.
func monthOf(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }

// monthName names month m (as monthOf numbers them): "October 2020".
func monthName(lang string, m int) string { return i18n.MonthYear(lang, m/12, time.Month(m%12+1)) }

// counted is TN for a message whose count is written with thousands
// separators: its forms take the count as %[2]s ("1 letter", "12,000
// letters"; in Welsh the noun stays singular after a number, mutated after
// 2).
func counted(w Words, key string, n int, args ...any) string {
	return w.TN(key, n, append([]any{i18n.Int(n)}, args...)...)
}

// joinWords joins words as a list: "a, b and c" ("a, b a c").
func joinWords(lang string, words []string) string {
	and := " and "
	if lang == "cy" {
		and = " a "
	}
	switch n := len(words); n {
	case 0:
		return ""
	case 1:
		return words[0]
	default:
		return strings.Join(words[:n-1], ", ") + and + words[n-1]
	}
}

// monthChart draws counts per month (counts[0] is month first) as vertical
// bars, with the table by year and month.
// With fewer than minMonthly in all, a sentence names the months
// instead (few, the key of its plural message).
func monthChart(w Words, id string, first int, counts []int, heading, caption, tableCaption, few string, unit func(int) string) *Chart {
	lang := w.Lang
	last := first + len(counts) - 1
	total, hi, lo := 0, 0, 0
	for i, n := range counts {
		total += n
		if n > counts[hi] {
			hi = i
		}
		if n < counts[lo] {
			lo = i
		}
	}
	if total < minMonthly {
		var months []string
		for i, n := range counts {
			if n > 0 {
				months = append(months, w.T("stats-in-month", n, monthName(lang, first+i)))
			}
		}
		c := &Chart{ID: id, Heading: w.T(heading), Empty: w.TN(few, total, joinWords(lang, months))}
		switch total {
		case 0:
			c.Empty = w.T(strings.TrimSuffix(few, "-few") + "-none")
		case 1:
			for i, n := range counts {
				if n > 0 {
					c.Empty = w.TN(few, total, monthName(lang, first+i))
				}
			}
		}
		return c
	}
	span := w.T("stats-range", monthName(lang, first), monthName(lang, last))
	c := &Chart{ID: id, Heading: w.T(heading), Caption: w.T(caption, span, unit(total))}

	extreme := func(one, many string, at int) string {
		ties := 0
		for _, n := range counts {
			if n == counts[at] {
				ties++
			}
		}
		if ties == 1 {
			return w.T(one, unit(counts[at]), monthName(lang, first+at))
		}
		return w.TN(many, ties, unit(counts[at]), monthName(lang, first+at))
	}
	// The description adds to the caption, which the figure shows.
	desc := span + ". " + extreme("stats-highest", "stats-highest-n", hi) + " " + extreme("stats-lowest", "stats-lowest-n", lo)

	// The table: a row per year, a column per month.
	c.Table = ChartTable{Caption: w.T(tableCaption), Head: []string{w.T("stats-year")}}
	for i := range 12 {
		c.Table.Head = append(c.Table.Head, i18n.ShortMonth(lang, time.Month(i+1)))
	}
	c.Table.Head = append(c.Table.Head, w.T("stats-total"))
	for y := first / 12; y <= last/12; y++ {
		row := ChartRow{Head: strconv.Itoa(y), Cells: make([]string, 13)}
		sum := 0
		for i := range 12 {
			if m := y*12 + i; m >= first && m <= last {
				row.Cells[i] = i18n.Int(counts[m-first])
				sum += counts[m-first]
			}
		}
		row.Cells[12] = i18n.Int(sum)
		c.Table.Rows = append(c.Table.Rows, row)
	}

	// The chart.
	top, step := axisScale(counts[hi])
	left := float64(len(i18n.Int(top)))*9 + 10
	const right, topPad, bottom = 4.0, 10.0, 40.0
	plotW, plotH := chartW-left-right, monthH-topPad-bottom
	base := topPad + plotH
	var sv svg
	sv.open(id, "months", c.Heading, desc, chartW, monthH, 10)
	sv.raw(`<g class="chart-grid">`)
	for v := 0; v <= top; v += step {
		y := base - float64(v)/float64(top)*plotH
		if v > 0 {
			sv.raw(`<line x1="` + num(left) + `" x2="` + num(chartW-right) + `" y1="` + num(y) + `" y2="` + num(y) + `" stroke="` + gridStroke + `" stroke-width="1"/>`)
		}
		sv.text(left-6, y+4, "end", "chart-tick", i18n.Int(v))
	}
	sv.raw(`</g>`)

	n := len(counts)
	slot := plotW / float64(n)
	barW := slot * 0.8
	if slot < 2.5 {
		barW = slot
	}
	sv.raw(`<g class="chart-bars">`)
	for i, v := range counts {
		m := first + i
		h := float64(v) / float64(top) * plotH
		x := left + float64(i)*slot + (slot-barW)/2
		sv.raw(`<rect class="chart-bar" x="` + num(x) + `" y="` + num(base-h) + `" width="` + num(barW) + `" height="` + num(h) + `" fill="` + barFill +
			`" data-month="` + fmt.Sprintf("%04d-%02d", m/12, m%12+1) + `" data-value="` + strconv.Itoa(v) + `"><title>`)
		sv.esc(monthName(lang, m) + ": " + unit(v))
		sv.raw(`</title></rect>`)
	}
	sv.raw(`</g>`)
	sv.raw(`<line class="chart-axis" x1="` + num(left) + `" x2="` + num(chartW-right) + `" y1="` + num(base) + `" y2="` + num(base) + `" stroke="` + ink + `" stroke-width="1"/>`)

	// Labels under the bars: month names (every month, quarter or half
	// year) when there is room, each year under its January; else years
	// alone, every year or every few. Room is for the larger type narrow
	// screens get.
	const room, yearRoom = 44.0, 34.0
	every := 0
	for _, k := range []int{1, 3, 6} {
		if slot*float64(k) >= room {
			every = k
			break
		}
	}
	if every > 0 {
		labelled := false
		for i := range counts {
			m := first + i
			if m%12%every != 0 {
				continue
			}
			x := left + (float64(i)+0.5)*slot
			sv.text(x, base+15, "middle", "chart-label", i18n.ShortMonth(lang, time.Month(m%12+1)))
			if !labelled || m%12 == 0 {
				sv.text(x, base+33, "middle", "chart-label", strconv.Itoa(m/12))
			}
			labelled = true
		}
	} else {
		// Every few years (every on wide screens, wider apart on narrow
		// ones, whose type is larger: the stylesheet hides the minor ones).
		yearW := 12 * slot
		every := max(1, int(math.Ceil(yearRoom/yearW)))
		narrow := every * max(1, int(math.Ceil(room/(yearW*float64(every)))))
		for y := first / 12; y <= last/12; y++ {
			i0, i1 := max(0, y*12-first), min(n, y*12+12-first)
			if y*12 > first {
				x := left + float64(i0)*slot
				sv.raw(`<line class="chart-tick" x1="` + num(x) + `" x2="` + num(x) + `" y1="` + num(base) + `" y2="` + num(base+6) + `" stroke="` + ink + `" stroke-width="1"/>`)
			}
			if (y-first/12)%every != 0 || i1-i0 < 6 { // half a year at least, to centre it on
				continue
			}
			class := "chart-label"
			if (y-first/12)%narrow != 0 {
				class += " chart-minor"
			}
			sv.text(left+float64(i0+i1)/2*slot, base+20, "middle", class, strconv.Itoa(y))
		}
	}
	c.SVG = sv.close()
	return c
}

// ShareOfDue writes a share of the letters due: "67% (6 of 9 due)", or
// "none due yet".
func ShareOfDue(lang string, part, due int) string {
	if due == 0 {
		return text.T(lang, "none-due")
	}
	return text.T(lang, "share-of-due", i18n.Percent(part, due), i18n.Int(part), i18n.Int(due))
}
