package holidays

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
	"time"
)

func d(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The bank holidays of whole years, as GOV.UK lists them, written out by
// hand: substitute days, Easter, the moved and added days of 2020, 2022
// and 2023, St Andrew's and St Patrick's days.
func TestBankHolidays(t *testing.T) {
	for _, c := range []struct {
		division string
		year     int
		want     []string
	}{
		{EnglandAndWales, 2020, []string{"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"}},
		{EnglandAndWales, 2021, []string{"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"}},
		{EnglandAndWales, 2022, []string{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"}},
		{EnglandAndWales, 2023, []string{"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"}},
		{EnglandAndWales, 2026, []string{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"}},
		{Scotland, 2022, []string{"2022-01-03", "2022-01-04", "2022-04-15", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-01", "2022-09-19", "2022-11-30", "2022-12-26", "2022-12-27"}},
		{Scotland, 2024, []string{"2024-01-01", "2024-01-02", "2024-03-29", "2024-05-06", "2024-05-27", "2024-08-05", "2024-12-02", "2024-12-25", "2024-12-26"}},
		{NorthernIreland, 2020, []string{"2020-01-01", "2020-03-17", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-07-13", "2020-08-31", "2020-12-25", "2020-12-28"}},
	} {
		cal, err := Load(c.division, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for day := d(t, "2000-01-01").AddDate(c.year-2000, 0, 0); day.Year() == c.year; day = day.AddDate(0, 0, 1) {
			if cal.Holiday(day) != "" {
				got = append(got, day.Format("2006-01-02"))
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %d:\n got %v\nwant %v", c.division, c.year, got, c.want)
		}
	}
}

func TestEaster(t *testing.T) {
	for y, want := range map[int]string{2015: "2015-04-05", 2019: "2019-04-21", 2024: "2024-03-31", 2027: "2027-03-28", 2030: "2030-04-21", 2038: "2038-04-25"} {
		if got := easter(y).Format("2006-01-02"); got != want {
			t.Errorf("Easter %d = %s, want %s", y, got, want)
		}
	}
}

// Due dates worked out by hand on a calendar: across Christmas and New
// Year, across Easter, and the same letter under Scotland's calendar.
func TestAddWorkingDays(t *testing.T) {
	for _, c := range []struct {
		division, from string
		n              int
		extra          []string
		want           string
	}{
		{EnglandAndWales, "2020-12-14", 20, nil, "2021-01-14"},
		{EnglandAndWales, "2024-03-20", 10, nil, "2024-04-05"},
		{EnglandAndWales, "2024-11-25", 10, nil, "2024-12-09"},
		{Scotland, "2024-11-25", 10, nil, "2024-12-10"},
		{Scotland, "2021-12-20", 5, nil, "2021-12-29"},
		{Scotland, "2021-12-20", 10, nil, "2022-01-07"},
		{EnglandAndWales, "2021-12-20", 10, nil, "2022-01-06"},
		// A letter sent on a Saturday: Monday is day 1.
		{EnglandAndWales, "2026-06-06", 1, nil, "2026-06-08"},
		// An extra day the site names (a late-announced substitute).
		{EnglandAndWales, "2026-12-21", 5, []string{"2026-12-29"}, "2026-12-31"},
		{EnglandAndWales, "2026-12-21", 5, nil, "2026-12-30"},
		// Beyond the bundled years the standing rules still apply.
		{EnglandAndWales, "2031-12-22", 3, nil, "2031-12-29"},
	} {
		var extra []time.Time
		for _, e := range c.extra {
			extra = append(extra, d(t, e))
		}
		cal, err := Load(c.division, extra)
		if err != nil {
			t.Fatal(err)
		}
		if got := cal.AddWorkingDays(d(t, c.from), c.n).Format("2006-01-02"); got != c.want {
			t.Errorf("%s: %d working days after %s = %s, want %s", c.division, c.n, c.from, got, c.want)
		}
	}
}

func TestLoadUnknown(t *testing.T) {
	if _, err := Load("wales", nil); err == nil {
		t.Fatal("an unknown calendar loaded")
	}
}

// The bundled file is what go generate would write from rules.go.
func TestBundledFileIsGenerated(t *testing.T) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(Generate()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), govukJSON) {
		t.Fatal("bank-holidays.json is not what rules.go gives: run go generate ./internal/holidays")
	}
}
