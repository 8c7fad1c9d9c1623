package build_test

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/i18n"
	"letterpress/internal/publish"
	"letterpress/internal/render"
)

// The tests in this file read the open data files (/data/*.csv,
// /data/*.json, /feed.json) as a program would, with encoding/csv and
// encoding/json, and check that they state the same facts as the pages.

const (
	dataLetter       = "2021-02-01-open-data"
	dataFollowUp     = "2021-02-25-open-data-follow-up"
	dataFormula      = "2021-03-05-open-data-formula"
	dataNorthReply   = "2021-02-15-open-data-northshire"
	dataEastReply    = "2021-02-20-open-data-eastshire"
	dataAgainReply   = "2021-03-12-open-data-northshire-again"
	dataWelshName    = "Comisiynydd Heddlu a Throseddu Gogledd Cymru – Swyddfa’r"
	dataFormulaTitle = "=cmd|' /C calc'!A0"
	dataWithheldBody = "the advocate assigned to Mr Sample"
	dataSecretReport = "open-data-confidential-review"
	dataBase         = "https://example.org"
)

// dataFiles are the open data files, as output names.
var dataFiles = []string{
	"data/correspondence.csv", "data/organisations.csv",
	"data/letters.json", "data/responses.json", "data/reports.json", "data/organisations.json",
	"feed.json",
}

func TestOpenData(t *testing.T) {
	t.Parallel()
	o := buildInMemory(t, loadBuildCase(t, "data").FS, build.Options{Now: buildDate("2021-06-01")})

	t.Run("CSV format", func(t *testing.T) { dataCSVFormat(t, o) })
	t.Run("correspondence.csv states what the letter page does", func(t *testing.T) { dataCorrespondence(t, o) })
	t.Run("organisations.csv states what the organisation pages do", func(t *testing.T) { dataOrganisationsCSV(t, o) })
	t.Run("formula titles are neutralised", func(t *testing.T) { dataFormulaInjection(t, o) })
	t.Run("letters.json", func(t *testing.T) { dataLettersJSON(t, o) })
	t.Run("responses.json", func(t *testing.T) { dataResponsesJSON(t, o) })
	t.Run("reports.json", func(t *testing.T) { dataReportsJSON(t, o) })
	t.Run("organisations.json agrees with organisations.csv", func(t *testing.T) { dataOrganisationsJSON(t, o) })
	t.Run("withheld reply's body is in no data file", func(t *testing.T) { dataWithheld(t, o) })
	t.Run("feed.json has the entries of feed.xml", func(t *testing.T) { dataJSONFeed(t, o) })
	t.Run("the /data/ page", func(t *testing.T) { dataPage(t, o) })
	t.Run("streamed to a folder, the same as in memory", func(t *testing.T) { dataStreamed(t, o) })
	t.Run("every site: reproducible, Welsh versions, attachments", dataEverySite)
	t.Run("preview server's edits", dataSession)
}

// ---------------------------------------------------------------------------
// Reading the files

