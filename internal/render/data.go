package render

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/feature/plural"

	"letterpress/internal/content"
	"letterpress/internal/graph"
)

// Open data: the site's facts as files for spreadsheets and programs, and
// a page, /data/, that describes them.
//
//   - data/correspondence.csv: one row per letter and recipient, with the
//     reply status;
//   - data/organisations.csv: one row per organisation, with its reply
//     record;
//   - data/letters.json, responses.json, reports.json, organisations.json:
//     every published document's front matter and derived facts;
//   - feed.json: the Atom feed's entries as a JSON Feed 1.1.
//
// Only published documents go in, and nothing of a body: summaries are the
// front matter's, and a withheld reply contributes nothing derived from its
// body (not even the reports it links to). So no file changes with an edit
// that changes only a body (the preview server's fast path, which keeps the
// graph): each file is written with no dependencies, and written again
// whenever relations change. The /data/ page shows the files' sizes, which
// change only then too.
//
// Everything is in a fixed order and holds no time but the build date, so
// that two builds of the same files are byte-identical.

// DataDir is the folder of the open data files.
const DataDir = "data/"

// dataCSVBOM starts every CSV file, so that spreadsheet programs read it as
// UTF-8 (Welsh and accented names).
const dataCSVBOM = "\ufeff"

// dataPage is the data of the /data/ page.
type dataPage struct {
	Files []*dataFile
}

// dataFile is one open data file as the /data/ page describes it.
type dataFile struct {
	path        string // output file name: data/correspondence.csv
	Name        string // file name: correspondence.csv
	URL         string // path with the base path
	Format      string // CSV, JSON, JSON Feed
	Anchor      string // id of its section on the page
	Description string
	Columns     bool // the fields are a CSV file's columns
	Fields      []dataField

	gen  func(w io.Writer) error // writes the file, once (see produce)
	out  Output
	once sync.Once
	size int
	err  error
}

// dataField documents one column or field of a file.
type dataField struct {
	Name, Meaning, Example string
}

// produce makes the file and writes it, once per graph. Its job and the
// /data/ page (for the size) both ask, in parallel; only the size is kept
// (the files of a large site are tens of megabytes).
func (f *dataFile) produce() error {
	f.once.Do(func() {
		w, err := create(f.out, f.path)
		if err != nil {
			f.err = err
			return
		}
		cw := &countingWriter{w: w}
		bw := bufio.NewWriterSize(cw, 64<<10)
		err = f.gen(bw)
		if err == nil {
			err = bw.Flush()
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		f.size, f.err = int(cw.n), err
	})
	return f.err
}

// countingWriter counts what goes through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Size is the file's size in kilobytes, rounded up to a tenth ("0.1 KB"
// for a few bytes).
func (f *dataFile) Size() (string, error) {
	if err := f.produce(); err != nil {
		return "", err
	}
	return strconv.FormatFloat(math.Ceil(float64(f.size)*10/1024)/10, 'f', 1, 64) + " KB", nil
}

// dataJobs adds the open data files and the /data/ page.
func (ru *run) dataJobs(jobs *[]job) {
	g, s := ru.g, ru.s
	lang := s.Lang
	od := &openData{g: g, s: s, r: ru.r}
	p := ru.r.page(g, s, "data", lang, "/data/", T(lang, "data-title"))
	p.Section = "data"
	p.Description = T(lang, "data-description")
	spec := func(fields []dataFieldSpec) []dataField {
		out := make([]dataField, len(fields))
		for i, f := range fields {
			out[i] = dataField{Name: f.name, Meaning: T(lang, f.key), Example: strings.ReplaceAll(f.example, "{base}", s.BaseURL)}
		}
		return out
	}
	csvFile := func(name, desc string, fields []dataFieldSpec, gen func(io.Writer) error) *dataFile {
		return &dataFile{path: DataDir + name, Name: name, Format: "CSV", Columns: true, Description: T(lang, desc), Fields: spec(fields), gen: gen}
	}
	jsonFile := func(name, desc string, fields []dataFieldSpec, gen func(io.Writer) error) *dataFile {
		return &dataFile{path: DataDir + name, Name: name, Format: "JSON", Description: T(lang, desc), Fields: spec(fields), gen: gen}
	}
	files := []*dataFile{
		csvFile("correspondence.csv", "data-desc-correspondence", dataCorrespondenceFields, od.correspondenceCSV),
		csvFile("organisations.csv", "data-desc-organisations-csv", dataOrganisationCSVFields, od.organisationsCSV),
		jsonFile("letters.json", "data-desc-letters", dataLetterFields, od.lettersJSON),
		jsonFile("responses.json", "data-desc-responses", dataResponseFields, od.responsesJSON),
		jsonFile("reports.json", "data-desc-reports", dataReportFields, od.reportsJSON),
		jsonFile("organisations.json", "data-desc-organisations-json", dataOrganisationFields, od.organisationsJSON),
		{path: "feed.json", Name: "feed.json", Format: "JSON Feed", Description: TN(lang, "data-desc-feed", FeedLength), Fields: spec(dataFeedFields), gen: od.feedJSON},
	}
	for _, f := range files {
		f.URL = p.URLFor("/" + f.path)
		f.Anchor = "file-" + strings.ReplaceAll(f.Name, ".", "-")
		f.out = ru.out
	}
	p.Data = &dataPage{Files: files}
	// Each file is made by its own job, early and on every core; the page,
	// which shows their sizes, waits for those not made yet (it made them
	// all itself, one after another, while their jobs waited for it).
	for _, f := range files {
		// Such files show no document's entry (see file).
		*jobs = append(*jobs, job{name: f.path, early: true, run: func() error {
			ru.r.setDeps(f.path, nil)
			return f.produce()
		}})
	}
	// The page shows no document's entry; the sizes it shows change only
	// with the files, that is with relations, when every page that is not
	// a document's is rendered again.
	ru.add(jobs, p, "/data/")
}

// openData writes the files from one graph.
type openData struct {
	g *graph.Graph
	s *Site
	r *Renderer
}

// abs is the absolute URL of a path of the site.
func (od *openData) abs(urlPath string) string {
	return strings.TrimSuffix(od.s.BaseURL, od.s.BasePath) + od.s.BasePath + strings.TrimPrefix(urlPath, "/")
}

// welshURL is the absolute URL of d's published Welsh version, if any.
func (od *openData) welshURL(d *content.Doc) string {
	if t := od.g.Site.Translation(d); t != nil && od.g.Published(t) {
		return od.abs(t.URLPath())
	}
	return ""
}

func dataDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func dataIDs(ds []*content.Doc) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.ID
	}
	return out
}

