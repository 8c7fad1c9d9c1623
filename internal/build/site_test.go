package build_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// The tests in this file build whole small sites (testdata/build/*.txtar,
// each on top of _base.txtar) in memory and look at what comes out as a
// reader would: elements, links, text. They never depend on CSS classes or
// whitespace, so that the templates can be restyled freely.

// TestBuildSite builds the fictional sites of testdata/build and checks
// every derived fact the content model promises on the published pages.
func TestBuildSite(t *testing.T) {
	t.Run("reply statuses", e2eReplyStatuses)
	t.Run("thread with a follow-up", e2eThread)
	t.Run("reply to two letters", e2eJointReply)
	t.Run("citations", e2eCitations)
	t.Run("external links of reports and organisations", e2eExternalURLs)
	t.Run("organisation statistics", e2eOrganisationStats)
	t.Run("drafts", e2eDrafts)
	t.Run("welsh version", e2eWelsh)
	t.Run("layout and stylesheet override", e2eLayoutOverride)
	t.Run("repeat builds are identical", e2eReproducible)
	t.Run("escaping", e2eEscaping)
	t.Run("lists", e2eLists)
	t.Run("site files", e2eSiteFiles)
	t.Run("base URL with a path", e2eBasePath)
	t.Run("failed build keeps the old output", e2eFailedBuild)
}

// ---------------------------------------------------------------------------
// Building

// buildDate parses a YYYY-MM-DD date as the builder does (midnight UTC).
func buildDate(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// loadBuildCase reads _base.txtar and the named cases of testdata/build.
func loadBuildCase(t testing.TB, cases ...string) *sitetest.Site {
	t.Helper()
	files := []string{"testdata/build/_base.txtar"}
	for _, c := range cases {
		files = append(files, "testdata/build/"+c+".txtar")
	}
	return sitetest.Load(t, files...)
}

// builtSite is a built site: output path -> content.
type builtSite map[string][]byte

// buildInMemory builds fsys in memory and fails the test if the build reports
// any error.
func buildInMemory(t testing.TB, fsys fs.FS, opts build.Options) builtSite {
	t.Helper()
	out := publish.NewMemory()
	_, errs := build.Build(fsys, letterpress.Defaults, out, opts, render.Options{})
	if errs.HasErrors(false) {
		var b strings.Builder
		errs.Print(&b)
		t.Fatalf("build failed:\n%s", b.String())
	}
	return builtSite(out.Files)
}

// outputFile is the output file that serves a URL path ("/letters/x/").
func outputFile(urlPath string) string {
	if strings.HasSuffix(urlPath, "/") {
		return strings.TrimPrefix(urlPath, "/") + "index.html"
	}
	return strings.TrimPrefix(urlPath, "/")
}

func (o builtSite) has(urlPath string) bool {
	_, ok := o[outputFile(urlPath)]
	return ok
}

// page parses the page at a URL path.
func (o builtSite) page(t testing.TB, urlPath string) *html.Node {
	t.Helper()
	data, ok := o[outputFile(urlPath)]
	if !ok {
		t.Fatalf("no page %s (file %s) in the output", urlPath, outputFile(urlPath))
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", urlPath, err)
	}
	return doc
}

// main parses the page at a URL path and returns its <main> element.
func (o builtSite) main(t testing.TB, urlPath string) *html.Node {
	t.Helper()
	return htmlMain(t, o.page(t, urlPath))
}

// ---------------------------------------------------------------------------
// Reading HTML

func htmlFind(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func htmlElements(n *html.Node, tag string) []*html.Node {
	return htmlFind(n, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == tag })
}

func htmlAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func htmlAttrOr(n *html.Node, key string) string {
	v, _ := htmlAttr(n, key)
	return v
}

var spaceRun = regexp.MustCompile(`\s+`)

// htmlText is the text content of n, with runs of white space made one space.
func htmlText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(spaceRun.ReplaceAllString(b.String(), " "))
}

func htmlMain(t testing.TB, doc *html.Node) *html.Node {
	t.Helper()
	ms := htmlElements(doc, "main")
	if len(ms) != 1 {
		t.Fatalf("page has %d <main> elements, want 1", len(ms))
	}
	return ms[0]
}

func htmlByID(doc *html.Node, id string) *html.Node {
	ns := htmlFind(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && htmlAttrOr(n, "id") == id })
	if len(ns) == 0 {
		return nil
	}
	return ns[0]
}

// pageLink is an <a href> as a reader meets it.
type pageLink struct {
	Href, Text, Title, Rel, HrefLang, Lang string
}

func pageLinks(n *html.Node) []pageLink {
	var out []pageLink
	for _, a := range htmlElements(n, "a") {
		href, ok := htmlAttr(a, "href")
		if !ok {
			continue
		}
		out = append(out, pageLink{Href: href, Text: htmlText(a), Title: htmlAttrOr(a, "title"), Rel: htmlAttrOr(a, "rel"), HrefLang: htmlAttrOr(a, "hreflang"), Lang: htmlAttrOr(a, "lang")})
	}
	return out
}

func hasPageLink(n *html.Node, href string) bool {
	return slices.ContainsFunc(pageLinks(n), func(l pageLink) bool { return l.Href == href })
}

// listedDocs lists, in order and once each, the hrefs in n that match re:
// the documents a list shows.
func listedDocs(n *html.Node, re *regexp.Regexp) []string {
	var out []string
	for _, l := range pageLinks(n) {
		if re.MatchString(l.Href) && !slices.Contains(out, l.Href) {
			out = append(out, l.Href)
		}
	}
	return out
}

var (
	letterPathRE = regexp.MustCompile(`^/letters/[a-z0-9-]+/$`)
	docPathRE    = regexp.MustCompile(`^/(letters|responses|reports)/[a-z0-9-]+/$`)
	orgPathRE    = regexp.MustCompile(`^/organisations/([a-z0-9-]+)/$`)
)

// htmlSection returns the part of a page that a heading with exactly this text
// heads: its nearest sectioning ancestor (section, article, aside, nav),
// or its parent.
func htmlSection(t testing.TB, n *html.Node, heading string) *html.Node {
	t.Helper()
	for _, h := range htmlFind(n, func(n *html.Node) bool {
		return n.Type == html.ElementNode && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6'
	}) {
		if htmlText(h) != heading {
			continue
		}
		for e := h.Parent; e != nil && e != n; e = e.Parent {
			switch e.Data {
			case "section", "article", "aside", "nav":
				return e
			}
		}
		return h.Parent
	}
	t.Fatalf("no heading %q", heading)
	return nil
}

// labelledValue finds the element whose whole text is label (a <dt>, a <th>)
// and returns the text of the element after it (its <dd>, its <td>).
func labelledValue(t testing.TB, n *html.Node, label string) string {
	t.Helper()
	for _, e := range htmlFind(n, func(n *html.Node) bool { return n.Type == html.ElementNode && htmlText(n) == label }) {
		for s := e.NextSibling; s != nil; s = s.NextSibling {
			if s.Type == html.ElementNode {
				return htmlText(s)
			}
		}
	}
	t.Fatalf("no value labelled %q in %q", label, htmlText(n))
	return ""
}

// englishStatusWords are the reply statuses as the English pages write them.
var englishStatusWords = []string{"Replied", "Awaiting reply", "Overdue", "Long overdue"}

// replyStatus returns the text of the smallest element of a letter page's
// <main> that holds a link to the organisation and a status word: that
// recipient's reply status.
func replyStatus(t testing.TB, main *html.Node, org string) (string, *html.Node) {
	t.Helper()
	var best *html.Node
	bestText := ""
	for _, a := range htmlElements(main, "a") {
		if htmlAttrOr(a, "href") != "/organisations/"+org+"/" {
			continue
		}
		for e := a.Parent; e != nil && e != main.Parent; e = e.Parent {
			s := htmlText(e)
			if slices.ContainsFunc(englishStatusWords, func(w string) bool { return strings.Contains(s, w) }) {
				if best == nil || len(s) < len(bestText) {
					best, bestText = e, s
				}
				break
			}
		}
	}
	if best == nil {
		t.Fatalf("no reply status for %s in %q", org, htmlText(main))
	}
	return bestText, best
}

