package markdown

import "letterpress/internal/slab"

// What a build keeps of each body, its Result and summary, is taken from
// slabs (see package slab).
var kept struct {
	results slab.Of[Result]
	text    slab.Text
}

// newResult returns a new, zero Result.
func newResult() *Result { return kept.results.New() }

// keepText returns b as a string, in a slab shared with other summaries.
func keepText(b []byte) string { return kept.text.String(b) }
