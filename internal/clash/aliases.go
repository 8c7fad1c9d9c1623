package clash

import (
	"strings"

	"letterpress/internal/diag"
	"letterpress/internal/graph"
)

// Aliases refuses an alias that is the address of a file the site
// makes: a static file, a feed, the sitemap, a list's further pages. Its
// forced rule in _redirects would hide the file. (Package graph refuses
// aliases of the pages it knows of, for check too; the message is the
// same, so a problem both find is reported once.)
func Aliases(g *graph.Graph, out Output, errs *diag.List) {
	var names map[string]bool
	for _, d := range g.Site.All() {
		if !g.Published(d) {
			continue
		}
		for i, a := range d.Aliases {
			if names == nil {
				names = make(map[string]bool, out.Len())
				for i := range out.Len() {
					names[out.Name(i)] = true
				}
			}
			key := graph.AliasKey(a)
			if key == d.URLPath() {
				continue // graph says so
			}
			dir := strings.TrimPrefix(key, "/")
			file := strings.TrimSuffix(dir, "/")
			shown := ""
			switch {
			case names[dir+"index.html"]:
				shown = key
			case file != "" && names[file]:
				shown = "/" + file
			default:
				continue
			}
			pos := diag.Pos{Path: d.Path}
			if i < len(d.AliasPos) {
				pos = d.At(d.AliasPos[i])
			}
			errs.Errorf(pos, "%s", graph.AliasShadows(a, shown))
		}
	}
}
