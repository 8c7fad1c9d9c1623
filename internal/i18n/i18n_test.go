package i18n

import (
	"slices"
	"testing"
	"time"

	"golang.org/x/text/feature/plural"
)

// A message in two tables would hide one of them: joining them refuses it.
func TestNewRefusesTwoOfAKey(t *testing.T) {
	for _, tables := range [][]Table{
		{{Messages: map[string][2]string{"a": {"A", "A"}}}, {Messages: map[string][2]string{"a": {"B", "B"}}}},
		{{Plurals: map[string][2]Forms{"a": {{plural.Other: "A"}, {plural.Other: "A"}}}}, {Plurals: map[string][2]Forms{"a": {{plural.Other: "B"}, {plural.Other: "B"}}}}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("New took a key that is in two tables")
				}
			}()
			New(tables...)
		}()
	}
}

// T and TN give the language's text; a key no table holds comes back as
// it is, and Missing lists it.
func TestCatalog(t *testing.T) {
	c := New(
		Table{Messages: map[string][2]string{"hello": {"Hello, %s", "Helo, %s"}}},
		Table{Plurals: map[string][2]Forms{"n-sent": {
			{plural.One: "letter sent", plural.Other: "letters sent"},
			{plural.Two: "%d lythyr, %s", plural.Other: "%d llythyr, %s"},
		}}},
	)
	for _, c := range []struct{ got, want string }{
		{c.T("en", "hello", "Ann"), "Hello, Ann"},
		{c.T("cy", "hello", "Ann"), "Helo, Ann"},
		{c.TN("en", "n-sent", 1), "letter sent"},
		{c.TN("en", "n-sent", 3), "letters sent"},
		{c.TN("cy", "n-sent", 2, "heddiw"), "2 lythyr, heddiw"},
		{c.TN("cy", "n-sent", 3, "heddiw"), "3 llythyr, heddiw"},
		{c.T("en", "nowhere"), "nowhere"},
		{c.TN("cy", "nor-here", 2), "nor-here"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
	if got, want := c.Missing(), []string{"nor-here", "nowhere"}; !slices.Equal(got, want) {
		t.Errorf("Missing() = %q, want %q", got, want)
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

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestElapsed(t *testing.T) {
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
		{"cy", "2020-11-10", "2020-11-10", "0 diwrnod"},
		{"cy", "2020-11-10", "2020-11-13", "3 diwrnod"},
	} {
		if got := Elapsed(c.lang, day(t, c.from), day(t, c.to)); got != c.want {
			t.Errorf("Elapsed(%s, %s, %s) = %q, want %q", c.lang, c.from, c.to, got, c.want)
		}
	}
}

// Dates and months are written as people in the UK write them, in either
// language; the zero time is no date.
func TestDates(t *testing.T) {
	d := day(t, "2020-10-13")
	for _, c := range []struct{ got, want string }{
		{FormatDate("en", d), "13 October 2020"},
		{FormatDate("cy", d), "13 Hydref 2020"},
		{FormatDate("cy", time.Time{}), ""},
		{MonthYear("cy", 2021, time.February), "Chwefror 2021"},
		{MonthYear("en", 2021, time.February), "February 2021"},
		{ShortMonth("cy", time.December), "Rhag"},
		{ShortMonth("en", time.December), "Dec"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}

func TestInt(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 12000: "12,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := Int(n); got != want {
			t.Errorf("Int(%d) = %q, want %q", n, got, want)
		}
	}
}

// Percent rounds half up, and a share of nothing is 0.
func TestPercent(t *testing.T) {
	for _, c := range []struct{ part, whole, want int }{{0, 0, 0}, {1, 3, 33}, {2, 3, 67}, {1, 8, 13}, {1, 200, 1}, {1, 201, 0}, {9, 9, 100}} {
		if got := Percent(c.part, c.whole); got != c.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", c.part, c.whole, got, c.want)
		}
	}
}
