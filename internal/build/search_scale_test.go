package build_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/kljensen/snowball/english"

	"letterpress"
	"letterpress/internal/browsertest"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/search"
	"letterpress/internal/sitetest"
)

// searchIndex is a built site's search index, read as search.js reads it.
type searchIndex struct {
	out     *publish.Memory
	buckets int
	titles  []string          // by document number
	orgs    [][]string        // by document number: the organisations' ids
	names   map[string]string // organisation id: name
	orgLang map[string]string // organisation id: language
	langs   []string          // by document number
	vocab   map[string]int    // term: documents holding it
	forms   map[string]any    // word of English text: its stem (see vocabShard)
}

func readIndex(t *testing.T, out *publish.Memory) *searchIndex {
	t.Helper()
	var meta struct {
		Docs, Buckets, Shard int
		Orgs                 [][2]string
	}
	readJSON(t, out, "search/index/meta.json", &meta)
	names := map[string]string{}
	for _, o := range meta.Orgs {
		names[o[0]] = o[1]
	}
	ix := &searchIndex{out: out, buckets: meta.Buckets, names: names, orgLang: map[string]string{}, vocab: map[string]int{}, forms: map[string]any{}}
	for n := 0; n*meta.Shard < meta.Docs; n++ {
		var shard []struct {
			U, T, K, L string
			O          []string
		}
		readJSON(t, out, "search/index/d/"+strconv.Itoa(n)+".json", &shard)
		for _, d := range shard {
			ix.titles = append(ix.titles, d.T)
			ix.langs = append(ix.langs, d.L)
			ix.orgs = append(ix.orgs, d.O)
			if d.K == "organisation" {
				ix.orgLang[strings.TrimSuffix(strings.TrimPrefix(d.U, "/organisations/"), "/")] = d.L
			}
		}
	}
	if len(ix.titles) != meta.Docs {
		t.Fatalf("%d document details for %d documents", len(ix.titles), meta.Docs)
	}
	for _, name := range out.Names() {
		if strings.HasPrefix(name, "search/index/v/") {
			var v vocabShard
			readJSON(t, out, name, &v)
			maps.Copy(ix.vocab, v.T)
			maps.Copy(ix.forms, v.S)
		}
	}
	return ix
}