// hasWholeDate reports whether s holds the date d as a whole ("1 March 2021" is
// not in "21 March 2021").
func hasWholeDate(s, d string) bool {
	return regexp.MustCompile(`(^|[^0-9])` + regexp.QuoteMeta(d) + `($|[^0-9])`).MatchString(s)
}

// alternates returns the <link rel="alternate" hreflang> of a page by
// language.
func hreflangLinks(doc *html.Node) map[string]string {
	out := map[string]string{}
	for _, l := range htmlElements(doc, "link") {
		if htmlAttrOr(l, "rel") == "alternate" {
			if lang, ok := htmlAttr(l, "hreflang"); ok {
				out[lang] = htmlAttrOr(l, "href")
			}
		}
	}
	return out
}

// relHrefs returns the hrefs of every <a> or <link> with the given rel.
func relHrefs(doc *html.Node, rel string) []string {
	var out []string
	for _, n := range htmlFind(doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && (n.Data == "a" || n.Data == "link")
	}) {
		if slices.Contains(strings.Fields(htmlAttrOr(n, "rel")), rel) && !slices.Contains(out, htmlAttrOr(n, "href")) {
			out = append(out, htmlAttrOr(n, "href"))
		}
	}
	return out
}

// appearInOrder reports whether the strings appear in s in this order.
func appearInOrder(s string, parts ...string) bool {
	at := 0
	for _, p := range parts {
		i := strings.Index(s[at:], p)
		if i < 0 {
			return false
		}
		at += i + len(p)
	}
	return true
}

// ---------------------------------------------------------------------------
// Reading XML

// checkWellFormedXML decodes every token of an XML file.
func checkWellFormedXML(t testing.TB, name string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("%s is not well-formed XML: %v", name, err)
			return
		}
	}
}

type atomLinkXML struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