// dataCSV parses a CSV file of the output into rows keyed by the header.
func dataCSV(t testing.TB, o builtSite, name string) (header []string, rows []map[string]string) {
	t.Helper()
	data, ok := o[name]
	if !ok {
		t.Fatalf("no %s in the output", name)
	}
	data, ok = bytes.CutPrefix(data, []byte("\ufeff"))
	if !ok {
		t.Errorf("%s does not start with a UTF-8 byte order mark", name)
	}
	r := csv.NewReader(bytes.NewReader(data))
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(records) == 0 {
		t.Fatalf("%s is empty", name)
	}
	header = records[0]
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, h := range header {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return header, rows
}

func dataJSON(t testing.TB, o builtSite, name string, v any) {
	t.Helper()
	data, ok := o[name]
	if !ok {
		t.Fatalf("no %s in the output", name)
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// The files' objects, as a program reading the documented fields sees
// them. Unknown fields make decoding fail: every field is known here.

type dataRefJSON struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

type dataAttachmentJSON struct {
	Title string `json:"title"`
	File  string `json:"file"`
}

type dataLetterJSON struct {
	ID          string               `json:"id"`
	URL         string               `json:"url"`
	Lang        string               `json:"lang"`
	WelshURL    string               `json:"welsh_url"`
	Title       string               `json:"title"`
	Reference   string               `json:"reference"`
	Date        string               `json:"date"`
	Summary     string               `json:"summary"`
	Draft       bool                 `json:"draft"`
	From        string               `json:"from"`
	To          []string             `json:"to"`
	ResponseDue string               `json:"response_due"`
	InReplyTo   string               `json:"in_reply_to"`
	Topics      []string             `json:"topics"`
	Aliases     []string             `json:"aliases"`
	Attachments []dataAttachmentJSON `json:"attachments"`
	Params      map[string]any       `json:"params"`
	Recipients  []struct {
		Org          string `json:"org"`
		OrgName      string `json:"org_name"`
		Name         string `json:"name"`
		Role         string `json:"role"`
		Status       string `json:"status"`
		Reply        string `json:"reply"`
		ReplyDate    string `json:"reply_date"`
		DaysToReply  *int   `json:"days_to_reply"`
		Due          string `json:"due"`
		DaysOverdue  *int   `json:"days_overdue"`
		ReplyArrived string `json:"reply_arrived"`
		DuePassed    *bool  `json:"due_passed"`
		InTime       *bool  `json:"in_time"`
	} `json:"recipients"`
	Thread  []dataRefJSON `json:"thread"`
	Replies []string      `json:"replies"`
	Cites   []string      `json:"cites"`
}

type dataResponseJSON struct {
	ID          string               `json:"id"`
	URL         string               `json:"url"`
	Lang        string               `json:"lang"`
	WelshURL    string               `json:"welsh_url"`
	Title       string               `json:"title"`
	Date        string               `json:"date"`
	Received    string               `json:"received"`
	Summary     string               `json:"summary"`
	Draft       bool                 `json:"draft"`
	From        string               `json:"from"`
	InReplyTo   []string             `json:"in_reply_to"`
	Withheld    string               `json:"withheld"`
	Topics      []string             `json:"topics"`
	Aliases     []string             `json:"aliases"`
	Attachments []dataAttachmentJSON `json:"attachments"`
	Params      map[string]any       `json:"params"`
	FollowUps   []string             `json:"follow_ups"`
	Thread      []dataRefJSON        `json:"thread"`
	Cites       []string             `json:"cites"`
}

type dataReportJSON struct {
	ID           string         `json:"id"`
	URL          string         `json:"url"`
	Lang         string         `json:"lang"`
	WelshURL     string         `json:"welsh_url"`
	Title        string         `json:"title"`
	Date         string         `json:"date"`
	Year         int            `json:"year"`
	Summary      string         `json:"summary"`
	Draft        bool           `json:"draft"`
	Publisher    string         `json:"publisher"`
	Authors      []string       `json:"authors"`
	PublisherURL string         `json:"publisher_url"`
	File         string         `json:"file"`
	Topics       []string       `json:"topics"`
	Aliases      []string       `json:"aliases"`
	Params       map[string]any `json:"params"`
	CitedBy      []dataRefJSON  `json:"cited_by"`
}

type dataOrganisationJSON struct {
	ID       string         `json:"id"`
	URL      string         `json:"url"`
	Lang     string         `json:"lang"`
	WelshURL string         `json:"welsh_url"`
	Name     string         `json:"name"`
	Title    string         `json:"title"`
	Date     string         `json:"date"`
	Summary  string         `json:"summary"`
	Draft    bool           `json:"draft"`
	Type     string         `json:"type"`
	Region   string         `json:"region"`
	Holder   string         `json:"holder"`
	Address  []string       `json:"address"`
	Website  string         `json:"website"`
	Topics   []string       `json:"topics"`
	Aliases  []string       `json:"aliases"`
	Params   map[string]any `json:"params"`
	Record   struct {
		LettersReceived   int  `json:"letters_received"`
		Replied           int  `json:"replied"`
		Withheld          int  `json:"withheld"`
		Awaiting          int  `json:"awaiting"`
		Overdue           int  `json:"overdue"`
		MedianDaysToReply *int `json:"median_days_to_reply"`
		LettersDue        int  `json:"letters_due"`
		DueReplied        int  `json:"due_replied"`
		InTime            int  `json:"in_time"`
		LongOverdue       int  `json:"long_overdue"`
	} `json:"record"`
}

type dataFeedJSON struct {
	Version     string `json:"version"`
	Title       string `json:"title"`
	HomePageURL string `json:"home_page_url"`
	FeedURL     string `json:"feed_url"`
	Description string `json:"description"`
	Language    string `json:"language"`
	Authors     []struct {
		Name string `json:"name"`
	} `json:"authors"`
	Items []struct {
		ID            string `json:"id"`
		URL           string `json:"url"`
		Title         string `json:"title"`
		ContentText   string `json:"content_text"`
		Summary       string `json:"summary"`
		DatePublished string `json:"date_published"`
		Authors       []struct {
			Name string `json:"name"`
		} `json:"authors"`
		Tags []string `json:"tags"`
	} `json:"items"`
}

func dataFind[T any](t testing.TB, items []T, id func(T) string, want string) T {
	t.Helper()
	for _, it := range items {
		if id(it) == want {
			return it
		}
	}
	t.Fatalf("no entry %q", want)
	var zero T
	return zero
}

// dataDay writes a YYYY-MM-DD date as the English pages do.
func dataDay(t testing.TB, iso string) string {
	t.Helper()
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		t.Fatalf("date %q is not YYYY-MM-DD: %v", iso, err)
	}
	return d.Format("2 January 2006")
}

// ---------------------------------------------------------------------------
// CSV

func dataCSVFormat(t *testing.T, o builtSite) {
	for _, name := range dataFiles[:2] {
		data := o[name]
		if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s does not start with the UTF-8 BOM", name)
		}
		if n, crlf := bytes.Count(data, []byte("\n")), bytes.Count(data, []byte("\r\n")); n == 0 || n != crlf {
			t.Errorf("%s: %d line ends, %d of them CRLF; want all CRLF", name, n, crlf)
		}
		if !bytes.HasSuffix(data, []byte("\r\n")) {
			t.Errorf("%s does not end with a line end", name)
		}
	}
	header, _ := dataCSV(t, o, "data/correspondence.csv")
	if want := []string{"letter_id", "letter_url", "letter_date", "letter_title", "recipient_id", "recipient_name", "status", "reply_id", "reply_url", "reply_date", "days_to_reply", "due_date", "days_overdue", "topics", "reply_arrived", "due_passed", "in_time"}; !slices.Equal(header, want) {
		t.Errorf("correspondence.csv header\n  %v\nwant\n  %v", header, want)
	}
	header, _ = dataCSV(t, o, "data/organisations.csv")
	if want := []string{"id", "name", "type", "region", "url", "letters_received", "replied", "withheld", "awaiting", "overdue", "median_days_to_reply", "letters_due", "due_replied", "in_time", "long_overdue"}; !slices.Equal(header, want) {
		t.Errorf("organisations.csv header\n  %v\nwant\n  %v", header, want)
	}
}

// dataStatusWord is how the English letter page writes each status.
var dataStatusWord = map[string]string{"replied": "Replied", "withheld": "Replied, not published", "awaiting": "Awaiting reply", "overdue": "Overdue", "long-overdue": "Long overdue"}

func dataCorrespondence(t *testing.T, o builtSite) {
	_, rows := dataCSV(t, o, "data/correspondence.csv")

	// Newest letter first, one row per recipient in the letter's order.
	var order []string
	for i, r := range rows {
		if i > 0 && r["letter_date"] > rows[i-1]["letter_date"] {
			t.Errorf("row %d (%s, %s) is newer than the row before: want newest letter first", i+1, r["letter_id"], r["letter_date"])
		}
		order = append(order, r["letter_id"]+" "+r["recipient_id"])
	}
	want := []string{
		dataFormula + " westshire-pcc", dataFollowUp + " northshire-pcc",
		dataLetter + " northshire-pcc", dataLetter + " eastshire-police", dataLetter + " north-wales-pcc",
	}
	if !slices.Equal(order, want) {
		t.Errorf("rows (letter, recipient)\n  %v\nwant\n  %v", order, want)
	}

	// The facts, as the test site sets them.
	type fact struct{ status, reply, replyDate, days, due, overdue string }
	facts := map[string]fact{
		"northshire-pcc":   {"replied", dataNorthReply, "2021-02-15", "14", "2021-03-01", ""},
		"eastshire-police": {"withheld", dataEastReply, "2021-02-20", "19", "2021-03-01", ""},
		"north-wales-pcc":  {"long-overdue", "", "", "", "2021-03-01", "92"},
	}
	main := o.main(t, "/letters/"+dataLetter+"/")
	for _, r := range rows {
		if r["letter_id"] != dataLetter {
			continue
		}
		org := r["recipient_id"]
		if r["letter_url"] != dataBase+"/letters/"+dataLetter+"/" || r["letter_date"] != "2021-02-01" || r["letter_title"] != "Letter to three bodies on independent advocates" {
			t.Errorf("%s: letter columns %q %q %q", org, r["letter_url"], r["letter_date"], r["letter_title"])
		}
		if r["topics"] != "victim-care;prevention" {
			t.Errorf("%s: topics %q, want victim-care;prevention", org, r["topics"])
		}
		f := facts[org]
		got := fact{r["status"], r["reply_id"], r["reply_date"], r["days_to_reply"], r["due_date"], r["days_overdue"]}
		if got != f {
			t.Errorf("%s: status, reply, reply date, days, due, days overdue = %q, want %q", org, got, f)
		}
		if f.reply != "" && r["reply_url"] != dataBase+"/responses/"+f.reply+"/" {
			t.Errorf("%s: reply_url %q", org, r["reply_url"])
		}
		if f.reply == "" && r["reply_url"] != "" {
			t.Errorf("%s: no reply, but reply_url %q", org, r["reply_url"])
		}

		// What the letter page says of this recipient.
		page, block := replyStatus(t, main, org)
		if !strings.Contains(page, dataStatusWord[r["status"]]) {
			t.Errorf("%s: CSV status %s, page says %q", org, r["status"], page)
		}
		if r["status"] == "replied" && strings.Contains(page, "not published") {
			t.Errorf("%s: CSV says replied, page says %q", org, page)
		}
		if r["days_to_reply"] != "" && !strings.Contains(page, "replied in "+r["days_to_reply"]+" days") {
			t.Errorf("%s: CSV days_to_reply %s, page says %q", org, r["days_to_reply"], page)
		}
		if r["reply_id"] != "" && !hasPageLink(block, "/responses/"+r["reply_id"]+"/") {
			t.Errorf("%s: CSV reply %s, the page's status does not link to it: %q", org, r["reply_id"], page)
		}
		if r["days_overdue"] != "" {
			// The page says it as people do ("3 months overdue").
			due := buildDate(r["due_date"])
			n, _ := strconv.Atoi(r["days_overdue"])
			said := i18n.Elapsed("en", due, due.AddDate(0, 0, n)) + " overdue"
			if !strings.Contains(page, said) || !hasWholeDate(page, dataDay(t, r["due_date"])) {
				t.Errorf("%s: CSV %s days overdue, due %s; page says %q, want %q", org, r["days_overdue"], r["due_date"], page, said)
			}
		}
		// The name, as the organisation's page gives it.
		if name := htmlText(htmlElements(o.main(t, "/organisations/"+org+"/"), "h1")[0]); r["recipient_name"] != name {
			t.Errorf("%s: recipient_name %q, the organisation's page is headed %q", org, r["recipient_name"], name)
		}
	}
	north := dataFind(t, rows, func(r map[string]string) string { return r["recipient_id"] }, "north-wales-pcc")
	if north["recipient_name"] != dataWelshName {
		t.Errorf("the Welsh name became %q, want %q", north["recipient_name"], dataWelshName)
	}

	formula := dataFind(t, rows, func(r map[string]string) string { return r["letter_id"] }, dataFormula)
	if formula["status"] != "awaiting" || formula["due_date"] != "2021-12-31" || formula["days_overdue"] != "" || formula["reply_id"] != "" {
		t.Errorf("letter awaiting a reply due 2021-12-31: %v", formula)
	}
	if st, _ := replyStatus(t, o.main(t, "/letters/"+dataFormula+"/"), "westshire-pcc"); !strings.Contains(st, "Awaiting reply") || !hasWholeDate(st, "31 December 2021") {
		t.Errorf("the page does not say what the CSV does (awaiting, due 31 December 2021): %q", st)
	}
}

func dataOrganisationsCSV(t *testing.T, o builtSite) {
	_, rows := dataCSV(t, o, "data/organisations.csv")
	var ids []string
	for _, r := range rows {
		ids = append(ids, r["id"])
	}
	// By name: "Comisiynydd ..." comes first.
	if want := []string{"north-wales-pcc", "eastshire-police", "northshire-pcc", "office", "westshire-pcc"}; !slices.Equal(ids, want) {
		t.Errorf("organisations.csv rows %v, want by name %v", ids, want)
	}
	want := map[string][6]string{ // received, replied, withheld, awaiting, overdue, median
		"northshire-pcc":   {"2", "2", "0", "0", "0", "14"},
		"eastshire-police": {"1", "1", "1", "0", "0", "19"},
		"north-wales-pcc":  {"1", "0", "0", "0", "1", ""},
		"westshire-pcc":    {"1", "0", "0", "1", "0", ""},
		"office":           {"0", "0", "0", "0", "0", ""},
	}
	for _, r := range rows {
		id := r["id"]
		got := [6]string{r["letters_received"], r["replied"], r["withheld"], r["awaiting"], r["overdue"], r["median_days_to_reply"]}
		if got != want[id] {
			t.Errorf("%s: received, replied, withheld, awaiting, overdue, median = %q, want %q", id, got, want[id])
		}
		if r["url"] != dataBase+"/organisations/"+id+"/" {
			t.Errorf("%s: url %q", id, r["url"])
		}
		main := o.main(t, "/organisations/"+id+"/")
		if name := htmlText(htmlElements(main, "h1")[0]); r["name"] != name {
			t.Errorf("%s: name %q, page headed %q", id, r["name"], name)
		}
		if r["letters_received"] == "0" {
			continue // the page shows no record
		}
		rec := htmlSection(t, main, "Reply record")
		page := func(label string) string { return labelledValue(t, rec, label) }
		median := r["median_days_to_reply"]
		if median == "" {
			median = "–"
		}
		for label, v := range map[string]string{
			"Letters received": r["letters_received"], "Replied, not published": r["withheld"],
			"Awaiting reply": r["awaiting"], "Overdue": r["overdue"], "Median days to reply": median,
		} {
			if got := page(label); got != v {
				t.Errorf("%s: the page's %s is %q, the CSV's %q", id, label, got, v)
			}
		}
		if got := page("Replied"); got != r["replied"] && !strings.HasPrefix(got, r["replied"]+" ") {
			t.Errorf("%s: the page's Replied is %q, the CSV's %q", id, got, r["replied"])
		}
	}
	north := dataFind(t, rows, func(r map[string]string) string { return r["id"] }, "north-wales-pcc")
	if north["name"] != dataWelshName || north["region"] != "Wales" || north["type"] != "Police and Crime Commissioner" {
		t.Errorf("north-wales-pcc: %v", north)
	}
}

func dataFormulaInjection(t *testing.T, o builtSite) {
	_, rows := dataCSV(t, o, "data/correspondence.csv")
	formula := dataFind(t, rows, func(r map[string]string) string { return r["letter_id"] }, dataFormula)
	if got := formula["letter_title"]; got != "'"+dataFormulaTitle {
		t.Errorf("letter_title %q, want the title behind a quote: %q", got, "'"+dataFormulaTitle)
	}
	// No cell of any CSV file starts a formula.
	for _, name := range dataFiles[:2] {
		_, rows := dataCSV(t, o, name)
		for i, r := range rows {
			for col, v := range r {
				if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
					t.Errorf("%s row %d, %s: %q starts a formula", name, i+2, col, v)
				}
			}
		}
	}
	// JSON holds the title as it is.
	var letters []dataLetterJSON
	dataJSON(t, o, "data/letters.json", &letters)
	if got := dataFind(t, letters, func(l dataLetterJSON) string { return l.ID }, dataFormula).Title; got != dataFormulaTitle {
		t.Errorf("letters.json title %q, want %q as written", got, dataFormulaTitle)
	}
}