func dataRefIDs(rs []content.Ref) []string {
	if len(rs) == 0 {
		return nil
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// cites are the reports d cites. A withheld reply's body is not published,
// so for it only the reports named in its front matter count.
func (od *openData) cites(d *content.Doc) []*content.Doc {
	cs := od.g.Cites(d)
	if od.g.Withheld(d) == "" {
		return cs
	}
	var out []*content.Doc
	for _, r := range cs {
		if slices.ContainsFunc(d.Cites, func(c content.Ref) bool { return c.ID == r.ID }) {
			out = append(out, r)
		}
	}
	return out
}

// orgName is the name of the organisation with the given id.
func (od *openData) orgName(o *content.Doc, id string) string {
	if o != nil {
		return o.Label()
	}
	return id
}

// ---------------------------------------------------------------------------
// CSV

// dataCSVCell neutralises spreadsheet formula injection: a text cell starting
// with =, +, -, @, a tab or a carriage return is prefixed with a quote.
func dataCSVCell(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// dataWriteCSV writes an RFC 4180 file (CRLF line endings) with a BOM and a
// header row. Text cells must already have passed through dataCSVCell.
func dataWriteCSV(w io.Writer, header []string, rows [][]string) error {
	c := newDataCSV(w, header)
	for _, r := range rows {
		c.row(r)
	}
	return c.close()
}

// dataCSV writes a CSV file as dataWriteCSV does, a row at a time as the
// rows are made.
type dataCSV struct {
	w   *csv.Writer
	err error
}

func newDataCSV(w io.Writer, header []string) *dataCSV {
	c := &dataCSV{}
	_, c.err = io.WriteString(w, dataCSVBOM)
	c.w = csv.NewWriter(w)
	c.w.UseCRLF = true
	c.row(header)
	return c
}

func (c *dataCSV) row(r []string) {
	if c.err == nil {
		c.err = c.w.Write(r)
	}
}

func (c *dataCSV) close() error {
	c.w.Flush()
	if c.err == nil {
		c.err = c.w.Error()
	}
	return c.err
}

func dataCSVInt(n int) string { return strconv.Itoa(n) }

var dataCorrespondenceHeader = []string{
	"letter_id", "letter_url", "letter_date", "letter_title", "recipient_id", "recipient_name",
	"status", "reply_id", "reply_url", "reply_date", "days_to_reply", "due_date", "days_overdue", "topics",
	"reply_arrived", "due_passed", "in_time",
}

// correspondenceCSV is one row per letter and recipient, newest letter
// first, recipients in the letter's order.
func (od *openData) correspondenceCSV(w io.Writer) error {
	g := od.g
	c := newDataCSV(w, dataCorrespondenceHeader)
	for _, l := range g.Letters {
		topics := strings.Join(dataRefIDs(l.Topics), ";")
		for _, st := range g.Statuses(l) {
			row := []string{
				dataCSVCell(l.ID), dataCSVCell(od.abs(l.URLPath())), dataDate(l.Date), dataCSVCell(g.Title(l)),
				dataCSVCell(st.Recipient.Org.ID), dataCSVCell(od.orgName(st.Org, st.Recipient.Org.ID)),
				st.Name(), "", "", "", "", dataDate(st.Due), "", dataCSVCell(topics),
				"", "", "",
			}
			switch st.Status {
			case graph.Replied, graph.Withheld:
				row[7], row[8], row[9], row[10] = dataCSVCell(st.Reply.ID), dataCSVCell(od.abs(st.Reply.URLPath())), dataDate(st.Reply.Date), dataCSVInt(st.Days)
				row[14] = dataDate(graph.Arrived(st.Reply))
			case graph.Overdue:
				row[12] = dataCSVInt(st.DaysLate)
			}
			if due, in := dataDue(g, l, &st); due != nil {
				row[15] = dataYesNo(*due)
				if in != nil {
					row[16] = dataYesNo(*in)
				}
			}
			c.row(row)
		}
	}
	return c.close()
}

var dataOrganisationsHeader = []string{
	"id", "name", "type", "region", "url",
	"letters_received", "replied", "withheld", "awaiting", "overdue", "median_days_to_reply",
	"letters_due", "due_replied", "in_time", "long_overdue",
}

// dataDue says whether a recipient's reply to a letter counts in the
// shares (due: nil for a draft, which counts nowhere) and, if it does,
// whether it came in time (graph.Record counts the same way).
func dataDue(g *graph.Graph, l *content.Doc, st *graph.RecipientStatus) (due, inTime *bool) {
	if l.Draft || st.Org == nil {
		return nil, nil
	}
	d := g.DueFor(l, st)
	if !d {
		return &d, nil
	}
	in := st.InTime()
	return &d, &in
}

func dataYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// sortedOrgs are the organisations by name, then id.
func (od *openData) sortedOrgs() []*content.Doc {
	orgs := slices.Clone(od.g.Organisations)
	slices.SortStableFunc(orgs, func(a, b *content.Doc) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Label()), strings.ToLower(b.Label())), strings.Compare(a.ID, b.ID))
	})
	return orgs
}

// organisationsCSV is one row per organisation with its reply record.
func (od *openData) organisationsCSV(w io.Writer) error {
	var rows [][]string
	for _, o := range od.sortedOrgs() {
		rec := od.g.Record(o)
		median := ""
		if rec.MedianDays >= 0 {
			median = dataCSVInt(rec.MedianDays)
		}
		rows = append(rows, []string{
			dataCSVCell(o.ID), dataCSVCell(o.Label()), dataCSVCell(o.Type), dataCSVCell(o.Region), dataCSVCell(od.abs(o.URLPath())),
			dataCSVInt(rec.Received), dataCSVInt(rec.Replied), dataCSVInt(rec.Withheld), dataCSVInt(rec.Awaiting), dataCSVInt(rec.Overdue), median,
			dataCSVInt(rec.Due), dataCSVInt(rec.DueReplied), dataCSVInt(rec.InTime), dataCSVInt(rec.LongOverdue),
		})
	}
	return dataWriteCSV(w, dataOrganisationsHeader, rows)
}

// ---------------------------------------------------------------------------
// JSON

// dataJSONArray writes items as a JSON array, one object a line.
func dataJSONArray[T any](w io.Writer, items []T) error {
	a := newDataJSON(w)
	for i := range items {
		a.add(&items[i])
	}
	return a.close()
}

// dataJSON writes a JSON array as dataJSONArray does, an object at a time
// as the objects are made: the slice of every letter's object was larger
// than the file.
type dataJSON struct {
	w   io.Writer
	obj bytes.Buffer // one object at a time
	enc *json.Encoder
	n   int
	err error
}

func newDataJSON(w io.Writer) *dataJSON {
	a := &dataJSON{w: w}
	a.enc = json.NewEncoder(&a.obj)
	_, a.err = io.WriteString(w, "[")
	return a
}

func (a *dataJSON) add(v any) {
	if a.err != nil {
		return
	}
	a.obj.Reset()
	if a.n > 0 {
		a.obj.WriteByte(',')
	}
	a.obj.WriteByte('\n')
	if a.err = a.enc.Encode(v); a.err == nil {
		a.obj.Truncate(a.obj.Len() - 1) // the newline Encode adds
		_, a.err = a.w.Write(a.obj.Bytes())
		a.n++
	}
}

func (a *dataJSON) close() error {
	if a.err != nil {
		return a.err
	}
	end := "]\n"
	if a.n > 0 {
		end = "\n]\n"
	}
	_, err := io.WriteString(a.w, end)
	return err
}

// dataRef is another document, by kind and id.
type dataRef struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

func dataRefs(ds []*content.Doc) []dataRef {
	out := make([]dataRef, len(ds))
	for i, d := range ds {
		out[i] = dataRef{d.Kind.String(), d.ID}
	}
	return out
}

// dataAttachment is a file published with a letter or reply.
type dataAttachment struct {
	Title string `json:"title"`
	File  string `json:"file"` // absolute URL
}

