package build_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"letterpress/internal/build"
)

// What a visitor reads on a letter, a reply and a report page
// (testdata/build/letter-page.txtar, built on 6 December 2026): read as
// text, links and their order on the page, never by CSS class.

const (
	lpOverdue  = "/letters/2020-10-13-home-office/"
	lpFive     = "/letters/2026-09-01-five-bodies/"
	lpAwaiting = "/letters/2026-11-20-awaiting/"
	lpLate     = "/letters/2026-06-01-late/"
	lpDraft    = "/letters/2020-01-15-unsent/"
	lpWithheld = "/responses/2026-09-20-eastshire-police/"
	lpInTime   = "/responses/2026-09-15-northshire-pcc/"
	lpLateRe   = "/responses/2026-07-11-southshire-council/"
	lpJoint    = "/responses/2026-10-20-westshire-pcc/"
)

func letterPageSite(t *testing.T, drafts bool) builtSite {
	t.Helper()
	return buildInMemory(t, loadBuildCase(t, "letter-page").FS, build.Options{Now: buildDate("2026-12-06"), Drafts: drafts})
}

func TestLetterPage(t *testing.T) {
	t.Parallel()
	o := letterPageSite(t, false)
	t.Run("status line under the title", func(t *testing.T) { lpStatusLine(t, o) })
	t.Run("durations as people say them", func(t *testing.T) { lpDurations(t, o) })
	t.Run("reference", func(t *testing.T) { lpReference(t, o) })
	t.Run("withheld reply", func(t *testing.T) { lpWithheldReply(t, o) })
	t.Run("address block", func(t *testing.T) { lpAddresses(t, o) })
	t.Run("reply page", func(t *testing.T) { lpReplyPage(t, o) })
	t.Run("report publisher", func(t *testing.T) { lpPublisher(t, o) })
	t.Run("draft", func(t *testing.T) { t.Parallel(); lpDraftPage(t, letterPageSite(t, true)) })
}

// statusLine is the text of the first link to the reply status panel on
// a letter page, and whether it comes after the title and before the
// letter's first addressee and body.
func statusLine(t *testing.T, main *html.Node) (string, bool) {
	t.Helper()
	var link *html.Node
	for _, a := range htmlElements(main, "a") {
		if htmlAttrOr(a, "href") == "#status-heading" {
			link = a
			break
		}
	}
	if link == nil {
		t.Fatalf("no link to the reply status (#status-heading) in %q", htmlText(main))
	}
	order := htmlFind(main, func(n *html.Node) bool {
		return n == link || n.Type == html.ElementNode && (n.Data == "h1" || n.Data == "address")
	})
	i := slices.Index(order, link)
	return htmlText(link), i == 1 && order[0].Data == "h1" && len(order) > 2
}

func lpStatusLine(t *testing.T, o builtSite) {
	for _, c := range []struct{ page, want string }{
		{lpOverdue, "Long overdue: over 6 years, due 10 November 2020"},
		{lpFive, "2 of 5 replied (1 not published), 3 long overdue"},
		{lpAwaiting, "Awaiting reply, due 18 December 2026"},
		{lpLate, "Replied in 40 days"},
		{"/cy" + lpOverdue, "Hwyr iawn: dros 6 blynedd, disgwyliwyd erbyn 10 Tachwedd 2020"},
	} {
		got, first := statusLine(t, o.main(t, c.page))
		if got != c.want {
			t.Errorf("%s: status line %q, want %q", c.page, got, c.want)
		}
		if !first {
			t.Errorf("%s: the status line is not right under the title, before the letter", c.page)
		}
		if htmlByID(o.page(t, c.page), "status-heading") == nil {
			t.Errorf("%s: the status line links to #status-heading, which is not on the page", c.page)
		}
	}
}

func lpDurations(t *testing.T, o builtSite) {
	main := o.main(t, lpOverdue)
	st, _ := replyStatus(t, main, "home-office")
	if !strings.Contains(st, "over 6 years overdue, due 10 November 2020") {
		t.Errorf("the Home Office's status says %q, want 'over 6 years overdue, due 10 November 2020'", st)
	}
	if regexp.MustCompile(`\d{3,} days`).MatchString(htmlText(main)) {
		t.Errorf("the page counts a long time in days: %q", htmlText(main))
	}
	north, _ := replyStatus(t, o.main(t, lpFive), "northshire-pcc")
	if !strings.Contains(north, "replied in 14 days") {
		t.Errorf("Northshire replied in 14 days; its status says %q", north)
	}
}

