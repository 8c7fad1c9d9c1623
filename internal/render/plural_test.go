package render

import (
	"testing"
	"time"

	"golang.org/x/text/feature/plural"
)

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
		if got := TN(c.lang, c.key, c.n, c.args...); got != c.want {
			t.Errorf("TN(%q, %q, %d) = %q, want %q", c.lang, c.key, c.n, got, c.want)
		}
	}
}

func TestPluralForms(t *testing.T) {
	// The six Welsh forms, as CLDR gives them.
	for n, want := range map[int]plural.Form{0: plural.Zero, 1: plural.One, 2: plural.Two, 3: plural.Few, 6: plural.Many, 4: plural.Other, 10: plural.Other} {
		if got := PluralForm("cy", n); got != want {
			t.Errorf("Welsh plural form of %d = %v, want %v", n, got, want)
		}
	}
	for n, want := range map[int]plural.Form{0: plural.Other, 1: plural.One, 2: plural.Other} {
		if got := PluralForm("en", n); got != want {
			t.Errorf("English plural form of %d = %v, want %v", n, got, want)
		}
	}
}

func TestElapsed(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct{ lang, from, to, want string }{
		{"en", "2020-11-10", "2020-11-11", "1 day"},
		{"en", "2020-11-10", "2020-11-10", "0 days"},
		{"en", "2020-11-10", "2021-01-09", "60 days"},
		{"en", "2020-11-10", "2021-01-10", "2 months"},
		{"en", "2020-11-10", "2021-01-11", "over 2 months"},
		{"en", "2020-11-10", "2021-11-09", "over 11 months"},
		{"en", "2020-11-10", "2021-11-10", "a year"},
		{"en", "2020-11-10", "2022-01-10", "over a year"},
		{"en", "2020-11-10", "2026-11-10", "6 years"},
		{"en", "2020-11-10", "2026-12-06", "over 6 years"},
		{"en", "2020-01-31", "2020-04-01", "over 2 months"},
		{"cy", "2020-11-10", "2026-12-06", "dros 6 blynedd"},
		{"cy", "2020-11-10", "2022-12-06", "dros 2 flynedd"},
		{"cy", "2020-11-10", "2020-11-12", "2 ddiwrnod"},
	} {
		if got := Elapsed(c.lang, day(c.from), day(c.to)); got != c.want {
			t.Errorf("Elapsed(%s, %s, %s) = %q, want %q", c.lang, c.from, c.to, got, c.want)
		}
	}
}