func (od *openData) attachments(d *content.Doc) []dataAttachment {
	if od.g.Withheld(d) != "" {
		return nil // see Doc.Attachments
	}
	var out []dataAttachment
	for _, a := range d.Attachments {
		out = append(out, dataAttachment{a.Title, od.abs(a.File)})
	}
	return out
}

// dataRecipient is one recipient of a letter with its reply status.
type dataRecipient struct {
	Org         string `json:"org"`
	OrgName     string `json:"org_name"`
	Name        string `json:"name,omitempty"`
	Role        string `json:"role,omitempty"`
	Status      string `json:"status"`
	Reply       string `json:"reply,omitempty"`
	ReplyDate   string `json:"reply_date,omitempty"`
	DaysToReply *int   `json:"days_to_reply,omitempty"`
	Due         string `json:"due"`
	DaysOverdue *int   `json:"days_overdue,omitempty"`
	// ReplyArrived is the date the reply counts from: received, else its date.
	ReplyArrived string `json:"reply_arrived,omitempty"`
	DuePassed    *bool  `json:"due_passed,omitempty"`
	InTime       *bool  `json:"in_time,omitempty"`
}

// dataLetter is a letter in letters.json.
type dataLetter struct {
	ID          string           `json:"id"`
	URL         string           `json:"url"`
	Lang        string           `json:"lang"`
	WelshURL    string           `json:"welsh_url,omitempty"`
	Title       string           `json:"title"`
	Reference   string           `json:"reference,omitempty"`
	Date        string           `json:"date"`
	Summary     string           `json:"summary,omitempty"`
	Draft       bool             `json:"draft,omitempty"`
	From        string           `json:"from,omitempty"`
	To          []string         `json:"to"`
	ResponseDue string           `json:"response_due"`
	InReplyTo   string           `json:"in_reply_to,omitempty"`
	Topics      []string         `json:"topics,omitempty"`
	Aliases     []string         `json:"aliases,omitempty"`
	Attachments []dataAttachment `json:"attachments,omitempty"`
	Params      map[string]any   `json:"params,omitempty"`
	Recipients  []dataRecipient  `json:"recipients"`
	Thread      []dataRef        `json:"thread"`
	Replies     []string         `json:"replies"`
	Cites       []string         `json:"cites"`
}

// dataResponse is a reply in responses.json.
type dataResponse struct {
	ID          string           `json:"id"`
	URL         string           `json:"url"`
	Lang        string           `json:"lang"`
	WelshURL    string           `json:"welsh_url,omitempty"`
	Title       string           `json:"title"`
	Date        string           `json:"date"`
	Received    string           `json:"received,omitempty"`
	Summary     string           `json:"summary,omitempty"`
	Draft       bool             `json:"draft,omitempty"`
	From        string           `json:"from"`
	InReplyTo   []string         `json:"in_reply_to"`
	Withheld    string           `json:"withheld,omitempty"`
	Topics      []string         `json:"topics,omitempty"`
	Aliases     []string         `json:"aliases,omitempty"`
	Attachments []dataAttachment `json:"attachments,omitempty"`
	Params      map[string]any   `json:"params,omitempty"`
	FollowUps   []string         `json:"follow_ups"`
	Thread      []dataRef        `json:"thread"`
	Cites       []string         `json:"cites"`
}

// dataReport is a report in reports.json.
type dataReport struct {
	ID           string         `json:"id"`
	URL          string         `json:"url"`
	Lang         string         `json:"lang"`
	WelshURL     string         `json:"welsh_url,omitempty"`
	Title        string         `json:"title"`
	Date         string         `json:"date,omitempty"`
	Year         int            `json:"year,omitempty"`
	Summary      string         `json:"summary,omitempty"`
	Draft        bool           `json:"draft,omitempty"`
	Publisher    string         `json:"publisher,omitempty"`
	Authors      []string       `json:"authors,omitempty"`
	PublisherURL string         `json:"publisher_url,omitempty"`
	File         string         `json:"file,omitempty"`
	Topics       []string       `json:"topics,omitempty"`
	Aliases      []string       `json:"aliases,omitempty"`
	Params       map[string]any `json:"params,omitempty"`
	CitedBy      []dataRef      `json:"cited_by"`
}

// dataRecord is an organisation's reply record.
type dataRecord struct {
	LettersReceived   int  `json:"letters_received"`
	Replied           int  `json:"replied"`
	Withheld          int  `json:"withheld"`
	Awaiting          int  `json:"awaiting"`
	Overdue           int  `json:"overdue"`
	MedianDaysToReply *int `json:"median_days_to_reply,omitempty"`
	LettersDue        int  `json:"letters_due"`
	DueReplied        int  `json:"due_replied"`
	InTime            int  `json:"in_time"`
	LongOverdue       int  `json:"long_overdue"`
}

// dataOrganisation is an organisation in organisations.json.
type dataOrganisation struct {
	ID       string         `json:"id"`
	URL      string         `json:"url"`
	Lang     string         `json:"lang"`
	WelshURL string         `json:"welsh_url,omitempty"`
	Name     string         `json:"name"`
	Title    string         `json:"title,omitempty"`
	Date     string         `json:"date,omitempty"`
	Summary  string         `json:"summary,omitempty"`
	Draft    bool           `json:"draft,omitempty"`
	Type     string         `json:"type,omitempty"`
	Region   string         `json:"region,omitempty"`
	Holder   string         `json:"holder,omitempty"`
	Address  []string       `json:"address,omitempty"`
	Website  string         `json:"website,omitempty"`
	Topics   []string       `json:"topics,omitempty"`
	Aliases  []string       `json:"aliases,omitempty"`
	Params   map[string]any `json:"params,omitempty"`
	Record   dataRecord     `json:"record"`
}

func dataInt(n int) *int { return &n }

func (od *openData) lettersJSON(w io.Writer) error {
	g := od.g
	out := newDataJSON(w)
	for _, l := range g.Letters {
		dl := dataLetter{
			ID: l.ID, URL: od.abs(l.URLPath()), Lang: l.Lang, WelshURL: od.welshURL(l),
			Title: g.Title(l), Reference: l.Reference, Date: dataDate(l.Date), Summary: l.Summary, Draft: l.Draft, From: l.From.ID,
			ResponseDue: dataDate(g.Due(l)), Topics: dataRefIDs(l.Topics), Aliases: l.Aliases,
			Attachments: od.attachments(l), Params: dataParams(l.Params),
			Recipients: []dataRecipient{}, Thread: od.thread(l), Replies: dataIDs(g.Replies(l)), Cites: dataIDs(od.cites(l)),
		}
		for _, r := range l.To {
			dl.To = append(dl.To, r.Org.ID)
		}
		if as := g.Answers(l); len(as) > 0 {
			dl.InReplyTo = as[0].ID
		}
		for _, st := range g.Statuses(l) {
			r := dataRecipient{
				Org: st.Recipient.Org.ID, OrgName: od.orgName(st.Org, st.Recipient.Org.ID),
				Name: st.Recipient.Name, Role: st.Recipient.Role, Status: st.Name(), Due: dataDate(st.Due),
			}
			switch st.Status {
			case graph.Replied, graph.Withheld:
				r.Reply, r.ReplyDate, r.DaysToReply = st.Reply.ID, dataDate(st.Reply.Date), dataInt(st.Days)
				r.ReplyArrived = dataDate(graph.Arrived(st.Reply))
			case graph.Overdue:
				r.DaysOverdue = dataInt(st.DaysLate)
			}
			r.DuePassed, r.InTime = dataDue(g, l, &st)
			dl.Recipients = append(dl.Recipients, r)
		}
		out.add(&dl)
	}
	return out.close()
}