func lpReference(t *testing.T, o builtSite) {
	for page, label := range map[string]string{lpOverdue: "Reference", "/cy" + lpOverdue: "Cyfeirnod"} {
		dl := htmlElements(o.main(t, page), "dl")
		if len(dl) == 0 {
			t.Fatalf("%s: no summary list", page)
		}
		if got := labelledValue(t, dl[0], label); got != "IASC/2020/041" {
			t.Errorf("%s: %s %q, want IASC/2020/041", page, label, got)
		}
	}
	// A letter without one has no empty line for it.
	if s := htmlText(htmlElements(o.main(t, lpAwaiting), "dl")[0]); strings.Contains(s, "Reference") {
		t.Errorf("a letter without a reference shows one: %q", s)
	}
}

func lpWithheldReply(t *testing.T, o builtSite) {
	main := o.main(t, lpFive)
	east, eb := replyStatus(t, main, "eastshire-police")
	if strings.Contains(east, "Read the reply") {
		t.Errorf("the withheld reply is offered as readable: %q", east)
	}
	var link *pageLink
	for _, l := range pageLinks(eb) {
		if l.Href == lpWithheld {
			link = &l
		}
	}
	if link == nil || !strings.HasPrefix(link.Text, "Reply received, not published") {
		t.Fatalf("Eastshire's status does not link to its reply as 'Reply received, not published': %q (links %v)", east, pageLinks(eb))
	}
	if !strings.Contains(east, "It names a victim who has not consented to publication.") {
		t.Errorf("Eastshire's status does not say why the reply is not published: %q", east)
	}
	// The published reply is still offered.
	north, nb := replyStatus(t, main, "northshire-pcc")
	if !strings.Contains(north, "Read the reply") || !hasPageLink(nb, lpInTime) {
		t.Errorf("Northshire's published reply is not offered: %q", north)
	}

	// The reply's page: the same tag, the reason, and whom to ask.
	rm := o.main(t, lpWithheld)
	s := readText(rm)
	h1 := htmlText(htmlElements(rm, "h1")[0])
	if !appearInOrder(s, h1, "Replied, not published", "It names a victim who has not consented to publication.", "To ask for a copy, contact Test Office.") {
		t.Errorf("the withheld reply's page does not carry the tag 'Replied, not published' under its title, the reason and whom to ask: %q", s)
	}
	if !hasPageLink(rm, "/organisations/office/") {
		t.Errorf("the withheld reply's page does not link to the site's owner, whom to ask: %v", pageLinks(rm))
	}
}

// readText is the text of n as a reader sees it: inline elements run on
// ("Letter, sent 1 March."), blocks are apart.
func readText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		block := n.Type == html.ElementNode && !slices.Contains([]string{"a", "span", "strong", "em", "time", "sup", "abbr", "code"}, n.Data)
		if block {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return strings.TrimSpace(spaceRun.ReplaceAllString(b.String(), " "))
}

// addressBlocks lists, for each addressee of a letter, its lines.
func addressBlocks(main *html.Node) [][]string {
	var out [][]string
	for _, a := range htmlElements(main, "address") {
		var lines []string
		for _, s := range htmlElements(a, "span") {
			lines = append(lines, htmlText(s))
		}
		out = append(out, lines)
	}
	return out
}

func lpAddresses(t *testing.T, o builtSite) {
	home := addressBlocks(o.main(t, lpOverdue))
	want := [][]string{{"Jane Example MP", "Minister for Safeguarding, Home Office", "2 Marsham Street", "London", "SW1P 4DF"}}
	if !slices.EqualFunc(home, want, slices.Equal) {
		t.Errorf("the Home Office's addressee: %q, want %q (each name once)", home, want)
	}
	five := addressBlocks(o.main(t, lpFive))
	if len(five) != 5 {
		t.Fatalf("the letter to five bodies has %d address blocks: %q", len(five), five)
	}
	if want := []string{"Jo Example", "Northshire Police and Crime Commissioner", "1 High Street", "Northtown", "NT1 1AA"}; !slices.Equal(five[0], want) {
		t.Errorf("Northshire's addressee: %q, want %q (the role is in the body's name)", five[0], want)
	}
	if want := []string{"Home Office", "2 Marsham Street", "London", "SW1P 4DF"}; !slices.Equal(five[3], want) {
		t.Errorf("the Home Office's address: %q, want %q (its name once)", five[3], want)
	}
	for _, b := range five {
		for i, l := range b {
			if slices.Contains(b[:i], l) {
				t.Errorf("an address block says %q twice: %q", l, b)
			}
		}
	}
}

