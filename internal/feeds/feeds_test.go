package feeds

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

var site = Site{BaseURL: "https://example.org/office/", BasePath: "/office/", Lang: "cy", Author: "Swyddfa <A&B>", Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}

// An Atom feed is well-formed XML whatever the text holds, with absolute
// addresses; an entry without an author or a summary has no element for
// it, and a feed of no entries is dated the build date.
func TestAtom(t *testing.T) {
	day := time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC)
	feed := Atom(site, `Llythyrau "A" & <b>`, "/feed.xml", "/", []Entry{
		{URL: "/office/letters/a/", Title: "Tom & Jerry <3", Date: day, Authors: []string{"Y Swyddfa Gartref"}, Kind: "letter", KindLabel: "Llythyr", Summary: "a < b"},
		{URL: "/office/responses/b/", Title: "B", Kind: "response", KindLabel: "Ymateb"},
	})
	var f struct {
		Lang    string `xml:"lang,attr"`
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Author  string `xml:"author>name"`
		Entries []struct {
			Title     string   `xml:"title"`
			ID        string   `xml:"id"`
			Published string   `xml:"published"`
			Authors   []string `xml:"author>name"`
			Summary   *string  `xml:"summary"`
			Category  struct {
				Term  string `xml:"term,attr"`
				Label string `xml:"label,attr"`
			} `xml:"category"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(feed, &f); err != nil {
		t.Fatalf("the feed is not XML: %v\n%s", err, feed)
	}
	if f.Lang != "cy" || f.Title != `Llythyrau "A" & <b>` || f.ID != "https://example.org/office/feed.xml" || f.Updated != "2021-03-02T00:00:00Z" || f.Author != "Swyddfa <A&B>" {
		t.Errorf("feed head: %+v", f)
	}
	if len(f.Entries) != 2 {
		t.Fatalf("%d entries, want 2", len(f.Entries))
	}
	a, b := f.Entries[0], f.Entries[1]
	if a.Title != "Tom & Jerry <3" || a.ID != "https://example.org/office/letters/a/" || !slices.Equal(a.Authors, []string{"Y Swyddfa Gartref"}) || a.Summary == nil || *a.Summary != "a < b" || a.Category.Term != "letter" || a.Category.Label != "Llythyr" {
		t.Errorf("first entry: %+v", a)
	}
	if b.Authors != nil || b.Summary != nil || b.Published != "1970-01-01T00:00:00Z" {
		t.Errorf("an entry with no author, summary or date: %+v", b)
	}
	empty := Atom(site, "T", "/feed.xml", "/", nil)
	if !strings.Contains(string(empty), "<updated>2021-06-01T00:00:00Z</updated>") {
		t.Errorf("a feed of no entries is not dated the build date:\n%s", empty)
	}
}

// Up to SitemapLimit pages, one sitemap.xml lists them, sorted; above, an
// index lists numbered sitemaps of at most SitemapLimit pages each, and
// the names WriteSitemaps writes are those SitemapNames gives.
func TestSitemaps(t *testing.T) {
	for _, n := range []int{0, 3, SitemapLimit, SitemapLimit + 1, 2*SitemapLimit + 5} {
		paths := make([]string, n)
		for i := range paths {
			paths[i] = fmt.Sprintf("/p/%06d/", n-i)
		}
		files := map[string]string{}
		var names []string
		err := WriteSitemaps(site, paths, func(name string, data []byte) error {
			names = append(names, name)
			files[name] = string(data)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := SitemapNames(n); !slices.Equal(names, want) {
			t.Errorf("%d pages: wrote %q, SitemapNames says %q", n, names, want)
		}
		listed := 0
		for _, name := range names {
			var x struct {
				URLs  []string `xml:"url>loc"`
				Index []string `xml:"sitemap>loc"`
			}
			if err := xml.Unmarshal([]byte(files[name]), &x); err != nil {
				t.Fatalf("%d pages: %s is not XML: %v", n, name, err)
			}
			if len(x.URLs) > SitemapLimit {
				t.Errorf("%d pages: %s lists %d", n, name, len(x.URLs))
			}
			if !slices.IsSorted(x.URLs) {
				t.Errorf("%d pages: %s is not sorted", n, name)
			}
			if len(x.URLs) > 0 && !strings.HasPrefix(x.URLs[0], "https://example.org/office/p/") {
				t.Errorf("%d pages: %s lists %s", n, name, x.URLs[0])
			}
			listed += len(x.URLs)
			if name == "sitemap.xml" && n > SitemapLimit && len(x.Index) != len(names)-1 {
				t.Errorf("%d pages: the index lists %d sitemaps, want %d", n, len(x.Index), len(names)-1)
			}
		}
		if listed != n {
			t.Errorf("%d pages: %d listed", n, listed)
		}
	}
}
