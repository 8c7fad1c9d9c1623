package feeds

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

// Length is the number of entries in a feed: the latest letters and
// replies. Feed readers keep what they have seen; the lists hold the rest.
const Length = 100

// Site is what the files say of the site beyond its documents.
type Site struct {
	BaseURL  string // absolute, ending in "/"
	BasePath string // the base URL's path, percent-encoded ("/" if none)
	Lang     string
	// Author is who publishes the site: the owner organisation's name,
	// or else the site's title.
	Author string
	// Now is the build date, a feed's date when it has no entry.
	Now time.Time
}

// origin is the base URL without its path.
func (s Site) origin() string { return strings.TrimSuffix(s.BaseURL, s.BasePath) }

// An Entry is a document as a feed has it, in the feed's language.
type Entry struct {
	URL       string // its page's path, with the base path
	Title     string
	Date      time.Time
	Authors   []string // the sender's name, if the sender is an organisation of the site
	Kind      string   // letter or response
	KindLabel string   // the kind in words: Letter, Reply
	Summary   string   // "" for none
}

// Latest returns the Length newest documents of some lists, newest first.
// The graph's lists are in that order already: then only their heads are
// merged (sorting all letters and replies for a feed of Length, three
// times a build, was work that grew with the site for nothing).
func Latest(lists ...[]*content.Doc) []*content.Doc {
	var heads []*content.Doc
	for _, ds := range lists {
		if !slices.IsSortedFunc(ds, graph.NewestFirst) {
			ds = slices.SortedFunc(slices.Values(ds), graph.NewestFirst)
		}
		heads = append(heads, ds[:min(len(ds), Length)]...)
	}
	slices.SortFunc(heads, graph.NewestFirst)
	return heads[:min(len(heads), Length):min(len(heads), Length)]
}

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Atom writes an Atom feed (RFC 4287) of entries, newest first: title is
// the feed's, self its own path and alternate the path of the page it
// follows, both from the site's root ("/feed.xml", "/").
func Atom(s Site, title, self, alternate string, entries []Entry) []byte {
	origin := s.origin()
	abs := func(path string) string { return origin + s.BasePath + strings.TrimPrefix(path, "/") }
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	fmt.Fprintf(&b, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n", s.Lang)
	fmt.Fprintf(&b, "  <title>%s</title>\n", xmlText(title))
	fmt.Fprintf(&b, "  <id>%s</id>\n", xmlText(abs(self)))
	fmt.Fprintf(&b, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"%s\"/>\n", xmlText(abs(self)))
	fmt.Fprintf(&b, "  <link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", xmlText(abs(alternate)))
	updated := s.Now
	if len(entries) > 0 && !entries[0].Date.IsZero() {
		updated = entries[0].Date
	}
	fmt.Fprintf(&b, "  <updated>%s</updated>\n", Time(updated))
	fmt.Fprintf(&b, "  <author><name>%s</name></author>\n", xmlText(s.Author))
	for _, e := range entries {
		fmt.Fprintf(&b, "  <entry>\n    <title>%s</title>\n", xmlText(e.Title))
		fmt.Fprintf(&b, "    <id>%s</id>\n", xmlText(origin+e.URL))
		fmt.Fprintf(&b, "    <link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", xmlText(origin+e.URL))
		fmt.Fprintf(&b, "    <published>%s</published>\n    <updated>%s</updated>\n", Time(e.Date), Time(e.Date))
		for _, a := range e.Authors {
			fmt.Fprintf(&b, "    <author><name>%s</name></author>\n", xmlText(a))
		}
		fmt.Fprintf(&b, "    <category term=\"%s\" label=\"%s\"/>\n", e.Kind, xmlText(e.KindLabel))
		if e.Summary != "" {
			fmt.Fprintf(&b, "    <summary>%s</summary>\n", xmlText(e.Summary))
		}
		b.WriteString("  </entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

// Time writes a date as the feeds do (RFC 3339, UTC); the zero time as
// the start of 1970.
func Time(t time.Time) string {
	if t.IsZero() {
		t = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t.UTC().Format(time.RFC3339)
}

// Redirects writes Netlify's _redirects: every alias of a published
// document to its page.
func Redirects(g *graph.Graph, basePath string) []byte {
	var b bytes.Buffer
	b.WriteString("# Old addresses of moved pages (front matter aliases:), written by letterpress.\n")
	for _, d := range g.Site.All() {
		if !g.Published(d) {
			continue
		}
		for _, a := range d.Aliases {
			fmt.Fprintf(&b, "%s  %s  301!\n", basePath+strings.TrimPrefix(a, "/"), basePath+strings.TrimPrefix(d.URLPath(), "/"))
		}
	}
	return b.Bytes()
}
