package main

import (
	"os"
	"strings"
	"testing"

	"letterpress/internal/sitetest"
)

// TestSourceDate: SOURCE_DATE_EPOCH is read as seconds since 1970, and a
// value that is no plausible build date (one in milliseconds gave the
// year 56,900, a larger one ran out of memory) is refused, saying what
// was read and what is wanted.
func TestSourceDate(t *testing.T) {
	good := map[string]string{
		"1622505600":  "2021-06-01",
		"1622591999":  "2021-06-01", // the last second of the day
		" 0 ":         "1970-01-01",
		"-2208988800": "1900-01-01",
		"7289654399":  "2200-12-31",
	}
	for in, want := range good {
		got, err := sourceDate(in)
		if err != nil || got.Format("2006-01-02") != want {
			t.Errorf("sourceDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	bad := map[string][]string{
		"1700000000000":        {"SOURCE_DATE_EPOCH=1700000000000 is not a date from 1900-01-01 to 2200-12-31", "read as seconds, the year 55840", "must be the seconds since 1970-01-01", "looks like milliseconds (1700000000 seconds would be 2023-11-14)"},
		"1700000000000000":     {"looks like microseconds"},
		"1700000000000000000":  {"looks like nanoseconds"},
		"99999999999999999999": {"a number too far from 0", "must be the seconds since 1970-01-01"},
		"7289654400":           {"not a date from 1900-01-01 to 2200-12-31", "read as seconds, the year 2201"},
		"-2208988801":          {"not a date from 1900-01-01 to 2200-12-31", "the year 1899"},
		"-9223372036854775808": {"not a date from 1900-01-01 to 2200-12-31", "a number too far from 0"},
		"2021-06-01":           {`SOURCE_DATE_EPOCH="2021-06-01" is not a whole number`, "such as 1622505600 for 2021-06-01"},
		"1.5e9":                {"is not a whole number"},
	}
	for in, wants := range bad {
		_, err := sourceDate(in)
		if err == nil {
			t.Errorf("sourceDate(%q) accepted", in)
			continue
		}
		for _, w := range wants {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("sourceDate(%q): %q does not say %q", in, err, w)
			}
		}
		if strings.Contains(err.Error(), "looks like") && in == "7289654400" {
			t.Errorf("sourceDate(%q): %q guesses a unit", in, err)
		}
	}
}

// TestImplausibleBuildDates: the commands refuse such a build date with
// a usage error before reading the site.
func TestImplausibleBuildDates(t *testing.T) {
	base, err := os.ReadFile("../../internal/build/testdata/check/_base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sitetest.Parse(base, nil).WriteDir(t, dir)
	out := t.TempDir()

	t.Setenv("SOURCE_DATE_EPOCH", "1717200000000")
	for _, cmd := range [][]string{{"check"}, {"build", "--out", out}} {
		code, _, errs := run(t, append(cmd, "--site", dir)...)
		if code != exitUsage || !strings.Contains(errs, "SOURCE_DATE_EPOCH=1717200000000 is not a date from 1900-01-01 to 2200-12-31") || !strings.Contains(errs, "looks like milliseconds (1717200000 seconds would be 2024-06-01)") {
			t.Errorf("%s with SOURCE_DATE_EPOCH in milliseconds: exit %d\n%s", cmd[0], code, errs)
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	for _, now := range []string{"9999-12-31", "0000-01-01", "1899-12-31", "2201-01-01"} {
		code, _, errs := run(t, "check", "--now", now, "--site", dir)
		if code != exitUsage || !strings.Contains(errs, `"`+now+`" is outside the years 1900 to 2200`) {
			t.Errorf("--now %s: exit %d\n%s", now, code, errs)
		}
	}
	if code, out, errs := run(t, "check", "--now", "2200-12-31", "--site", dir); code != 0 {
		t.Errorf("--now 2200-12-31: exit %d\n%s%s", code, out, errs)
	}
}