type atomFeedXML struct {
	XMLName xml.Name      `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string        `xml:"title"`
	ID      string        `xml:"id"`
	Links   []atomLinkXML `xml:"link"`
	Entries []struct {
		Title    string        `xml:"title"`
		ID       string        `xml:"id"`
		Links    []atomLinkXML `xml:"link"`
		Summary  string        `xml:"summary"`
		Category struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

func readAtomFeed(t testing.TB, o builtSite, name string) atomFeedXML {
	t.Helper()
	data, ok := o[name]
	if !ok {
		t.Fatalf("no %s in the output", name)
	}
	checkWellFormedXML(t, name, data)
	var f atomFeedXML
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

// entryURLs are the alternate links of a feed's entries.
func (f atomFeedXML) entryURLs() []string {
	var out []string
	for _, e := range f.Entries {
		for _, l := range e.Links {
			if l.Rel == "alternate" {
				out = append(out, l.Href)
			}
		}
	}
	return out
}

type sitemapXML struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc string `xml:"loc"`
	} `xml:"url"`
}

func readSitemap(t testing.TB, o builtSite) []string {
	t.Helper()
	data, ok := o["sitemap.xml"]
	if !ok {
		t.Fatal("no sitemap.xml in the output")
	}
	checkWellFormedXML(t, "sitemap.xml", data)
	var s sitemapXML
	if err := xml.Unmarshal(data, &s); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	var out []string
	for _, u := range s.URLs {
		out = append(out, u.Loc)
	}
	return out
}

// ---------------------------------------------------------------------------
// 1. Reply statuses

const (
	threeForces      = "/letters/2021-03-01-three-forces/"
	northshireReply  = "/responses/2021-03-15-northshire-pcc/"
	eastshireReply   = "/responses/2021-03-20-eastshire-police/"
	withheldReason   = "It names a victim who has not consented to publication."
	withheldBodyText = "the advocate for Ms Example is on leave"
)

func e2eReplyStatuses(t *testing.T) {
	t.Parallel()
	site := loadBuildCase(t, "statuses")

	t.Run("before the due date", func(t *testing.T) {
		o := buildInMemory(t, site.FS, build.Options{Now: buildDate("2021-03-22")})
		main := o.main(t, threeForces)
		if s := htmlText(main); !hasWholeDate(s, "1 March 2021") {
			t.Errorf("letter page does not show its date as 1 March 2021: %q", s)
		}

		north, nb := replyStatus(t, main, "northshire-pcc")
		if !strings.Contains(north, "Replied") || !strings.Contains(north, "replied in 14 days") {
			t.Errorf("Northshire replied on 15 March, 14 days after the letter; status says %q", north)
		}
		if !hasPageLink(nb, northshireReply) {
			t.Errorf("Northshire's status does not link to its reply %s: %q", northshireReply, north)
		}

		east, eb := replyStatus(t, main, "eastshire-police")
		if !strings.Contains(east, "Replied, not published") || !strings.Contains(east, "replied in 19 days") || !strings.Contains(east, withheldReason) {
			t.Errorf("Eastshire's withheld reply: want 'Replied, not published', 'replied in 19 days' and the reason %q; status says %q", withheldReason, east)
		}
		if strings.Contains(east, "Awaiting") || strings.Contains(east, "Overdue") {
			t.Errorf("Eastshire replied (withheld) but its status says %q", east)
		}
		if !hasPageLink(eb, eastshireReply) {
			t.Errorf("Eastshire's status does not link to its reply page %s: %q", eastshireReply, east)
		}

		west, _ := replyStatus(t, main, "westshire-pcc")
		if !strings.Contains(west, "Awaiting reply") || !hasWholeDate(west, "29 March 2021") {
			t.Errorf("Westshire has not replied and the reply is due 29 March 2021; status says %q", west)
		}
		if strings.Contains(west, "Overdue") || strings.Contains(west, "Replied") {
			t.Errorf("Westshire is only awaited; status says %q", west)
		}
	})

	t.Run("on the due date", func(t *testing.T) {
		o := buildInMemory(t, site.FS, build.Options{Now: buildDate("2021-03-29")})
		west, _ := replyStatus(t, o.main(t, threeForces), "westshire-pcc")
		if !strings.Contains(west, "Awaiting reply") || strings.Contains(west, "Overdue") {
			t.Errorf("on the due date a reply is still awaited, not overdue; status says %q", west)
		}
	})

	t.Run("after the due date", func(t *testing.T) {
		for _, c := range []struct{ now, label, want string }{
			{"2021-03-30", "Overdue", "1 day overdue"},
			{"2021-04-08", "Overdue", "10 days overdue"},
			// Twice the 28 days allowed end on 26 April.
			{"2021-04-26", "Overdue", "28 days overdue"},
			{"2021-04-27", "Long overdue", "29 days overdue"},
			{"2021-06-01", "Long overdue", "over 2 months overdue"}, // 64 days, as people say it
		} {
			o := buildInMemory(t, site.FS, build.Options{Now: buildDate(c.now)})
			main := o.main(t, threeForces)
			west, _ := replyStatus(t, main, "westshire-pcc")
			if !strings.Contains(west, c.label) || c.label == "Overdue" && strings.Contains(west, "Long overdue") || !strings.Contains(west, c.want) || !hasWholeDate(west, "29 March 2021") {
				t.Errorf("built on %s: want %s, %q and the due date 29 March 2021; status says %q", c.now, c.label, c.want, west)
			}
			if strings.Contains(west, "Awaiting reply") {
				t.Errorf("built on %s: status still says awaiting: %q", c.now, west)
			}
			// Replies do not become overdue.
			if north, _ := replyStatus(t, main, "northshire-pcc"); strings.Contains(north, "Overdue") {
				t.Errorf("built on %s: Northshire replied but is shown overdue: %q", c.now, north)
			}
		}
	})

	t.Run("reply pages", func(t *testing.T) {
		o := buildInMemory(t, site.FS, build.Options{Now: buildDate("2021-04-08")})

		nm := o.main(t, northshireReply)
		if s := htmlText(nm); !strings.Contains(s, "We fund four advocates across the county.") {
			t.Errorf("published reply does not show its body: %q", s)
		}
		if !hasPageLink(nm, threeForces) {
			t.Errorf("reply does not link back to the letter %s", threeForces)
		}

		em := o.main(t, eastshireReply)
		s := htmlText(em)
		if !strings.Contains(s, withheldReason) {
			t.Errorf("withheld reply page does not give the reason %q: %q", withheldReason, s)
		}
		if strings.Contains(s, withheldBodyText) {
			t.Errorf("withheld reply page shows the reply's body: %q", s)
		}
		if !hasPageLink(em, threeForces) {
			t.Errorf("withheld reply does not link back to the letter %s", threeForces)
		}
	})

	t.Run("withheld body published nowhere", func(t *testing.T) {
		o := buildInMemory(t, site.FS, build.Options{Now: buildDate("2021-04-08")})
		for _, name := range slices.Sorted(maps.Keys(o)) {
			if bytes.Contains(o[name], []byte(withheldBodyText)) {
				t.Errorf("%s contains the body of the withheld reply", name)
			}
		}
	})
}

// ---------------------------------------------------------------------------
// 2. A thread: letter, reply, follow-up

func e2eThread(t *testing.T) {
	t.Parallel()
	const (
		first    = "/letters/2021-03-01-first-letter/"
		reply    = "/responses/2021-03-16-northshire-pcc/"
		followUp = "/letters/2021-04-02-follow-up/"
	)
	titles := map[string]string{
		first:    "First letter about advocates",
		reply:    "Response from Northshire Police and Crime Commissioner",
		followUp: "Follow-up asking for the advocates' caseloads",
	}
	o := buildInMemory(t, loadBuildCase(t, "thread").FS, build.Options{Now: buildDate("2021-06-01")})

	if !hasPageLink(o.main(t, reply), followUp) {
		t.Errorf("reply page does not link to the follow-up letter %s", followUp)
	}
	if !hasPageLink(o.main(t, followUp), reply) {
		t.Errorf("follow-up letter does not link back to the reply %s", reply)
	}
	for _, p := range []string{first, reply, followUp} {
		th := htmlSection(t, o.main(t, p), "Correspondence in this thread")
		if s := htmlText(th); !appearInOrder(s, titles[first], titles[reply], titles[followUp]) {
			t.Errorf("%s: thread is not letter, reply, follow-up in date order: %q", p, s)
		}
		for _, other := range []string{first, reply, followUp} {
			if other != p && !hasPageLink(th, other) {
				t.Errorf("%s: thread does not link to %s", p, other)
			}
		}
	}
}

// ---------------------------------------------------------------------------
// 3. One reply to two letters

func e2eJointReply(t *testing.T) {
	t.Parallel()
	const (
		custody  = "/letters/2021-05-03-custody/"
		training = "/letters/2021-05-10-training/"
		reply    = "/responses/2021-06-01-eastshire-police/"
	)
	// Both replies would be overdue on 1 July had the reply not counted.
	o := buildInMemory(t, loadBuildCase(t, "joint-reply").FS, build.Options{Now: buildDate("2021-07-01")})
	rm := o.main(t, reply)
	for _, l := range []string{custody, training} {
		if !hasPageLink(rm, l) {
			t.Errorf("reply does not link back to %s", l)
		}
	}
	for l, days := range map[string]string{custody: "replied in 29 days", training: "replied in 22 days"} {
		st, block := replyStatus(t, o.main(t, l), "eastshire-police")
		if !strings.Contains(st, "Replied") || !strings.Contains(st, days) || strings.Contains(st, "Overdue") {
			t.Errorf("%s: want Eastshire replied (%s); status says %q", l, days, st)
		}
		if !hasPageLink(block, reply) {
			t.Errorf("%s: Eastshire's status does not link to the reply %s", l, reply)
		}
	}
}

// ---------------------------------------------------------------------------
// 4. Citations

func e2eCitations(t *testing.T) {
	t.Parallel()
	const (
		report      = "/reports/annual-report-2020/"
		bodyLink    = "/letters/2021-03-01-body-link/"
		frontMatter = "/letters/2021-03-08-front-matter/"
		noCitation  = "/letters/2021-03-09-no-citation/"
	)
	o := buildInMemory(t, loadBuildCase(t, "citations").FS, build.Options{Now: buildDate("2021-06-01")})

	cited := htmlSection(t, o.main(t, report), "Cited in")
	for _, l := range []string{bodyLink, frontMatter} {
		if !hasPageLink(cited, l) {
			t.Errorf("report's Cited in does not link to %s: %q", l, htmlText(cited))
		}
	}
	if hasPageLink(cited, noCitation) {
		t.Errorf("report's Cited in links to %s, which does not cite it", noCitation)
	}
	if s := htmlText(htmlSection(t, o.main(t, "/reports/unrelated-review/"), "Cited in")); strings.Contains(s, "Letter citing") {
		t.Errorf("uncited report lists citing letters: %q", s)
	}

	var found bool
	for _, l := range pageLinks(o.main(t, bodyLink)) {
		if l.Text != "our annual report" {
			continue
		}
		found = true
		if l.Href != report || l.Title != "Annual Report 2020" {
			t.Errorf("body link [our annual report](report:annual-report-2020) became href=%q title=%q, want href=%q title=%q", l.Href, l.Title, report, "Annual Report 2020")
		}
	}
	if !found {
		t.Errorf("body link 'our annual report' is missing from %s", bodyLink)
	}
	if !hasPageLink(o.main(t, frontMatter), report) {
		t.Errorf("letter that cites the report in its front matter does not link to it")
	}
	if hasPageLink(o.main(t, noCitation), report) {
		t.Errorf("letter that cites nothing links to the report")
	}
}

// e2eExternalURLs: a report's url: and an organisation's url: are their
// own sites, and a page never offers a link to itself as the publisher's
// page or the organisation's website.
func e2eExternalURLs(t *testing.T) {
	t.Parallel()
	// The bug this caught: in report.html and organisation.html, .URL is
	// render.Doc.URL() (the page's own path), which shadows the url: field.
	o := buildInMemory(t, loadBuildCase(t, "citations").FS, build.Options{Now: buildDate("2021-06-01")})
	for page, want := range map[string]string{
		"/reports/unrelated-review/":       "https://publisher.example.com/unrelated-review",
		"/organisations/eastshire-police/": "https://eastshire-police.example.com/",
	} {
		if !hasPageLink(o.main(t, page), want) {
			t.Errorf("%s does not link to its url: %s", page, want)
		}
	}
	for _, page := range []string{"/reports/annual-report-2020/", "/organisations/northshire-pcc/", "/reports/unrelated-review/"} {
		if hasPageLink(o.main(t, page), page) {
			t.Errorf("%s links to itself (as if it were the url: it does not have)", page)
		}
	}
}

// ---------------------------------------------------------------------------
// 5. Organisation statistics and the sorted organisations list

func e2eOrganisationStats(t *testing.T) {
	t.Parallel()
	o := buildInMemory(t, loadBuildCase(t, "stats").FS, build.Options{Now: buildDate("2021-06-01")})

	// Southshire: replies after 10 and 20 days, a withheld one after 30,
	// one overdue. Withheld replies count as replies; median of 10, 20, 30.
	rec := htmlSection(t, o.main(t, "/organisations/southshire-council/"), "Reply record")
	for label, want := range map[string]string{
		"Letters received":       "4",
		"Replied, not published": "1",
		"Awaiting reply":         "0",
		"Overdue":                "1",
		"Median days to reply":   "20",
	} {
		if got := labelledValue(t, rec, label); got != want {
			t.Errorf("Southshire %s = %q, want %q", label, got, want)
		}
	}
	if got := labelledValue(t, rec, "Replied"); got != "3" && !strings.HasPrefix(got, "3 ") {
		t.Errorf("Southshire Replied = %q, want 3 (the withheld reply counts)", got)
	}
	east := htmlSection(t, o.main(t, "/organisations/eastshire-police/"), "Reply record")
	if got := labelledValue(t, east, "Median days to reply"); got != "5" {
		t.Errorf("Eastshire median days = %q, want 5", got)
	}
	north := htmlSection(t, o.main(t, "/organisations/northshire-pcc/"), "Reply record")
	if got := labelledValue(t, north, "Overdue"); got != "2" {
		t.Errorf("Northshire overdue = %q, want 2", got)
	}
	if got := labelledValue(t, north, "Median days to reply"); strings.ContainsAny(got, "0123456789") {
		t.Errorf("Northshire never replied, but its median days to reply is %q", got)
	}

	rows := func(urlPath string) []string {
		var ids []string
		for _, l := range pageLinks(o.main(t, urlPath)) {
			if m := orgPathRE.FindStringSubmatch(l.Href); m != nil && !strings.HasPrefix(m[1], "by-") && !slices.Contains(ids, m[1]) {
				ids = append(ids, m[1])
			}
		}
		return ids
	}
	for urlPath, want := range map[string][]string{
		"/organisations/":            {"eastshire-police", "northshire-pcc", "southshire-council", "office", "westshire-pcc"},
		"/organisations/by-overdue/": {"northshire-pcc", "southshire-council", "eastshire-police", "office", "westshire-pcc"},
		"/organisations/by-letters/": {"southshire-council", "northshire-pcc", "eastshire-police", "office", "westshire-pcc"},
		"/organisations/by-median/":  {"southshire-council", "eastshire-police", "northshire-pcc", "office", "westshire-pcc"},
	} {
		if got := rows(urlPath); !slices.Equal(got, want) {
			t.Errorf("%s lists\n  %v\nwant\n  %v", urlPath, got, want)
		}
	}
	// Every view links to every other.
	views := []string{"/organisations/", "/organisations/by-overdue/", "/organisations/by-letters/", "/organisations/by-median/", "/organisations/by-reply-rate/"}
	for _, from := range views {
		m := o.main(t, from)
		for _, to := range views {
			if !hasPageLink(m, to) {
				t.Errorf("%s does not link to the view %s", from, to)
			}
		}
	}

	t.Run("by reply rate", func(t *testing.T) {
		// Reply rates: Northshire 0%, Southshire 75%, Eastshire 100%; the
		// office and Westshire received nothing and come last. The order
		// must be the one the table declares with aria-sort.
		doc := o.page(t, "/organisations/by-reply-rate/")
		var dir string
		for _, n := range htmlFind(doc, func(n *html.Node) bool { _, ok := htmlAttr(n, "aria-sort"); return ok }) {
			dir = htmlAttrOr(n, "aria-sort")
		}
		want := map[string][]string{
			"ascending":  {"northshire-pcc", "southshire-council", "eastshire-police", "office", "westshire-pcc"},
			"descending": {"eastshire-police", "southshire-council", "northshire-pcc", "office", "westshire-pcc"},
		}[dir]
		if want == nil {
			t.Fatalf("the sorted column has aria-sort=%q, want ascending or descending", dir)
		}
		if got := rows("/organisations/by-reply-rate/"); !slices.Equal(got, want) {
			t.Errorf("/organisations/by-reply-rate/ (aria-sort=%s) lists\n  %v\nwant\n  %v", dir, got, want)
		}
	})
}

// ---------------------------------------------------------------------------
// 6. Drafts

func e2eDrafts(t *testing.T) {
	t.Parallel()
	const (
		published  = "/letters/2021-03-01-published/"
		draft      = "/letters/2021-03-05-secret-draft/"
		draftReply = "/responses/2021-03-20-draft-reply/"
	)
	site := loadBuildCase(t, "drafts")
	now := buildDate("2021-03-22")
	marks := []string{"2021-03-05-secret-draft", "2021-03-20-draft-reply", "Unfinished draft letter", "Draft reply from Northshire", "not ready", "Not yet approved"}

	t.Run("without drafts", func(t *testing.T) {
		o := buildInMemory(t, site.FS, build.Options{Now: now})
		for _, p := range []string{draft, draftReply} {
			if o.has(p) {
				t.Errorf("draft page %s was published", p)
			}
		}
		for name, data := range o {
			for _, m := range marks {
				if bytes.Contains(data, []byte(m)) || strings.Contains(name, m) {
					t.Errorf("%s mentions the draft (%q)", name, m)
				}
			}
		}
		// The draft reply does not count as a reply.
		if st, _ := replyStatus(t, o.main(t, published), "northshire-pcc"); !strings.Contains(st, "Awaiting reply") {
			t.Errorf("unpublished draft reply counted: status says %q", st)
		}
		// A control: the published letter is where the draft is missing.
		if !hasPageLink(o.main(t, "/letters/"), published) || !slices.Contains(readSitemap(t, o), "https://example.org"+published) {
			t.Errorf("the published letter is missing from /letters/ or the sitemap")
		}
	})

	t.Run("with drafts", func(t *testing.T) {
		o := buildInMemory(t, site.FS, build.Options{Now: now, Drafts: true})
		for _, p := range []string{draft, draftReply} {
			if !o.has(p) {
				t.Errorf("with Drafts, %s is not built", p)
			}
		}
		if !hasPageLink(o.main(t, "/letters/"), draft) {
			t.Errorf("with Drafts, /letters/ does not list %s", draft)
		}
		if !hasPageLink(o.main(t, "/responses/"), draftReply) {
			t.Errorf("with Drafts, /responses/ does not list %s", draftReply)
		}
		sm := readSitemap(t, o)
		feed := readAtomFeed(t, o, "feed.xml").entryURLs()
		for _, p := range []string{draft, draftReply} {
			if !slices.Contains(sm, "https://example.org"+p) {
				t.Errorf("with Drafts, sitemap.xml does not list %s", p)
			}
			if !slices.Contains(feed, "https://example.org"+p) {
				t.Errorf("with Drafts, feed.xml does not list %s", p)
			}
		}
		if st, _ := replyStatus(t, o.main(t, published), "northshire-pcc"); !strings.Contains(st, "Replied") {
			t.Errorf("with Drafts, the draft reply does not count: status says %q", st)
		}
	})
}

// ---------------------------------------------------------------------------
// 7. A Welsh version

func e2eWelsh(t *testing.T) {
	t.Parallel()
	const (
		en = "/letters/2021-03-01-bilingual/"
		cy = "/cy/letters/2021-03-01-bilingual/"
	)
	o := buildInMemory(t, loadBuildCase(t, "welsh").FS, build.Options{Now: buildDate("2021-06-01")})
	want := map[string]string{"en": "https://example.org" + en, "cy": "https://example.org" + cy}
	pages := map[string]*html.Node{"en": o.page(t, en), "cy": o.page(t, cy)}
	for lang, doc := range pages {
		if got := hreflangLinks(doc); got["en"] != want["en"] || got["cy"] != want["cy"] {
			t.Errorf("%s page: hreflang alternates %v, want %v", lang, got, want)
		}
		if got := htmlAttrOr(htmlElements(doc, "html")[0], "lang"); got != lang {
			t.Errorf("%s page: <html lang=%q>", lang, got)
		}
	}

	cyMain := htmlMain(t, pages["cy"])
	if s := htmlText(cyMain); !hasWholeDate(s, "1 Mawrth 2021") || !strings.Contains(s, "Llythyr ar ofal dioddefwyr yng Nghymru") {
		t.Errorf("Welsh page: want the Welsh title and date 1 Mawrth 2021: %q", s)
	}
	if s := htmlText(cyMain); hasWholeDate(s, "1 March 2021") || strings.Contains(s, "Reply status") {
		t.Errorf("Welsh page has English interface text: %q", s)
	}
	// The letters list is in English only: its link says so.
	if !slices.ContainsFunc(pageLinks(pages["cy"]), func(l pageLink) bool { return l.Text == "Llythyrau (Saesneg)" && l.HrefLang == "en" }) {
		t.Errorf("Welsh page: no navigation link Llythyrau (Saesneg)")
	}
	enMain := htmlMain(t, pages["en"])
	if s := htmlText(enMain); !hasWholeDate(s, "1 March 2021") || strings.Contains(s, "Mawrth") {
		t.Errorf("English page: want the date as 1 March 2021: %q", s)
	}
	if !slices.ContainsFunc(pageLinks(pages["en"]), func(l pageLink) bool { return l.Text == "Letters" }) {
		t.Errorf("English page: no navigation link Letters")
	}

	t.Run("cross-references stay in the language", func(t *testing.T) {
		const (
			reply   = "/responses/2021-03-20-bilingual-reply/"
			cyReply = "/cy/responses/2021-03-20-bilingual-reply/"
		)
		if s := htmlText(cyMain); !strings.Contains(s, "Wedi ymateb") || !strings.Contains(s, "ymatebodd mewn 19 diwrnod") {
			t.Errorf("Welsh page: reply status not in Welsh: %q", s)
		}
		if !hasPageLink(cyMain, cyReply) || hasPageLink(cyMain, reply) {
			t.Errorf("Welsh letter page must link to the Welsh reply %s, not the English one", cyReply)
		}
		if !hasPageLink(enMain, reply) || hasPageLink(enMain, cyReply) {
			t.Errorf("English letter page must link to the English reply %s, not the Welsh one", reply)
		}
		bodyLink := func(page, htmlText string) string {
			for _, l := range pageLinks(o.main(t, page)) {
				if l.Text == htmlText {
					return l.Href
				}
			}
			t.Fatalf("%s: no link %q", page, htmlText)
			return ""
		}
		if got := bodyLink(cyReply, "eich llythyr"); got != cy {
			t.Errorf("Welsh reply: letter:2021-03-01-bilingual resolves to %s, want the Welsh version %s", got, cy)
		}
		if got := bodyLink(reply, "your letter"); got != en {
			t.Errorf("English reply: letter:2021-03-01-bilingual resolves to %s, want %s", got, en)
		}
	})

	t.Run("organisation names on Welsh pages", func(t *testing.T) {
		const cyOrg, name = "/cy/organisations/northshire-pcc/", "Comisiynydd Heddlu a Throseddu Northshire"
		if got := htmlText(o.main(t, cyOrg)); !strings.Contains(got, name) {
			t.Fatalf("the Welsh organisation page does not show its Welsh name: %q", got)
		}
		for _, l := range pageLinks(cyMain) {
			if l.Href == cyOrg && l.Text != name {
				t.Errorf("Welsh letter page names %s %q, want its Welsh name %q", cyOrg, l.Text, name)
			}
		}
	})

	t.Run("addressees' languages", func(t *testing.T) {
		// On a Welsh letter, the lines of an English organisation's name
		// or address, and a role the Welsh version does not give in its
		// own words, say they are English (WCAG 3.1.2).
		o := buildInMemory(t, loadBuildCase(t, "welsh-address").FS, build.Options{Now: buildDate("2021-06-01")})
		type line struct{ text, lang string }
		blocks := func(page string) [][]line {
			var out [][]line
			for _, a := range htmlElements(o.main(t, page), "address") {
				var b []line
				for _, s := range htmlElements(a, "span") {
					b = append(b, line{htmlText(s), htmlAttrOr(s, "lang")})
				}
				out = append(out, b)
			}
			return out
		}
		want := [][]line{
			{{"Jo Example", ""}, {"Prif Weithredwr", ""}, {"Comisiynydd Heddlu a Throseddu Northshire", ""}, {"1 High Street", "en"}, {"Northtown", "en"}, {"NT1 1AA", "en"}},
			{{"Comisiynydd Heddlu a Throseddu Westshire", ""}, {"2 Heol Isaf", ""}, {"Tref y Gorllewin", ""}},
			{{"Sam Example", ""}, {"Chief Constable", "en"}, {"Eastshire Police", "en"}, {"Police Headquarters", "en"}, {"Easttown", "en"}},
		}
		if got := blocks("/cy/letters/2021-04-01-addresses/"); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("Welsh letter's addressees:\n got %q\nwant %q", got, want)
		}
		want = [][]line{
			{{"Jo Example", ""}, {"Chief Executive", ""}, {"Northshire Police and Crime Commissioner", ""}, {"1 High Street", ""}, {"Northtown", ""}, {"NT1 1AA", ""}},
			{{"Westshire Police and Crime Commissioner", ""}, {"2 Low Road", ""}, {"Westtown", ""}},
			{{"Sam Example", ""}, {"Chief Constable", ""}, {"Eastshire Police", ""}, {"Police Headquarters", ""}, {"Easttown", ""}},
		}
		if got := blocks("/letters/2021-04-01-addresses/"); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("English letter's addressees:\n got %q\nwant %q", got, want)
		}
	})

	t.Run("what a Welsh version leaves out", func(t *testing.T) {
		// A Welsh version of an organisation or a report need not repeat
		// its address, PDF or publisher's page: its page shows them from
		// the English, in English marked so.
		o := buildInMemory(t, loadBuildCase(t, "welsh-address").FS, build.Options{Now: buildDate("2021-06-01")})
		meta := func(page string) map[string]string {
			out := map[string]string{}
			for _, div := range htmlElements(o.main(t, page), "div") {
				dts, dds := htmlElements(div, "dt"), htmlElements(div, "dd")
				if len(dts) != 1 || len(dds) != 1 {
					continue
				}
				dd, lang := dds[0], htmlAttrOr(dds[0], "lang")
				for _, el := range append(htmlElements(dd, "address"), htmlElements(dd, "span")...) {
					lang += htmlAttrOr(el, "lang")
				}
				out[htmlText(dts[0])] = htmlText(dd) + " [" + lang + "]"
			}
			return out
		}
		org := meta("/cy/organisations/southshire-partnership/")
		for k, want := range map[string]string{
			"Math":            "Partnership [en]",
			"Rhanbarth":       "De Ddwyrain []",
			"Deiliad y swydd": "Sam Chair [en]",
			"Cyfeiriad":       "Town Hall Southtown [en]",
			"Gwefan":          "https://southshire.example/ []",
		} {
			if org[k] != want {
				t.Errorf("Welsh organisation page: %s is %q, want %q (all: %q)", k, org[k], want, org)
			}
		}
		if en := meta("/organisations/southshire-partnership/"); en["Type"] != "Partnership []" || en["Region"] != "South East []" {
			t.Errorf("English organisation page: %q", en)
		}
		report := meta("/cy/reports/partnership-review/")
		if got := report["Cyhoeddwr"]; got != "Southshire Anti-Slavery Partnership (secretariat) [en]" {
			t.Errorf("Welsh report page: publisher %q (all: %q)", got, report)
		}
		if got := report["Cyhoeddwyd"]; !strings.Contains(got, "Mai 2020") {
			t.Errorf("Welsh report page: published %q, want the English version's date in Welsh", got)
		}
		main := o.main(t, "/cy/reports/partnership-review/")
		if !hasPageLink(main, "/files/review.pdf") || !hasPageLink(main, "https://southshire.example/review/") {
			t.Errorf("Welsh report page: no link to the English version's PDF and publisher's page: %q", pageLinks(main))
		}
		if !slices.ContainsFunc(pageLinks(o.main(t, "/cy/letters/2021-04-01-addresses/")), func(l pageLink) bool {
			return l.Href == "/files/review.pdf" && l.Text == "The review's summary" && l.Lang == "en"
		}) {
			t.Errorf("Welsh letter page: no link to the English version's attachment, marked lang=en")
		}
		// The report it cites: its English publisher, on the Welsh page.
		cited := htmlByID(o.page(t, "/cy/letters/2021-04-01-addresses/"), "cited-heading")
		if cited == nil {
			t.Fatal("Welsh letter page: no list of reports cited")
		}
		found := false
		for _, s := range htmlElements(cited.Parent, "span") {
			if htmlText(s) == "Southshire Anti-Slavery Partnership (secretariat)" && htmlAttrOr(s, "lang") == "en" {
				found = true
			}
		}
		if !found {
			t.Errorf("Welsh letter page: the cited report's English publisher is not marked lang=en: %q", htmlText(cited.Parent))
		}
	})

	t.Run("language switch", func(t *testing.T) {
		// Each page offers the other version in the other language's words.
		switchLink := func(doc *html.Node, href string) pageLink {
			for _, l := range pageLinks(doc) {
				if l.Href == href {
					return l
				}
			}
			t.Fatalf("no link to %s", href)
			return pageLink{}
		}
		toCy, toEn := switchLink(pages["en"], cy), switchLink(pages["cy"], en)
		if toCy.HrefLang != "cy" || toEn.HrefLang != "en" {
			t.Errorf("language links: hreflang %q and %q, want cy and en", toCy.HrefLang, toEn.HrefLang)
		}
		// The bug this caught: T .Lang "read-in" (the target's language)
		// gave each link the other one's words.
		if !strings.Contains(toCy.Text, "Gymraeg") || toCy.Lang != "cy" {
			t.Errorf("English page links to the Welsh version with %q (lang=%q), want the Welsh invitation (Darllenwch ... yn Gymraeg) marked lang=cy", toCy.Text, toCy.Lang)
		}
		if !strings.Contains(toEn.Text, "English") || toEn.Lang != "en" {
			t.Errorf("Welsh page links to the English version with %q (lang=%q), want \"Read this page in English\" marked lang=en", toEn.Text, toEn.Lang)
		}
	})
}

// ---------------------------------------------------------------------------
// 8. The site's own layout and stylesheet

var hashedCSSPath = regexp.MustCompile(`^/css/site\.[0-9a-f]{8,}\.css$`)

// pageStylesheet returns the path of a page's stylesheet and its content.
func pageStylesheet(t testing.TB, o builtSite, doc *html.Node) (string, []byte) {
	t.Helper()
	var hrefs []string
	for _, l := range htmlElements(doc, "link") {
		if htmlAttrOr(l, "rel") == "stylesheet" {
			hrefs = append(hrefs, htmlAttrOr(l, "href"))
		}
	}
	if len(hrefs) != 1 || !hashedCSSPath.MatchString(hrefs[0]) {
		t.Fatalf("stylesheets %q, want one content-hashed /css/site.HASH.css", hrefs)
	}
	data, ok := o[strings.TrimPrefix(hrefs[0], "/")]
	if !ok {
		t.Fatalf("stylesheet %s is not in the output", hrefs[0])
	}
	return hrefs[0], data
}

func e2eLayoutOverride(t *testing.T) {
	t.Parallel()
	site := loadBuildCase(t, "layout-override")
	o := buildInMemory(t, site.FS, build.Options{Now: buildDate("2021-06-01")})

	about := o.page(t, "/about/")
	if htmlByID(about, "site-page-layout") == nil {
		t.Errorf("/about/ is not rendered with the site's layouts/page.html")
	}
	if !strings.Contains(htmlText(htmlMain(t, about)), "About this site.") {
		t.Errorf("the site's page layout lost the body")
	}
	if !hasPageLink(about, "/letters/") {
		t.Errorf("/about/ lost the default base layout's navigation")
	}
	letter := o.page(t, "/letters/2021-03-01-letter/")
	if htmlByID(letter, "site-page-layout") != nil {
		t.Errorf("the site's page layout was used for a letter")
	}
	if st, _ := replyStatus(t, htmlMain(t, letter), "northshire-pcc"); !strings.Contains(st, "overdue") {
		t.Errorf("the letter is not rendered by the default letter layout: %q", st)
	}

	siteCSS := site.FS["static/css/site.css"].Data
	defaultCSS, err := fs.ReadFile(letterpress.Defaults, "static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(siteCSS, defaultCSS) {
		t.Fatal("test site's stylesheet is the default one")
	}
	href, css := pageStylesheet(t, o, about)
	if !bytes.Equal(css, siteCSS) {
		t.Errorf("%s is not the site's static/css/site.css:\n%s", href, css)
	}
	if h, _ := pageStylesheet(t, o, letter); h != href {
		t.Errorf("letter uses stylesheet %s, about page %s", h, href)
	}
	for name, data := range o {
		if bytes.Equal(data, defaultCSS) {
			t.Errorf("the default stylesheet is published as %s although the site overrides it", name)
		}
	}

	// A control: without the override, the default stylesheet is linked,
	// under another hashed name.
	plain := buildInMemory(t, loadBuildCase(t).FS, build.Options{Now: buildDate("2021-06-01")})
	dh, dcss := pageStylesheet(t, plain, plain.page(t, "/about/"))
	if !bytes.Equal(dcss, defaultCSS) || dh == href {
		t.Errorf("without an override the stylesheet is %s (default content: %v); with it %s", dh, bytes.Equal(dcss, defaultCSS), href)
	}
	if htmlByID(plain.page(t, "/about/"), "site-page-layout") != nil {
		t.Errorf("the base site has no page layout of its own")
	}
}

// ---------------------------------------------------------------------------
// 9. Reproducible builds

// allBuildCases is every site of testdata/build that builds, as one site.
var allBuildCases = []string{"statuses", "thread", "joint-reply", "citations", "stats", "drafts", "welsh", "welsh-address", "lists", "files"}

func e2eReproducible(t *testing.T) {
	t.Parallel()
	site := loadBuildCase(t, allBuildCases...)
	opts := build.Options{Now: buildDate("2021-06-01")}
	a := buildInMemory(t, site.FS, opts)
	b := buildInMemory(t, site.FS, opts)
	if len(a) < 50 {
		t.Fatalf("only %d files built", len(a))
	}
	for _, name := range slices.Sorted(maps.Keys(a)) {
		if bd, ok := b[name]; !ok {
			t.Errorf("%s is in the first build only", name)
		} else if !bytes.Equal(a[name], bd) {
			t.Errorf("%s differs between two builds of the same site", name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			t.Errorf("%s is in the second build only", name)
		}
	}
}

// ---------------------------------------------------------------------------
// 10. Escaping

const hostileText = `<script>alert(1)</script>"><img src=x onerror=alert(1)>`

func e2eEscaping(t *testing.T) {
	t.Parallel()
	o := buildInMemory(t, loadBuildCase(t, "escaping").FS, build.Options{Now: buildDate("2021-06-01")})

	pages := 0
	for _, name := range slices.Sorted(maps.Keys(o)) {
		data := o[name]
		switch {
		case strings.HasSuffix(name, ".html"):
			pages++
			doc, err := html.Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, n := range htmlFind(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
				// The only script allowed is the site's own search script,
				// loaded from its hashed file, on the search page.
				if n.Data == "script" && !(name == "search/index.html" && n.FirstChild == nil && ownScript(n)) {
					t.Errorf("%s has a <script> element", name)
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(strings.ToLower(a.Key), "on") {
						t.Errorf("%s: <%s> has an event handler %s=%q", name, n.Data, a.Key, a.Val)
					}
					if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
						t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
					}
				}
			}
		case strings.HasSuffix(name, ".xml"):
			checkWellFormedXML(t, name, data)
		}
	}
	if pages < 20 {
		t.Errorf("only %d pages checked", pages)
	}

	// Controls: the hostile text is there, as text, where each field is shown.
	for _, c := range []struct{ page, what string }{
		{"/letters/2021-03-01-hostile/", hostileText + " letter"},       // title
		{"/letters/2021-03-01-hostile/", hostileText + " Ms Addressee"}, // recipient name
		{"/letters/2021-03-01-hostile/", hostileText + " role"},         // recipient role
		{"/letters/2021-03-01-hostile/", hostileText + " Northshire"},   // organisation name
		{"/letters/2021-03-01-hostile/", hostileText + " reason"},       // withheld reason
		{"/responses/2021-03-10-northshire/", hostileText + " reply"},
	} {
		if s := htmlText(o.main(t, c.page)); !strings.Contains(s, c.what) {
			t.Errorf("%s does not show %q as text: %q", c.page, c.what, s)
		}
	}
	if s := htmlText(o.main(t, "/reports/hostile-report/")); !strings.Contains(s, hostileText+" publisher") || !strings.Contains(s, hostileText+" report") {
		t.Errorf("report page does not show its title and publisher as text: %q", s)
	}
	if s := htmlText(o.main(t, "/topics/")); !strings.Contains(s, hostileText+" topic") {
		t.Errorf("/topics/ does not show the topic label as text: %q", s)
	}
	if s := htmlText(o.main(t, "/topics/hostile/")); !strings.Contains(s, hostileText+" topic") {
		t.Errorf("/topics/hostile/ does not show the topic label as text: %q", s)
	}
	if s := htmlText(o.main(t, "/organisations/northshire-pcc/")); !strings.Contains(s, hostileText+" Northshire") || !strings.Contains(s, hostileText+" holder") {
		t.Errorf("organisation page does not show its name and holder as text: %q", s)
	}
	title := htmlElements(o.page(t, "/letters/2021-03-01-hostile/"), "title")
	if len(title) != 1 || !strings.Contains(htmlText(title[0]), hostileText+" letter") {
		t.Errorf("<title> does not hold the title as text")
	}

	feed := readAtomFeed(t, o, "feed.xml")
	var titles []string
	for _, e := range feed.Entries {
		titles = append(titles, e.Title)
	}
	if !slices.Contains(titles, hostileText+" letter") || feed.Title != hostileText+" office" {
		t.Errorf("feed.xml does not hold the titles as text: feed %q, entries %q", feed.Title, titles)
	}
	readSitemap(t, o)
	readAtomFeed(t, o, "organisations/northshire-pcc/feed.xml")
}

