package render

import "testing"

// The home page's counts take the plural form of their number (CLDR
// rules, through TN): never "1 replies". The statistics' and open data's
// are tested in their packages.
func TestFiguresPlurals(t *testing.T) {
	for _, c := range []struct {
		lang, key string
		n         int
		want      string
	}{
		{"en", "n-replies-received", 1, "reply received"},
		{"en", "n-replies-received", 10, "replies received"},
		{"cy", "n-unpublished", 1, "ohonynt heb ei gyhoeddi"},
		{"cy", "n-unpublished", 2, "ohonynt heb eu cyhoeddi"},
	} {
		if got := text.TN(c.lang, c.key, c.n); got != c.want {
			t.Errorf("%s %s %d: %q, want %q", c.lang, c.key, c.n, got, c.want)
		}
	}
}
