package build_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"letterpress/internal/build"
	"letterpress/internal/sitetest"
)

// The figures of the reply records, read as a visitor and a program read
// them: every share of replies is over the letters due by the build date
// and says so, and the organisation pages, the organisations table,
// /statistics/ and the open data give the same numbers for the same body.

// figuresSite is the base site with 13 letters to Eastshire Police (the
// only police force), built on 1 January 2022 (replies due in 28 days):
//
//   - 6 answered in time (one reply received later than its date, still
//     before the due date);
//   - 1 answered late: the reply is dated in time but was received after
//     the due date, and is withheld;
//   - 2 overdue, unanswered;
//   - 4 not yet due (due in January 2022), unanswered.
//
// The fair share in time is 6 of the 9 due, 67%, not 6 of 13 (46%); 7
// of the 9 were answered (78%). Westshire has one letter, not yet due and
// already answered: it counts in no share yet.
func figuresSite(t *testing.T) fstest.MapFS {
	t.Helper()
	site := loadBuildCase(t).FS
	letter := func(date, to string) {
		site["content/letters/"+date+"-"+to+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: To " + to + " on " + date + "\ndate: " + date + "\nto: [" + to + "]\n---\nA letter.\n")}
	}
	reply := func(letterDate, to, date, extra string) {
		site["content/responses/"+date+"-"+to+".md"] = &fstest.MapFile{Data: []byte("---\ndate: " + date + "\nfrom: " + to + "\nin_reply_to: " + letterDate + "-" + to + "\n" + extra + "---\nA reply.\n")}
	}
	for i, m := range []string{"01", "02", "03", "04", "05", "06"} {
		d := "2021-" + m + "-04"
		letter(d, "eastshire-police")
		extra := ""
		if i == 0 {
			extra = "received: 2021-01-30\n" // due 1 February: in time
		}
		reply(d, "eastshire-police", "2021-"+m+"-14", extra)
	}
	letter("2021-07-01", "eastshire-police") // due 29 July
	reply("2021-07-01", "eastshire-police", "2021-07-20", "received: 2021-08-10\nwithheld: It names a member of staff.\n")
	letter("2021-08-02", "eastshire-police")
	letter("2021-09-01", "eastshire-police")
	for _, d := range []string{"2021-12-06", "2021-12-10", "2021-12-15", "2021-12-20"} {
		letter(d, "eastshire-police")
	}
	letter("2021-12-20", "westshire-pcc")
	reply("2021-12-20", "westshire-pcc", "2021-12-22", "")
	return site
}

var figuresNow = build.Options{Now: buildDate("2022-01-01")}

func TestFiguresShareOfDue(t *testing.T) {
	t.Parallel()
	o := buildInMemory(t, figuresSite(t), figuresNow)

	t.Run("organisation page", func(t *testing.T) {
		rec := htmlSection(t, o.main(t, "/organisations/eastshire-police/"), "Reply record")
		for label, want := range map[string]string{
			"Letters received":       "13",
			"Letters due a reply":    "9",
			"Replied":                "7",
			"Share replied":          "78% (7 of 9 due)",
			"Share replied in time":  "67% (6 of 9 due)",
			"Replied, not published": "1",
			"Awaiting reply":         "4",
			"Overdue":                "2",
		} {
			if got := labelledValue(t, rec, label); got != want {
				t.Errorf("Eastshire's %s = %q, want %q", label, got, want)
			}
		}
		if got := htmlText(rec); !strings.Contains(got, "Letters not yet due are left out of the shares") || !strings.Contains(got, "before 1 January 2022") {
			t.Errorf("the reply record does not say what its shares are out of: %q", got)
		}
		west := htmlSection(t, o.main(t, "/organisations/westshire-pcc/"), "Reply record")
		for label, want := range map[string]string{"Replied": "1", "Letters due a reply": "0", "Share replied": "none due yet", "Share replied in time": "none due yet"} {
			if got := labelledValue(t, west, label); got != want {
				t.Errorf("Westshire's %s = %q, want %q (a reply to a letter not yet due counts in no share)", label, got, want)
			}
		}
	})

	t.Run("organisations table and its sorted views", func(t *testing.T) {
		for _, urlPath := range []string{"/organisations/", "/organisations/by-in-time/", "/organisations/by-reply-rate/"} {
			rows := figuresTable(t, o.main(t, urlPath))
			east := rows["Eastshire Police"]
			if east["Share replied in time"] != "67% (6 of 9 due)" || east["Share replied"] != "78% (7 of 9 due)" {
				t.Errorf("%s: Eastshire's row %q, want shares of the 9 letters due", urlPath, east)
			}
			if w := rows["Westshire Police and Crime Commissioner"]; w["Share replied"] != "none due yet" {
				t.Errorf("%s: Westshire's row %q, want no share yet", urlPath, w)
			}
		}
		// Sorted by share in time: Eastshire (67%) first; Westshire,
		// with nothing due, after every organisation with a share.
		order := figuresRowOrder(t, o.main(t, "/organisations/by-in-time/"))
		if len(order) == 0 || order[0] != "Eastshire Police" {
			t.Errorf("/organisations/by-in-time/ lists %q, want Eastshire Police first", order)
		}
		if i, j := slices.Index(order, "Westshire Police and Crime Commissioner"), slices.Index(order, "Northshire Police and Crime Commissioner"); i < 0 || j < 0 || i < j {
			t.Errorf("/organisations/by-in-time/ lists %q: Westshire (none due) before Northshire", order)
		}
	})

	t.Run("statistics", func(t *testing.T) {
		ch := statsFigure(t, o.main(t, "/statistics/"), "Replies within the time allowed, by type of organisation")
		// Share, in time, due, received, not yet due.
		if i := slices.IndexFunc(ch.rows, func(r []string) bool { return r[0] == "Police force" }); i < 0 || !slices.Equal(ch.rows[i], []string{"Police force", "67%", "6", "9", "13", "4"}) {
			t.Errorf("the police forces' row is %q, want 67%% of 9 due", ch.rows)
		}
		caption := htmlText(htmlElements(ch.figure, "figcaption")[0])
		if strings.Contains(caption, "count as not answered in time") || !strings.Contains(caption, "Letters not yet due are left out") {
			t.Errorf("the caption %q still counts letters not yet due against the body", caption)
		}
		if !slices.ContainsFunc(ch.bars, func(b statsBar) bool { return b.title == "Police force: 67% (6 of 9 due) answered in time" }) {
			t.Errorf("no bar says %q: %v", "Police force: 67% (6 of 9 due) answered in time", ch.bars)
		}
	})

	t.Run("open data", func(t *testing.T) {
		var orgs []dataOrganisationJSON
		dataJSON(t, o, "data/organisations.json", &orgs)
		east := dataFind(t, orgs, func(o dataOrganisationJSON) string { return o.ID }, "eastshire-police").Record
		if east.LettersReceived != 13 || east.LettersDue != 9 || east.DueReplied != 7 || east.InTime != 6 || east.Replied != 7 {
			t.Errorf("organisations.json: Eastshire's record %+v, want 13 received, 9 due, 7 of them replied, 6 in time", east)
		}
		_, rows := dataCSV(t, o, "data/organisations.csv")
		for _, r := range rows {
			if r["id"] == "eastshire-police" && (r["letters_due"] != "9" || r["due_replied"] != "7" || r["in_time"] != "6") {
				t.Errorf("organisations.csv: Eastshire's row %v", r)
			}
		}
		// Row by row, a program can count the same: 9 due, 6 in time.
		_, corr := dataCSV(t, o, "data/correspondence.csv")
		due, inTime, late := 0, 0, 0
		for _, r := range corr {
			if r["recipient_id"] != "eastshire-police" {
				continue
			}
			if r["due_passed"] == "yes" {
				due++
			}
			switch r["in_time"] {
			case "yes":
				inTime++
			case "no":
				late++
			}
			if r["letter_id"] == "2021-07-01-eastshire-police" && (r["reply_arrived"] != "2021-08-10" || r["in_time"] != "no") {
				t.Errorf("the reply received after its due date: %v, want reply_arrived 2021-08-10 and in_time no", r)
			}
		}
		if due != 9 || inTime != 6 || late != 3 {
			t.Errorf("correspondence.csv: Eastshire has %d rows due, %d in time, %d not; want 9, 6, 3", due, inTime, late)
		}
	})
}

// figuresTable reads the organisations table: each row's cells by the
// heading of their column, keyed by the organisation's name.
func figuresTable(t *testing.T, main *html.Node) map[string]map[string]string {
	t.Helper()
	tables := htmlElements(main, "table")
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	var head []string
	out := map[string]map[string]string{}
	for _, tr := range htmlElements(tables[0], "tr") {
		var cells []*html.Node
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.Data == "th" || c.Data == "td") {
				cells = append(cells, c)
			}
		}
		if head == nil {
			for _, c := range cells {
				head = append(head, htmlText(c))
			}
			continue
		}
		// The name is the row heading's link (the type follows it).
		name := htmlText(htmlElements(cells[0], "a")[0])
		row := map[string]string{}
		for i, c := range cells[1:] {
			row[head[i+1]] = htmlText(c)
		}
		out[name] = row
	}
	return out
}