// ---------------------------------------------------------------------------
// JSON

func dataLettersJSON(t *testing.T, o builtSite) {
	var letters []dataLetterJSON
	dataJSON(t, o, "data/letters.json", &letters)
	var ids []string
	for _, l := range letters {
		ids = append(ids, l.ID)
	}
	if want := []string{dataFormula, dataFollowUp, dataLetter}; !slices.Equal(ids, want) {
		t.Errorf("letters.json lists %v, want newest first %v", ids, want)
	}
	l := dataFind(t, letters, func(l dataLetterJSON) string { return l.ID }, dataLetter)
	if l.URL != dataBase+"/letters/"+dataLetter+"/" || l.Lang != "en" || l.Date != "2021-02-01" || l.Title != "Letter to three bodies on independent advocates" {
		t.Errorf("letter: url %q lang %q date %q title %q", l.URL, l.Lang, l.Date, l.Title)
	}
	if l.Summary != "We asked how independent advocates are funded." || l.From != "office" || l.ResponseDue != "2021-03-01" || l.InReplyTo != "" || l.WelshURL != "" || l.Draft {
		t.Errorf("letter: summary %q from %q response_due %q in_reply_to %q welsh_url %q draft %v", l.Summary, l.From, l.ResponseDue, l.InReplyTo, l.WelshURL, l.Draft)
	}
	if !slices.Equal(l.To, []string{"northshire-pcc", "eastshire-police", "north-wales-pcc"}) || !slices.Equal(l.Topics, []string{"victim-care", "prevention"}) {
		t.Errorf("letter: to %v topics %v", l.To, l.Topics)
	}
	if l.Reference != "IASC/2021/7" || len(l.Params) != 0 {
		t.Errorf("letter: reference %q, params %v; want the reference and no other field", l.Reference, l.Params)
	}

	// Recipients: the same facts as correspondence.csv, which the test
	// above holds to the letter page.
	_, rows := dataCSV(t, o, "data/correspondence.csv")
	if len(l.Recipients) != 3 {
		t.Fatalf("letter has %d recipients, want 3", len(l.Recipients))
	}
	num := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	i := 0
	for _, r := range rows {
		if r["letter_id"] != dataLetter {
			continue
		}
		rc := l.Recipients[i]
		i++
		got := []string{rc.Org, rc.OrgName, rc.Status, rc.Reply, rc.ReplyDate, num(rc.DaysToReply), rc.Due, num(rc.DaysOverdue)}
		want := []string{r["recipient_id"], r["recipient_name"], r["status"], r["reply_id"], r["reply_date"], r["days_to_reply"], r["due_date"], r["days_overdue"]}
		if !slices.Equal(got, want) {
			t.Errorf("recipient %d in letters.json %q, in correspondence.csv %q", i, got, want)
		}
	}
	if east := l.Recipients[1]; east.Name != "A. Example" || east.Role != "Chief Constable" {
		t.Errorf("Eastshire's addressee %q, role %q; want A. Example, Chief Constable", east.Name, east.Role)
	}
	if l.Recipients[0].Name != "" || l.Recipients[0].DaysOverdue != nil || l.Recipients[2].DaysToReply != nil {
		t.Errorf("fields without a value are not left out: %+v", l.Recipients)
	}

	thread := []dataRefJSON{{"letter", dataLetter}, {"response", dataNorthReply}, {"response", dataEastReply}, {"letter", dataFollowUp}, {"response", dataAgainReply}}
	if !slices.Equal(l.Thread, thread) {
		t.Errorf("thread\n  %v\nwant, in date order,\n  %v", l.Thread, thread)
	}
	if !slices.Equal(l.Replies, []string{dataNorthReply, dataEastReply}) {
		t.Errorf("replies %v", l.Replies)
	}
	if !slices.Equal(l.Cites, []string{"open-data-review"}) {
		t.Errorf("cites %v, want the report its body links to", l.Cites)
	}
	fu := dataFind(t, letters, func(l dataLetterJSON) string { return l.ID }, dataFollowUp)
	if fu.InReplyTo != dataNorthReply || !slices.Equal(fu.Thread, thread) || !slices.Equal(fu.Replies, []string{dataAgainReply}) {
		t.Errorf("follow-up: in_reply_to %q, thread %v, replies %v", fu.InReplyTo, fu.Thread, fu.Replies)
	}
	// The pages show the same thread, replies and citation.
	main := o.main(t, "/letters/"+dataLetter+"/")
	for _, ref := range thread[1:] {
		if !hasPageLink(htmlSection(t, main, "Correspondence in this thread"), "/"+ref.Kind+"s/"+ref.ID+"/") {
			t.Errorf("the letter page's thread does not link to %s %s", ref.Kind, ref.ID)
		}
	}
	if !hasPageLink(main, "/reports/open-data-review/") {
		t.Errorf("the letter page does not link to the report it cites")
	}
}

