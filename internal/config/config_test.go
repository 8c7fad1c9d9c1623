package config

import (
	"testing"
	"time"

	"letterpress/internal/diag"
)

// A YAML mistake in site.yaml is reported where it is, with its column:
// yaml.v3 names the line where its scanner gave up (for a mistake on the
// first line, the end of the file) or the line of the block it breaks.
func TestYAMLErrorPosition(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"title: \"Test office\nbase_url: https://example.org/\nowner: office\nresponse_days: 28\n",
			`site.yaml:1:8: invalid YAML in site.yaml: the quote opened here is never closed (close it with ")`},
		{"title: 'Test office\nbase_url: https://example.org/\nowner: 'office'\n",
			`site.yaml:1:8: invalid YAML in site.yaml: the quote opened here is never closed (close it with ')`},
		{"title: Test office\nbase_url: \"https://example.org/\nowner: office\n---\nresponse_days: 28\n",
			`site.yaml:2:11: invalid YAML in site.yaml: the quote opened here is never closed (close it with ")`},
		{"topics: {victim-care: Victim care, prevention: Prevention\ntitle: Test office\nbase_url: https://example.org/\nowner: office\n",
			`site.yaml:1:9: invalid YAML in site.yaml: the { opened here is never closed (close it with })`},
		{"title: Test office\nbase_url: https://example.org/\nowner: office\ntopics:\n  victim-care: Victim care\n\tprevention: Prevention\n",
			`site.yaml:6:1: invalid YAML in site.yaml: this line is indented with a tab, which YAML does not allow: indent with spaces`},
		{"title: 'The Commissioner's letters'\nbase_url: https://example.org/\nowner: office\n",
			`site.yaml:1:25: invalid YAML in site.yaml: this ' ends the value quoted at column 8, but the value goes on: inside '...' write an apostrophe as '' (or quote the value with ")`},
		// Where yaml.v3 names the line of the mistake, its message stands.
		{"title: Office\nbase_url: https://example.org/\nowner: office\ntopics:\n\tvictim-care: Victim care\n",
			`site.yaml:5:1: invalid YAML in site.yaml: found character that cannot start any token (YAML does not allow tabs for indentation: use spaces)`},
		{"privacy:\n  allow: [office@example.org, 01234 567890\ntitle: Test office\n",
			`site.yaml:2:1: invalid YAML in site.yaml: did not find expected ',' or ']'`},
	} {
		var errs diag.List
		cfg := Parse([]byte(c.src), &errs)
		items := errs.Items()
		if len(items) != 1 {
			t.Errorf("%q: want one problem, got %v", c.src, items)
			continue
		}
		if got := items[0].Error(); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, c.want)
		}
		if !cfg.Unusable {
			t.Errorf("%q: the settings are used despite the error", c.src)
		}
	}
}

// The deadline settings: working days, a calendar by name, extra days;
// each mistake reported where it is, with the names there are.
func TestDeadlineSettings(t *testing.T) {
	base := "title: T\nbase_url: https://example.org/\nowner: office\n"
	var errs diag.List
	cfg := Parse([]byte(base+"response_working_days: 20\nholidays: northern-ireland\nextra_holidays: [2026-12-29]\n"), &errs)
	if errs.Len() != 0 {
		t.Fatalf("problems: %v", errs.Items())
	}
	if cfg.ResponseWorkingDays != 20 || cfg.Holidays.Division != "northern-ireland" {
		t.Errorf("got %d working days, calendar %s", cfg.ResponseWorkingDays, cfg.Holidays.Division)
	}
	if cfg.Holidays.Holiday(time.Date(2026, 12, 29, 0, 0, 0, 0, time.UTC)) == "" || cfg.Holidays.Holiday(time.Date(2026, 3, 17, 0, 0, 0, 0, time.UTC)) == "" {
		t.Error("extra_holidays or St Patrick's Day not a holiday")
	}
	if cfg := Parse([]byte(base), &errs); cfg.Holidays == nil || cfg.Holidays.Division != "england-and-wales" || cfg.ResponseWorkingDays != 0 {
		t.Errorf("defaults: %+v", cfg)
	}
	for _, c := range []struct{ extra, want string }{
		{"holidays: scotlnd\n", `site.yaml:4:11: holidays "scotlnd" is not a bank holiday calendar: use england-and-wales, scotland, northern-ireland (did you mean scotland?)`},
		{"extra_holidays: [2026-13-01]\n", `site.yaml:4:18: extra_holidays: "2026-13-01" is not a date: write it as YYYY-MM-DD, such as 2026-12-29`},
		{"response_working_days: 0\n", `site.yaml:4:24: response_working_days must be between 1 and 2500, not 0`},
	} {
		var errs diag.List
		Parse([]byte(base+c.extra), &errs)
		items := errs.Items()
		if len(items) != 1 || items[0].Error() != c.want {
			t.Errorf("%q:\n got %v\nwant %s", c.extra, items, c.want)
		}
	}
}