// thread is the whole thread of d, oldest first (d alone when it is in
// none).
func (od *openData) thread(d *content.Doc) []dataRef {
	if t := od.g.Thread(d); t != nil && len(t.Docs) > 0 {
		return dataRefs(t.Docs)
	}
	return dataRefs([]*content.Doc{d})
}

func (od *openData) responsesJSON(w io.Writer) error {
	g := od.g
	out := newDataJSON(w)
	for _, r := range g.Responses {
		withheld := g.Withheld(r)
		summary := r.Summary
		if withheld != "" {
			summary = "" // it says what the body says
		}
		out.add(&dataResponse{
			ID: r.ID, URL: od.abs(r.URLPath()), Lang: r.Lang, WelshURL: od.welshURL(r),
			Title: g.Title(r), Date: dataDate(r.Date), Received: dataDate(r.Received), Summary: summary, Draft: r.Draft,
			From: r.From.ID, InReplyTo: dataIDs(g.Answers(r)), Withheld: withheld,
			Topics: dataRefIDs(r.Topics), Aliases: r.Aliases, Attachments: od.attachments(r), Params: dataParams(r.Params),
			FollowUps: dataIDs(g.Replies(r)), Thread: od.thread(r), Cites: dataIDs(od.cites(r)),
		})
	}
	return out.close()
}

func (od *openData) reportsJSON(w io.Writer) error {
	g := od.g
	out := newDataJSON(w)
	for _, rp := range g.Reports {
		dr := dataReport{
			ID: rp.ID, URL: od.abs(rp.URLPath()), Lang: rp.Lang, WelshURL: od.welshURL(rp),
			Title: g.Title(rp), Date: dataDate(rp.Date), Year: rp.Year, Summary: rp.Summary, Draft: rp.Draft,
			Publisher: rp.Publisher, Authors: rp.Authors, PublisherURL: rp.URL,
			Topics: dataRefIDs(rp.Topics), Aliases: rp.Aliases, Params: dataParams(rp.Params), CitedBy: []dataRef{},
		}
		if rp.File != "" {
			dr.File = od.abs(rp.File)
		}
		for _, d := range g.CitedBy(rp) {
			if slices.Contains(od.cites(d), rp) {
				dr.CitedBy = append(dr.CitedBy, dataRef{d.Kind.String(), d.ID})
			}
		}
		out.add(&dr)
	}
	return out.close()
}

func (od *openData) organisationsJSON(w io.Writer) error {
	g := od.g
	var out []dataOrganisation
	for _, o := range od.sortedOrgs() {
		rec := g.Record(o)
		do := dataOrganisation{
			ID: o.ID, URL: od.abs(o.URLPath()), Lang: o.Lang, WelshURL: od.welshURL(o),
			Name: o.Label(), Title: o.Title, Date: dataDate(o.Date), Summary: o.Summary, Draft: o.Draft,
			Type: o.Type, Region: o.Region, Holder: o.Holder, Address: o.Address, Website: o.URL,
			Topics: dataRefIDs(o.Topics), Aliases: o.Aliases, Params: dataParams(o.Params),
			Record: dataRecord{LettersReceived: rec.Received, Replied: rec.Replied, Withheld: rec.Withheld, Awaiting: rec.Awaiting, Overdue: rec.Overdue,
				LettersDue: rec.Due, DueReplied: rec.DueReplied, InTime: rec.InTime, LongOverdue: rec.LongOverdue},
		}
		if rec.MedianDays >= 0 {
			do.Record.MedianDaysToReply = dataInt(rec.MedianDays)
		}
		out = append(out, do)
	}
	return dataJSONArray(w, out)
}

// dataParams makes front matter values that JSON cannot hold (numbers that
// are not finite, maps with keys that are not strings) into ones it can. encoding/json writes map keys sorted, so
// the output is stable.
func dataParams(m map[string]any) map[string]any {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = dataParamValue(v)
	}
	return out
}

func dataParamValue(v any) any {
	switch v := v.(type) {
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Sprint(v)
		}
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = dataParamValue(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = dataParamValue(x)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[fmt.Sprint(k)] = dataParamValue(x)
		}
		return out
	case time.Time:
		return v.Format(time.RFC3339)
	}
	return v
}

// ---------------------------------------------------------------------------
// JSON Feed

// jsonFeed is a JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
type jsonFeed struct {
	Version     string           `json:"version"`
	Title       string           `json:"title"`
	HomePageURL string           `json:"home_page_url"`
	FeedURL     string           `json:"feed_url"`
	Description string           `json:"description,omitempty"`
	Language    string           `json:"language"`
	Authors     []jsonFeedAuthor `json:"authors,omitempty"`
	Items       []jsonFeedItem   `json:"items"`
}

// jsonFeedAuthor is an author of a feed or an item.
type jsonFeedAuthor struct {
	Name string `json:"name"`
}

// jsonFeedItem is one letter or reply.
type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	ContentText   string           `json:"content_text"`
	Summary       string           `json:"summary,omitempty"`
	DatePublished string           `json:"date_published"`
	Authors       []jsonFeedAuthor `json:"authors,omitempty"`
	Tags          []string         `json:"tags"`
}

