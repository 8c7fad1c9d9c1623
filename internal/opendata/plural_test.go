package opendata

import "testing"

// The /data/ page's counts take the plural form of their number (CLDR
// rules): never "the latest 1 letters".
func TestPlurals(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "The latest letter or reply, as a JSON Feed (version 1.1): the same entry as the Atom feed."},
		{"en", 100, "The latest 100 letters and replies, newest first, as a JSON Feed (version 1.1): the same entries as the Atom feed."},
	} {
		if got := text.TN(c.lang, "data-desc-feed", c.n); got != c.want {
			t.Errorf("%s data-desc-feed %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}