// TestSearchRecallGenerated builds a generated 2,000-letter site (about
// 6,000 documents) and checks that the index finds every document: the
// commonest terms list all their documents (the old index cut lists at
// 4,000), title matches agree with the titles, and the browser's counts for
// several-word queries equal the intersections computed here.
func TestSearchRecallGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site")
	}
	dir := sitetest.Generated(t, 2000)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := publish.NewMemory()
	_, errs := build.Build(root.FS(), letterpress.Defaults, out, build.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}, render.Options{})
	if errs.HasErrors(false) {
		t.Fatal(errs)
	}
	ix := readIndex(t, out)

	// Every term's list is as long as the vocabulary says, however common.
	terms := slices.Collect(maps.Keys(ix.vocab))
	slices.SortFunc(terms, func(a, b string) int { return ix.vocab[b] - ix.vocab[a] })
	if ix.vocab[terms[0]] <= 4000 {
		t.Fatalf("the commonest term %q is in only %d documents: the corpus does not test long lists", terms[0], ix.vocab[terms[0]])
	}
	docsOf := map[string][]int{}
	for _, term := range terms[:40] {
		rec := termRecord(t, out, ix.buckets, term)
		if len(rec.docs) != ix.vocab[term] {
			t.Errorf("%q: %d documents in its list, %d in the vocabulary", term, len(rec.docs), ix.vocab[term])
		}
		docsOf[term] = rec.docs
	}

	// Title matches, against the titles themselves: for a sample of
	// words, the documents whose titles hold the word (its stem, in
	// English) are exactly those the index marks as title matches.
	inTitles := map[string]map[int]bool{}
	for n, title := range ix.titles {
		for _, w := range termsIn(ix.langs[n], plainWords(title)) {
			if inTitles[w] == nil {
				inTitles[w] = map[int]bool{}
			}
			inTitles[w][n] = true
		}
	}
	checked := 0
	for _, w := range slices.Sorted(maps.Keys(inTitles)) {
		if ix.vocab[w] == 0 { // a stopword
			continue
		}
		rec := termRecord(t, out, ix.buckets, w)
		got := map[int]bool{}
		for _, i := range rec.title {
			got[rec.docs[i]] = true
		}
		if !maps.Equal(got, inTitles[w]) {
			t.Errorf("%q: the index marks %d title matches, the titles hold %d", w, len(got), len(inTitles[w]))
		}
		checked++
	}
	if checked < 20 {
		t.Fatalf("only %d title words checked", checked)
	}
	// The same for organisations' names, each in the organisation's
	// language.
	inOrgs := map[string]map[int]bool{}
	for n, ids := range ix.orgs {
		for _, id := range ids {
			for _, w := range termsIn(ix.orgLang[id], plainWords(ix.names[id])) {
				if inOrgs[w] == nil {
					inOrgs[w] = map[int]bool{}
				}
				inOrgs[w][n] = true
			}
		}
	}
	checked = 0
	for _, w := range slices.Sorted(maps.Keys(inOrgs)) {
		if ix.vocab[w] == 0 {
			continue
		}
		rec := termRecord(t, out, ix.buckets, w)
		got := map[int]bool{}
		for _, i := range rec.org {
			got[rec.docs[i]] = true
		}
		if !maps.Equal(got, inOrgs[w]) {
			t.Errorf("%q: the index marks %d organisation-name matches, the names hold %d", w, len(got), len(inOrgs[w]))
		}
		checked++
	}
	if checked < 20 {
		t.Fatalf("only %d organisation-name words checked", checked)
	}

	// The browser agrees: the count shown for an AND query is the size of
	// the intersection, including for the two commonest terms. (Terms
	// typed as they are: not words that are a form of another term too.)
	srv := serveMemory(out)
	defer srv.Close()
	ctx := browsertest.Chromium(t)
	ctx, cancel := context.WithTimeout(ctx, 120*time.Second)
	defer cancel()
	var typed []string
	for _, term := range terms[:40] {
		if ix.forms[term] == nil {
			typed = append(typed, term)
		}
	}
	if len(typed) < 30 {
		t.Fatalf("only %d of the 40 commonest terms are not forms of another: %v", len(typed), typed)
	}
	queries := [][]string{{typed[0], typed[1]}, {typed[0], typed[5], typed[9]}, {typed[0], typed[len(typed)-10]}, {typed[len(typed)-1]}}
	for _, q := range queries {
		want := intersect(docsOf, q)
		query := strings.Join(q, " ") + " "
		status := searchStatus(t, ctx, srv.URL, query)
		if w := fmt.Sprintf("%d results", len(want)); status != w && !(len(want) == 0 && strings.HasPrefix(status, "No results")) {
			t.Errorf("%q: the page says %q, the index holds %s", query, status, w)
		}
	}
	// An organisation's name finds the organisation first, even when
	// hundreds of letters to it carry its name too.
	for _, name := range []string{"Surrey Police", "Home Office", "Greater Manchester Anti-Slavery Partnership"} {
		if got := firstResult(t, ctx, srv.URL, name+" "); got != name {
			t.Errorf("%q: first result %q", name, got)
		}
	}
}

// firstResult types query and returns the first result's title.
func firstResult(t *testing.T, ctx context.Context, base, query string) string {
	t.Helper()
	searchStatus(t, ctx, base, query)
	titles, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#results h3 a")).map(a => a.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(titles) == 0 {
		return ""
	}
	return titles[0]
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

// plainWords splits text into lower-case words of four or more ASCII
// letters and digits, apostrophes dropped ("Commissioner's" is
// "commissioners"), leaving out words with other letters (Welsh "dŵr"),
// which the index folds: an independent reading of what a title holds.
func plainWords(text string) []string {
	text = strings.NewReplacer("'", "", "’", "").Replace(strings.ToLower(text))
	var out []string
	for _, w := range wordRE.FindAllString(text, -1) {
		if len(w) >= 4 && strings.IndexFunc(w, func(r rune) bool { return r >= 0x80 }) < 0 {
			out = append(out, w)
		}
	}
	return out
}

