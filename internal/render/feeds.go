package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"time"

	"letterpress/internal/content"
	"letterpress/internal/graph"
)

// FeedLength is the number of entries in a feed: the latest letters and
// replies. Feed readers keep what they have seen; the lists hold the rest.
const FeedLength = 100

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// atomFeed writes an Atom feed (RFC 4287) of correspondence.
func atomFeed(s *Site, p *Page, title, self, alternate string, docs []*content.Doc) []byte {
	origin := strings.TrimSuffix(s.BaseURL, s.BasePath)
	abs := func(path string) string { return origin + p.URLFor(path) }
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	fmt.Fprintf(&b, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n", s.Lang)
	fmt.Fprintf(&b, "  <title>%s</title>\n", xmlText(title))
	fmt.Fprintf(&b, "  <id>%s</id>\n", xmlText(abs(self)))
	fmt.Fprintf(&b, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"%s\"/>\n", xmlText(abs(self)))
	fmt.Fprintf(&b, "  <link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", xmlText(abs(alternate)))
	updated := s.Now
	if len(docs) > 0 && !docs[0].Date.IsZero() {
		updated = docs[0].Date
	}
	fmt.Fprintf(&b, "  <updated>%s</updated>\n", atomTime(updated))
	author := s.Title
	if s.Owner != nil {
		author = s.Owner.Label()
	}
	fmt.Fprintf(&b, "  <author><name>%s</name></author>\n", xmlText(author))
	for _, d := range docs {
		w := p.wrap(d)
		fmt.Fprintf(&b, "  <entry>\n    <title>%s</title>\n", xmlText(w.Title()))
		fmt.Fprintf(&b, "    <id>%s</id>\n", xmlText(origin+w.URL()))
		fmt.Fprintf(&b, "    <link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", xmlText(origin+w.URL()))
		fmt.Fprintf(&b, "    <published>%s</published>\n    <updated>%s</updated>\n", atomTime(d.Date), atomTime(d.Date))
		if o := w.Sender(); o != nil {
			fmt.Fprintf(&b, "    <author><name>%s</name></author>\n", xmlText(o.Label()))
		}
		fmt.Fprintf(&b, "    <category term=\"%s\" label=\"%s\"/>\n", d.Kind, xmlText(w.KindLabel()))
		if sum := w.SummaryText(); sum != "" {
			fmt.Fprintf(&b, "    <summary>%s</summary>\n", xmlText(sum))
		}
		b.WriteString("  </entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t.UTC().Format(time.RFC3339)
}

// SitemapLimit is the most URLs one sitemap file may hold (sitemaps.org).
const SitemapLimit = 50000

// sitemapNames are the files writeSitemaps writes for n pages.
func sitemapNames(n int) []string {
	if n <= SitemapLimit {
		return []string{"sitemap.xml"}
	}
	names := []string{}
	for i := 0; i*SitemapLimit < n; i++ {
		names = append(names, fmt.Sprintf("sitemap-%d.xml", i+1))
	}
	return append(names, "sitemap.xml")
}

// writeSitemaps writes sitemap.xml, or, for a site of more than
// SitemapLimit pages, a sitemap index and numbered sitemaps.
func writeSitemaps(out Output, s *Site, paths []string) error {
	paths = slices.Clone(paths)
	slices.Sort(paths)
	origin := strings.TrimSuffix(s.BaseURL, s.BasePath)
	urlset := func(ps []string) []byte {
		var b bytes.Buffer
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, p := range ps {
			fmt.Fprintf(&b, "<url><loc>%s</loc></url>\n", xmlText(origin+s.BasePath+strings.TrimPrefix(p, "/")))
		}
		b.WriteString("</urlset>\n")
		return b.Bytes()
	}
	if len(paths) <= SitemapLimit {
		return out.Write("sitemap.xml", urlset(paths))
	}
	var index bytes.Buffer
	index.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	index.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := 0; i*SitemapLimit < len(paths); i++ {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		if err := out.Write(name, urlset(paths[i*SitemapLimit:min(len(paths), (i+1)*SitemapLimit)])); err != nil {
			return err
		}
		fmt.Fprintf(&index, "<sitemap><loc>%s</loc></sitemap>\n", xmlText(s.BaseURL+name))
	}
	index.WriteString("</sitemapindex>\n")
	return out.Write("sitemap.xml", index.Bytes())
}

// redirects writes Netlify's _redirects: every alias to its page.
func redirects(g *graph.Graph, s *Site) []byte {
	var b bytes.Buffer
	b.WriteString("# Old addresses of moved pages (front matter aliases:), written by letterpress.\n")
	for _, d := range g.Site.All() {
		if !g.Published(d) {
			continue
		}
		for _, a := range d.Aliases {
			fmt.Fprintf(&b, "%s  %s  301!\n", s.BasePath+strings.TrimPrefix(a, "/"), s.BasePath+strings.TrimPrefix(d.URLPath(), "/"))
		}
	}
	return b.Bytes()
}
