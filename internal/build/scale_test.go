package build_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"letterpress/internal/build"
	"letterpress/internal/sitetest"
)

// TestGeneratedSiteAtScale builds the generated 2,000-letter corpus (about
// 6,000 documents, batch letters to 40 organisations with threads of 40
// replies) and checks a sample of its pages against facts computed here,
// straight from the files' front matter and bodies, without the content,
// graph or render packages: each recipient's reply status and the link to
// the reply, the replies a letter links to, the letters a reply answers,
// the documents citing a report, and the letters an organisation
// received. The optimisations of a large build (caches of cards and
// partials, bodies kept in a temporary file, a streamed search index)
// must change nothing a reader sees.
func TestGeneratedSiteAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,000-letter site")
	}
	dir := sitetest.Generated(t, 2000)
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	site := buildInMemory(t, root.FS(), build.Options{Now: now})
	src := readCorpus(t, dir)

	// Independent facts.
	replies := map[string][]*srcDoc{} // letter id -> published responses naming it
	citers := map[string][]string{}   // report id -> URL paths of published documents citing it
	received := map[string]int{}      // organisation id -> published letters to it
	for _, d := range src.docs {
		if d.draft {
			continue
		}
		switch d.kind {
		case "responses":
			for _, l := range d.inReplyTo {
				replies[l] = append(replies[l], d)
			}
		case "letters":
			for _, o := range d.to {
				received[o]++
			}
		}
		if d.kind == "letters" || d.kind == "responses" {
			for _, r := range d.cites() {
				citers[r] = append(citers[r], "/"+d.kind+"/"+d.id+"/")
			}
		}
	}

	var letters, responses, reports, orgs []*srcDoc
	for _, d := range src.docs {
		if d.draft {
			continue
		}
		switch d.kind {
		case "letters":
			letters = append(letters, d)
		case "responses":
			responses = append(responses, d)
		case "reports":
			reports = append(reports, d)
		case "organisations":
			orgs = append(orgs, d)
		}
	}
	if len(letters) < 1900 || len(responses) < 3000 {
		t.Fatalf("the corpus has %d published letters and %d replies; expected a 2,000-letter corpus", len(letters), len(responses))
	}
	statuses := map[string]int{}
	// Every 7th letter, and every batch letter (the largest threads).
	for i, l := range letters {
		if i%7 != 0 && !strings.Contains(l.id, "batch") {
			continue
		}
		url := "/letters/" + l.id + "/"
		main := site.main(t, url)
		for _, r := range replies[l.id] {
			if !hasPageLink(main, "/responses/"+r.id+"/") {
				t.Errorf("%s: no link to its reply %s", url, r.id)
			}
		}
		words := statusWords[l.lang]
		for _, org := range l.to {
			want, wantLinks := "", []string(nil)
			for _, r := range replies[l.id] {
				if r.from == org {
					want = "replied"
					if r.withheld {
						want = "withheld"
					}
					wantLinks = append(wantLinks, "/responses/"+r.id+"/")
				}
			}
			if want == "" {
				due := l.responseDue
				if due.IsZero() {
					due = l.date.AddDate(0, 0, src.responseDays)
				}
				want = "awaiting"
				if now.After(due) {
					want = "overdue"
				}
				// Long overdue after twice the days allowed.
				if allowed := int(due.Sub(l.date).Hours()/24 + 0.5); now.After(l.date.AddDate(0, 0, 2*allowed)) {
					want = "long-overdue"
				}
			}
			statuses[want]++
			text, el := statusOf(t, main, org, words)
			if got := statusIn(text, words); got != want {
				t.Errorf("%s: %s's status is %q (%s), want %s", url, org, text, got, want)
			}
			if wantLinks != nil && !slices.ContainsFunc(pageLinks(el), func(a pageLink) bool { return slices.Contains(wantLinks, a.Href) }) {
				t.Errorf("%s: %s's status %q does not link to its reply (one of %v)", url, org, text, wantLinks)
			}
		}
	}
	for _, st := range []string{"replied", "awaiting", "overdue", "long-overdue"} {
		if statuses[st] == 0 {
			t.Errorf("no recipient in the sample is %s: the sample checks too little (%v)", st, statuses)
		}
	}

	for i, r := range responses {
		if i%11 != 0 {
			continue
		}
		url := "/responses/" + r.id + "/"
		main := site.main(t, url)
		for _, l := range r.inReplyTo {
			if !hasPageLink(main, "/letters/"+l+"/") {
				t.Errorf("%s: no link to the letter it answers, %s", url, l)
			}
		}
		if !hasPageLink(main, "/organisations/"+r.from+"/") {
			t.Errorf("%s: no link to its sender %s", url, r.from)
		}
	}

	for i, rep := range reports {
		if i%5 != 0 {
			continue
		}
		url := "/reports/" + rep.id + "/"
		main := site.main(t, url)
		got := listedDocs(htmlSection(t, main, "Cited in"), docPathRE)
		want := slices.Compact(slices.Sorted(slices.Values(citers[rep.id])))
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: cited in %d documents, want %d\n got %v\nwant %v", url, len(got), len(want), got, want)
		}
	}

	for i, o := range orgs {
		if i%4 != 0 || received[o.id] == 0 {
			continue
		}
		url := "/organisations/" + o.id + "/"
		main := site.main(t, url)
		if got := labelledValue(t, main, "Letters received"); got != strconv.Itoa(received[o.id]) {
			t.Errorf("%s: %s letters received, want %d", url, got, received[o.id])
		}
	}
}

