package graph

import (
	"fmt"
	"net/url"
	"strings"

	"letterpress/internal/content"
	"letterpress/internal/diag"
)

// checkAliases refuses an alias that is an address the site publishes
// itself (a document's page, a list, the home page) or the alias of
// another page too. Aliases become forced rules of Netlify's _redirects,
// which win over the site's own pages: /letters/ as an alias would send
// every visitor of the list elsewhere. (Package render checks the files
// the site makes besides, such as static/ files and feeds.)
func (c *checker) checkAliases(all []*content.Doc) {
	type place struct {
		d *content.Doc
		p diag.Pos
	}
	var seen map[string]place
	var publishes map[string]bool
	for _, d := range all {
		for i, a := range d.Aliases {
			if publishes == nil {
				publishes = c.addresses(all)
				seen = map[string]place{}
			}
			pos := diag.Pos{Path: d.Path}
			if i < len(d.AliasPos) {
				pos = d.At(d.AliasPos[i])
			}
			key := AliasKey(a)
			switch first, dup := seen[key]; {
			case key == d.URLPath():
				c.errs.Errorf(pos, "alias %q is this page's own address: remove it (an alias is an old address that should lead here)", a)
			case publishes[key]:
				c.errs.Errorf(pos, "%s", AliasShadows(a, key))
			case dup:
				where := first.d.Path
				if first.p.Line > 0 {
					where = fmt.Sprintf("%s:%d:%d", first.p.Path, first.p.Line, first.p.Col)
				}
				c.errs.Errorf(pos, "alias %q is also an alias at %s: an old address can lead to one page only", a, where)
			default:
				seen[key] = place{d, pos}
			}
		}
	}
}

// addresses are the pages the site publishes that the graph knows of:
// the home page, every document's, the lists and the topics, in both
// languages.
func (c *checker) addresses(all []*content.Doc) map[string]bool {
	out := map[string]bool{"/": true, "/cy/": true}
	for _, d := range all {
		out[d.URLPath()] = true
	}
	for id := range reservedPageIDs {
		out["/"+id+"/"] = true
		out["/cy/"+id+"/"] = true
	}
	for _, t := range c.g.Config.Topics {
		out["/topics/"+t.ID+"/"] = true
		out["/cy/topics/"+t.ID+"/"] = true
	}
	return out
}

// AliasKey is the page address an alias stands for, as Netlify matches
// it: its escapes decoded, without a final index.html, and ending in a
// slash (Netlify matches a rule's path with and without it).
func AliasKey(a string) string {
	if d, err := url.PathUnescape(a); err == nil {
		a = d
	}
	a = strings.TrimSuffix(a, "index.html")
	if !strings.HasSuffix(a, "/") {
		a += "/"
	}
	return a
}

// AliasShadows is the message for an alias that is the address of a page
// or file the site publishes, at key (see AliasKey).
func AliasShadows(alias, key string) string {
	return fmt.Sprintf("alias %q is %s, which the site publishes itself: the redirect would hide it; an alias must be an old address that no page, list or file of the site has", alias, key)
}
