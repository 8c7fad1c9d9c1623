package build_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"letterpress/internal/build"
)

// The statistics page and the organisations' reply-time charts, read as a
// reader (and a screen reader) meets them: each chart's bars, as the SVG
// draws them, against the table after it and against numbers worked out by
// hand (testdata/build/statistics.txtar explains them).

func TestStatistics(t *testing.T) {
	t.Run("charts equal their tables and the numbers worked by hand", statsHandWorked)
	t.Run("text alternatives, no script, no style attributes", statsAccessible)
	t.Run("drafts do not count", statsDrafts)
	t.Run("organisation pages", statsOrgPages)
	t.Run("a long range of months", statsLongRange)
	t.Run("escaping", statsEscaping)
	t.Run("a site without letters", statsNoLetters)
	t.Run("repeat builds are identical", statsReproducible)
}

var statsNow = build.Options{Now: buildDate("2021-07-15")}

// statsBar is one bar of a chart: what it stands for (data-month for
// months, else its tooltip) and the number it draws.
type statsBar struct {
	key   string
	value int
	title string
}

// statsChart is a chart as published: its figure, the bars of its SVG and
// the table after it (the header row, then a row per line: its heading and
// cells).
type statsChart struct {
	figure *html.Node
	svg    *html.Node
	bars   []statsBar
	head   []string
	rows   [][]string
}

// statsFigure reads the chart in the section headed heading.
func statsFigure(t *testing.T, main *html.Node, heading string) *statsChart {
	t.Helper()
	sec := htmlSection(t, main, heading)
	figs := htmlElements(sec, "figure")
	if len(figs) != 1 {
		t.Fatalf("section %q has %d figures, want 1", heading, len(figs))
	}
	return statsReadFigure(t, figs[0])
}

func statsReadFigure(t *testing.T, fig *html.Node) *statsChart {
	t.Helper()
	c := &statsChart{figure: fig}
	svgs := htmlElements(fig, "svg")
	if len(svgs) != 1 {
		t.Fatalf("figure has %d <svg>, want 1", len(svgs))
	}
	c.svg = svgs[0]
	for _, r := range htmlElements(c.svg, "rect") {
		v, ok := htmlAttr(r, "data-value")
		if !ok {
			continue // a track, not a bar
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("bar data-value %q: %v", v, err)
		}
		b := statsBar{key: htmlAttrOr(r, "data-month"), value: n}
		if ts := htmlElements(r, "title"); len(ts) == 1 {
			b.title = htmlText(ts[0])
		}
		if b.key == "" {
			b.key = b.title
		}
		c.bars = append(c.bars, b)
	}
	tables := htmlElements(fig, "table")
	if len(tables) != 1 {
		t.Fatalf("figure has %d tables, want 1", len(tables))
	}
	for _, tr := range htmlElements(tables[0], "tr") {
		var cells []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.Data == "th" || c.Data == "td") {
				cells = append(cells, htmlText(c))
			}
		}
		if c.head == nil {
			c.head = cells
		} else {
			c.rows = append(c.rows, cells)
		}
	}
	return c
}

// values are the bars' numbers in order.
func (c *statsChart) values() []int {
	out := make([]int, len(c.bars))
	for i, b := range c.bars {
		out[i] = b.value
	}
	return out
}

// monthCell is the table's cell for a month ("2021-03"): the row of the
// year, the column of the month.
func (c *statsChart) monthCell(t *testing.T, month string) string {
	t.Helper()
	year, m, _ := strings.Cut(month, "-")
	mi, _ := strconv.Atoi(m)
	for _, r := range c.rows {
		if r[0] == year {
			if len(r) != 14 {
				t.Fatalf("row %s has %d cells, want year, 12 months and total", year, len(r))
			}
			return r[mi]
		}
	}
	t.Fatalf("no table row for %s", year)
	return ""
}

