package feeds

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// SitemapLimit is the most URLs one sitemap file may hold (sitemaps.org).
const SitemapLimit = 50000

// SitemapNames are the files WriteSitemaps writes for n pages, the index
// (sitemap.xml) last.
func SitemapNames(n int) []string {
	if n <= SitemapLimit {
		return []string{"sitemap.xml"}
	}
	names := []string{}
	for i := 0; i*SitemapLimit < n; i++ {
		names = append(names, fmt.Sprintf("sitemap-%d.xml", i+1))
	}
	return append(names, "sitemap.xml")
}

// WriteSitemaps writes sitemap.xml listing paths (the site's pages, from
// its root), or, for a site of more than SitemapLimit pages, a sitemap
// index and numbered sitemaps, each handed to write as it is made.
func WriteSitemaps(s Site, paths []string, write func(name string, data []byte) error) error {
	paths = slices.Clone(paths)
	slices.Sort(paths)
	origin := s.origin()
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
		return write("sitemap.xml", urlset(paths))
	}
	var index bytes.Buffer
	index.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	index.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := 0; i*SitemapLimit < len(paths); i++ {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		if err := write(name, urlset(paths[i*SitemapLimit:min(len(paths), (i+1)*SitemapLimit)])); err != nil {
			return err
		}
		fmt.Fprintf(&index, "<sitemap><loc>%s</loc></sitemap>\n", xmlText(s.BaseURL+name))
	}
	index.WriteString("</sitemapindex>\n")
	return write("sitemap.xml", index.Bytes())
}