// termsIn are the index's terms for words in language lang: their stems,
// in English (Porter2, from the Snowball project, as the index stems), the
// words themselves in Welsh; without the stopwords of four letters, which
// plainWords keeps.
func termsIn(lang string, words []string) []string {
	var out []string
	for _, w := range words {
		switch {
		case slices.Contains(longStopwords, w):
		case lang == "en":
			out = append(out, english.Stem(w, true))
		default:
			out = append(out, w)
		}
	}
	return out
}

var longStopwords = strings.Fields("that this have from were will with your")

func intersect(docsOf map[string][]int, terms []string) []int {
	count := map[int]int{}
	for _, term := range terms {
		for _, d := range docsOf[term] {
			count[d]++
		}
	}
	var out []int
	for d, n := range count {
		if n == len(terms) {
			out = append(out, d)
		}
	}
	return out
}

// searchStatus types query into the search page and returns the status
// line once its results are shown.
func searchStatus(t *testing.T, ctx context.Context, base, query string) string {
	t.Helper()
	openSearch(t, ctx, base)
	return typeQuery(t, ctx, query)
}

func openSearch(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/"), chromedp.WaitVisible(chromedp.ID("q"))); err != nil {
		t.Fatal(err)
	}
}

func typeQuery(t *testing.T, ctx context.Context, query string) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("q"), query)); err != nil {
		t.Fatalf("%q: %v", query, err)
	}
	done := `document.querySelector("#search-status").dataset.query === ` + strconv.Quote(strings.TrimSpace(query))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](done, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("%q: no results shown: %v", query, err)
	}
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("search-status")))
	if err != nil {
		t.Fatal(err)
	}
	return status
}

// TestSearchDownload measures what a first query downloads, with an empty
// browser cache, from a built site: the generated 2,000-letter site, or the
// output folder in $LETTERPRESS_SEARCH_OUT (for example a build of the 10k
// or 100k corpus). Every query must stay under 500 KB.
func TestSearchDownload(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site")
	}
	var get func(string) ([]byte, bool)
	if dir := os.Getenv("LETTERPRESS_SEARCH_OUT"); dir != "" {
		get = func(name string) ([]byte, bool) {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			return b, err == nil
		}
	} else {
		root, err := os.OpenRoot(sitetest.Generated(t, 2000))
		if err != nil {
			t.Fatal(err)
		}
		out := publish.NewMemory()
		if _, errs := build.Build(root.FS(), letterpress.Defaults, out, build.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}, render.Options{}); errs.HasErrors(false) {
			t.Fatal(errs)
		}
		get = out.Get
	}
	// Bytes by part of the index, for the log.
	var mu sync.Mutex
	parts := map[string]int{}
	counted := func(name string) ([]byte, bool) {
		b, ok := get(name)
		part, _, _ := strings.Cut(strings.TrimPrefix(name, search.Dir), "/")
		mu.Lock()
		parts[part] += len(b)
		mu.Unlock()
		return b, ok
	}
	var sent atomic.Int64
	srv := serveFiles(counted, &sent)
	defer srv.Close()
	ctx := browsertest.Chromium(t)
	ctx, cancel := context.WithTimeout(ctx, 300*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	// Typical first queries, some finished (a space after) and some still
	// being typed (the last word also matches as a prefix).
	for _, q := range []string{"slavery ", "modern slavery ", "police", "modern slavery police ", "victims support", "home office ", "staff training", "gofal dioddefwyr ", "pol", "survivors of trafficking "} {
		openSearch(t, ctx, srv.URL) // the page and its assets
		before := sent.Load()
		mu.Lock()
		clear(parts)
		mu.Unlock()
		status := typeQuery(t, ctx, q)
		n := sent.Load() - before
		mu.Lock()
		t.Logf("%-24q %7.1f KB  %-20s (terms %.1f KB, vocabulary %.1f KB, details %.1f KB)", q, float64(n)/1024, status,
			float64(parts["t"])/1024, float64(parts["v"])/1024, float64(parts["d"])/1024)
		mu.Unlock()
		if n > 500<<10 {
			t.Errorf("%q downloads %d bytes, over 500 KB", q, n)
		}
		// Each of these words is in the generated corpora: a query that
		// finds nothing downloads little, and would pass for the wrong reason.
		if !strings.HasSuffix(status, " results") {
			t.Errorf("%q: %q, want results", q, status)
		}
	}
}
