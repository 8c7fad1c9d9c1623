package build_test

import (
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/diag"
	"letterpress/internal/publish"
	"letterpress/internal/render"
)

// The lists, the Welsh pages' chrome, the favicon and the site's
// stylesheet additions, read from built pages as a visitor reads them.

// listsSite builds testdata/build/lists-status.txtar (over _base, statuses
// and welsh) on 1 June 2021 with the compiled renderer and with the
// templates, requires the two to be the same, and returns the output.
func listsSite(t *testing.T, opts build.Options) builtSite {
	t.Helper()
	fsys := loadBuildCase(t, "statuses", "welsh", "lists-status").FS
	if opts.Now.IsZero() {
		opts.Now = buildDate("2021-06-01")
	}
	compiled := buildFiles(t, fsys, opts, render.Options{})
	if msg := compareOutputs(compiled, buildFiles(t, fsys, opts, render.Options{NoCompiled: true})); msg != "" {
		t.Fatalf("compiled (first) and html/template (second) output differ: %s", msg)
	}
	return builtSite(compiled)
}

// visibleText is n's text as it reads: runs of white space made one space.
func visibleText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(spaceRun.ReplaceAllString(b.String(), " "))
}

// langOf is the language n is in: the lang attribute of n or of its
// nearest ancestor that has one.
func langOf(n *html.Node) string {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode {
			if l, ok := htmlAttr(n, "lang"); ok {
				return l
			}
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return n.Type == html.ElementNode && slices.Contains(strings.Fields(htmlAttrOr(n, "class")), class)
}

func byClass(n *html.Node, class string) []*html.Node {
	return htmlFind(n, func(n *html.Node) bool { return hasClass(n, class) })
}

// listEntry is the entry of a list whose title is title: fails if none.
func listEntry(t *testing.T, main *html.Node, page, title string) *html.Node {
	t.Helper()
	for _, li := range byClass(main, "doc") {
		if ts := byClass(li, "doc-title"); len(ts) > 0 && visibleText(ts[0]) == title {
			return li
		}
	}
	t.Fatalf("%s lists no %q", page, title)
	return nil
}

// statusText is what an entry says of the reply status (its status-line
// paragraphs).
func statusText(li *html.Node) string {
	var out []string
	for _, p := range byClass(li, "status-line") {
		out = append(out, visibleText(p))
	}
	return strings.Join(out, " | ")
}

// TestOrganisationOwnStatus: on an organisation's page each letter says
// how that organisation answered it, not how the letter as a whole
// stands; the general lists keep the letter's overall status.
func TestOrganisationOwnStatus(t *testing.T) {
	o := listsSite(t, build.Options{})
	const batch = "Batch letter on advocates"
	for _, c := range []struct{ page, title, want string }{
		// Northshire replied to the batch letter in 11 days; six others
		// are overdue.
		{"/organisations/northshire-pcc/", batch, "Replied in 11 days"},
		// Overdue for longer than twice the 28 days allowed: long overdue.
		{"/organisations/westshire-pcc/", batch, "Long overdue, due 29 April 2021 (33 days)"},
		{"/organisations/westshire-pcc/", "Letter not yet due", "Awaiting reply, due 30 June 2021"},
		{"/organisations/eastshire-police/", "Letter to three forces on victim care", "Replied in 19 days, not published"},
		{"/cy/organisations/northshire-pcc/", "Llythyr swp am eiriolwyr", "Wedi ymateb mewn 11 diwrnod"},
		// The general lists: the letter's overall status.
		{"/letters/", batch, "1 replied, 6 long overdue"},
	} {
		main := o.main(t, c.page)
		if got := statusText(listEntry(t, main, c.page, c.title)); got != c.want {
			t.Errorf("%s: %q says %q, want %q", c.page, c.title, got, c.want)
		}
	}
	// The owner sent every letter: its page shows each letter's overall status.
	main := o.main(t, "/organisations/office/")
	if got := statusText(listEntry(t, main, "/organisations/office/", batch)); got != "1 replied, 6 long overdue" {
		t.Errorf("the sender's page says %q of the batch letter, want its overall status", got)
	}
}

// TestAwaitingSaysWhoIsLate: /awaiting-reply/ names the recipients still
// to reply, grouped by status and due date, with how long they are
// overdue, most overdue first.
func TestAwaitingSaysWhoIsLate(t *testing.T) {
	o := listsSite(t, build.Options{})
	main := o.main(t, "/awaiting-reply/")
	batch := listEntry(t, main, "/awaiting-reply/", "Batch letter on advocates")
	var lines []string
	for _, p := range byClass(batch, "pending") {
		lines = append(lines, visibleText(p))
	}
	want := []string{"Long overdue: Eastshire Police, Westshire Police and Crime Commissioner, Southshire Police and Crime Commissioner, Midshire Police and Crime Commissioner, Midshire Police and 1 more, due 29 April 2021 (33 days)"}
	if !slices.Equal(lines, want) {
		t.Errorf("the batch letter's entry says\n%q\nwant\n%q", lines, want)
	}
	// Several statuses: the counts stay, above who is late.
	if got := statusText(batch); got != "1 replied, 6 long overdue" {
		t.Errorf("the batch letter's counts: %q", got)
	}
	notYet := listEntry(t, main, "/awaiting-reply/", "Letter not yet due")
	if got := pendingText(notYet); got != "Awaiting reply: Westshire Police and Crime Commissioner, Southshire Police and Crime Commissioner, due 30 June 2021" {
		t.Errorf("the letter not yet due says %q", got)
	}
	// One recipient, one status: the line naming it says all, once.
	late := listEntry(t, main, "/awaiting-reply/", "Letter to three forces on victim care")
	if got := pendingText(late); got != "Long overdue: Westshire Police and Crime Commissioner, due 29 March 2021 (over 2 months)" {
		t.Errorf("the three forces letter says %q", got)
	}
	// Most overdue first: the entries' due dates, overdue ones first.
	var order []string
	overdueDone := false
	for _, li := range byClass(main, "doc") {
		p := byClass(li, "pending")
		if len(p) == 0 {
			t.Errorf("%q says nobody is late", visibleText(byClass(li, "doc-title")[0]))
			continue
		}
		status := htmlAttrOr(byClass(p[0], "status")[0], "class")
		due := htmlAttrOr(htmlElements(p[0], "time")[0], "datetime")
		if strings.Contains(status, "status-awaiting") {
			overdueDone = true
		} else if overdueDone {
			t.Errorf("an overdue letter (due %s) after one awaiting a reply", due)
		}
		order = append(order, due)
	}
	if i := slices.Index(order, "2021-03-29"); i < 0 || !slices.IsSorted(order[:len(order)-1]) {
		t.Errorf("due dates in list order: %v, want the most overdue first", order)
	}
}

// pendingText is the first line of an entry saying who is late, "" if none.
func pendingText(li *html.Node) string {
	if p := byClass(li, "pending"); len(p) > 0 {
		return visibleText(p[0])
	}
	return ""
}

// TestWelshPageLanguages: on a Welsh page, English names, titles and
// topics carry lang="en"; links to pages that exist only in English say
// so ("(Saesneg)", hreflang="en"); the footer is in Welsh or marked.
func TestWelshPageLanguages(t *testing.T) {
	o := listsSite(t, build.Options{})
	const page = "/cy/letters/2021-04-01-batch/"
	doc := o.page(t, page)
	if l := langOf(htmlElements(doc, "body")[0]); l != "cy" {
		t.Fatalf("%s is in %q", page, l)
	}
	// Every link of the navigation leads to an English page and says so.
	nav := byClass(doc, "site-nav")[0]
	for _, a := range htmlElements(nav, "a") {
		if htmlAttrOr(a, "hreflang") != "en" || !strings.HasSuffix(visibleText(a), "(Saesneg)") {
			t.Errorf("navigation link %q (%s) does not say it leads to an English page", visibleText(a), htmlAttrOr(a, "href"))
		}
	}
	// Names and topics: each English one is marked, each Welsh one not.
	wantLang := map[string]string{
		"Comisiynydd Heddlu a Throseddu Northshire": "cy",
		"Eastshire Police":                          "en",
		"Midshire Police":                           "en",
		"Improving victim care":                     "en",
	}
	seen := map[string]bool{}
	// The letter's addressees (partials/org-link.html) and its topics.
	var named []*html.Node
	for _, n := range append(byClass(doc, "doc-meta"), byClass(doc, "topics")...) {
		named = append(named, htmlElements(n, "a")...)
	}
	for _, a := range named {
		text := visibleText(a)
		if want, ok := wantLang[text]; ok {
			seen[text] = true
			if got := langOf(a); got != want {
				t.Errorf("%s: %q is marked as %q, want %q", page, text, got, want)
			}
		}
	}
	for text := range wantLang {
		if !seen[text] {
			t.Errorf("%s has no link %q", page, text)
		}
	}
	topic := htmlFind(doc, func(n *html.Node) bool { return n.Data == "a" && visibleText(n) == "Improving victim care" })
	if len(topic) == 0 || htmlAttrOr(topic[0], "hreflang") != "en" {
		t.Errorf("the topic link does not say it leads to an English page")
	}

	// The footer: the Welsh about page in Welsh, the English-only page,
	// the open data and the feed marked, the owner's English name marked.
	footer := htmlElements(doc, "footer")[0]
	type link struct{ text, href, hreflang, textLang string }
	var got []link
	for _, a := range htmlElements(footer, "a") {
		l := link{visibleText(a), htmlAttrOr(a, "href"), htmlAttrOr(a, "hreflang"), ""}
		// The language of the link's first words (the page's title).
		for n := a.FirstChild; n != nil; n = n.NextSibling {
			if strings.TrimSpace(visibleText(n)) != "" || n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
				l.textLang = langOf(n)
				if n.Type == html.TextNode {
					l.textLang = langOf(a)
				}
				break
			}
		}
		got = append(got, l)
	}
	want := []link{
		{"Amdanom", "/cy/about/", "", "cy"},
		{"Accessibility (Saesneg)", "/accessibility/", "en", "en"},
		{"Data agored (Saesneg)", "/data/", "en", "cy"},
		{"Ffrwd Atom (Saesneg)", "/feed.xml", "en", "cy"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("footer links on %s:\n got %q\nwant %q", page, got, want)
	}
	owner := htmlElements(footer, "p")
	if len(owner) != 1 || visibleText(owner[0]) != "Test Office" || langOf(owner[0]) != "en" {
		t.Errorf("the footer's owner line is not the owner's name marked as English")
	}

	// Lists on a Welsh page: an English-only letter's title and the
	// English names in its line are marked.
	main := o.main(t, "/cy/organisations/northshire-pcc/")
	li := listEntry(t, main, "/cy/organisations/northshire-pcc/", "Letter to three forces on victim care")
	if l := langOf(byClass(li, "doc-title")[0]); l != "en" {
		t.Errorf("an English-only letter's title on a Welsh page is in %q", l)
	}
	for _, n := range htmlFind(byClass(li, "doc-line")[0], func(n *html.Node) bool { return n.Type == html.TextNode }) {
		if strings.Contains(n.Data, "Eastshire Police") && langOf(n) != "en" {
			t.Errorf("%q on a Welsh page is in %q", n.Data, langOf(n))
		}
	}
	li = listEntry(t, main, "/cy/organisations/northshire-pcc/", "Llythyr swp am eiriolwyr")
	if l := langOf(byClass(li, "doc-title")[0]); l != "cy" {
		t.Errorf("a Welsh letter's title on a Welsh page is in %q", l)
	}

	// An English page of the same site has none of it.
	en := o.page(t, "/letters/2021-04-01-batch/")
	for _, a := range htmlElements(en, "a") {
		if htmlAttrOr(a, "hreflang") == "en" || strings.Contains(visibleText(a), "(") {
			t.Errorf("an English page marks link %q as leading to an English page", visibleText(a))
		}
	}
}

// TestTopicPageLinksBack: a topic's page links to the list of topics,
// before its heading.
func TestTopicPageLinksBack(t *testing.T) {
	o := listsSite(t, build.Options{BaseURL: "https://example.org/sub/"})
	main := o.main(t, "/topics/victim-care/")
	var back *html.Node
	for _, a := range htmlElements(main, "a") {
		if htmlAttrOr(a, "href") == "/sub/topics/" {
			back = a
			break
		}
	}
	if back == nil {
		t.Fatal("the topic's page does not link to /sub/topics/")
	}
	if got := visibleText(back); got != "All topics" {
		t.Errorf("the link back says %q", got)
	}
	h1 := htmlElements(main, "h1")[0]
	for n := back; n != nil; n = n.Parent {
		if n.Parent == main {
			for s := n.NextSibling; s != nil; s = s.NextSibling {
				if s == h1 {
					return
				}
			}
		}
	}
	t.Error("the link back comes after the heading")
}

// TestNoMissingAssets: every page links an icon, and every file a page
// links in its <head> (stylesheets, icon) or loads (scripts, images) is
// in the output, under a base path too: no page requests a missing file.
func TestNoMissingAssets(t *testing.T) {
	o := listsSite(t, build.Options{BaseURL: "https://example.org/sub/"})
	pages := 0
	for _, name := range slices.Sorted(maps.Keys(o)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		doc := o.page(t, "/"+name)
		icon := false
		for _, n := range htmlFind(doc, func(n *html.Node) bool {
			return n.Type == html.ElementNode && (n.Data == "link" || n.Data == "script" || n.Data == "img")
		}) {
			rel := htmlAttrOr(n, "rel")
			ref := htmlAttrOr(n, "href")
			if n.Data != "link" {
				ref = htmlAttrOr(n, "src")
			} else if rel != "stylesheet" && rel != "icon" {
				continue
			}
			if ref == "" {
				continue
			}
			icon = icon || rel == "icon"
			u, err := url.Parse(ref)
			if err != nil || u.Host != "" {
				continue
			}
			if !strings.HasPrefix(u.Path, "/sub/") {
				t.Errorf("%s: %s %q is outside the base path", name, n.Data, ref)
				continue
			}
			file := strings.TrimPrefix(u.Path, "/sub/")
			if _, ok := o[file]; !ok {
				t.Errorf("%s: %s %q is not in the output", name, n.Data, ref)
			}
		}
		if !icon {
			t.Errorf("%s links no icon", name)
		}
	}
	if pages < 20 {
		t.Fatalf("only %d pages", pages)
	}
	if ico := o["favicon.ico"]; len(ico) < 6 || string(ico[:4]) != "\x00\x00\x01\x00" {
		t.Errorf("favicon.ico is not an icon")
	}
}

// TestExtraStylesheet: a site's static/css/extra.css is linked after the
// built-in stylesheet, on every page, under a hashed name; a site without
// one links the built-in stylesheet alone; a site's own css/site.css that
// is not the built-in one is warned about, naming extra.css.
func TestExtraStylesheet(t *testing.T) {
	o := listsSite(t, build.Options{})
	extra := string(loadBuildCase(t, "lists-status").FS["static/css/extra.css"].Data)
	stylesheets := func(o builtSite, page string) []string {
		var out []string
		for _, l := range htmlElements(o.page(t, page), "link") {
			if htmlAttrOr(l, "rel") == "stylesheet" {
				out = append(out, htmlAttrOr(l, "href"))
			}
		}
		return out
	}
	for _, page := range []string{"/", "/letters/2021-04-01-batch/", "/cy/letters/2021-04-01-batch/", "/organisations/northshire-pcc/", "/awaiting-reply/", "/statistics/"} {
		got := stylesheets(o, page)
		if len(got) != 2 || !strings.HasPrefix(got[0], "/css/site.") || !strings.HasPrefix(got[1], "/css/extra.") || got[1] == "/css/extra.css" {
			t.Errorf("%s links %q, want the built-in stylesheet then the hashed extra.css", page, got)
			continue
		}
		if css := string(o[strings.TrimPrefix(got[1], "/")]); css != extra {
			t.Errorf("%s is %q, not the site's extra.css", got[1], css)
		}
	}

	// Without extra.css: the built-in stylesheet alone, and no warning.
	fsys := loadBuildCase(t, "statuses").FS
	out, errs := buildWithWarnings(t, fsys)
	if got := stylesheets(out, "/"); len(got) != 1 {
		t.Errorf("a site without extra.css links %q", got)
	}
	if errs.Len() != 0 {
		t.Errorf("a site with the built-in stylesheet is warned: %s", errs.Error())
	}
	// A verbatim copy of the built-in stylesheet: no warning.
	def, err := fs.ReadFile(letterpress.Defaults, "static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	fsys["static/css/site.css"] = &fstest.MapFile{Data: def}
	if _, errs := buildWithWarnings(t, fsys); errs.Len() != 0 {
		t.Errorf("a copy of the built-in stylesheet is warned: %s", errs.Error())
	}
	// A stylesheet of the site's own replaces the built-in one, and says so.
	fsys["static/css/site.css"] = &fstest.MapFile{Data: []byte("body { color: #123; }\n")}
	out, errs = buildWithWarnings(t, fsys)
	items := errs.Items()
	if len(items) != 1 || items[0].Severity != diag.Warning || items[0].Path != "static/css/site.css" || !strings.Contains(items[0].Msg, "static/css/extra.css") {
		t.Errorf("a site's own site.css: %v, want one warning naming static/css/extra.css", items)
	}
	got := stylesheets(out, "/")
	if len(got) != 1 || string(out[strings.TrimPrefix(path.Clean(got[0]), "/")]) != "body { color: #123; }\n" {
		t.Errorf("the site's own site.css is not the page's stylesheet: %q", got)
	}
}

// buildWithWarnings builds fsys, failing on errors, and returns the
// output with the warnings.
func buildWithWarnings(t *testing.T, fsys fs.FS) (builtSite, *diag.List) {
	t.Helper()
	out := publish.NewMemory()
	_, errs := build.Build(fsys, letterpress.Defaults, out, build.Options{Now: buildDate("2021-06-01")}, render.Options{})
	if errs.HasErrors(false) {
		t.Fatalf("build failed: %s", errs.Error())
	}
	return builtSite(out.Files), errs
}