// figuresRowOrder is the organisations' names in the table's order.
func figuresRowOrder(t *testing.T, main *html.Node) []string {
	t.Helper()
	var names []string
	for _, th := range htmlElements(htmlElements(main, "tbody")[0], "th") {
		names = append(names, htmlText(htmlElements(th, "a")[0]))
	}
	return names
}

// TestFiguresAgree builds a generated site on a date that leaves its
// newest letters not yet due, and checks that each organisation's page,
// its row of the organisations table, organisations.json,
// organisations.csv, the letter-by-letter rows of letters.json and
// /statistics/ give the same figures.
func TestFiguresAgree(t *testing.T) {
	t.Parallel()
	// Built two weeks after its newest letter, the generated site has
	// letters not yet due; the newest is answered early (a reply that
	// counts in no share until the letter falls due).
	dir := copySite(t, sitetest.Generated(t, 200))
	newest := figuresAnswerNewest(t, dir)
	o := buildInMemory(t, os.DirFS(dir), build.Options{Now: newest.AddDate(0, 0, 14)})

	var orgs []dataOrganisationJSON
	dataJSON(t, o, "data/organisations.json", &orgs)
	_, csvRows := dataCSV(t, o, "data/organisations.csv")
	csvByID := map[string]map[string]string{}
	for _, r := range csvRows {
		csvByID[r["id"]] = r
	}
	table := figuresTable(t, o.main(t, "/organisations/"))

	// From letters.json, recipient by recipient, counted as a reader of
	// the data would.
	var letters []dataLetterJSON
	dataJSON(t, o, "data/letters.json", &letters)
	type count struct{ received, due, dueReplied, inTime, notDueReplied int }
	counted := map[string]*count{}
	for _, l := range letters {
		if l.Draft {
			continue
		}
		for _, r := range l.Recipients {
			c := counted[r.Org]
			if c == nil {
				c = &count{}
				counted[r.Org] = c
			}
			c.received++
			if r.DuePassed == nil {
				t.Errorf("letters.json %s: %s has no due_passed", l.ID, r.Org)
				continue
			}
			replied := r.Status == "replied" || r.Status == "withheld"
			switch {
			case *r.DuePassed && replied:
				c.due++
				c.dueReplied++
				if r.InTime != nil && *r.InTime {
					c.inTime++
				}
			case *r.DuePassed:
				c.due++
			case replied:
				c.notDueReplied++
			}
		}
	}

	share := func(part, whole int) string {
		if whole == 0 {
			return "none due yet"
		}
		return fmt.Sprintf("%d%% (%d of %d due)", (part*100+whole/2)/whole, part, whole)
	}
	notDue, notDueReplied, checked := 0, 0, 0
	byType := map[string]*count{}
	median := map[string]string{}
	overdue := map[string]string{}
	for _, org := range orgs {
		rec := org.Record
		if rec.LettersReceived == 0 {
			continue
		}
		checked++
		notDue += rec.LettersReceived - rec.LettersDue
		name := org.Name
		where := org.ID

		// The data files agree with each other and with the letters.
		c := counted[org.ID]
		if c == nil || c.received != rec.LettersReceived || c.due != rec.LettersDue || c.dueReplied != rec.DueReplied || c.inTime != rec.InTime {
			t.Errorf("%s: organisations.json %+v, but letters.json counts %+v", where, rec, c)
		}
		if c != nil {
			notDueReplied += c.notDueReplied
		}
		r := csvByID[org.ID]
		for k, v := range map[string]int{"letters_received": rec.LettersReceived, "letters_due": rec.LettersDue, "due_replied": rec.DueReplied, "in_time": rec.InTime, "overdue": rec.Overdue, "replied": rec.Replied} {
			if r[k] != strconv.Itoa(v) {
				t.Errorf("%s: organisations.csv %s = %q, organisations.json %d", where, k, r[k], v)
			}
		}
		if rec.LettersDue != rec.DueReplied+rec.Overdue {
			t.Errorf("%s: %d due, but %d replied and %d overdue", where, rec.LettersDue, rec.DueReplied, rec.Overdue)
		}

		// The organisation's page.
		page := htmlSection(t, o.main(t, "/organisations/"+org.ID+"/"), "Reply record")
		for label, want := range map[string]string{
			"Letters received":       strconv.Itoa(rec.LettersReceived),
			"Letters due a reply":    strconv.Itoa(rec.LettersDue),
			"Replied":                strconv.Itoa(rec.Replied),
			"Share replied":          share(rec.DueReplied, rec.LettersDue),
			"Share replied in time":  share(rec.InTime, rec.LettersDue),
			"Replied, not published": strconv.Itoa(rec.Withheld),
			"Awaiting reply":         strconv.Itoa(rec.Awaiting),
			"Overdue":                strconv.Itoa(rec.Overdue),
		} {
			if got := labelledValue(t, page, label); got != want {
				t.Errorf("%s's page: %s = %q, the open data says %q", where, label, got, want)
			}
		}
		m := "–"
		if rec.MedianDaysToReply != nil {
			m = strconv.Itoa(*rec.MedianDaysToReply)
		}
		if got := labelledValue(t, page, "Median days to reply"); got != m {
			t.Errorf("%s's page: median %q, the open data says %q", where, got, m)
		}

		// Its row of the organisations table.
		row := table[name]
		for col, want := range map[string]string{
			"Letters received":      strconv.Itoa(rec.LettersReceived),
			"Share replied":         share(rec.DueReplied, rec.LettersDue),
			"Share replied in time": share(rec.InTime, rec.LettersDue),
			"Median days to reply":  m,
			"Overdue":               strconv.Itoa(rec.Overdue),
		} {
			if row[col] != want {
				t.Errorf("/organisations/: %s's %s = %q, the open data says %q", name, col, row[col], want)
			}
		}
		typ := org.Type
		if typ == "" {
			typ = "Type not given"
		}
		if byType[typ] == nil {
			byType[typ] = &count{}
		}
		byType[typ].received += rec.LettersReceived
		byType[typ].due += rec.LettersDue
		byType[typ].inTime += rec.InTime
		median[name] = m
		overdue[name] = strconv.Itoa(rec.Overdue)
	}
	if checked < 20 || notDue == 0 || notDueReplied == 0 {
		t.Fatalf("the generated site checks %d organisations, %d letters not yet due, %d of them answered: want many, some and some", checked, notDue, notDueReplied)
	}

	// /statistics/: each type's row is the sum of its organisations'
	// records; each organisation's median and overdue count is its own.
	main := o.main(t, "/statistics/")
	ch := statsFigure(t, main, "Replies within the time allowed, by type of organisation")
	if len(ch.rows) != len(byType) {
		t.Errorf("/statistics/ has %d types, the organisations %d", len(ch.rows), len(byType))
	}
	for _, r := range ch.rows {
		c := byType[r[0]]
		if c == nil {
			t.Errorf("/statistics/: type %q is no organisation's", r[0])
			continue
		}
		pct := strings.TrimSuffix(share(c.inTime, c.due), fmt.Sprintf(" (%d of %d due)", c.inTime, c.due))
		want := []string{r[0], pct, strconv.Itoa(c.inTime), strconv.Itoa(c.due), strconv.Itoa(c.received), strconv.Itoa(c.received - c.due)}
		if !slices.Equal(r, want) {
			t.Errorf("/statistics/ row %q, the organisations add up to %q", r, want)
		}
	}
	for _, c := range []struct {
		heading string
		want    map[string]string
	}{{"Slowest to reply", median}, {"Overdue replies by organisation", overdue}} {
		rows := statsFigure(t, main, c.heading).rows
		if len(rows) == 0 {
			t.Errorf("%s: no rows", c.heading)
		}
		for _, r := range rows {
			if got, want := strings.ReplaceAll(r[1], ",", ""), c.want[r[0]]; got != want {
				t.Errorf("/statistics/ %s: %s %q, its page says %q", c.heading, r[0], got, want)
			}
		}
	}
}