// ---------------------------------------------------------------------------
// 11. Lists

func e2eLists(t *testing.T) {
	t.Parallel()

	t.Run("pagination", func(t *testing.T) {
		site := loadBuildCase(t)
		start := buildDate("2020-01-01")
		for i := 1; i <= 120; i++ {
			site.FS[fmt.Sprintf("content/letters/gen/letter-%03d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
				"---\ntitle: Generated letter %d\ndate: %s\nto: [northshire-pcc]\n---\nLetter %d.\n", i, start.AddDate(0, 0, i).Format(time.DateOnly), i)}
		}
		o := buildInMemory(t, site.FS, build.Options{Now: buildDate("2021-06-01")})
		gen := regexp.MustCompile(`^/letters/letter-\d{3}/$`)
		want := func(from, to int) []string { // newest first
			var out []string
			for i := from; i >= to; i-- {
				out = append(out, fmt.Sprintf("/letters/letter-%03d/", i))
			}
			return out
		}
		for _, c := range []struct {
			page       string
			items      []string
			prev, next string
		}{
			{"/letters/", want(120, 71), "", "/letters/page/2/"},
			{"/letters/page/2/", want(70, 21), "/letters/", "/letters/page/3/"},
			{"/letters/page/3/", want(20, 1), "/letters/page/2/", ""},
		} {
			doc := o.page(t, c.page)
			if got := listedDocs(htmlMain(t, doc), gen); !slices.Equal(got, c.items) {
				t.Errorf("%s lists %d letters %v\nwant %d, newest first: %v", c.page, len(got), got, len(c.items), c.items)
			}
			for rel, want := range map[string]string{"prev": c.prev, "next": c.next} {
				got := relHrefs(doc, rel)
				if want == "" && len(got) > 0 {
					t.Errorf("%s has rel=%s %v, want none", c.page, rel, got)
				}
				if want != "" && !slices.Equal(got, []string{want}) {
					t.Errorf("%s has rel=%s %v, want %s", c.page, rel, got, want)
				}
			}
		}
		if o.has("/letters/page/4/") || o.has("/letters/page/1/") {
			t.Errorf("/letters/page/4/ or /letters/page/1/ exists")
		}
	})

	o := buildInMemory(t, loadBuildCase(t, "lists").FS, build.Options{Now: buildDate("2021-06-01")})

	t.Run("awaiting reply", func(t *testing.T) {
		// 30 days overdue, 12 days overdue, then the awaited ones by due
		// date: 22 June, 31 December. Newest-first would put "recent" first.
		want := []string{"/letters/2021-05-01-very-late/", "/letters/2021-03-01-slightly-late/", "/letters/2021-05-25-recent/", "/letters/2021-01-04-long-deadline/"}
		if got := listedDocs(o.main(t, "/awaiting-reply/"), letterPathRE); !slices.Equal(got, want) {
			t.Errorf("/awaiting-reply/ lists\n  %v\nwant\n  %v", got, want)
		}
	})

	t.Run("topics", func(t *testing.T) {
		want := []string{"/letters/2021-02-01-answered/", "/letters/2021-03-01-slightly-late/", "/reports/prevention-review/", "/responses/2021-02-10-northshire/"}
		got := listedDocs(o.main(t, "/topics/prevention/"), docPathRE)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("/topics/prevention/ lists\n  %v\nwant\n  %v", got, want)
		}
		if got := listedDocs(o.main(t, "/topics/victim-care/"), docPathRE); !slices.Equal(got, []string{"/reports/care-review/"}) {
			t.Errorf("/topics/victim-care/ lists %v, want the care review only", got)
		}
		idx := o.main(t, "/topics/")
		for href, label := range map[string]string{"/topics/prevention/": "Focusing on prevention", "/topics/victim-care/": "Improving victim care"} {
			if !slices.ContainsFunc(pageLinks(idx), func(l pageLink) bool { return l.Href == href && l.Text == label }) {
				t.Errorf("/topics/ has no link %q to %s", label, href)
			}
		}
		if lm := o.main(t, "/letters/2021-03-01-slightly-late/"); !slices.ContainsFunc(pageLinks(lm), func(l pageLink) bool {
			return l.Href == "/topics/prevention/" && l.Text == "Focusing on prevention"
		}) {
			t.Errorf("letter page does not link to its topic")
		}
	})

	t.Run("home", func(t *testing.T) {
		main := o.main(t, "/")
		if !hasPageLink(main, "/awaiting-reply/") {
			t.Errorf("home page's main content does not link to /awaiting-reply/")
		}
		if !hasPageLink(main, "/letters/2021-05-01-very-late/") {
			t.Errorf("home page does not show the most overdue letter")
		}
	})
}