// feedJSON has the entries of feed.xml, with the same ids (each page's
// absolute URL), titles and language. Summaries are the front matter's
// only, and so is the content_text JSON Feed requires (the summary, or the
// title): no body goes into the feed.
func (od *openData) feedJSON(w io.Writer) error {
	g, s := od.g, od.s
	p := &Page{Site: s, Lang: s.Lang, g: g, r: od.r}
	origin := strings.TrimSuffix(s.BaseURL, s.BasePath)
	f := jsonFeed{
		Version: "https://jsonfeed.org/version/1.1", Title: s.Title,
		HomePageURL: od.abs("/"), FeedURL: od.abs("/feed.json"), Description: s.Description, Language: s.Lang,
		Items: []jsonFeedItem{},
	}
	author := s.Title
	if s.Owner != nil {
		author = s.Owner.Label()
	}
	if author != "" {
		f.Authors = []jsonFeedAuthor{{author}}
	}
	for _, d := range latest(g.Letters, g.Responses) {
		w := p.wrap(d)
		summary := w.localised().Summary
		if w.Withheld() != "" {
			summary = ""
		}
		it := jsonFeedItem{
			ID: origin + w.URL(), URL: origin + w.URL(), Title: w.Title(), Summary: summary,
			DatePublished: atomTime(d.Date), Tags: []string{d.Kind.String()},
		}
		// JSON Feed requires content; the text itself is on the page.
		it.ContentText = cmp.Or(it.Summary, it.Title)
		if o := w.Sender(); o != nil {
			it.Authors = []jsonFeedAuthor{{o.Label()}}
		}
		f.Items = append(f.Items, it)
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// ---------------------------------------------------------------------------
// What the /data/ page says about each file

// dataFieldSpec documents a column or field: its name, the message that
// explains it and an example ({base} is the site's base URL).
type dataFieldSpec struct {
	name, key, example string
}

var dataCorrespondenceFields = []dataFieldSpec{
	{"letter_id", "data-f-letter-id", "2021-03-01-victim-care"},
	{"letter_url", "data-f-letter-url", "{base}letters/2021-03-01-victim-care/"},
	{"letter_date", "data-f-letter-date", "2021-03-01"},
	{"letter_title", "data-f-letter-title", "Letter on victim care"},
	{"recipient_id", "data-f-recipient-id", "northshire-pcc"},
	{"recipient_name", "data-f-recipient-name", "Northshire Police and Crime Commissioner"},
	{"status", "data-f-status", "replied"},
	{"reply_id", "data-f-reply-id", "2021-03-15-northshire-pcc"},
	{"reply_url", "data-f-reply-url", "{base}responses/2021-03-15-northshire-pcc/"},
	{"reply_date", "data-f-reply-date", "2021-03-15"},
	{"days_to_reply", "data-f-days-to-reply", "14"},
	{"due_date", "data-f-due-date", "2021-03-29"},
	{"days_overdue", "data-f-days-overdue", "10"},
	{"topics", "data-f-topics-csv", "victim-care;prevention"},
	{"reply_arrived", "data-f-reply-arrived", "2021-03-18"},
	{"due_passed", "data-f-due-passed", "yes"},
	{"in_time", "data-f-in-time", "yes"},
}

var dataOrganisationCSVFields = []dataFieldSpec{
	{"id", "data-f-org-id", "northshire-pcc"},
	{"name", "data-f-org-name", "Northshire Police and Crime Commissioner"},
	{"type", "data-f-org-type", "Police and Crime Commissioner"},
	{"region", "data-f-org-region", "Wales"},
	{"url", "data-f-org-url", "{base}organisations/northshire-pcc/"},
	{"letters_received", "data-f-letters-received", "4"},
	{"replied", "data-f-replied", "3"},
	{"withheld", "data-f-withheld-count", "1"},
	{"awaiting", "data-f-awaiting", "0"},
	{"overdue", "data-f-overdue", "1"},
	{"median_days_to_reply", "data-f-median", "20"},
	{"letters_due", "data-f-letters-due", "3"},
	{"due_replied", "data-f-due-replied", "2"},
	{"in_time", "data-f-in-time-count", "2"},
	{"long_overdue", "data-f-long-overdue", "0"},
}

var dataLetterFields = []dataFieldSpec{
	{"id", "data-f-id", "2021-03-01-victim-care"},
	{"url", "data-f-url", "{base}letters/2021-03-01-victim-care/"},
	{"lang", "data-f-lang", "en"},
	{"welsh_url", "data-f-welsh-url", "{base}cy/letters/2021-03-01-victim-care/"},
	{"title", "data-f-title", "Letter on victim care"},
	{"date", "data-f-letter-date", "2021-03-01"},
	{"summary", "data-f-summary", "We asked how advocates are funded."},
	{"from", "data-f-from-letter", "office"},
	{"to", "data-f-to", `["northshire-pcc", "eastshire-police"]`},
	{"response_due", "data-f-response-due", "2021-03-29"},
	{"in_reply_to", "data-f-in-reply-to-letter", "2021-02-20-northshire-pcc"},
	{"topics", "data-f-topics", `["victim-care"]`},
	{"aliases", "data-f-aliases", `["/old/letters/victim-care/"]`},
	{"attachments", "data-f-attachments", `[{"title": "Signed letter", "file": "{base}files/letter.pdf"}]`},
	{"reference", "data-f-reference", "IASC/2021/12"},
	{"params", "data-f-params", `{"team": "Policy"}`},
	{"recipients[].org", "data-f-recipient-id", "northshire-pcc"},
	{"recipients[].org_name", "data-f-recipient-name", "Northshire Police and Crime Commissioner"},
	{"recipients[].name", "data-f-addressee", "Jane Example"},
	{"recipients[].role", "data-f-role", "Commissioner"},
	{"recipients[].status", "data-f-status", "withheld"},
	{"recipients[].reply", "data-f-reply-id", "2021-03-15-northshire-pcc"},
	{"recipients[].reply_date", "data-f-reply-date", "2021-03-15"},
	{"recipients[].days_to_reply", "data-f-days-to-reply", "14"},
	{"recipients[].due", "data-f-due-date", "2021-03-29"},
	{"recipients[].days_overdue", "data-f-days-overdue", "10"},
	{"recipients[].reply_arrived", "data-f-reply-arrived", "2021-03-18"},
	{"recipients[].due_passed", "data-f-due-passed", "true"},
	{"recipients[].in_time", "data-f-in-time", "true"},
	{"thread", "data-f-thread", `[{"kind": "letter", "id": "2021-03-01-victim-care"}, {"kind": "response", "id": "2021-03-15-northshire-pcc"}]`},
	{"replies", "data-f-replies", `["2021-03-15-northshire-pcc"]`},
	{"cites", "data-f-cites", `["annual-report-2020"]`},
}

var dataResponseFields = []dataFieldSpec{
	{"id", "data-f-id", "2021-03-15-northshire-pcc"},
	{"url", "data-f-url", "{base}responses/2021-03-15-northshire-pcc/"},
	{"lang", "data-f-lang", "en"},
	{"welsh_url", "data-f-welsh-url", "{base}cy/responses/2021-03-15-northshire-pcc/"},
	{"title", "data-f-response-title", "Response from Northshire Police and Crime Commissioner"},
	{"date", "data-f-reply-date", "2021-03-15"},
	{"received", "data-f-received", "2021-03-18"},
	{"summary", "data-f-summary", "They fund four advocates."},
	{"from", "data-f-from-response", "northshire-pcc"},
	{"in_reply_to", "data-f-in-reply-to-response", `["2021-03-01-victim-care"]`},
	{"withheld", "data-f-withheld", "It names a victim who has not consented to publication."},
	{"topics", "data-f-topics", `["victim-care"]`},
	{"aliases", "data-f-aliases", `["/old/responses/northshire/"]`},
	{"attachments", "data-f-attachments", `[{"title": "Scanned reply", "file": "{base}files/reply.pdf"}]`},
	{"params", "data-f-params", `{"reference": "NPCC/123"}`},
	{"follow_ups", "data-f-follow-ups", `["2021-04-02-follow-up"]`},
	{"thread", "data-f-thread", `[{"kind": "letter", "id": "2021-03-01-victim-care"}, {"kind": "response", "id": "2021-03-15-northshire-pcc"}]`},
	{"cites", "data-f-cites-response", `["annual-report-2020"]`},
}

var dataReportFields = []dataFieldSpec{
	{"id", "data-f-id", "annual-report-2020"},
	{"url", "data-f-url", "{base}reports/annual-report-2020/"},
	{"lang", "data-f-lang", "en"},
	{"welsh_url", "data-f-welsh-url", "{base}cy/reports/annual-report-2020/"},
	{"title", "data-f-title", "Annual Report 2020"},
	{"date", "data-f-report-date", "2020-10-01"},
	{"year", "data-f-year", "2020"},
	{"summary", "data-f-summary", "Our work in 2020."},
	{"publisher", "data-f-publisher", "Test Office"},
	{"authors", "data-f-authors", `["A. Author"]`},
	{"publisher_url", "data-f-publisher-url", "https://publisher.example.com/annual-report-2020"},
	{"file", "data-f-file", "{base}files/annual-report-2020.pdf"},
	{"topics", "data-f-topics", `["research"]`},
	{"aliases", "data-f-aliases", `["/old/reports/annual/"]`},
	{"params", "data-f-params", `{"isbn": "978-0-00-000000-0"}`},
	{"cited_by", "data-f-cited-by", `[{"kind": "letter", "id": "2021-03-01-victim-care"}]`},
}

var dataOrganisationFields = []dataFieldSpec{
	{"id", "data-f-org-id", "northshire-pcc"},
	{"url", "data-f-org-url", "{base}organisations/northshire-pcc/"},
	{"lang", "data-f-lang", "en"},
	{"welsh_url", "data-f-welsh-url", "{base}cy/organisations/northshire-pcc/"},
	{"name", "data-f-org-name", "Northshire Police and Crime Commissioner"},
	{"type", "data-f-org-type", "Police and Crime Commissioner"},
	{"region", "data-f-org-region", "Wales"},
	{"holder", "data-f-holder", "Jane Example"},
	{"address", "data-f-address", `["1 High Street", "Northtown", "NT1 1AA"]`},
	{"website", "data-f-website", "https://northshire-pcc.example.com/"},
	{"summary", "data-f-summary", "Elected to hold the police to account."},
	{"topics", "data-f-topics", `["victim-care"]`},
	{"aliases", "data-f-aliases", `["/old/organisations/northshire/"]`},
	{"params", "data-f-params", `{"twitter": "@northshirepcc"}`},
	{"record.letters_received", "data-f-letters-received", "4"},
	{"record.replied", "data-f-replied", "3"},
	{"record.withheld", "data-f-withheld-count", "1"},
	{"record.awaiting", "data-f-awaiting", "0"},
	{"record.overdue", "data-f-overdue", "1"},
	{"record.median_days_to_reply", "data-f-median", "20"},
	{"record.letters_due", "data-f-letters-due", "3"},
	{"record.due_replied", "data-f-due-replied", "2"},
	{"record.in_time", "data-f-in-time-count", "2"},
	{"record.long_overdue", "data-f-long-overdue", "0"},
}

var dataFeedFields = []dataFieldSpec{
	{"version", "data-f-feed-version", "https://jsonfeed.org/version/1.1"},
	{"title", "data-f-feed-title", "Test office: correspondence"},
	{"home_page_url", "data-f-home-page-url", "{base}"},
	{"feed_url", "data-f-feed-url", "{base}feed.json"},
	{"language", "data-f-lang", "en"},
	{"authors[].name", "data-f-feed-author", "Test Office"},
	{"items[].id", "data-f-item-id", "{base}letters/2021-03-01-victim-care/"},
	{"items[].url", "data-f-url", "{base}letters/2021-03-01-victim-care/"},
	{"items[].title", "data-f-title", "Letter on victim care"},
	{"items[].content_text", "data-f-content-text", "We asked how advocates are funded."},
	{"items[].summary", "data-f-summary", "We asked how advocates are funded."},
	{"items[].date_published", "data-f-date-published", "2021-03-01T00:00:00Z"},
	{"items[].authors[].name", "data-f-item-author", "Test Office"},
	{"items[].tags", "data-f-tags", `["letter"]`},
}

// dataPluralMessages are the /data/ page's texts that carry a count, by
// CLDR plural form (plural.go): added to pluralMessages.
var dataPluralMessages = map[string][2]pluralForms{
	"data-desc-feed": {
		{plural.One: "The latest letter or reply, as a JSON Feed (version 1.1): the same entry as the Atom feed.", plural.Other: "The latest %d letters and replies, newest first, as a JSON Feed (version 1.1): the same entries as the Atom feed."},
		{plural.One: "Y llythyr neu'r ymateb diweddaraf, fel JSON Feed (fersiwn 1.1): yr un cofnod â'r ffrwd Atom.", plural.Other: "Y %d llythyr ac ymateb diweddaraf, y diweddaraf yn gyntaf, fel JSON Feed (fersiwn 1.1): yr un cofnodion â'r ffrwd Atom."},
	},
}

// dataMessages are the /data/ page's texts in English and Welsh.
var dataMessages = map[string][2]string{
	"data-title":       {"Open data", "Data agored"},
	"data-description": {"Every letter, reply, report and organisation on this site as CSV and JSON files.", "Pob llythyr, ymateb, adroddiad a sefydliad ar y wefan hon fel ffeiliau CSV a JSON."},
	"data-intro": {"Everything this site publishes about letters, replies, cited reports and organisations, as files for spreadsheets and programs: one row per letter and recipient with its reply status, each organisation's reply record, and the details of every published document.",
		"Popeth y mae'r wefan hon yn ei gyhoeddi am lythyrau, ymatebion, adroddiadau a ddyfynnwyd a sefydliadau, fel ffeiliau ar gyfer taenlenni a rhaglenni: un rhes i bob llythyr a derbynnydd gyda'i statws ymateb, cofnod ymateb pob sefydliad, a manylion pob dogfen gyhoeddedig."},
	"data-licence": {"Published under the Open Government Licence v3.0.", "Cyhoeddwyd o dan y Drwydded Llywodraeth Agored v3.0."},
	"data-built": {"The files are made again every time the site is built. Reply statuses are as of %s.",
		"Caiff y ffeiliau eu gwneud eto bob tro yr adeiladir y wefan. Mae'r statws ymateb yn gywir ar %s."},
	"data-withheld-note": {"Replies that were received but are not published appear with their date, status and the reason only: their text is in no file.",
		"Mae ymatebion a dderbyniwyd ond nad ydynt wedi'u cyhoeddi yn ymddangos gyda'u dyddiad, eu statws a'r rheswm yn unig: nid yw eu testun mewn unrhyw ffeil."},
	"data-files":    {"Files", "Ffeiliau"},
	"data-columns":  {"Columns of %s", "Colofnau %s"},
	"data-fields":   {"Fields of %s", "Meysydd %s"},
	"data-download": {"Download %s", "Lawrlwytho %s"},
	"data-field":    {"Name", "Enw"},
	"data-meaning":  {"Meaning", "Ystyr"},
	"data-example":  {"Example", "Enghraifft"},
	"data-csv-note": {"The CSV files follow RFC 4180: comma-separated, with a header row and CRLF line endings, in UTF-8 with a byte order mark so that spreadsheet programs show Welsh and accented letters correctly. Text that begins with =, +, -, @ or a tab has an apostrophe (') put before it so that a spreadsheet does not run it as a formula.",
		"Mae'r ffeiliau CSV yn dilyn RFC 4180: wedi'u gwahanu gan atalnodau, gyda rhes pennawd a diwedd llinell CRLF, yn UTF-8 gyda nod trefn beit fel bod rhaglenni taenlen yn dangos llythrennau Cymraeg ac acennog yn gywir. Rhoddir collnod (') o flaen testun sy'n dechrau gyda =, +, -, @ neu dab fel nad yw taenlen yn ei redeg fel fformiwla."},
	"data-json-note": {"The JSON files are arrays of objects, one per document, in the order of the site's lists. Dates are written YYYY-MM-DD; fields without a value are left out. A name ending in [] is a field of each item of a list.",
		"Mae'r ffeiliau JSON yn araeau o wrthrychau, un i bob dogfen, yn nhrefn rhestrau'r wefan. Ysgrifennir dyddiadau fel BBBB-MM-DD; gadewir allan feysydd heb werth. Mae enw sy'n gorffen gyda [] yn faes o bob eitem mewn rhestr."},

	"data-desc-correspondence": {"Every letter, one row per recipient, with the reply status: the reply and the days it took, or the date it is due and the days it is overdue. Newest letter first.",
		"Pob llythyr, un rhes i bob derbynnydd, gyda'r statws ymateb: yr ymateb a nifer y diwrnodau a gymerodd, neu'r dyddiad y mae'n ddyledus a nifer y diwrnodau y mae'n hwyr. Y llythyr diweddaraf yn gyntaf."},
	"data-desc-organisations-csv": {"Every organisation, by name, with its reply record.", "Pob sefydliad, yn ôl enw, gyda'i gofnod ymateb."},
	"data-desc-letters": {"Every letter, newest first, with its details, its recipients' reply statuses, its thread, its replies and the reports it cites.",
		"Pob llythyr, y diweddaraf yn gyntaf, gyda'i fanylion, statws ymateb ei dderbynwyr, ei edefyn, ei ymatebion a'r adroddiadau y mae'n eu dyfynnu."},
	"data-desc-responses": {"Every reply, newest first, with its details, the letters it answers, follow-up letters, its thread and the reports it cites.",
		"Pob ymateb, y diweddaraf yn gyntaf, gyda'i fanylion, y llythyrau y mae'n eu hateb, llythyrau dilynol, ei edefyn a'r adroddiadau y mae'n eu dyfynnu."},
	"data-desc-reports": {"Every report, newest first, with its details and the letters and replies that cite it.",
		"Pob adroddiad, y diweddaraf yn gyntaf, gyda'i fanylion a'r llythyrau a'r ymatebion sy'n ei ddyfynnu."},
	"data-desc-organisations-json": {"Every organisation, by name, with its details and reply record.", "Pob sefydliad, yn ôl enw, gyda'i fanylion a'i gofnod ymateb."},

	"data-f-letter-id":            {"The letter's id (its file name)", "Dynodydd y llythyr (enw ei ffeil)"},
	"data-f-letter-url":           {"The letter's page", "Tudalen y llythyr"},
	"data-f-letter-date":          {"The date the letter was sent", "Y dyddiad yr anfonwyd y llythyr"},
	"data-f-letter-title":         {"The letter's title", "Teitl y llythyr"},
	"data-f-recipient-id":         {"The id of the organisation the letter was sent to", "Dynodydd y sefydliad yr anfonwyd y llythyr ato"},
	"data-f-recipient-name":       {"The name of the organisation the letter was sent to", "Enw'r sefydliad yr anfonwyd y llythyr ato"},
	"data-f-status":               {"replied; withheld (replied, but the reply is not published); awaiting (no reply yet, not yet due); overdue (no reply, and the due date has passed); or long-overdue (no reply after twice the time allowed)", "replied (wedi ymateb); withheld (wedi ymateb, ond heb gyhoeddi'r ymateb); awaiting (dim ymateb eto, heb fod yn ddyledus); overdue (dim ymateb, ac mae'r dyddiad dyledus wedi mynd heibio); neu long-overdue (dim ymateb ar ôl dwywaith yr amser a ganiateir)"},
	"data-f-reply-id":             {"The id of the reply, when replied or withheld", "Dynodydd yr ymateb, os cafwyd ymateb"},
	"data-f-reply-url":            {"The reply's page (for a withheld reply, the reason it is not published)", "Tudalen yr ymateb (ar gyfer ymateb heb ei gyhoeddi, y rheswm pam)"},
	"data-f-reply-date":           {"The date of the reply", "Dyddiad yr ymateb"},
	"data-f-days-to-reply":        {"Days from the letter to the reply", "Diwrnodau o'r llythyr i'r ymateb"},
	"data-f-due-date":             {"The date a reply is due by", "Y dyddiad y disgwylir ymateb erbyn"},
	"data-f-days-overdue":         {"Days since the due date, when overdue", "Diwrnodau ers y dyddiad dyledus, os yn hwyr"},
	"data-f-topics-csv":           {"The letter's topic ids, separated by semicolons", "Dynodyddion pynciau'r llythyr, wedi'u gwahanu gan hanner colonau"},
	"data-f-org-id":               {"The organisation's id (its file name)", "Dynodydd y sefydliad (enw ei ffeil)"},
	"data-f-org-name":             {"The organisation's name", "Enw'r sefydliad"},
	"data-f-org-type":             {"The kind of organisation", "Y math o sefydliad"},
	"data-f-org-region":           {"The area it covers", "Yr ardal y mae'n ei chwmpasu"},
	"data-f-org-url":              {"The organisation's page on this site", "Tudalen y sefydliad ar y wefan hon"},
	"data-f-letters-received":     {"Letters sent to it", "Llythyrau a anfonwyd ato"},
	"data-f-replied":              {"Letters it replied to, including replies not published", "Llythyrau yr ymatebodd iddynt, gan gynnwys ymatebion heb eu cyhoeddi"},
	"data-f-withheld-count":       {"Replies received but not published", "Ymatebion a dderbyniwyd ond heb eu cyhoeddi"},
	"data-f-awaiting":             {"Letters awaiting its reply, not yet due", "Llythyrau sy'n aros am ei ymateb, heb fod yn ddyledus eto"},
	"data-f-overdue":              {"Letters whose reply is overdue", "Llythyrau y mae eu hymateb yn hwyr"},
	"data-f-long-overdue":         {"Of overdue, those whose reply is still missing after twice the time allowed (long overdue)", "O overdue, y rhai y mae eu hymateb yn dal ar goll ar ôl dwywaith yr amser a ganiateir (hwyr iawn)"},
	"data-f-median":               {"The median number of days it took to reply; empty when it has not replied", "Canolrif nifer y diwrnodau a gymerodd i ymateb; gwag os nad yw wedi ymateb"},
	"data-f-id":                   {"The document's id (its file name)", "Dynodydd y ddogfen (enw ei ffeil)"},
	"data-f-url":                  {"Its page on this site", "Ei thudalen ar y wefan hon"},
	"data-f-lang":                 {"Language: en (English) or cy (Welsh)", "Iaith: en (Saesneg) neu cy (Cymraeg)"},
	"data-f-welsh-url":            {"The page of its Welsh version, if it has one", "Tudalen ei fersiwn Gymraeg, os oes un"},
	"data-f-title":                {"The title", "Y teitl"},
	"data-f-summary":              {"The summary its author wrote, if any", "Y crynodeb a ysgrifennodd ei awdur, os oes un"},
	"data-f-from-letter":          {"The id of the organisation that sent it", "Dynodydd y sefydliad a'i hanfonodd"},
	"data-f-to":                   {"The ids of the organisations it was sent to", "Dynodyddion y sefydliadau yr anfonwyd ef atynt"},
	"data-f-response-due":         {"The date replies are due by (the date given, or the site's usual time allowed)", "Y dyddiad y disgwylir ymatebion erbyn (y dyddiad a roddwyd, neu'r amser arferol a ganiateir gan y wefan)"},
	"data-f-in-reply-to-letter":   {"For a follow-up letter: the id of the reply it answers", "Ar gyfer llythyr dilynol: dynodydd yr ymateb y mae'n ei ateb"},
	"data-f-topics":               {"Topic ids", "Dynodyddion pynciau"},
	"data-f-aliases":              {"Old addresses that lead to its page", "Hen gyfeiriadau sy'n arwain at ei thudalen"},
	"data-f-attachments":          {"Files published with it: a title and the file's address", "Ffeiliau a gyhoeddwyd gydag ef: teitl a chyfeiriad y ffeil"},
	"data-f-reference":            {"The office's own reference for the letter, if it has one", "Cyfeirnod y swyddfa ei hun ar gyfer y llythyr, os oes un"},
	"data-f-params":               {"Other fields of its front matter, as written", "Meysydd eraill o'i fanylion, fel y'u hysgrifennwyd"},
	"data-f-addressee":            {"The person the letter was addressed to, if named", "Y person yr anfonwyd y llythyr ato, os enwyd"},
	"data-f-role":                 {"Their role, if given", "Ei swydd, os rhoddwyd"},
	"data-f-thread":               {"The whole thread of letters and replies it belongs to, oldest first: the kind and id of each", "Holl edefyn y llythyrau a'r ymatebion y mae'n perthyn iddo, yr hynaf yn gyntaf: math a dynodydd pob un"},
	"data-f-replies":              {"The ids of the replies to it, oldest first", "Dynodyddion yr ymatebion iddo, yr hynaf yn gyntaf"},
	"data-f-cites":                {"The ids of the reports it cites, in its front matter or by links in its text", "Dynodyddion yr adroddiadau y mae'n eu dyfynnu, yn ei fanylion neu drwy ddolenni yn ei destun"},
	"data-f-response-title":       {"The title (if none is given: Response from the organisation's name)", "Y teitl (os na roddwyd un: Response from ac enw'r sefydliad)"},
	"data-f-received":             {"The date it arrived, when different from its date", "Y dyddiad y cyrhaeddodd, os yw'n wahanol i'w ddyddiad"},
	"data-f-from-response":        {"The id of the organisation that replied", "Dynodydd y sefydliad a ymatebodd"},
	"data-f-in-reply-to-response": {"The ids of the letters it answers", "Dynodyddion y llythyrau y mae'n eu hateb"},
	"data-f-withheld":             {"For a reply that is not published: the reason", "Ar gyfer ymateb heb ei gyhoeddi: y rheswm"},
	"data-f-follow-ups":           {"The ids of the letters that answer it", "Dynodyddion y llythyrau sy'n ei ateb"},
	"data-f-cites-response":       {"The ids of the reports it cites (for a reply that is not published, only those named in its front matter)", "Dynodyddion yr adroddiadau y mae'n eu dyfynnu (ar gyfer ymateb heb ei gyhoeddi, dim ond y rhai a enwir yn ei fanylion)"},
	"data-f-report-date":          {"The date it was published, if known", "Y dyddiad y'i cyhoeddwyd, os yw'n hysbys"},
	"data-f-year":                 {"The year it was published", "Y flwyddyn y'i cyhoeddwyd"},
	"data-f-publisher":            {"Who published it", "Pwy a'i cyhoeddodd"},
	"data-f-authors":              {"Its authors", "Ei awduron"},
	"data-f-publisher-url":        {"The publisher's page for it", "Tudalen y cyhoeddwr ar ei gyfer"},
	"data-f-file":                 {"The address of its PDF on this site", "Cyfeiriad ei PDF ar y wefan hon"},
	"data-f-cited-by":             {"The letters and replies that cite it, newest first: the kind and id of each", "Y llythyrau a'r ymatebion sy'n ei ddyfynnu, y diweddaraf yn gyntaf: math a dynodydd pob un"},
	"data-f-holder":               {"The current office-holder", "Deiliad presennol y swydd"},
	"data-f-address":              {"Postal address, one line per item", "Cyfeiriad post, un llinell i bob eitem"},
	"data-f-website":              {"The organisation's own website", "Gwefan y sefydliad ei hun"},
	"data-f-feed-version":         {"The JSON Feed version", "Fersiwn JSON Feed"},
	"data-f-feed-title":           {"The site's title", "Teitl y wefan"},
	"data-f-home-page-url":        {"The site's home page", "Hafan y wefan"},
	"data-f-feed-url":             {"The address of this feed", "Cyfeiriad y ffrwd hon"},
	"data-f-feed-author":          {"Who publishes the site", "Pwy sy'n cyhoeddi'r wefan"},
	"data-f-item-id":              {"The entry's id: its page's address, as in the Atom feed", "Dynodydd y cofnod: cyfeiriad ei dudalen, fel yn y ffrwd Atom"},
	"data-f-content-text":         {"The summary its author wrote, or else the title (the letter or reply itself is on its page)", "Y crynodeb a ysgrifennodd ei awdur, neu fel arall y teitl (mae'r llythyr neu'r ymateb ei hun ar ei dudalen)"},
	"data-f-date-published":       {"The date of the letter or reply (RFC 3339)", "Dyddiad y llythyr neu'r ymateb (RFC 3339)"},
	"data-f-item-author":          {"The organisation that sent it", "Y sefydliad a'i hanfonodd"},
	"data-f-tags":                 {"letter or response", "letter (llythyr) neu response (ymateb)"},
	"data-f-reply-arrived":        {"The date the reply arrived (its received date, or else its date): the date that decides whether it came in time", "Y dyddiad y cyrhaeddodd yr ymateb (ei ddyddiad derbyn, neu fel arall ei ddyddiad): y dyddiad sy'n penderfynu a ddaeth mewn pryd"},
	"data-f-due-passed":           {"Whether the due date was before the build date, so that the letter counts in the shares of replies (yes or no; empty for a draft, which counts nowhere)", "A oedd y dyddiad dyledus cyn dyddiad adeiladu'r wefan, fel bod y llythyr yn cyfrif yn y cyfrannau o ymatebion (yes neu no; gwag ar gyfer drafft, nad yw'n cyfrif yn unman)"},
	"data-f-in-time":              {"For a letter that counts (due_passed yes): whether the reply arrived on or before the due date; empty while the letter is not yet due", "Ar gyfer llythyr sy'n cyfrif (due_passed yes): a gyrhaeddodd yr ymateb ar neu cyn y dyddiad dyledus; gwag tra nad yw'r llythyr yn ddyledus eto"},
	"data-f-letters-due":          {"Letters sent to it whose due date was before the build date: the letters every share of replies is taken over", "Llythyrau a anfonwyd ato yr oedd eu dyddiad dyledus cyn dyddiad adeiladu'r wefan: y llythyrau y mae pob cyfran o ymatebion yn cael ei chymryd drostynt"},
	"data-f-due-replied":          {"Of letters_due, those it replied to, in time or late (replies not published included)", "O letters_due, y rhai yr ymatebodd iddynt, mewn pryd neu'n hwyr (gan gynnwys ymatebion heb eu cyhoeddi)"},
	"data-f-in-time-count":        {"Of letters_due, those whose reply arrived on or before the due date. The share replied in time is in_time divided by letters_due", "O letters_due, y rhai y cyrhaeddodd eu hymateb ar neu cyn y dyddiad dyledus. Y gyfran a atebwyd mewn pryd yw in_time wedi'i rannu â letters_due"},
}