// checkMonths checks a chart of months: one bar a month, in order, each
// equal to its cell of the table and to want; every year's total.
func checkMonths(t *testing.T, c *statsChart, first string, want []int) {
	t.Helper()
	if got := c.values(); !slices.Equal(got, want) {
		t.Errorf("bars = %v, want %v", got, want)
	}
	y, _ := strconv.Atoi(first[:4])
	m, _ := strconv.Atoi(first[5:])
	totals := map[string]int{}
	for i, b := range c.bars {
		key := fmt.Sprintf("%04d-%02d", y+(m-1+i)/12, (m-1+i)%12+1)
		if b.key != key {
			t.Errorf("bar %d is for %s, want %s (every month, in order)", i, b.key, key)
		}
		if cell := c.monthCell(t, b.key); strings.ReplaceAll(cell, ",", "") != strconv.Itoa(b.value) {
			t.Errorf("%s: the bar draws %d, the table says %q", b.key, b.value, cell)
		}
		totals[b.key[:4]] += b.value
	}
	for _, r := range c.rows {
		if got := strings.ReplaceAll(r[13], ",", ""); got != strconv.Itoa(totals[r[0]]) {
			t.Errorf("%s total = %s, want %d", r[0], got, totals[r[0]])
		}
	}
}

// checkBars checks a chart of horizontal bars against its table: a row per
// bar in the same order, the row's heading in the bar's tooltip and the
// bar's number in the row's first cell; and both against want (row
// heading, then cells).
func checkBars(t *testing.T, c *statsChart, want [][]string) {
	t.Helper()
	if len(c.bars) != len(c.rows) {
		t.Fatalf("%d bars, %d table rows", len(c.bars), len(c.rows))
	}
	for i, b := range c.bars {
		r := c.rows[i]
		if !strings.HasPrefix(b.title, r[0]+":") {
			t.Errorf("bar %d is %q, row %d is %q", i, b.title, i, r[0])
		}
		if cell := strings.TrimSuffix(strings.ReplaceAll(r[1], ",", ""), "%"); cell != strconv.Itoa(b.value) {
			t.Errorf("%s: the bar draws %d, the table says %q", r[0], b.value, r[1])
		}
	}
	if !slices.EqualFunc(c.rows, want, slices.Equal) {
		t.Errorf("table rows:\n got %q\nwant %q", c.rows, want)
	}
}

