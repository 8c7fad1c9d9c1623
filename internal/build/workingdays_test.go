package build_test

import (
	"encoding/json"
	"strings"
	"testing"

	"letterpress/internal/build"
)

// TestWorkingDays builds a site whose replies are due in working days,
// under Scotland's calendar with a day added in site.yaml, and checks each
// letter's due date in the open data against dates counted by hand.
func TestWorkingDays(t *testing.T) {
	t.Parallel()
	o := buildInMemory(t, loadBuildCase(t, "working-days").FS, build.Options{Now: buildDate("2026-12-01")})
	var letters []struct {
		ID          string `json:"id"`
		ResponseDue string `json:"response_due"`
	}
	if err := json.Unmarshal(o["data/letters.json"], &letters); err != nil {
		t.Fatal(err)
	}
	due := map[string]string{}
	for _, l := range letters {
		due[l.ID] = l.ResponseDue
	}
	for id, want := range map[string]string{
		// 21, 22, 23, 24, 29, 30, 31 December; 5, 6, 7, 10–14, 17–19,
		// 21, 24 January (3 and 4 January are Scotland's New Year
		// holidays, 20 January the site's extra day).
		"2021-12-20-new-year": "2022-01-24",
		// 26–29 November, 3–6, 9, 10 December (Monday 2 December is St
		// Andrew's Day's substitute).
		"2024-11-25-st-andrew": "2024-12-10",
		// 26, 27, 28 March, 1, 2 April: Good Friday is a holiday in
		// Scotland, Easter Monday is not (in England it would be 3 April).
		"2024-03-25-easter":   "2024-04-02",
		"2024-06-03-explicit": "2024-06-10",
	} {
		if due[id] != want {
			t.Errorf("%s: response_due %q, want %q", id, due[id], want)
		}
	}
}

// TestWorkingDaysSaid: the letter says when its reply is due and by what
// rule, the reply page says it came within the working days allowed, and
// /statistics/ states the site's rule.
func TestWorkingDaysSaid(t *testing.T) {
	t.Parallel()
	o := buildInMemory(t, loadBuildCase(t, "working-days").FS, build.Options{Now: buildDate("2025-01-20")})
	for _, c := range []struct{ page, want string }{
		{"/letters/2021-12-20-new-year/", "Reply due 24 January 2022 (20 working days after the letter)"},
		{"/letters/2024-11-25-st-andrew/", "Reply due 10 December 2024 (10 working days after the letter)"},
		{"/letters/2024-06-03-explicit/", "Reply due 10 June 2024 Web address"},
		{"/responses/2022-01-21-new-year-reply/", "Replied 32 days after the letter, within the 20 working days allowed."},
		{"/statistics/", "A reply is due 20 working days after the letter (weekends and the bank holidays of Scotland skipped), unless the letter sets its own date."},
	} {
		if got := htmlText(o.main(t, c.page)); !strings.Contains(got, c.want) {
			t.Errorf("%s does not say %q:\n%s", c.page, c.want, got)
		}
	}
	// Twice the 10 working days allowed the St Andrew's letter end on 24
	// December 2024 (20 working days in Scotland); it is long overdue from
	// the next day, and the next working day is 27 December.
	for _, c := range []struct{ now, want string }{
		{"2024-12-24", "Overdue: 14 days, due 10 December 2024"},
		{"2024-12-25", "Long overdue: 15 days, due 10 December 2024"},
		{"2025-01-20", "Long overdue: 41 days, due 10 December 2024"},
	} {
		o := buildInMemory(t, loadBuildCase(t, "working-days").FS, build.Options{Now: buildDate(c.now)})
		if got := htmlText(o.main(t, "/letters/2024-11-25-st-andrew/")); !strings.Contains(got, c.want) {
			t.Errorf("built on %s, the letter does not say %q:\n%s", c.now, c.want, got)
		}
	}
}
