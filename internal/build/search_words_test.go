package build_test

import (
	"context"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"letterpress/internal/browsertest"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/sitetest"
)

// The tests of how search matches words, on testdata/build/search-words.txtar.

// wordsIndex reads the index of the words site: its details by document
// number, its term lookup, and its vocabulary shards.
type wordsIndex struct {
	out     *publish.Memory
	buckets int
	details []struct{ U, T, K, L, X string }
}

func readWordsIndex(t *testing.T, out *publish.Memory) *wordsIndex {
	t.Helper()
	var meta struct{ Docs, Buckets, Shard int }
	readJSON(t, out, "search/index/meta.json", &meta)
	ix := &wordsIndex{out: out, buckets: meta.Buckets}
	for n := 0; n*meta.Shard < meta.Docs; n++ {
		var shard []struct{ U, T, K, L, X string }
		readJSON(t, out, "search/index/d/"+strconv.Itoa(n)+".json", &shard)
		ix.details = append(ix.details, shard...)
	}
	return ix
}

// urls are the documents holding term, by URL, sorted.
func (ix *wordsIndex) urls(t *testing.T, term string) []string {
	t.Helper()
	if _, ok := ix.out.Get("search/index/t/" + itoa(int(fnv32(term)%uint32(ix.buckets))) + ".json"); !ok {
		return nil // no term of the site is in its bucket
	}
	var out []string
	for _, d := range termRecord(t, ix.out, ix.buckets, term).docs {
		out = append(out, ix.details[d].U)
	}
	slices.Sort(out)
	return out
}

// vocabShard is a vocabulary file: the terms, each with how many
// documents hold it, and the words of English documents indexed as
// another term (their stem), each with that term or how many letters to
// drop from the word's end to make it.
type vocabShard struct {
	T map[string]int
	S map[string]any
}

// TestSearchIndexWords: English documents are indexed by the stems of their
// words (Porter2), so plural and singular forms meet in one term; Welsh
// documents by their words as written, diacritics folded; the vocabulary
// says which term each English form was indexed as.
func TestSearchIndexWords(t *testing.T) {
	out := buildSearchSite(t, "search-words.txtar")
	ix := readWordsIndex(t, out)
	for term, want := range map[string][]string{
		// "washes" and "washing"; not "Washington".
		"wash": {"/letters/2022-05-01-car-washes/", "/letters/2022-05-02-valeting/"},
		// "letter" and "letters".
		"letter": {"/letters/2022-05-04-one-letter/", "/responses/2022-05-20-westshire/"},
		// Welsh words as written: the English stemmer would have made
		// "hyfforddi" and "ledl" of them.
		"hyfforddiant": {"/letters/2022-06-01-hyfforddiant/"},
		"ledled":       {"/letters/2022-06-01-hyfforddiant/"},
		"dwr":          {"/letters/2022-06-01-hyfforddiant/"},
		"hyfforddi":    nil,
		"ledl":         nil,
		"washes":       nil,
		"letters":      nil,
	} {
		if got := ix.urls(t, term); !slices.Equal(got, want) {
			t.Errorf("term %q leads to %v, want %v", term, got, want)
		}
	}
	var wa vocabShard
	readJSON(t, out, "search/index/v/wa.json", &wa)
	if wa.T["wash"] != 2 || wa.T["washington"] != 1 {
		t.Errorf("v/wa.json terms: %v", wa.T)
	}
	// "washes" is "wash" with two letters dropped, "washing" with three.
	if wa.S["washes"] != 2.0 || wa.S["washing"] != 3.0 || wa.S["wash"] != nil || wa.S["washington"] != nil {
		t.Errorf("v/wa.json forms: %v", wa.S)
	}
	var hy vocabShard
	readJSON(t, out, "search/index/v/hy.json", &hy)
	if hy.T["hyfforddiant"] != 1 || len(hy.S) != 0 {
		t.Errorf("v/hy.json: %+v", hy)
	}
}

// TestSearchPassageText: the text a result's passage is taken from has no
// footnote numbers, no space before the punctuation after a link, and
// the words of the letter beyond its opening.
func TestSearchPassageText(t *testing.T) {
	ix := readWordsIndex(t, buildSearchSite(t, "search-words.txtar"))
	var text string
	for _, d := range ix.details {
		if d.U == "/letters/2022-06-15-nail-bars/" {
			text = d.X
		}
	}
	for _, want := range []string{
		"in nail bars without pay. They shared what they found with Eastshire Police, and Westshire Council, who acted at once.",
		"Dear Chief Constable, I am writing to you",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the passage text does not hold %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"pay.1", "pay. 1", " .", " ,", "↩", "Back to reference"} {
		if strings.Contains(text, bad) {
			t.Errorf("the passage text holds %q:\n%s", bad, text)
		}
	}
}