// figuresAnswerNewest adds a reply, dated the day after it, from the first
// recipient of the site's newest letter, and returns the letter's date.
func figuresAnswerNewest(t *testing.T, dir string) time.Time {
	t.Helper()
	var newest string
	err := filepath.WalkDir(filepath.Join(dir, "content", "letters"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".cy.md") && filepath.Base(p) > filepath.Base(newest) {
			newest = p
		}
		return err
	})
	if err != nil || newest == "" {
		t.Fatalf("no letter in the generated site (%v)", err)
	}
	data, err := os.ReadFile(newest)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^date: (\d{4}-\d{2}-\d{2})\nto: \[([a-z0-9-]+)`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("%s: no date and to: %s", newest, data)
	}
	date, err := time.Parse(time.DateOnly, string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSuffix(filepath.Base(newest), ".md")
	reply := date.AddDate(0, 0, 1).Format(time.DateOnly)
	writeFile(t, filepath.Join(dir, "content", "responses", reply+"-early-reply.md"), "---\ndate: "+reply+"\nfrom: "+string(m[2])+"\nin_reply_to: "+id+"\n---\nAn early reply.\n")
	return date
}

// badPlural finds a count of one followed by a plural noun.
var badPlural = regexp.MustCompile(`\b1 (letters|replies|organisations|days|items|months|years|responses)\b`)

// TestFiguresRepositorySite builds the repository's own site (one letter,
// no reply) as a visitor meets it: no chart stands for a single letter,
// each gives way to a sentence, and no count reads "1 letters".
func TestFiguresRepositorySite(t *testing.T) {
	t.Parallel()
	o := buildInMemory(t, os.DirFS("../.."), build.Options{Now: buildDate("2026-12-06")})
	main := o.main(t, "/statistics/")
	if n := len(htmlElements(main, "svg")); n != 0 {
		t.Errorf("/statistics/ draws %d charts of one letter", n)
	}
	text := htmlText(main)
	for _, want := range []string{
		"Too few letters for a chart: only 1 so far, sent in October 2020.",
		"No replies have been received yet.",
		"Too few letters have fallen due for a fair share: only 1 so far (0 of them answered in time).",
		"Only South Wales Police and Crime Commissioner has a reply overdue: 1 letter.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/statistics/ does not say %q: %q", want, text)
		}
	}
	for _, urlPath := range []string{"/", "/statistics/", "/organisations/", "/organisations/south-wales-pcc/", "/data/"} {
		if m := badPlural.FindString(htmlText(o.main(t, urlPath))); m != "" {
			t.Errorf("%s says %q", urlPath, m)
		}
	}
}

// TestFiguresHome reads the home page: replies received and those not
// published are different numbers; one h1, not a visible copy of the
// site's name under the header; no letter listed twice.
func TestFiguresHome(t *testing.T) {
	t.Parallel()
	o := buildInMemory(t, loadBuildCase(t, "statistics").FS, statsNow)
	doc := o.page(t, "/")
	main := htmlMain(t, doc)
	counts := htmlText(htmlSection(t, main, "In numbers"))
	// Seven replies, one of them withheld.
	for _, want := range []string{"7 replies received", "1 of them not published"} {
		if !strings.Contains(counts, want) {
			t.Errorf("the home page's figures %q do not say %q", counts, want)
		}
	}
	if strings.Contains(counts, "published") && !strings.Contains(counts, "not published") {
		t.Errorf("the home page's figures %q count a withheld reply as published", counts)
	}
	h1s := htmlElements(doc, "h1")
	if len(h1s) != 1 {
		t.Fatalf("the home page has %d h1, want 1", len(h1s))
	}
	if !strings.Contains(" "+htmlAttrOr(h1s[0], "class")+" ", " visually-hidden ") {
		t.Errorf("the home page's h1 %q repeats the site's name visibly under the header that shows it", htmlText(h1s[0]))
	}
	var seen []string
	for _, l := range pageLinks(main) {
		if !docPathRE.MatchString(l.Href) || l.Text == "" {
			continue
		}
		if slices.Contains(seen, l.Href) {
			t.Errorf("the home page lists %s twice", l.Href)
		}
		seen = append(seen, l.Href)
	}
	if len(seen) == 0 {
		t.Errorf("the home page lists no letters")
	}
	// The list after the letters awaiting a reply says it holds the others.
	var heads []string
	for _, h := range htmlElements(main, "h2") {
		heads = append(heads, htmlText(h))
	}
	if !slices.Equal(heads, []string{"In numbers", "Awaiting reply", "Other recent correspondence"}) {
		t.Errorf("the home page's headings are %q", heads)
	}
}
