package render

import "testing"

// The pages' counts take the plural form of their number (CLDR rules):
// never "1 letters", and in Welsh the noun stays singular after a
// number, mutated after 2.
func TestPlural(t *testing.T) {
	for _, c := range []struct {
		lang, key string
		n         int
		args      []any
		want      string
	}{
		{"en", "n-letters", 1, nil, "letter sent"},
		{"en", "n-letters", 2, nil, "letters sent"},
		{"en", "n-letters", 0, nil, "letters sent"},
		{"en", "n-responses", 1, nil, "reply published"},
		{"en", "n-items", 1, nil, "1 item"},
		{"en", "n-items", 21, nil, "21 items"},
		{"en", "replied-in", 1, nil, "replied in 1 day"},
		{"en", "replied-in", 11, nil, "replied in 11 days"},
		{"en", "overdue-by", 1, []any{"3 May 2021"}, "1 day overdue (due 3 May 2021)"},
		{"en", "overdue-by", 40, []any{"3 May 2021"}, "40 days overdue (due 3 May 2021)"},
		{"en", "and-n-more", 1, nil, "and 1 more"},
		// Welsh: six CLDR forms; nouns stay singular after a numeral and
		// mutate after 2.
		{"cy", "n-days", 0, nil, "0 diwrnod"},
		{"cy", "n-days", 1, nil, "1 diwrnod"},
		{"cy", "n-days", 2, nil, "2 ddiwrnod"},
		{"cy", "n-days", 3, nil, "3 diwrnod"},
		{"cy", "n-days", 6, nil, "6 diwrnod"},
		{"cy", "n-days", 7, nil, "7 diwrnod"},
		{"cy", "n-letters", 1, nil, "llythyr wedi'i anfon"},
		{"cy", "n-letters", 2, nil, "lythyr wedi'u hanfon"},
		{"cy", "n-letters", 5, nil, "llythyr wedi'u hanfon"},
		{"cy", "replied-in", 2, nil, "ymatebodd mewn 2 ddiwrnod"},
	} {
		if got := text.TN(c.lang, c.key, c.n, c.args...); got != c.want {
			t.Errorf("TN(%q, %q, %d) = %q, want %q", c.lang, c.key, c.n, got, c.want)
		}
	}
}