func statsHandWorked(t *testing.T) {
	t.Parallel()
	o := buildInMemory(t, loadBuildCase(t, "statistics").FS, statsNow)
	main := o.main(t, "/statistics/")

	letters := statsFigure(t, main, "Letters sent per month")
	checkMonths(t, letters, "2021-01", []int{2, 1, 2, 1, 1, 1, 0})
	if want := []string{"2021", "2", "1", "2", "1", "1", "1", "0", "", "", "", "", "", "8"}; !slices.Equal(letters.rows[0], want) || len(letters.rows) != 1 {
		t.Errorf("letters table = %q, want one row %q", letters.rows, want)
	}
	replies := statsFigure(t, main, "Replies received per month")
	// The withheld reply is dated March and arrived in April.
	checkMonths(t, replies, "2021-01", []int{1, 1, 3, 1, 1, 0, 0})

	// Shares are of the letters due: the letter of 1 June, due 1 August,
	// is left out for Eastshire and Midshire, so both are 2 of 2.
	// Columns: share, in time, due, received, not yet due.
	checkBars(t, statsFigure(t, main, "Replies within the time allowed, by type of organisation"), [][]string{
		{"Police force", "100%", "2", "2", "3", "1"},
		{"Type not given", "100%", "2", "2", "3", "1"},
		{"Local authority", "50%", "1", "2", "2", "0"},
		{"Police and Crime Commissioner", "0%", "0", "3", "3", "0"},
	})
	checkBars(t, statsFigure(t, main, "Slowest to reply"), [][]string{
		{"Northshire Police and Crime Commissioner", "60", "1"},
		{"Midshire Safeguarding Board", "17", "2"},
		{"Eastshire Police", "14", "2"},
		{"Southshire Council", "12", "2"},
	})
	overdue := statsFigure(t, main, "Overdue replies by organisation")
	checkBars(t, overdue, [][]string{
		// Columns: overdue, of them long overdue, received.
		{"Northshire Police and Crime Commissioner", "1", "1", "2"},
		{"Westshire Police and Crime Commissioner", "1", "1", "1"},
	})
	// The organisations' names link to their pages.
	if !hasPageLink(overdue.figure, "/organisations/westshire-pcc/") {
		t.Errorf("the overdue table does not link to Westshire's page")
	}

	for _, c := range []struct {
		chart *statsChart
		want  string
	}{{letters, "8 letters in all"}, {replies, "7 replies in all"}} {
		if got := htmlText(htmlElements(c.chart.figure, "figcaption")[0]); !strings.Contains(got, c.want) {
			t.Errorf("caption %q does not say %q", got, c.want)
		}
	}
	// The text alternatives say what the charts show.
	for _, c := range []struct {
		chart *statsChart
		want  []string
	}{
		{letters, []string{"January 2021 – July 2021", "Highest: 2 letters (2 months, the first January 2021)", "Lowest: 0 letters (July 2021)"}},
		{replies, []string{"Highest: 3 replies (March 2021)", "Lowest: 0 replies (2 months, the first June 2021)"}},
		{overdue, []string{"Most: Northshire Police and Crime Commissioner, 1 letter overdue", "Fewest of these: Westshire Police and Crime Commissioner, 1 letter"}},
	} {
		if desc := statsDesc(t, c.chart.svg); !containsAll(desc, c.want) {
			t.Errorf("description %q, want it to say %q", desc, c.want)
		}
	}
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// statsDesc checks an SVG's accessible name and returns its description:
// role img, aria-labelledby naming its <title> and <desc>, both with text.
func statsDesc(t *testing.T, svg *html.Node) string {
	t.Helper()
	if htmlAttrOr(svg, "role") != "img" {
		t.Errorf("<svg> role = %q, want img", htmlAttrOr(svg, "role"))
	}
	ids := strings.Fields(htmlAttrOr(svg, "aria-labelledby"))
	if len(ids) != 2 {
		t.Fatalf("<svg aria-labelledby=%q>: want the ids of its title and desc", htmlAttrOr(svg, "aria-labelledby"))
	}
	var texts []string
	for i, tag := range []string{"title", "desc"} {
		n := htmlByID(svg, ids[i])
		if n == nil || n.Data != tag || n.Parent != svg {
			t.Fatalf("aria-labelledby names %q, which is not the svg's <%s>", ids[i], tag)
		}
		if htmlText(n) == "" {
			t.Errorf("the svg's <%s> is empty", tag)
		}
		texts = append(texts, htmlText(n))
	}
	if !strings.Contains(htmlAttrOr(svg, "viewBox"), " ") || htmlAttrOr(svg, "width") != "100%" {
		t.Errorf("<svg viewBox=%q width=%q>: want a viewBox and width 100%%, to scale", htmlAttrOr(svg, "viewBox"), htmlAttrOr(svg, "width"))
	}
	return texts[1]
}

// checkFigure checks what every chart must have: a caption, the SVG with
// its text alternative, directly followed by the table of its numbers,
// whose every heading has a scope.
func checkFigure(t *testing.T, where string, fig *html.Node) {
	t.Helper()
	if cs := htmlElements(fig, "figcaption"); len(cs) != 1 || htmlText(cs[0]) == "" {
		t.Errorf("%s: a chart without a <figcaption>", where)
	}
	c := statsReadFigure(t, fig)
	statsDesc(t, c.svg)
	next := c.svg.NextSibling
	for next != nil && next.Type != html.ElementNode {
		next = next.NextSibling
	}
	if next == nil || len(htmlElements(next, "table")) != 1 {
		t.Errorf("%s: the svg is not directly followed by its table", where)
	}
	table := htmlElements(fig, "table")[0]
	if cs := htmlElements(table, "caption"); len(cs) != 1 || htmlText(cs[0]) == "" {
		t.Errorf("%s: a table without a caption", where)
	}
	for _, th := range htmlElements(table, "th") {
		if s := htmlAttrOr(th, "scope"); s != "col" && s != "row" {
			t.Errorf("%s: <th>%s</th> has scope %q", where, htmlText(th), s)
		}
	}
	if len(c.bars) == 0 {
		t.Errorf("%s: a chart without bars", where)
	}
}

// checkNoScriptOrStyle fails for a <script> or <style> element or a style
// attribute anywhere in a page (a strict content security policy forbids
// them).
func checkNoScriptOrStyle(t *testing.T, where string, doc *html.Node) {
	t.Helper()
	for _, n := range htmlFind(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
		if n.Data == "script" || n.Data == "style" {
			t.Errorf("%s has a <%s> element", where, n.Data)
		}
		for _, a := range n.Attr {
			if strings.EqualFold(a.Key, "style") || strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("%s: <%s> has a %s attribute", where, n.Data, a.Key)
			}
		}
	}
}