func dataResponsesJSON(t *testing.T, o builtSite) {
	var rs []dataResponseJSON
	dataJSON(t, o, "data/responses.json", &rs)
	id := func(r dataResponseJSON) string { return r.ID }
	north := dataFind(t, rs, id, dataNorthReply)
	if north.Title != "Response from Northshire Police and Crime Commissioner" {
		t.Errorf("reply without a title: %q, want the default title", north.Title)
	}
	if got := htmlText(htmlElements(o.main(t, "/responses/"+dataNorthReply+"/"), "h1")[0]); got != north.Title {
		t.Errorf("responses.json title %q, page headed %q", north.Title, got)
	}
	if north.From != "northshire-pcc" || north.Date != "2021-02-15" || !slices.Equal(north.InReplyTo, []string{dataLetter}) || !slices.Equal(north.FollowUps, []string{dataFollowUp}) || north.Withheld != "" {
		t.Errorf("Northshire's reply: from %q date %q in_reply_to %v follow_ups %v withheld %q", north.From, north.Date, north.InReplyTo, north.FollowUps, north.Withheld)
	}
	if len(north.Thread) != 5 || north.Thread[0] != (dataRefJSON{"letter", dataLetter}) {
		t.Errorf("Northshire's reply: thread %v", north.Thread)
	}
	east := dataFind(t, rs, id, dataEastReply)
	if east.Withheld != "It names a victim who has not consented to publication." || east.Received != "2021-02-22" || !slices.Equal(east.InReplyTo, []string{dataLetter}) {
		t.Errorf("withheld reply: withheld %q received %q in_reply_to %v", east.Withheld, east.Received, east.InReplyTo)
	}
	if len(east.Cites) != 0 {
		t.Errorf("withheld reply cites %v: a link in its unpublished body must not count", east.Cites)
	}
	if again := dataFind(t, rs, id, dataAgainReply); again.Summary != "About forty cases each." || !slices.Equal(again.InReplyTo, []string{dataFollowUp}) {
		t.Errorf("reply to the follow-up: summary %q in_reply_to %v", again.Summary, again.InReplyTo)
	}
}

