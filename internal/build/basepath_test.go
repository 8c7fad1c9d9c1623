package build_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"letterpress/internal/build"
	"letterpress/internal/render"
)

// TestNonASCIIBasePath builds every build case under a base URL whose path
// is not ASCII (https://example.org/café/), compiled and through the
// templates (which must agree), and checks that every URL of the site is
// written once and encoded once: https://example.org/caf%C3%A9/..., never
// https://example.org/caf%C3%A9//café/ or caf%25C3%25A9. It reads the
// sitemap, the feeds, the open data (JSON and CSV), canonical and hreflang
// links, every link of every page, the search index, robots.txt and
// _redirects.
func TestNonASCIIBasePath(t *testing.T) {
	const (
		base = "https://example.org/caf%C3%A9/"
		path = "/caf%C3%A9/"
	)
	site := loadBuildCase(t, append(slices.Clone(allBuildCases), "data")...)
	yaml := string(site.FS["site.yaml"].Data)
	site.FS["site.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(yaml, "base_url: https://example.org/\n", "base_url: https://example.org/café/\n", 1))}
	opts := build.Options{Now: buildDate("2021-06-01")}
	out := buildFiles(t, site.FS, opts, render.Options{})
	if msg := compareOutputs(out, buildFiles(t, site.FS, opts, render.Options{NoCompiled: true})); msg != "" {
		t.Fatalf("the compiled renderer and the templates differ: %s", msg)
	}
	o := builtSite(out)

	// abs checks an absolute URL of the site.
	checked := map[string]int{}
	abs := func(where, u string) {
		t.Helper()
		checked[where]++
		if !strings.HasPrefix(u, base) || strings.Contains(strings.TrimPrefix(u, base), "//") {
			t.Errorf("%s: %q is not under %s, encoded once", where, u, base)
			return
		}
		p, err := url.Parse(u)
		if err != nil || !strings.HasPrefix(p.Path, "/café/") || strings.Contains(p.Path, "%") {
			t.Errorf("%s: %q does not decode to a path under /café/ (%v)", where, u, err)
		}
	}

	// Any absolute URL of the site, in any file.
	siteURL := regexp.MustCompile(`https?://example\.org[^\s"'<>,\\]*`)
	for _, name := range slices.Sorted(maps.Keys(out)) {
		for _, u := range siteURL.FindAllString(string(out[name]), -1) {
			abs(name, html.UnescapeString(u))
		}
		if bytes.Contains(out[name], []byte("/café/")) || bytes.Contains(out[name], []byte("%25C3")) {
			t.Errorf("%s has the base path undecoded, or encoded twice", name)
		}
	}

	// The sitemap, the feeds, canonical and hreflang links, by name.
	for _, loc := range readSitemap(t, o) {
		abs("sitemap.xml", loc)
	}
	for _, name := range []string{"feed.xml", "organisations/northshire-pcc/feed.xml"} {
		for _, u := range readAtomFeed(t, o, name).entryURLs() {
			abs(name, u)
		}
	}
	var feed struct {
		HomePageURL string `json:"home_page_url"`
		FeedURL     string `json:"feed_url"`
		Items       []struct{ ID, URL string }
	}
	if err := json.Unmarshal(out["feed.json"], &feed); err != nil {
		t.Fatal(err)
	}
	abs("feed.json", feed.HomePageURL)
	abs("feed.json", feed.FeedURL)
	for _, it := range feed.Items {
		abs("feed.json", it.ID)
		abs("feed.json", it.URL)
	}
	for _, name := range []string{"letters", "responses", "reports", "organisations"} {
		var docs []map[string]any
		if err := json.Unmarshal(out["data/"+name+".json"], &docs); err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			abs("data/"+name+".json", d["url"].(string))
			if w, ok := d["welsh_url"].(string); ok {
				abs("data/"+name+".json welsh_url", w)
			}
		}
	}
	for _, name := range []string{"data/correspondence.csv", "data/organisations.csv"} {
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out[name], []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[1:] {
			for i, col := range rows[0] {
				if strings.HasSuffix(col, "_url") && row[i] != "" {
					abs(name+" "+col, row[i])
				}
			}
		}
	}
	for _, page := range []string{"/cy/letters/2021-03-01-bilingual/", "/letters/2021-03-01-bilingual/", "/letters/", "/"} {
		doc := o.page(t, page)
		for _, l := range htmlFind(doc, func(n *html.Node) bool { return n.Data == "link" && htmlAttrOr(n, "rel") == "canonical" }) {
			abs(page+" canonical", htmlAttrOr(l, "href"))
		}
		for _, u := range hreflangLinks(doc) {
			abs(page+" hreflang", u)
		}
	}
	if alt := hreflangLinks(o.page(t, "/cy/letters/2021-03-01-bilingual/")); alt["en"] != base+"letters/2021-03-01-bilingual/" || alt["cy"] != base+"cy/letters/2021-03-01-bilingual/" {
		t.Errorf("hreflang alternates %v", alt)
	}
	for _, what := range []string{"sitemap.xml", "feed.xml", "feed.json", "data/letters.json", "data/correspondence.csv letter_url", "/cy/letters/2021-03-01-bilingual/ canonical", "/cy/letters/2021-03-01-bilingual/ hreflang"} {
		if checked[what] == 0 {
			t.Errorf("no URL of %s checked", what)
		}
	}

	// Every link of every page that leads within the site.
	for _, name := range slices.Sorted(maps.Keys(out)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(out[name]))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range htmlFind(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
			for _, a := range n.Attr {
				if (a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "data-index") && strings.HasPrefix(a.Val, "/") && !strings.HasPrefix(a.Val, path) {
					t.Errorf("%s: <%s %s=%q> is not under %s", name, n.Data, a.Key, a.Val, path)
				}
			}
		}
	}
	// The search index's addresses, robots.txt and _redirects.
	var details []struct{ U string }
	if err := json.Unmarshal(out["search/index/d/0.json"], &details); err != nil {
		t.Fatal(err)
	}
	for _, d := range details {
		if !strings.HasPrefix(d.U, path) {
			t.Errorf("search index: %q is not under %s", d.U, path)
		}
	}
	if want := "Sitemap: " + base + "sitemap.xml\n"; !strings.HasSuffix(string(out["robots.txt"]), want) {
		t.Errorf("robots.txt:\n%s\nwant it to end with %q", out["robots.txt"], want)
	}
	if !regexp.MustCompile(`(?m)^/caf%C3%A9/old/letters/moved-letter/\s+/caf%C3%A9/letters/2021-03-01-moved/\s`).Match(out["_redirects"]) {
		t.Errorf("_redirects:\n%s", out["_redirects"])
	}
}
