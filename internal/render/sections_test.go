package render

import (
	"slices"
	"testing"
)

// The sections' pages are page types, after those of documents and
// lists, in the order of sections; and the sections' messages are in
// render's, which their pages show.
func TestSections(t *testing.T) {
	if got, want := pageTemplates[len(pageTemplates)-len(sections):], []string{"data", "search", "statistics"}; !slices.Equal(got, want) {
		t.Errorf("the sections' page types are %q, want %q", got, want)
	}
	for _, k := range []string{"search-label", "data-title", "stats-title", "share-of-due", "data-desc-feed", "n-working-days"} {
		if text.TN("cy", k, 2) == k {
			t.Errorf("message %s is not in render's tables", k)
		}
	}
}