func dataReportsJSON(t *testing.T, o builtSite) {
	var rs []dataReportJSON
	dataJSON(t, o, "data/reports.json", &rs)
	id := func(r dataReportJSON) string { return r.ID }
	r := dataFind(t, rs, id, "open-data-review")
	if !slices.Equal(r.CitedBy, []dataRefJSON{{"letter", dataLetter}}) {
		t.Errorf("cited_by %v, want the letter whose body links to it", r.CitedBy)
	}
	if !hasPageLink(htmlSection(t, o.main(t, "/reports/open-data-review/"), "Cited in"), "/letters/"+dataLetter+"/") {
		t.Errorf("the report's page does not list the letter citing it")
	}
	if r.URL != dataBase+"/reports/open-data-review/" || r.PublisherURL != "https://publisher.example.com/open-data-review" || r.Date != "2020-11-02" || r.Year != 2020 ||
		r.Publisher != "Test Office" || !slices.Equal(r.Authors, []string{"A. Author", "B. Author"}) {
		t.Errorf("report: %+v", r)
	}
	if s := dataFind(t, rs, id, dataSecretReport); len(s.CitedBy) != 0 {
		t.Errorf("the report only the withheld reply's body links to is cited_by %v", s.CitedBy)
	}
}

func dataOrganisationsJSON(t *testing.T, o builtSite) {
	var orgs []dataOrganisationJSON
	dataJSON(t, o, "data/organisations.json", &orgs)
	_, rows := dataCSV(t, o, "data/organisations.csv")
	if len(orgs) != len(rows) {
		t.Fatalf("%d organisations in JSON, %d in CSV", len(orgs), len(rows))
	}
	for i, org := range orgs {
		r := rows[i]
		median := ""
		if m := org.Record.MedianDaysToReply; m != nil {
			median = strconv.Itoa(*m)
		}
		rec := org.Record
		got := []string{org.ID, org.Name, org.Type, org.Region, org.URL, strconv.Itoa(rec.LettersReceived), strconv.Itoa(rec.Replied), strconv.Itoa(rec.Withheld), strconv.Itoa(rec.Awaiting), strconv.Itoa(rec.Overdue), median,
			strconv.Itoa(rec.LettersDue), strconv.Itoa(rec.DueReplied), strconv.Itoa(rec.InTime), strconv.Itoa(rec.LongOverdue)}
		want := []string{r["id"], r["name"], r["type"], r["region"], r["url"], r["letters_received"], r["replied"], r["withheld"], r["awaiting"], r["overdue"], r["median_days_to_reply"],
			r["letters_due"], r["due_replied"], r["in_time"], r["long_overdue"]}
		if !slices.Equal(got, want) {
			t.Errorf("organisations.json %q\norganisations.csv  %q", got, want)
		}
	}
	nw := dataFind(t, orgs, func(o dataOrganisationJSON) string { return o.ID }, "north-wales-pcc")
	if nw.Name != dataWelshName || nw.Holder != "Jane Example" || nw.Website != "https://north-wales-pcc.example.com/" || !slices.Equal(nw.Address, []string{"Ffordd y Dref", "Llanelwy", "LL17 0HQ"}) {
		t.Errorf("north-wales-pcc: %+v", nw)
	}
	if !bytes.Contains(o["data/organisations.json"], []byte(`"name":"`+dataWelshName+`"`)) {
		t.Errorf("organisations.json does not hold the Welsh name as UTF-8 text")
	}
}

