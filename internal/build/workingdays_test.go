package build_test

import (
	"encoding/json"
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