// searchPage drives the search page of a served site.
type searchPage struct {
	t    *testing.T
	ctx  context.Context
	base string
}

// shown waits until the page shows the results of query (trimmed) and
// returns their titles and the status line.
func (p searchPage) shown(query string) ([]string, string) {
	p.t.Helper()
	done := `document.querySelector("#search-status").dataset.query === ` + strconv.Quote(strings.TrimSpace(query))
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](done, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		p.t.Fatalf("%q: no results shown: %v", query, err)
	}
	titles, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#results h3 a")).map(a => a.textContent)`))
	if err != nil {
		p.t.Fatal(err)
	}
	status, err := chromedp.Run(p.ctx, chromedp.Text(chromedp.ID("search-status")))
	if err != nil {
		p.t.Fatal(err)
	}
	return titles, status
}

// typed types query into the search box.
func (p searchPage) typed(query string) ([]string, string) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.Navigate(p.base+"/search/"), chromedp.WaitVisible(chromedp.ID("q")), chromedp.SendKeys(chromedp.ID("q"), query)); err != nil {
		p.t.Fatalf("%q: %v", query, err)
	}
	return p.shown(query)
}

// opened opens the search page at a link with query string params, as a
// shared link, a reload or the form's own submission does.
func (p searchPage) opened(params url.Values) ([]string, string) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.Navigate(p.base+"/search/?"+params.Encode()), chromedp.WaitVisible(chromedp.ID("q"))); err != nil {
		p.t.Fatalf("%s: %v", params.Encode(), err)
	}
	return p.shown(params.Get("q"))
}

// summaries are the passages shown with the results, and their marked
// words.
func (p searchPage) summaries() (texts, marked []string) {
	p.t.Helper()
	texts, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#results .doc-summary")).map(e => e.textContent)`))
	if err != nil {
		p.t.Fatal(err)
	}
	marked, err = chromedp.Run(p.ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#results .doc-summary mark")).map(e => e.textContent)`))
	if err != nil {
		p.t.Fatal(err)
	}
	return texts, marked
}

func openWordsSite(t *testing.T) searchPage {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	srv := serveMemory(buildSearchSite(t, "search-words.txtar"))
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithTimeout(browsertest.Chromium(t), 60*time.Second)
	t.Cleanup(cancel)
	return searchPage{t: t, ctx: ctx, base: srv.URL}
}

// TestSearchLinkFindsWhatTypingFinds: a query opened from a link (shared,
// reloaded, or the form submitted) finds exactly what typing it finds,
// its last word matched as typed (as the start of a word); a link keeps
// the filters too.
func TestSearchLinkFindsWhatTypingFinds(t *testing.T) {
	p := openWordsSite(t)
	for _, q := range []string{"car wash", "car washes ", "car wa", "letters", "hyfforddiant", "dwr", "nail bar", "chief executive "} {
		typed, typedStatus := p.typed(q)
		linked, linkedStatus := p.opened(url.Values{"q": {q}})
		if len(typed) == 0 {
			t.Errorf("typing %q finds nothing", q)
		}
		slices.Sort(typed)
		slices.Sort(linked)
		if !slices.Equal(typed, linked) || typedStatus != linkedStatus {
			t.Errorf("%q: typed, %s %v; from a link, %s %v", q, typedStatus, typed, linkedStatus, linked)
		}
		// The box shows the query as it came.
		v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.getElementById("q").value`))
		if err != nil || v != q {
			t.Errorf("%q: the box holds %q (%v)", q, v, err)
		}
	}
	// "car wash", typed, is in the address, so that a reload finds it again.
	p.typed("car wash")
	loc, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`location.search`))
	if err != nil || loc != "?q=car+wash" {
		t.Errorf("after typing, the address's query is %q (%v)", loc, err)
	}
	// The filters of a link, as the form submits them.
	titles, _ := p.opened(url.Values{"q": {"eastshire"}, "kind": {"organisation"}, "org": {""}, "year": {""}})
	if !slices.Equal(titles, []string{"Eastshire Police"}) {
		t.Errorf("eastshire, kind organisation, from a link: %v", titles)
	}
	kind, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.getElementById("kind").value`))
	if err != nil || kind != "organisation" {
		t.Errorf("the kind filter shows %q (%v)", kind, err)
	}
}