func dataWithheld(t *testing.T, o builtSite) {
	// A control: the body is in the source.
	site := loadBuildCase(t, "data")
	if !bytes.Contains(site.FS["content/responses/2021/"+dataEastReply+".md"].Data, []byte(dataWithheldBody)) {
		t.Fatal("the test site's withheld reply does not have the text looked for")
	}
	for _, name := range append(slices.Clone(dataFiles), "data/index.html") {
		if bytes.Contains(o[name], []byte(dataWithheldBody)) || bytes.Contains(o[name], []byte("Westtown")) {
			t.Errorf("%s contains the body of the withheld reply", name)
		}
	}
	for _, name := range []string{"data/letters.json", "data/responses.json", "feed.json", "data/correspondence.csv"} {
		if bytes.Contains(o[name], []byte(dataSecretReport)) {
			t.Errorf("%s names the report that only the withheld reply's body links to", name)
		}
	}
}

func dataJSONFeed(t *testing.T, o builtSite) {
	var f dataFeedJSON
	dataJSON(t, o, "feed.json", &f)
	if f.Version != "https://jsonfeed.org/version/1.1" || f.HomePageURL != dataBase+"/" || f.FeedURL != dataBase+"/feed.json" || f.Language != "en" {
		t.Errorf("feed.json: version %q home_page_url %q feed_url %q language %q", f.Version, f.HomePageURL, f.FeedURL, f.Language)
	}
	if f.Title != "Test office: correspondence" || len(f.Authors) != 1 || f.Authors[0].Name != "Test Office" {
		t.Errorf("feed.json: title %q authors %v", f.Title, f.Authors)
	}
	atom := readAtomFeed(t, o, "feed.xml")
	if len(f.Items) != len(atom.Entries) || len(f.Items) != 6 {
		t.Fatalf("feed.json has %d items, feed.xml %d entries; want 6 each", len(f.Items), len(atom.Entries))
	}
	for i, it := range f.Items {
		e := atom.Entries[i]
		if it.ID != e.ID || it.Title != e.Title || !slices.Equal(it.Tags, []string{e.Category.Term}) {
			t.Errorf("item %d: id %q title %q tags %v; feed.xml: id %q title %q kind %q", i, it.ID, it.Title, it.Tags, e.ID, e.Title, e.Category.Term)
		}
		if it.URL != it.ID {
			t.Errorf("item %d: url %q, id %q", i, it.URL, it.ID)
		}
		if _, err := time.Parse(time.RFC3339, it.DatePublished); err != nil {
			t.Errorf("item %d: date_published %q is not RFC 3339", i, it.DatePublished)
		}
	}
	if f.Items[0].ID != dataBase+"/responses/"+dataAgainReply+"/" || f.Items[0].DatePublished != "2021-03-12T00:00:00Z" || f.Items[1].ID != dataBase+"/letters/"+dataFormula+"/" {
		t.Errorf("first items %q (%q), %q; want the newest reply, then the newest letter", f.Items[0].ID, f.Items[0].DatePublished, f.Items[1].ID)
	}
	for _, it := range f.Items {
		want := map[string]string{dataBase + "/letters/" + dataLetter + "/": "We asked how independent advocates are funded.", dataBase + "/responses/" + dataAgainReply + "/": "About forty cases each."}[it.ID]
		if it.Summary != want {
			t.Errorf("%s: summary %q, want the front matter's %q (and none without one)", it.ID, it.Summary, want)
		}
		// JSON Feed requires content: the summary, or else the title.
		if it.ContentText != cmp.Or(want, it.Title) {
			t.Errorf("%s: content_text %q, want %q", it.ID, it.ContentText, cmp.Or(want, it.Title))
		}
	}
}

// ---------------------------------------------------------------------------
// The /data/ page

// dataSizeRE finds a size in kilobytes: "1.2 KB".
var dataSizeRE = regexp.MustCompile(`\b(\d+\.\d) KB\b`)

