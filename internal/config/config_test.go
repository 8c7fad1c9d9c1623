package config

import (
	"testing"

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