// TestSearchWordForms: plural and singular forms of English words find
// each other, in finished words and in words being typed.
func TestSearchWordForms(t *testing.T) {
	p := openWordsSite(t)
	for q, want := range map[string][]string{
		"wash ":         {"Labour exploitation in the east", "Visits to valeting sites"},
		"washes ":       {"Labour exploitation in the east", "Visits to valeting sites"},
		"car washing ":  {"Labour exploitation in the east", "Visits to valeting sites"},
		"letters ":      {"Our first letter", "Response from Westshire Council"},
		"letter ":       {"Our first letter", "Response from Westshire Council"},
		"hyfforddiant ": {"Hyfforddiant i swyddogion"},
		"ledled ":       {"Hyfforddiant i swyddogion"},
		"dwr ":          {"Hyfforddiant i swyddogion"},
		"dŵr ":          {"Hyfforddiant i swyddogion"},
		"washington ":   {"A visit from Washington"},
	} {
		titles, status := p.typed(q)
		slices.Sort(titles)
		if !slices.Equal(titles, want) {
			t.Errorf("%q finds %v (%s), want %v", q, titles, status, want)
		}
	}
	// The forms found are marked in the passages shown.
	p.typed("wash ")
	if _, marked := p.summaries(); !slices.Equal(slices.Sorted(slices.Values(marked)), []string{"washes", "washing"}) {
		t.Errorf("wash: marked %q", marked)
	}
}

// TestSearchPassageShown: a result shows the passage holding the words
// found, not the letter's opening, with no footnote number and no space
// before a full stop or comma.
func TestSearchPassageShown(t *testing.T) {
	p := openWordsSite(t)
	titles, _ := p.typed("nail bars ")
	if !slices.Equal(titles, []string{"Findings from the regional review"}) {
		t.Fatalf("nail bars: %v", titles)
	}
	texts, marked := p.summaries()
	if len(texts) != 1 {
		t.Fatalf("passages: %q", texts)
	}
	text := texts[0]
	if !strings.Contains(text, "young people working long hours in nail bars without pay. They shared what they found with Eastshire Police, and Westshire Council") {
		t.Errorf("the passage is not the one that matched: %q", text)
	}
	if strings.Contains(text, "Dear Chief Constable") || !strings.HasPrefix(text, "…") {
		t.Errorf("the passage should start inside the text, with …: %q", text)
	}
	if n := len([]rune(text)); n > 300 {
		t.Errorf("the passage is %d characters long", n)
	}
	for _, bad := range []string{"pay.1", "pay. 1", " .", " ,"} {
		if strings.Contains(text, bad) {
			t.Errorf("the passage holds %q: %q", bad, text)
		}
	}
	if !slices.Equal(marked, []string{"nail", "bars"}) {
		t.Errorf("marked: %q", marked)
	}
	// A result found by its title alone shows its opening.
	p.typed("valeting ")
	if texts, _ := p.summaries(); len(texts) != 1 || !strings.HasPrefix(texts[0], "Dear Chief Executive, Inspectors found") {
		t.Errorf("valeting: %q", texts)
	}
}

// TestSearchWordsIncremental: a repeat build, which takes the words of
// unchanged bodies from the manifest, makes the same index as a cold one,
// stems, forms and passages, also when a document changes language (its
// words must be indexed again, as written or stemmed).
func TestSearchWordsIncremental(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	sitetest.Load(t, "testdata/build/search-words.txtar").WriteDir(t, site)
	letters := filepath.Join(site, "content", "letters", "2022")
	runEdits(t, site, build.Options{Now: time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC)}, []siteEdit{
		{name: "an English body", do: func(t *testing.T, _ string) {
			appendFile(t, filepath.Join(letters, "2022-05-01-car-washes.md"), "\nThe washers were paid in cash.\n")
		}},
		{name: "a Welsh body", do: func(t *testing.T, _ string) {
			appendFile(t, filepath.Join(letters, "2022-06-01-hyfforddiant.md"), "\nMae'r hyfforddiant yn parhau.\n")
		}},
		{name: "Welsh to English", do: func(t *testing.T, _ string) {
			replaceIn(t, filepath.Join(letters, "2022-06-01-hyfforddiant.md"), `\nlang: cy`, "\nlang: en")
		}},
		{name: "English to Welsh", do: func(t *testing.T, _ string) {
			replaceIn(t, filepath.Join(letters, "2022-05-02-valeting.md"), `\nto: \[westshire-council\]`, "\nto: [westshire-council]\nlang: cy")
		}},
		{name: "an organisation's name", do: func(t *testing.T, _ string) {
			replaceIn(t, filepath.Join(site, "content", "organisations", "westshire-council.md"), `\nname: [^\n]*`, "\nname: Westshire Councils")
		}},
	})
}