func dataPage(t *testing.T, o builtSite) {
	doc := o.page(t, "/data/")
	main := htmlMain(t, doc)
	text := htmlText(main)
	if !strings.Contains(text, "Published under the Open Government Licence v3.0") {
		t.Errorf("/data/ does not give the licence: %q", text)
	}
	if got := htmlText(htmlElements(main, "h1")[0]); got != "Open data" {
		t.Errorf("/data/ is headed %q", got)
	}
	for _, l := range pageLinks(doc) {
		if strings.TrimSpace(l.Text) == "" {
			t.Errorf("/data/ has a link to %s without text", l.Href)
		}
	}
	for _, name := range dataFiles {
		href := "/" + name
		var texts []string
		for _, l := range pageLinks(main) {
			if l.Href == href {
				texts = append(texts, l.Text)
			}
		}
		if len(texts) == 0 {
			t.Errorf("/data/ does not link to %s", href)
			continue
		}
		// The size given with the file's name is the file's.
		base := name[strings.LastIndex(name, "/")+1:]
		var row string
		for _, li := range htmlElements(main, "li") {
			if s := htmlText(li); strings.HasPrefix(s, base+" ") {
				row = s
			}
		}
		m := dataSizeRE.FindStringSubmatch(row)
		if m == nil {
			t.Errorf("/data/: no size in KB in the row of %s: %q", base, row)
			continue
		}
		size := float64(len(o[name])) / 1024
		if got, _ := strconv.ParseFloat(m[1], 64); math.Abs(got-size) > 0.1 {
			t.Errorf("/data/ gives %s as %s KB; it is %.2f KB", base, m[1], size)
		}
		if want := map[bool]string{true: "CSV", false: "JSON"}[strings.HasSuffix(name, ".csv")]; !strings.Contains(row, want) {
			t.Errorf("/data/ does not give %s's format %s: %q", base, want, row)
		}
	}

	// Each file's table documents every column, and every field the JSON
	// files hold.
	documented := func(file string) []string {
		var names []string
		for _, table := range htmlElements(main, "table") {
			caps := htmlElements(table, "caption")
			if len(caps) == 0 || !strings.HasSuffix(htmlText(caps[0]), " "+file) {
				continue
			}
			for _, th := range htmlElements(table, "th") {
				if htmlAttrOr(th, "scope") == "row" {
					names = append(names, htmlText(th))
				}
			}
		}
		if len(names) == 0 {
			t.Errorf("/data/ has no table of the fields of %s", file)
		}
		return names
	}
	for _, name := range dataFiles[:2] {
		header, _ := dataCSV(t, o, name)
		base := strings.TrimPrefix(name, "data/")
		if got := documented(base); !slices.Equal(got, header) {
			t.Errorf("/data/ documents the columns of %s as\n  %v\nthe file has\n  %v", base, got, header)
		}
	}
	for _, name := range dataFiles[2:] {
		base := name[strings.LastIndex(name, "/")+1:]
		doc := documented(base)
		var v any
		if err := json.Unmarshal(o[name], &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		paths := map[string]bool{}
		if arr, ok := v.([]any); ok {
			for _, it := range arr {
				dataFieldPaths(it, "", paths)
			}
		} else {
			dataFieldPaths(v, "", paths)
		}
		for _, p := range slices.Sorted(maps.Keys(paths)) {
			// A field is documented with its own name, within a
			// documented field, or by the fields within it.
			if !slices.ContainsFunc(doc, func(d string) bool {
				return p == d || strings.HasPrefix(p, d+".") || strings.HasPrefix(p, d+"[]") || strings.HasPrefix(d, p+".") || strings.HasPrefix(d, p+"[]")
			}) {
				t.Errorf("/data/ does not document %s in %s", p, base)
			}
		}
	}
	if !slices.Contains(readSitemap(t, o), dataBase+"/data/") {
		t.Errorf("the sitemap does not list /data/")
	}
}

// dataFieldPaths lists the fields of a JSON value: "record.replied",
// "recipients[].org". Under params anything goes.
func dataFieldPaths(v any, prefix string, out map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := prefix + k
			out[p] = true
			if k != "params" {
				dataFieldPaths(x, p+".", out)
			}
		}
	case []any:
		for _, x := range v {
			if _, ok := x.(map[string]any); ok {
				dataFieldPaths(x, strings.TrimSuffix(prefix, ".")+"[].", out)
			}
		}
	}
}

// ---------------------------------------------------------------------------
// Every case together: reproducible, Welsh versions, attachments, drafts

func dataEverySite(t *testing.T) {
	t.Parallel()
	site := loadBuildCase(t, append(slices.Clone(allBuildCases), "data")...)
	opts := build.Options{Now: buildDate("2021-06-01")}
	a := buildInMemory(t, site.FS, opts)
	b := buildInMemory(t, site.FS, opts)
	for _, name := range append(slices.Clone(dataFiles), "data/index.html") {
		if len(a[name]) == 0 {
			t.Errorf("%s is missing or empty", name)
		}
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two builds of the same site", name)
		}
	}

	var letters []dataLetterJSON
	dataJSON(t, a, "data/letters.json", &letters)
	id := func(l dataLetterJSON) string { return l.ID }
	if l := dataFind(t, letters, id, "2021-03-01-bilingual"); l.WelshURL != dataBase+"/cy/letters/2021-03-01-bilingual/" || l.URL != dataBase+"/letters/2021-03-01-bilingual/" {
		t.Errorf("bilingual letter: url %q welsh_url %q", l.URL, l.WelshURL)
	}
	if l := dataFind(t, letters, id, "2021-03-01-moved"); !slices.Equal(l.Attachments, []dataAttachmentJSON{{"The signed letter", dataBase + "/files/2021-03-01-moved.pdf"}}) || !slices.Equal(l.Aliases, []string{"/old/letters/moved-letter/"}) {
		t.Errorf("letter with an attachment and an alias: attachments %v aliases %v", l.Attachments, l.Aliases)
	}
	var orgs []dataOrganisationJSON
	dataJSON(t, a, "data/organisations.json", &orgs)
	if nw := dataFind(t, orgs, func(o dataOrganisationJSON) string { return o.ID }, "northshire-pcc"); nw.WelshURL != dataBase+"/cy/organisations/northshire-pcc/" {
		t.Errorf("northshire-pcc's welsh_url %q", nw.WelshURL)
	}
	// Drafts are published nowhere, the open data included.
	for _, name := range dataFiles {
		for _, m := range []string{"2021-03-05-secret-draft", "2021-03-20-draft-reply"} {
			if bytes.Contains(a[name], []byte(m)) {
				t.Errorf("%s mentions the draft %s", name, m)
			}
		}
	}
	// Every document's entry is where the files say.
	for _, l := range letters {
		if !a.has(strings.TrimPrefix(l.URL, dataBase)) {
			t.Errorf("letters.json: %s has no page", l.URL)
		}
	}

	t.Run("base URL with a path", func(t *testing.T) {
		fsys := maps.Clone(site.FS)
		fsys["site.yaml"] = dataReplace(t, fsys["site.yaml"].Data, "base_url: https://example.org/\n", "base_url: https://example.org/sub/\n")
		o := buildInMemory(t, fsys, opts)
		_, rows := dataCSV(t, o, "data/correspondence.csv")
		for _, r := range rows {
			for _, col := range []string{"letter_url", "reply_url"} {
				if r[col] != "" && !strings.HasPrefix(r[col], "https://example.org/sub/") {
					t.Errorf("%s %q is not under the base URL", col, r[col])
				}
			}
		}
		if !hasPageLink(o.main(t, "/data/"), "/sub/data/letters.json") {
			t.Errorf("/data/ does not link to /sub/data/letters.json")
		}
		var f dataFeedJSON
		dataJSON(t, o, "feed.json", &f)
		if f.FeedURL != "https://example.org/sub/feed.json" || !strings.HasPrefix(f.Items[0].ID, "https://example.org/sub/") {
			t.Errorf("feed.json: feed_url %q, first id %q", f.FeedURL, f.Items[0].ID)
		}
	})
}