func statsAccessible(t *testing.T) {
	t.Parallel()
	o := buildInMemory(t, loadBuildCase(t, "statistics").FS, statsNow)
	doc := o.page(t, "/statistics/")
	checkNoScriptOrStyle(t, "/statistics/", doc)
	figs := htmlElements(htmlMain(t, doc), "figure")
	if len(figs) != 5 {
		t.Fatalf("/statistics/ has %d charts, want 5", len(figs))
	}
	for i, f := range figs {
		checkFigure(t, fmt.Sprintf("/statistics/ chart %d", i+1), f)
	}
	// Ids are unique on the page.
	seen := map[string]bool{}
	for _, n := range htmlFind(doc, func(n *html.Node) bool { return htmlAttrOr(n, "id") != "" }) {
		if id := htmlAttrOr(n, "id"); seen[id] {
			t.Errorf("id %q is used twice", id)
		} else {
			seen[id] = true
		}
	}
	// Every chart is linked from the list at the top.
	for _, f := range figs {
		sec := f.Parent
		if id := htmlAttrOr(sec, "id"); id == "" || !slices.ContainsFunc(pageLinks(htmlMain(t, doc)), func(l pageLink) bool { return l.Href == "#"+id }) {
			t.Errorf("chart section %q is not linked from the page's contents", id)
		}
	}
	if !slices.Contains(readSitemap(t, o), "https://example.org/statistics/") {
		t.Errorf("the sitemap does not list /statistics/")
	}
}

func statsDrafts(t *testing.T) {
	t.Parallel()
	site := loadBuildCase(t, "statistics").FS
	a := buildInMemory(t, site, statsNow)
	opts := statsNow
	opts.Drafts = true
	b := buildInMemory(t, site, opts)
	if !b.has("/letters/2021-05-10-draft/") {
		t.Fatalf("the draft was not published with Drafts")
	}
	for _, h := range []string{"Letters sent per month", "Replies received per month", "Replies within the time allowed, by type of organisation", "Slowest to reply", "Overdue replies by organisation"} {
		ca, cb := statsFigure(t, a.main(t, "/statistics/"), h), statsFigure(t, b.main(t, "/statistics/"), h)
		if !slices.Equal(ca.values(), cb.values()) || !slices.EqualFunc(ca.rows, cb.rows, slices.Equal) {
			t.Errorf("%s: a build with drafts counts them: %v %q, without %v %q", h, cb.values(), cb.rows, ca.values(), ca.rows)
		}
	}
}

