package build_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"letterpress"
	"letterpress/internal/browsertest"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// buildSearchSite builds testdata/build/NAME, dated 1 July 2022.
func buildSearchSite(t *testing.T, name string) *publish.Memory {
	t.Helper()
	site := sitetest.Load(t, "testdata/build/"+name)
	out := publish.NewMemory()
	_, errs := build.Build(site.FS, letterpress.Defaults, out, build.Options{Now: time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC)}, render.Options{})
	if errs.HasErrors(false) {
		t.Fatal(errs)
	}
	return out
}

func readJSON(t *testing.T, out *publish.Memory, name string, v any) {
	t.Helper()
	b, ok := out.Get(name)
	if !ok {
		t.Fatalf("%s not written", name)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// fnv32 mirrors the index's bucket hash.
func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// TestSearchIndexShards reads the index as search.js does and checks what
// a term leads to.
func TestSearchIndexShards(t *testing.T) {
	out := buildSearchSite(t, "search.txtar")
	var meta struct {
		Docs, Buckets, Shard int
		Spans                []struct {
			K    string
			Y    int
			F, T int
		}
		Orgs [][2]string
	}
	readJSON(t, out, "search/index/meta.json", &meta)
	if meta.Docs != 8 { // 3 letters, 1 reply, 1 report, 3 organisations
		t.Errorf("docs = %d", meta.Docs)
	}
	details := readWordsIndex(t, out).details

	lookup := func(term string) []string {
		rec := termRecord(t, out, meta.Buckets, term)
		var urls []string
		for _, d := range rec.docs {
			urls = append(urls, details[d].U)
		}
		return urls
	}
	// English documents are indexed by stems ("survivors" as
	// "survivor"), Welsh ones by their words as written; organisations'
	// names in their own language (Eastshire Police's is "eastshir
	// polic", in a Welsh letter too).
	for term, want := range map[string][]string{
		"survivor":   {"/letters/2021-03-01-northshire/", "/responses/2021-03-20-northshire/"},
		"dioddefwyr": {"/letters/2022-06-01-gofal/"},
		"oroeswyr":   {"/letters/2022-06-01-gofal/"},
		"eastshir":   {"/letters/2022-06-01-gofal/", "/letters/2022-05-01-eastshire/", "/organisations/eastshire-police/"}, // newest first within a kind
	} {
		if got := lookup(term); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q leads to %v, want %v", term, got, want)
		}
	}
	if lookup("the") != nil {
		t.Error("stopwords are indexed")
	}
	var vocab vocabShard
	readJSON(t, out, "search/index/v/su.json", &vocab)
	if vocab.T["survivor"] != 2 || vocab.T["support"] != 1 || vocab.S["survivors"] != 1.0 {
		t.Errorf("vocabulary su = %+v", vocab)
	}
	// Kinds and years come from the spans.
	kinds := map[string]int{}
	for _, s := range meta.Spans {
		kinds[s.K] += s.T - s.F
	}
	if kinds["letter"] != 3 || kinds["response"] != 1 || kinds["report"] != 1 || kinds["organisation"] != 3 {
		t.Errorf("spans = %+v", meta.Spans)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// record is a term's entry in the index, decoded as search.js decodes it.
type record struct {
	docs              []int
	title, org, often []int // positions in docs
}

// termRecord reads a term's record from its bucket (inline base64) or its
// own file.
func termRecord(t *testing.T, out *publish.Memory, buckets int, term string) record {
	t.Helper()
	b := itoa(int(fnv32(term) % uint32(buckets)))
	var bucket map[string]any
	readJSON(t, out, "search/index/t/"+b+".json", &bucket)
	var data []byte
	switch e := bucket[term].(type) {
	case nil:
		return record{}
	case string:
		var err error
		if data, err = base64.StdEncoding.DecodeString(e); err != nil {
			t.Fatal(err)
		}
	case float64:
		var ok bool
		if data, ok = out.Get("search/index/t/" + b + "-" + itoa(int(e)) + ".bin"); !ok {
			t.Fatalf("%s: record file %v missing", term, e)
		}
	}
	r := bytes.NewReader(data)
	set := func() []int {
		tag, err := r.ReadByte()
		if err != nil {
			t.Fatalf("%s: truncated record", term)
		}
		uv := func() int {
			v, err := binary.ReadUvarint(r)
			if err != nil {
				t.Fatalf("%s: bad varint: %v", term, err)
			}
			return int(v)
		}
		var out []int
		switch tag {
		case 0:
			v := -1
			for n := uv(); n > 0; n-- {
				v += uv() + 1
				out = append(out, v)
			}
		case 1:
			first, n := uv(), uv()
			for k := 0; k < n; k++ {
				c, _ := r.ReadByte()
				for j := 0; j < 8; j++ {
					if c&(1<<j) != 0 {
						out = append(out, first+8*k+j)
					}
				}
			}
		default:
			t.Fatalf("%s: unknown set tag %d", term, tag)
		}
		return out
	}
	rec := record{docs: set(), title: set()}
	// The organisation set, or (mode 1) its difference with the title set.
	mode, _ := r.ReadByte()
	rec.org = set()
	if mode == 1 {
		in := map[int]int{}
		for _, i := range rec.title {
			in[i]++
		}
		for _, i := range rec.org {
			in[i]++
		}
		rec.org = nil
		for i, n := range in {
			if n == 1 {
				rec.org = append(rec.org, i)
			}
		}
		slices.Sort(rec.org)
	}
	rec.often = set()
	if r.Len() != 0 {
		t.Fatalf("%s: %d bytes left over", term, r.Len())
	}
	return rec
}

// serveMemory serves a build over HTTP as a static host would.
func serveMemory(out *publish.Memory) *httptest.Server {
	return serveFiles(out.Get, nil)
}

// serveFiles serves files from get, adding the bytes sent to sent if it is
// not nil.
func serveFiles(get func(string) ([]byte, bool), sent *atomic.Int64) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		data, ok := get(name)
		if sent != nil {
			sent.Add(int64(len(data)))
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch {
		case strings.HasSuffix(name, ".html"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case strings.HasSuffix(name, ".js"):
			w.Header().Set("Content-Type", "text/javascript")
		case strings.HasSuffix(name, ".json"):
			w.Header().Set("Content-Type", "application/json")
		case strings.HasSuffix(name, ".css"):
			w.Header().Set("Content-Type", "text/css")
		}
		w.Write(data)
	}))
}

// TestSearchInBrowser types queries into the search page in Chromium and
// reads the results.
func TestSearchInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	out := buildSearchSite(t, "search.txtar")
	srv := serveMemory(out)
	defer srv.Close()
	ctx := browsertest.Chromium(t)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	results := func(query string, setup ...chromedp.Action[chromedp.Void]) (titles []string, marked []string, status string) {
		t.Helper()
		steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(srv.URL + "/search/"), chromedp.WaitVisible(chromedp.ID("q"))}
		steps = append(steps, setup...)
		steps = append(steps, chromedp.SendKeys(chromedp.ID("q"), query))
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%q: %v", query, err)
		}
		done := `document.querySelector("#search-status").dataset.query === ` + strconv.Quote(strings.TrimSpace(query))
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](done, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("%q: no results shown: %v", query, err)
		}
		var err error
		if titles, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#results h3 a")).map(a => a.textContent)`)); err != nil {
			t.Fatal(err)
		}
		if marked, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#results mark")).map(m => m.textContent)`)); err != nil {
			t.Fatal(err)
		}
		if status, err = chromedp.Run(ctx, chromedp.Text(chromedp.ID("search-status"))); err != nil {
			t.Fatal(err)
		}
		return titles, marked, status
	}

	titles, marked, status := results("survivors")
	if dir := os.Getenv("LETTERPRESS_SCREENSHOTS"); dir != "" {
		for _, w := range []int64{320, 1280} {
			err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900))
			var png []byte
			if err == nil {
				png, err = chromedp.Run(ctx, chromedp.FullScreenshot(90))
			}
			if err == nil {
				err = os.WriteFile(filepath.Join(dir, fmt.Sprintf("search-results-%d.png", w)), png, 0o644)
			}
			if err != nil {
				t.Error(err)
			}
		}
	}
	if len(titles) != 2 || status != "2 results" {
		t.Errorf("survivors: %v, %q", titles, status)
	}
	if len(marked) == 0 || !strings.EqualFold(marked[0], "survivors") {
		t.Errorf("matched words not marked: %v", marked)
	}
	// A word still being typed matches as a prefix.
	if titles, _, _ := results("surviv"); len(titles) != 2 {
		t.Errorf("prefix surviv: %v", titles)
	}
	// An exact title ranks first.
	if titles, _, _ := results("Training for Eastshire officers"); len(titles) == 0 || titles[0] != "Training for Eastshire officers" {
		t.Errorf("exact title: %v", titles)
	}
	// Organisation names rank their organisation first.
	if titles, _, _ := results("Eastshire Police "); len(titles) == 0 || titles[0] != "Eastshire Police" {
		t.Errorf("organisation name: %v", titles)
	}
	// Welsh pages are searchable in Welsh, with or without circumflexes.
	if titles, _, _ := results("dioddefwyr"); len(titles) != 1 || titles[0] != "Gofal dioddefwyr yn Nwyrain" {
		t.Errorf("Welsh: %v", titles)
	}
	// Filters: kind and year.
	if titles, _, _ := results("eastshire ", chromedp.SetValue(chromedp.ID("kind"), "letter")); len(titles) != 2 {
		t.Errorf("kind filter: %v", titles)
	}
	if titles, _, _ := results("eastshire ", chromedp.SetValue(chromedp.ID("year"), "2022"), chromedp.SetValue(chromedp.ID("kind"), "letter")); len(titles) != 2 {
		t.Errorf("year filter: %v", titles)
	}
	// The organisation filter: of the Eastshire matches, only those
	// involving Northshire's commissioner (none), then Eastshire Police.
	if titles, _, _ := results("eastshire ", chromedp.SetValue(chromedp.ID("org"), "northshire-pcc")); len(titles) != 0 {
		t.Errorf("organisation filter northshire-pcc: %v", titles)
	}
	if titles, _, _ := results("eastshire ", chromedp.SetValue(chromedp.ID("org"), "eastshire-police")); len(titles) != 3 {
		t.Errorf("organisation filter eastshire-police: %v", titles)
	}
	if titles, _, status := results("nothingmatchesthis "); len(titles) != 0 || status != "No results for this search." {
		t.Errorf("no results: %v %q", titles, status)
	}
	// The results region is announced.
	live, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.ID("search-status"), "aria-live"))
	if err != nil || live.Value != "polite" {
		t.Errorf("aria-live = %q (%v)", live.Value, err)
	}
}
