package clash

import (
	"strings"

	"letterpress/internal/diag"
	"letterpress/internal/graph"
)

// Output is the files of a site's output, for the checks: file i is
// published as Name(i) ("letters/x/index.html"); Source(i) is where it
// comes from, for messages (static/NAME for a static file, a document's
// path for its page, and otherwise its name); Static(i) says whether it
// is a file of static/, copied as it is.
type Output interface {
	Len() int
	Name(i int) string
	Source(i int) string
	Static(i int) bool
}

// Check runs every check on out: [Aliases], [Case] and [StaticOverPage].
// It returns the files that must not be written (by index), nil if none.
func Check(g *graph.Graph, out Output, errs *diag.List) map[int]bool {
	Aliases(g, out, errs)
	Case(out, errs)
	return StaticOverPage(out, errs)
}

// StaticOverPage refuses a static file that has the name of a file the
// site makes: which of the two would be written last is a race. It
// returns the refused static files, by index (nil if none), which are
// not to be written.
func StaticOverPage(out Output, errs *diag.List) map[int]bool {
	made := make(map[string]bool, out.Len())
	for i := range out.Len() {
		if !out.Static(i) {
			made[out.Name(i)] = true
		}
	}
	var refused map[int]bool
	for i := range out.Len() {
		if !out.Static(i) || !made[out.Name(i)] {
			continue
		}
		if refused == nil {
			refused = map[int]bool{}
		}
		refused[i] = true
		errs.Errorf(diag.Pos{Path: out.Source(i)}, "a static file has the address of a page the site makes (/%s): rename or remove it", strings.TrimSuffix(out.Name(i), "index.html"))
	}
	return refused
}