func dataReplace(t testing.TB, data []byte, old, new string) *fstest.MapFile {
	t.Helper()
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%q not found", old)
	}
	return &fstest.MapFile{Data: bytes.Replace(data, []byte(old), []byte(new), 1)}
}

// ---------------------------------------------------------------------------
// The preview server

// dataSession checks that the preview server's incremental rebuilds keep
// the open data files and the sizes on /data/ equal to a full build's.
func dataSession(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	loadBuildCase(t, "data").WriteDir(t, dir)
	s := build.NewSession(os.DirFS(dir), letterpress.Defaults, build.Options{Now: sessionNow}, render.Options{})
	t.Cleanup(func() { s.Close() })
	if s.Errors.HasErrors(false) {
		t.Fatalf("first build: %v", s.Errors)
	}
	const (
		letter = "content/letters/2021/" + dataLetter + ".md"
		north  = "content/organisations/north-wales-pcc.md"
	)
	steps := []struct {
		name  string
		do    func()
		path  string
		files []string // files that must change (nil: none may)
	}{
		{"body-only edit", func() { edit(t, dir, letter, "Dear colleagues,", "Dear all,") }, letter, nil},
		{"organisation renamed", func() { edit(t, dir, north, "Gogledd Cymru", "North Wales") }, north, []string{"data/correspondence.csv", "data/organisations.csv", "data/letters.json", "data/organisations.json"}},
		{"reply added", func() {
			write(t, dir, "content/responses/2021/2021-05-01-open-data-north-wales.md", "---\ndate: 2021-05-01\nfrom: north-wales-pcc\nin_reply_to: "+dataLetter+"\n---\nDiolch.\n")
		}, "content/responses/2021/2021-05-01-open-data-north-wales.md", []string{"data/correspondence.csv", "data/organisations.csv", "data/letters.json", "data/responses.json", "data/organisations.json", "feed.json", "data/index.html"}},
	}
	for _, st := range steps {
		before := map[string][]byte{}
		for _, name := range append(slices.Clone(dataFiles), "data/index.html") {
			before[name], _ = s.Out.Get(name)
		}
		st.do()
		if res := s.Update([]string{st.path}); !res.OK {
			t.Fatalf("%s: update failed: %v", st.name, s.Errors)
		}
		sameSite(t, st.name, s.Out, fullBuild(t, dir, false))
		for name, old := range before {
			now, _ := s.Out.Get(name)
			changed := !bytes.Equal(old, now)
			if st.files == nil && changed {
				t.Errorf("%s: %s changed", st.name, name)
			}
			if slices.Contains(st.files, name) && !changed {
				t.Errorf("%s: %s did not change", st.name, name)
			}
		}
	}
	if got, _ := s.Out.Get("data/correspondence.csv"); !bytes.Contains(got, []byte("north-wales-pcc,Comisiynydd Heddlu a Throseddu North Wales – Swyddfa’r,replied,2021-05-01-open-data-north-wales")) {
		t.Errorf("correspondence.csv after the edits:\n%s", got)
	}
}

// dataStreamed: into a folder (publish.Dir, a render.Streamer), the open
// data files are streamed as they are written, not passed whole to Write
// as into memory; the files, and the sizes the /data/ page gives, are the
// same.
func dataStreamed(t *testing.T, mem builtSite) {
	out := filepath.Join(t.TempDir(), "public")
	dir, err := publish.NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := any(dir).(render.Streamer); !ok {
		t.Fatal("publish.Dir is not a render.Streamer: nothing is streamed")
	}
	_, errs := build.Build(loadBuildCase(t, "data").FS, letterpress.Defaults, dir, build.Options{Now: buildDate("2021-06-01")}, render.Options{})
	if errs.HasErrors(false) {
		dir.Abort()
		t.Fatal(errs)
	}
	if err := dir.Commit(); err != nil {
		t.Fatal(err)
	}
	got := readDirTree(t, out)
	delete(got, publish.Marker)
	for name, want := range mem {
		if !bytes.Equal(got[name], want) {
			t.Errorf("%s differs when written to a folder (%d bytes, %d in memory)", name, len(got[name]), len(want))
		}
	}
	if len(got) != len(mem) {
		t.Errorf("%d files in the folder, %d in memory", len(got), len(mem))
	}
	files, size := dir.Stats()
	var want int64
	for _, data := range mem {
		want += int64(len(data))
	}
	if files != len(mem) || size != want {
		t.Errorf("the folder counted %d files and %d bytes; memory has %d files and %d bytes", files, size, len(mem), want)
	}
}
