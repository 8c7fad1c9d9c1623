package stats

import "testing"

// The statistics' counts take the plural form of their number (CLDR
// rules, through TN): never "1 letters" or "1 replies", and in Welsh the
// noun stays singular after a number, mutated after 2.
func TestPlurals(t *testing.T) {
	for _, c := range []struct {
		lang, key string
		n         int
		args      []any
		want      string
	}{
		{"en", "stats-n-letters", 1, nil, "1 letter"},
		{"en", "stats-n-letters", 12000, nil, "12,000 letters"},
		{"cy", "stats-n-letters", 2, nil, "2 lythyr"},
		{"cy", "stats-n-letters", 3, nil, "3 llythyr"},
		{"en", "stats-n-replies", 1, nil, "1 reply"},
		{"en", "stats-n-days", 1, nil, "1 day"},
		{"cy", "stats-n-days", 2, nil, "2 ddiwrnod"},
		{"en", "stats-overdue-total", 1, nil, "1 reply is overdue in all."},
		{"en", "stats-overdue-total", 2, nil, "2 replies are overdue in all."},
		{"en", "stats-median-bar", 1, []any{"3 days"}, "a median of 3 days (1 reply)"},
		{"en", "stats-median-all", 2, nil, "The median number of days from letter to reply, for each of the 2 organisations that have replied, slowest first."},
		{"en", "stats-highest-n", 2, []any{"3 letters", "May 2021"}, "Highest: 3 letters (2 months, the first May 2021)."},
		{"cy", "stats-highest-n", 2, []any{"3 llythyr", "Mai 2021"}, "Uchaf: 3 llythyr (2 fis, y cyntaf Mai 2021)."},
		{"en", "stats-org-last", 57, nil, "57 days or more"},
		{"en", "stats-org-few", 1, []any{"Home Office", "12 days"}, "Too few replies for a chart: Home Office has replied once so far, in 12 days."},
	} {
		w := words(c.lang)
		var got string
		switch c.key {
		case "stats-n-letters", "stats-n-replies", "stats-n-days", "stats-overdue-total":
			got = counted(w, c.key, c.n, c.args...)
		default:
			got = w.TN(c.key, c.n, c.args...)
		}
		if got != c.want {
			t.Errorf("%s %s %d: %q, want %q", c.lang, c.key, c.n, got, c.want)
		}
	}
}