func statsOrgPages(t *testing.T) {
	t.Parallel()
	site := loadBuildCase(t, "statistics").FS
	// Three more replies from Southshire (after 5, 30 and 70 days) make
	// five, enough for its chart; the others keep too few for one.
	for _, r := range []struct{ letter, reply string }{{"2021-04-05", "2021-04-10"}, {"2021-04-12", "2021-05-12"}, {"2021-04-19", "2021-06-28"}} {
		site["content/letters/"+r.letter+"-southshire.md"] = &fstest.MapFile{Data: []byte("---\ntitle: To Southshire on " + r.letter + "\ndate: " + r.letter + "\nto: [southshire-council]\n---\nMore.\n")}
		site["content/responses/"+r.reply+"-southshire.md"] = &fstest.MapFile{Data: []byte("---\ndate: " + r.reply + "\nfrom: southshire-council\nin_reply_to: " + r.letter + "-southshire\n---\nReply.\n")}
	}
	o := buildInMemory(t, site, statsNow)
	urlPath := "/organisations/southshire-council/"
	doc := o.page(t, urlPath)
	checkNoScriptOrStyle(t, urlPath, doc)
	rec := htmlSection(t, htmlMain(t, doc), "Reply record")
	figs := htmlElements(rec, "figure")
	if len(figs) != 1 {
		t.Fatalf("%s: %d charts in the reply record, want 1", urlPath, len(figs))
	}
	checkFigure(t, urlPath, figs[0])
	ch := statsReadFigure(t, figs[0])
	want := []int{2, 1, 1, 1} // replies in 0–14, 15–28, 29–56, 57+ days: 5 and 10; 15; 30; 70
	if got := ch.values(); !slices.Equal(got, want) {
		t.Errorf("%s: bars %v, want %v", urlPath, got, want)
	}
	wantRows := [][]string{{"0–14 days"}, {"15–28 days"}, {"29–56 days"}, {"57 days or more"}}
	for i := range wantRows {
		wantRows[i] = append(wantRows[i], strconv.Itoa(want[i]))
	}
	if !slices.EqualFunc(ch.rows, wantRows, slices.Equal) {
		t.Errorf("%s: table %q, want %q", urlPath, ch.rows, wantRows)
	}

	// Fewer than five replies: a sentence gives each one's days, and no
	// chart of one or two bars stands for them.
	for _, c := range []struct{ id, want string }{
		{"northshire-pcc", "Too few replies for a chart: Northshire Police and Crime Commissioner has replied once so far, in 60 days."},
		{"eastshire-police", "Too few replies for a chart: Eastshire Police has replied 2 times so far, in 8 days and 21 days."},
		{"midshire-board", "Too few replies for a chart: Midshire Safeguarding Board has replied 2 times so far, in 14 days and 20 days."},
	} {
		urlPath := "/organisations/" + c.id + "/"
		rec := htmlSection(t, o.main(t, urlPath), "Reply record")
		if n := len(htmlElements(rec, "svg")) + len(htmlElements(rec, "figure")); n != 0 {
			t.Errorf("%s: a chart of too few replies", urlPath)
		}
		if got := htmlText(rec); !strings.Contains(got, c.want) {
			t.Errorf("%s: the reply record says %q, want it to say %q", urlPath, got, c.want)
		}
	}
	// Westshire has letters but no reply: a reply record, no chart.
	main := o.main(t, "/organisations/westshire-pcc/")
	if rec := htmlSection(t, main, "Reply record"); rec == nil {
		t.Fatalf("Westshire has no reply record")
	}
	if n := len(htmlElements(main, "svg")) + len(htmlElements(main, "figure")); n != 0 {
		t.Errorf("Westshire never replied, but its page has a chart")
	}
}