// answersNote is the part of a reply's page that says what it answers:
// the element holding the sentence "This is a reply to".
func answersNote(t *testing.T, main *html.Node) *html.Node {
	t.Helper()
	ps := htmlFind(main, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "p" && strings.HasPrefix(htmlText(n), "This is a reply to")
	})
	if len(ps) == 0 {
		t.Fatalf("no 'This is a reply to' in %q", htmlText(main))
	}
	return ps[0].Parent
}

func lpReplyPage(t *testing.T, o builtSite) {
	for _, c := range []struct{ page, sentence, timing string }{
		{lpInTime, "This is a reply to Letter to five bodies on victim care, sent 1 September 2026.",
			"Replied 14 days after the letter, within the 28 days allowed."},
		{lpLateRe, "This is a reply to Letter answered late, sent 1 June 2026.",
			"Replied 40 days after the letter, 12 days after it was due (29 June 2026)."},
	} {
		note := answersNote(t, o.main(t, c.page))
		if got := readText(note); got != c.sentence+" "+c.timing {
			t.Errorf("%s: %q, want %q", c.page, got, c.sentence+" "+c.timing)
		}
		if n := len(htmlElements(note, "li")); n != 0 {
			t.Errorf("%s: a reply to one letter lists it as %d list items", c.page, n)
		}
	}
	// A reply to two letters lists them, each with its timing.
	note := answersNote(t, o.main(t, lpJoint))
	items := htmlElements(note, "li")
	if !strings.HasPrefix(readText(note), "This is a reply to 2 letters:") || len(items) != 2 {
		t.Fatalf("the joint reply: %q, want 'This is a reply to 2 letters:' and a list of two", readText(note))
	}
	for i, want := range []string{
		"Letter on custody suites, sent 1 October 2026. Replied 19 days after the letter, within the 28 days allowed.",
		"Letter on training, sent 5 October 2026. Replied 15 days after the letter, within the 28 days allowed.",
	} {
		if got := readText(items[i]); got != want {
			t.Errorf("the joint reply's letter %d: %q, want %q", i+1, got, want)
		}
	}
}

func lpPublisher(t *testing.T, o builtSite) {
	for _, c := range []struct{ page, text, href string }{
		{"/reports/home-office-statistics/", "Home Office", "/organisations/home-office/"},
		{"/reports/northshire-plan/", "Northshire Police and Crime Commissioner", "/organisations/northshire-pcc/"},
		{"/reports/joint-review/", "Home Office and ECPAT UK", ""},
	} {
		dl := htmlElements(o.main(t, c.page), "dl")[0]
		if got := labelledValue(t, dl, "Publisher"); got != c.text {
			t.Errorf("%s: publisher %q, want %q", c.page, got, c.text)
		}
		links := pageLinks(dl)
		switch {
		case c.href == "" && len(links) > 0:
			t.Errorf("%s: a publisher naming two bodies links to %v", c.page, links)
		case c.href != "" && !slices.Contains(links, pageLink{Href: c.href, Text: c.text}):
			t.Errorf("%s: the publisher does not link to %s: %v", c.page, c.href, links)
		}
	}
}

func lpDraftPage(t *testing.T, o builtSite) {
	main := o.main(t, lpDraft)
	s := htmlText(main)
	for _, w := range []string{"Overdue", "overdue", "Awaiting", "Replied", "Reply status", "days"} {
		if strings.Contains(s, w) {
			t.Errorf("the unsent draft's page says %q: %q", w, s)
		}
	}
	if hasPageLink(main, "#status-heading") {
		t.Errorf("the unsent draft's page links to a reply status")
	}
	// Its entry in the list of letters has no status either.
	for _, li := range htmlElements(o.main(t, "/letters/"), "li") {
		if s := htmlText(li); hasPageLink(li, lpDraft) && (strings.Contains(s, "Overdue") || strings.Contains(s, "Awaiting")) {
			t.Errorf("the draft's entry in /letters/ has a reply status: %q", s)
		}
	}
	if hasPageLink(o.main(t, "/awaiting-reply/"), lpDraft) {
		t.Errorf("/awaiting-reply/ lists the unsent draft")
	}
	// Eastshire's record counts its withheld reply, not the draft.
	if got := labelledValue(t, o.main(t, "/organisations/eastshire-police/"), "Overdue"); got != "0" {
		t.Errorf("Eastshire's record counts %s overdue: the draft to it was never sent", got)
	}
}