// ---------------------------------------------------------------------------
// 12. 404, sitemap, robots.txt, feeds, redirects

func e2eSiteFiles(t *testing.T) {
	t.Parallel()
	const (
		moved    = "/letters/2021-03-01-moved/"
		eastshi  = "/letters/2021-04-01-eastshire/"
		reply    = "/responses/2021-03-17-northshire-pcc/"
		base     = "https://example.org"
		oldAlias = "/old/letters/moved-letter/"
	)
	o := buildInMemory(t, loadBuildCase(t, "files").FS, build.Options{Now: buildDate("2021-06-01")})

	nf := o.page(t, "/404.html")
	if s := htmlText(htmlMain(t, nf)); !strings.Contains(s, "Page not found") {
		t.Errorf("404.html: %q", s)
	}
	if !hasPageLink(nf, "/") {
		t.Errorf("404.html does not link home")
	}

	sm := readSitemap(t, o)
	for _, p := range []string{"/", moved, eastshi, reply, "/organisations/northshire-pcc/", "/about/"} {
		if !slices.Contains(sm, base+p) {
			t.Errorf("sitemap.xml does not list %s%s: %v", base, p, sm)
		}
	}
	for _, loc := range sm {
		if !strings.HasPrefix(loc, base+"/") {
			t.Errorf("sitemap.xml has a URL that is not absolute under base_url: %s", loc)
		}
	}

	robots := string(o["robots.txt"])
	if !regexp.MustCompile(`(?mi)^Sitemap:\s*https://example\.org/sitemap\.xml\s*$`).MatchString(robots) {
		t.Errorf("robots.txt does not point at the sitemap:\n%s", robots)
	}

	feed := readAtomFeed(t, o, "feed.xml")
	urls := feed.entryURLs()
	for _, p := range []string{moved, eastshi, reply} {
		if !slices.Contains(urls, base+p) {
			t.Errorf("feed.xml has no entry for %s: %v", p, urls)
		}
	}
	kinds := map[string]bool{}
	for _, e := range feed.Entries {
		kinds[e.Category.Term] = true
	}
	if !kinds["letter"] || !kinds["response"] {
		t.Errorf("feed.xml entries are not categorised as letters and responses: %v", kinds)
	}

	ef := readAtomFeed(t, o, "organisations/eastshire-police/feed.xml")
	if got := ef.entryURLs(); !slices.Equal(got, []string{base + eastshi}) {
		t.Errorf("Eastshire's feed lists %v, want only %s", got, eastshi)
	}
	nfeed := readAtomFeed(t, o, "organisations/northshire-pcc/feed.xml")
	if got := nfeed.entryURLs(); !slices.Equal(got, []string{base + reply, base + moved}) {
		t.Errorf("Northshire's feed lists %v, want its reply then the letter to it", got)
	}
	if !hasPageLink(o.page(t, "/organisations/eastshire-police/"), "/organisations/eastshire-police/feed.xml") {
		t.Errorf("organisation page does not link to its feed")
	}

	// Attachments are published as they are and linked from their letter.
	const pdf = "/files/2021-03-01-moved.pdf"
	if !slices.ContainsFunc(pageLinks(o.main(t, moved)), func(l pageLink) bool { return l.Href == pdf && strings.Contains(l.Text, "The signed letter") }) {
		t.Errorf("letter does not link to its attachment %s", pdf)
	}
	if got, want := o[outputFile(pdf)], loadBuildCase(t, "files").FS["static"+pdf].Data; !bytes.Equal(got, want) {
		t.Errorf("attachment %s published as %q, want %q", pdf, got, want)
	}

	var found bool
	for _, line := range strings.Split(string(o["_redirects"]), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == oldAlias {
			found = true
			if f[1] != moved {
				t.Errorf("_redirects sends %s to %s, want %s", oldAlias, f[1], moved)
			}
			if len(f) < 3 || !strings.HasPrefix(f[2], "301") {
				t.Errorf("_redirects line %q is not a permanent redirect", line)
			}
		}
	}
	if !found {
		t.Errorf("_redirects has no line for the alias %s:\n%s", oldAlias, o["_redirects"])
	}

	t.Run("organisation feed's alternate page", func(t *testing.T) {
		var alt []string
		for _, l := range ef.Links {
			if l.Rel == "alternate" {
				alt = append(alt, l.Href)
			}
		}
		if want := base + "/organisations/eastshire-police/"; !slices.Equal(alt, []string{want}) {
			t.Errorf("Eastshire's feed: alternate %v, want %s", alt, want)
		}
	})
}

