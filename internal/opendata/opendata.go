package opendata

import (
	"io"
	"slices"
	"strings"
	"time"

	"letterpress/internal/content"
	"letterpress/internal/graph"
	"letterpress/internal/i18n"
)

// Dir is the folder of the open data files.
const Dir = "data/"

// csvBOM starts every CSV file, so that spreadsheet programs read it as
// UTF-8 (Welsh and accented names).
const csvBOM = "\ufeff"

// Site is what the files say of the site beyond the graph: its
// addresses, and its feed as package render's feed.xml has it.
type Site struct {
	BaseURL                  string // absolute, ending in "/"
	BasePath                 string // the base URL's path, percent-encoded ("/" if none)
	Title, Description, Lang string
	// Author is who publishes the site (the owner organisation's name,
	// or else the title), for feed.json; "" for none.
	Author string
	// FeedLength is how many entries the feeds hold.
	FeedLength int
	// Feed gives the entries of feed.xml, newest first: feed.json holds
	// the same.
	Feed func() []FeedEntry
}

// FeedEntry is an entry of the site's feeds, as feed.xml has it.
type FeedEntry struct {
	URL       string // its page's path, with the base path
	Title     string
	Summary   string   // the front matter's; "" for a withheld reply
	Published string   // its date, RFC 3339
	Kind      string   // letter or response
	Authors   []string // the sender's name, if the sender is an organisation of the site
}

// text is the /data/ page's messages.
var text = i18n.New(i18n.Table{Messages: Messages, Plurals: Plurals})

// A File is one open data file, and what the /data/ page says of it.
type File struct {
	Path        string // output file name: data/correspondence.csv
	Name        string // file name: correspondence.csv
	Format      string // CSV, JSON, JSON Feed
	Description string
	Columns     bool // the fields are a CSV file's columns
	Fields      []Field
	// Write writes the file.
	Write func(w io.Writer) error
}

// Field documents one column or field of a file.
type Field struct {
	Name, Meaning, Example string
}

// Files are the open data files of g, in the order the /data/ page
// lists them, described in the site's language.
func Files(g *graph.Graph, site Site) []*File {
	od := &facts{g: g, s: site}
	spec := func(fields []fieldSpec) []Field {
		out := make([]Field, len(fields))
		for i, f := range fields {
			out[i] = Field{Name: f.name, Meaning: text.T(site.Lang, f.key), Example: strings.ReplaceAll(f.example, "{base}", site.BaseURL)}
		}
		return out
	}
	csvFile := func(name, desc string, fields []fieldSpec, write func(io.Writer) error) *File {
		return &File{Path: Dir + name, Name: name, Format: "CSV", Columns: true, Description: text.T(site.Lang, desc), Fields: spec(fields), Write: write}
	}
	jsonFile := func(name, desc string, fields []fieldSpec, write func(io.Writer) error) *File {
		return &File{Path: Dir + name, Name: name, Format: "JSON", Description: text.T(site.Lang, desc), Fields: spec(fields), Write: write}
	}
	return []*File{
		csvFile("correspondence.csv", "data-desc-correspondence", correspondenceFields, od.correspondenceCSV),
		csvFile("organisations.csv", "data-desc-organisations-csv", organisationCSVFields, od.organisationsCSV),
		jsonFile("letters.json", "data-desc-letters", letterFields, od.lettersJSON),
		jsonFile("responses.json", "data-desc-responses", responseFields, od.responsesJSON),
		jsonFile("reports.json", "data-desc-reports", reportFields, od.reportsJSON),
		jsonFile("organisations.json", "data-desc-organisations-json", organisationFields, od.organisationsJSON),
		{Path: "feed.json", Name: "feed.json", Format: "JSON Feed", Description: text.TN(site.Lang, "data-desc-feed", site.FeedLength), Fields: spec(feedFields), Write: od.feedJSON},
	}
}

// facts writes the files from one graph.
type facts struct {
	g *graph.Graph
	s Site
}

// abs is the absolute URL of a path of the site.
func (od *facts) abs(urlPath string) string {
	return strings.TrimSuffix(od.s.BaseURL, od.s.BasePath) + od.s.BasePath + strings.TrimPrefix(urlPath, "/")
}

// welshURL is the absolute URL of d's published Welsh version, if any.
func (od *facts) welshURL(d *content.Doc) string {
	if t := od.g.Site.Translation(d); t != nil && od.g.Published(t) {
		return od.abs(t.URLPath())
	}
	return ""
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func ids(ds []*content.Doc) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.ID
	}
	return out
}

func refIDs(rs []content.Ref) []string {
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
func (od *facts) cites(d *content.Doc) []*content.Doc {
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
func (od *facts) orgName(o *content.Doc, id string) string {
	if o != nil {
		return o.Label()
	}
	return id
}