// statusWords are the words of each status, by page language; a longer
// phrase comes before one it contains.
var statusWords = map[string][][2]string{
	"en": {{"withheld", "Replied, not published"}, {"replied", "Replied"}, {"awaiting", "Awaiting reply"}, {"long-overdue", "Long overdue"}, {"overdue", "Overdue"}},
	"cy": {{"withheld", "Wedi ymateb, heb ei gyhoeddi"}, {"replied", "Wedi ymateb"}, {"awaiting", "Yn aros am ymateb"}, {"long-overdue", "Hwyr iawn"}, {"overdue", "Hwyr"}},
}

// statusIn is the status whose words text shows first in the list.
func statusIn(text string, words [][2]string) string {
	for _, w := range words {
		if strings.Contains(text, w[1]) {
			return w[0]
		}
	}
	return ""
}

// statusOf returns the text of the smallest element of a letter page's
// <main> that holds a link to the organisation and a status's words: that
// recipient's reply status.
func statusOf(t *testing.T, main *html.Node, org string, words [][2]string) (string, *html.Node) {
	t.Helper()
	var best *html.Node
	bestText := ""
	for _, a := range htmlElements(main, "a") {
		if htmlAttrOr(a, "href") != "/organisations/"+org+"/" {
			continue
		}
		for e := a.Parent; e != nil && e != main.Parent; e = e.Parent {
			if s := htmlText(e); statusIn(s, words) != "" {
				if best == nil || len(s) < len(bestText) {
					best, bestText = e, s
				}
				break
			}
		}
	}
	if best == nil {
		t.Fatalf("no reply status for %s", org)
	}
	return bestText, best
}

// srcDoc is a document as its file says, read without our packages.
type srcDoc struct {
	kind, id    string
	lang        string
	draft       bool
	date        time.Time
	responseDue time.Time
	to          []string // letters: the recipients' organisation ids
	from        string
	inReplyTo   []string
	withheld    bool
	citesFM     []string
	body        string
}

var bodyReportLinkRE = regexp.MustCompile(`\]\(report:([a-z0-9-]+)\)`)

// cites are the reports d cites: its front matter's, then its body's
// report: links (not a withheld reply's: its body is not published).
func (d *srcDoc) cites() []string {
	out := slices.Clone(d.citesFM)
	if !d.withheld {
		for _, m := range bodyReportLinkRE.FindAllStringSubmatch(d.body, -1) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

type srcCorpus struct {
	responseDays int
	docs         []*srcDoc
}

// readCorpus reads every document's front matter with yaml.v3 alone.
func readCorpus(t *testing.T, dir string) *srcCorpus {
	t.Helper()
	var cfg struct {
		ResponseDays int `yaml:"response_days"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	c := &srcCorpus{responseDays: cfg.ResponseDays}
	if c.responseDays == 0 {
		c.responseDays = 28
	}
	err = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".cy.md") {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(dir, "content"), p)
		kind, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		d, err := readSrcDoc(p)
		if err != nil {
			return err
		}
		d.kind, d.id = kind, strings.TrimSuffix(filepath.Base(p), ".md")
		c.docs = append(c.docs, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func readSrcDoc(p string) (*srcDoc, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, fmt.Errorf("%s: no front matter", p)
	}
	fm, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return nil, fmt.Errorf("%s: front matter not closed", p)
	}
	var m map[string]any
	if err := yaml.Unmarshal(fm, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", p, err)
	}
	d := &srcDoc{body: string(body)}
	d.draft, _ = m["draft"].(bool)
	if d.lang, _ = m["lang"].(string); d.lang == "" {
		d.lang = "en" // the generated site's language
	}
	d.date = srcDate(m["date"])
	d.responseDue = srcDate(m["response_due"])
	d.from, _ = m["from"].(string)
	_, d.withheld = m["withheld"]
	d.inReplyTo = srcList(m["in_reply_to"])
	d.citesFM = srcList(m["cites"])
	if to, ok := m["to"].([]any); ok {
		for _, r := range to {
			switch r := r.(type) {
			case string:
				d.to = append(d.to, r)
			case map[string]any:
				org, _ := r["org"].(string)
				d.to = append(d.to, org)
			}
		}
	}
	return d, nil
}

func srcDate(v any) time.Time {
	switch v := v.(type) {
	case time.Time:
		return v
	case string:
		t, _ := time.Parse(time.DateOnly, v)
		return t
	}
	return time.Time{}
}

func srcList(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