func statsLongRange(t *testing.T) {
	t.Parallel()
	o := buildInMemory(t, loadBuildCase(t, "statistics-long").FS, statsNow)
	main := o.main(t, "/statistics/")
	want := make([]int, 139) // January 2010 to July 2021
	want[0], want[30], want[72], want[110], want[137] = 1, 1, 1, 1, 1
	letters := statsFigure(t, main, "Letters sent per month")
	checkMonths(t, letters, "2010-01", want)
	if len(letters.rows) != 12 {
		t.Errorf("letters table has %d rows, want one a year, 2010 to 2021", len(letters.rows))
	}
	if got := letters.rows[11]; got[7] != "0" || got[8] != "" || got[13] != "1" {
		t.Errorf("2021: %q, want July 0, August on blank (after the build date), total 1", got)
	}
	// Too many months to name: the axis names years.
	years, months := 0, 0
	for _, n := range htmlElements(letters.svg, "text") {
		s := htmlText(n)
		if len(s) == 4 && strings.HasPrefix(s, "20") {
			years++
		}
		if slices.Contains([]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}, s) {
			months++
		}
	}
	if years < 5 || months != 0 {
		t.Errorf("the axis of 139 months names %d years and %d months, want years only", years, months)
	}
	want = make([]int, 139)
	want[1], want[31], want[73], want[111], want[137] = 1, 1, 1, 1, 1
	checkMonths(t, statsFigure(t, main, "Replies received per month"), "2010-01", want)
}

func statsEscaping(t *testing.T) {
	t.Parallel()
	site := loadBuildCase(t, "escaping").FS
	// A letter to the office, whose name and type are hostile, so that
	// both are in the charts.
	site["content/letters/2021/2021-04-01-office.md"] = &fstest.MapFile{Data: []byte("---\ntitle: To the office\ndate: 2021-04-01\nto: [office]\n---\nHello.\n")}
	// Enough letters due for the chart of shares in time to be drawn.
	for _, d := range []string{"2021-04-02", "2021-04-03", "2021-04-05", "2021-04-06"} {
		site["content/letters/2021/"+d+"-office.md"] = &fstest.MapFile{Data: []byte("---\ntitle: To the office again\ndate: " + d + "\nto: [office]\n---\nHello.\n")}
	}
	// A second organisation with a reply overdue, for a chart of them.
	site["content/letters/2021/2021-04-07-northshire.md"] = &fstest.MapFile{Data: []byte("---\ntitle: To Northshire\ndate: 2021-04-07\nto: [northshire-pcc]\n---\nHello.\n")}
	o := buildInMemory(t, site, build.Options{Now: buildDate("2021-06-01")})
	doc := o.page(t, "/statistics/")
	checkNoScriptOrStyle(t, "/statistics/", doc)
	main := htmlMain(t, doc)
	if n := len(htmlElements(main, "img")); n != 0 {
		t.Errorf("/statistics/ has %d <img> elements: markup in a name was not escaped", n)
	}
	for _, c := range []struct{ heading, name string }{
		{"Replies within the time allowed, by type of organisation", hostileText + " type"},
		{"Slowest to reply", hostileText + " Northshire"},
		{"Overdue replies by organisation", hostileText + " Office"},
	} {
		ch := statsFigure(t, main, c.heading)
		if !slices.ContainsFunc(ch.bars, func(b statsBar) bool { return strings.HasPrefix(b.title, c.name+":") }) {
			t.Errorf("%s: no bar titled with %q as text: %v", c.heading, c.name, ch.bars)
		}
		if !strings.Contains(htmlText(ch.svg), hostileText[:20]) {
			t.Errorf("%s: the chart does not show the name as text", c.heading)
		}
	}
	for _, urlPath := range []string{"/organisations/northshire-pcc/", "/organisations/office/"} {
		checkNoScriptOrStyle(t, urlPath, o.page(t, urlPath))
	}
}

func statsNoLetters(t *testing.T) {
	t.Parallel()
	o := buildInMemory(t, loadBuildCase(t).FS, statsNow)
	main := o.main(t, "/statistics/")
	if len(htmlElements(main, "figure")) != 0 || !strings.Contains(htmlText(main), "No letters have been published yet.") {
		t.Errorf("/statistics/ of a site without letters: %q", htmlText(main))
	}
}

func statsReproducible(t *testing.T) {
	t.Parallel()
	site := loadBuildCase(t, "statistics").FS
	a := buildInMemory(t, site, statsNow)
	b := buildInMemory(t, site, statsNow)
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
	for _, name := range slices.Sorted(maps.Keys(a)) {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two builds of the same site", name)
		}
	}
}