// e2eBasePath builds every case under a base_url with a path: every link
// within the site, every absolute URL, redirect and cross-reference must
// carry it.
func e2eBasePath(t *testing.T) {
	t.Parallel()
	site := loadBuildCase(t, allBuildCases...)
	yaml := string(site.FS["site.yaml"].Data)
	if !strings.Contains(yaml, "base_url: https://example.org/\n") {
		t.Fatalf("unexpected site.yaml:\n%s", yaml)
	}
	site.FS["site.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(yaml, "base_url: https://example.org/\n", "base_url: https://example.org/sub/\n", 1))}
	o := buildInMemory(t, site.FS, build.Options{Now: buildDate("2021-06-01")})

	if !o.has("/letters/2021-03-01-moved/") {
		t.Fatalf("pages are not written at the same paths inside the output")
	}
	pages := 0
	for _, name := range slices.Sorted(maps.Keys(o)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		doc, err := html.Parse(bytes.NewReader(o[name]))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range htmlFind(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
			for _, a := range n.Attr {
				if a.Key != "href" && a.Key != "src" {
					continue
				}
				if strings.HasPrefix(a.Val, "/") && !strings.HasPrefix(a.Val, "/sub/") {
					t.Errorf("%s: <%s %s=%q> leaves the base path /sub/", name, n.Data, a.Key, a.Val)
				}
				if strings.HasPrefix(a.Val, "https://example.org/") && !strings.HasPrefix(a.Val, "https://example.org/sub/") {
					t.Errorf("%s: <%s %s=%q> leaves the base URL", name, n.Data, a.Key, a.Val)
				}
			}
		}
	}
	if pages < 50 {
		t.Errorf("only %d pages checked", pages)
	}
	if !hasPageLink(o.main(t, "/letters/2021-03-01-body-link/"), "/sub/reports/annual-report-2020/") {
		t.Errorf("body cross-reference does not carry the base path")
	}
	if alt := hreflangLinks(o.page(t, "/cy/letters/2021-03-01-bilingual/")); alt["en"] != "https://example.org/sub/letters/2021-03-01-bilingual/" {
		t.Errorf("hreflang alternates %v do not carry the base path", alt)
	}
	for _, loc := range readSitemap(t, o) {
		if !strings.HasPrefix(loc, "https://example.org/sub/") {
			t.Errorf("sitemap.xml: %s is not under the base URL", loc)
		}
	}
	for _, u := range readAtomFeed(t, o, "feed.xml").entryURLs() {
		if !strings.HasPrefix(u, "https://example.org/sub/") {
			t.Errorf("feed.xml: %s is not under the base URL", u)
		}
	}
	if !regexp.MustCompile(`(?m)^/sub/old/letters/moved-letter/\s+/sub/letters/2021-03-01-moved/\s`).Match(o["_redirects"]) {
		t.Errorf("_redirects does not carry the base path:\n%s", o["_redirects"])
	}
}

// ---------------------------------------------------------------------------
// 13. A failed build leaves the published directory as it was

// readDirTree reads every file under dir: slash path -> content.
func readDirTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func e2eFailedBuild(t *testing.T) {
	t.Parallel()
	opts := build.Options{Now: buildDate("2021-06-01")}
	good := loadBuildCase(t, "statuses")

	for _, c := range []struct {
		name  string
		fsys  fstest.MapFS
		wrote bool // the failed build wrote pages before it failed
	}{
		{"content error", loadBuildCase(t, "statuses", "broken").FS, false},
		{"template error while rendering", func() fstest.MapFS {
			s := loadBuildCase(t, "statuses")
			s.FS["layouts/response.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{template "partials/no-such-partial.html" .}}{{end}}`)}
			return s.FS
		}(), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			public := filepath.Join(dir, "public")

			d, err := publish.NewDir(public)
			if err != nil {
				t.Fatal(err)
			}
			if _, errs := build.Build(good.FS, letterpress.Defaults, d, opts, render.Options{}); errs.HasErrors(false) {
				t.Fatalf("good site failed: %v", errs)
			}
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			before := readDirTree(t, public)
			if _, ok := before[outputFile(threeForces)]; !ok {
				t.Fatalf("the good build did not publish %s", threeForces)
			}

			d, err = publish.NewDir(public)
			if err != nil {
				t.Fatal(err)
			}
			_, errs := build.Build(c.fsys, letterpress.Defaults, d, opts, render.Options{})
			if !errs.HasErrors(false) {
				t.Fatal("the broken site built without errors")
			}
			tmps, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*"))
			if len(tmps) != 1 {
				t.Fatalf("during the build, temporary directories %v, want one", tmps)
			}
			if c.wrote {
				if _, err := os.Stat(filepath.Join(tmps[0], outputFile(threeForces))); err != nil {
					t.Fatalf("the failing build wrote no page before failing (%v): the case tests nothing", err)
				}
			}
			d.Abort()

			after := readDirTree(t, public)
			for name, data := range before {
				if got, ok := after[name]; !ok {
					t.Errorf("%s disappeared from the published site", name)
				} else if !bytes.Equal(got, data) {
					t.Errorf("%s changed", name)
				}
			}
			for name := range after {
				if _, ok := before[name]; !ok {
					t.Errorf("%s appeared in the published site", name)
				}
			}
			for _, pat := range []string{".public.tmp-*", ".public.old-*"} {
				if left, _ := filepath.Glob(filepath.Join(dir, pat)); len(left) > 0 {
					t.Errorf("left behind: %v", left)
				}
			}
		})
	}
}

// ownScript reports whether a <script> loads the site's own search script.
func ownScript(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "src" {
			return strings.HasPrefix(a.Val, "/js/search.") && strings.HasSuffix(a.Val, ".js")
		}
	}
	return false
}
