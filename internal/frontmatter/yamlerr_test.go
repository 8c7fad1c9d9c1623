package frontmatter

import (
	"strings"
	"testing"

	"letterpress/internal/diag"
)

// yamlProblem returns the one problem Split and Parse find in src.
func yamlProblem(t *testing.T, path, src string) string {
	t.Helper()
	var errs diag.List
	f, ok := Split(path, []byte(src), &errs)
	if !ok {
		t.Fatalf("%q: %v", src, errs.Items())
	}
	Parse(path, f.YAML, f.YAMLLine, &errs)
	items := errs.Items()
	if len(items) != 1 {
		t.Fatalf("%q: want one problem, got %v", src, items)
	}
	return items[0].Error()
}

// fields is a letter's front matter after its first field: fourteen lines
// in all, as in the issue (a quote left open on line 2 was reported on
// line 14, where the scanner reached the end).
const fields = "date: 2021-04-01\nto: [northshire-pcc]\ncites: [annual-report-2020]\ntopics: [victim-care]\n" +
	"summary: A letter\nlang: en\nfrom: office\nresponse_due: 2021-05-01\ndraft: false\n" +
	"in_reply_to: 2021-03-20-northshire-pcc\nsign_off: Yours\nsigned: Test Office\n"

// A YAML mistake is reported where it is: the quote, [ or { left open,
// or the tab, with its column, however far on yaml.v3's scanner got.
func TestYAMLErrorPosition(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		// The issue: a quote left open in the first field.
		{"---\ntitle: \"About\n" + fields + "---\n",
			`x.md:2:8: invalid YAML in front matter: the quote opened here is never closed (close it with ")`},
		{"---\ntitle: 'About\n" + fields + "---\n",
			`x.md:2:8: invalid YAML in front matter: the quote opened here is never closed (close it with ')`},
		// Closed, for yaml.v3, by the opening quote of a later value.
		{"---\ntitle: \"About\ndate: 2021-04-01\nsummary: \"A letter\"\n---\n",
			`x.md:2:8: invalid YAML in front matter: the quote opened here is never closed (close it with ")`},
		{"---\ntitle: 'About\ndate: 2021-04-01\nsummary: 'A letter'\n---\n",
			`x.md:2:8: invalid YAML in front matter: the quote opened here is never closed (close it with ')`},
		// Left open in a later field or a list item: yaml.v3 has the line
		// but says only "found unexpected end of stream".
		{"---\ntitle: About\nto:\n  - \"northshire-pcc\n  - eastshire-police\ndate: 2021-04-01\n---\n",
			`x.md:4:5: invalid YAML in front matter: the quote opened here is never closed (close it with ")`},
		{"---\ntitle: About\nto: [northshire-pcc, \"eastshire-police]\ndate: 2021-04-01\n---\n",
			`x.md:3:22: invalid YAML in front matter: the quote opened here is never closed (close it with ")`},
		{"---\ntitle: About\nsummary: \"The last field\n---\n",
			`x.md:3:10: invalid YAML in front matter: the quote opened here is never closed (close it with ")`},
		// A value in quotes may go on over lines indented under its field,
		// or over lines that start no field.
		{"---\nsummary: \"A long summary\n  over two lines\"\ntitle: \"About\ndate: 2021-04-01\n---\n",
			`x.md:4:8: invalid YAML in front matter: the quote opened here is never closed (close it with ")`},
		{"---\nsummary: \"A long summary\nover two lines\"\ntitle: 'About\ndate: 2021-04-01\n---\n",
			`x.md:4:8: invalid YAML in front matter: the quote opened here is never closed (close it with ')`},
		// Quotes inside a plain value or a block of text open nothing.
		{"---\nsummary: He said \"yes\nbody: |\n  \"quoted\n  text\ntitle: \"About\ndate: 2021-04-01\n---\n",
			`x.md:6:8: invalid YAML in front matter: the quote opened here is never closed (close it with ")`},
		{"---\ntitle: 'It''s about\ndate: 2021-04-01\n---\n",
			`x.md:2:8: invalid YAML in front matter: the quote opened here is never closed (close it with ')`},
		{"---\ntitle: \"A \\\"quoted\\\" word\ndate: 2021-04-01\n---\n",
			`x.md:2:8: invalid YAML in front matter: the quote opened here is never closed (close it with ")`},
		// Columns count characters; CRLF line endings change nothing.
		{"---\ntítulo: «x»\nenw: \"Llythyr\ndate: 2021-04-01\n---\n",
			`x.md:3:6: invalid YAML in front matter: the quote opened here is never closed (close it with ")`},
		{"---\r\ntitle: \"About\r\ndate: 2021-04-01\r\nsummary: x\r\n---\r\n",
			`x.md:2:8: invalid YAML in front matter: the quote opened here is never closed (close it with ")`},
		// A [ or { left open in the first field.
		{"---\nto: [northshire-pcc, eastshire-police\ndate: 2021-04-01\ntitle: About\n---\n",
			`x.md:2:5: invalid YAML in front matter: the [ opened here is never closed (close it with ])`},
		{"---\nto: {org: northshire-pcc, name: Jane\ndate: 2021-04-01\ntitle: About\n---\n",
			`x.md:2:5: invalid YAML in front matter: the { opened here is never closed (close it with })`},
		{"---\nto: [eastshire-police, {org: northshire-pcc\ndate: 2021-04-01\ntitle: About\n---\n",
			`x.md:2:24: invalid YAML in front matter: the { opened here is never closed (close it with }, then the [ around it with ])`},
		// On a later line yaml.v3 names the right line, and what is missing.
		{"---\ntitle: About\nto: [northshire-pcc\ndate: 2021-04-01\n---\n",
			`x.md:3:1: invalid YAML in front matter: did not find expected ',' or ']'`},
		// A tab below the line yaml.v3 names.
		{"---\ntitle: About\nto:\n  - northshire-pcc\n\t- eastshire-police\n---\n",
			`x.md:5:1: invalid YAML in front matter: this line is indented with a tab, which YAML does not allow: indent with spaces`},
		{"---\ntitle: About\nsummary: |\n  A summary\n\tindented with a tab\n---\n",
			`x.md:5:1: invalid YAML in front matter: this line is indented with a tab, which YAML does not allow: indent with spaces`},
		{"---\ntitle: About\nto:\n  - org: northshire-pcc\n  \tname: Jane\n---\n",
			`x.md:5:3: invalid YAML in front matter: this line is indented with a tab, which YAML does not allow: indent with spaces`},
		// On the line yaml.v3 names.
		{"---\ntitle: About\nto:\n\t- northshire-pcc\n---\n",
			`x.md:4:1: invalid YAML in front matter: found character that cannot start any token (YAML does not allow tabs for indentation: use spaces)`},
		// Not a tab: no word about tabs.
		{"---\ntitle: @home\n---\n",
			"x.md:2:1: invalid YAML in front matter: found character that cannot start any token (a value cannot start with @ or `: put it in quotes)"},
		// A quote inside a quoted value ends it: yaml.v3 says only that
		// it "did not find expected key".
		{"---\ntitle: 'Commissioner's reply'\ndate: 2021-04-01\n---\n",
			`x.md:2:21: invalid YAML in front matter: this ' ends the value quoted at column 8, but the value goes on: inside '...' write an apostrophe as '' (or quote the value with ")`},
		{"---\ndate: 2021-04-01\ntitle: \"He said \"yes\" to it\"\n---\n",
			`x.md:3:17: invalid YAML in front matter: this " ends the value quoted at column 8, but the value goes on: inside "..." write a quote as \" (or quote the value with ')`},
		{"---\ntitle: About\nto:\n  - org: northshire-pcc\n    name: 'Jane O'Brien'\n---\n",
			`x.md:5:18: invalid YAML in front matter: this ' ends the value quoted at column 11, but the value goes on: inside '...' write an apostrophe as '' (or quote the value with ")`},
		{"---\ntitle: About\nto: ['northshire's pcc']\n---\n",
			`x.md:3:17: invalid YAML in front matter: this ' ends the value quoted at column 6, but the value goes on: inside '...' write an apostrophe as '' (or quote the value with ")`},
		// Other mistakes keep yaml.v3's message.
		{"---\ntitle: Re: victim care\n---\n",
			`x.md:2:1: invalid YAML in front matter: mapping values are not allowed in this context (a value containing ": " must be quoted)`},
	} {
		if got := yamlProblem(t, "x.md", c.src); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

// Whatever the text, the position found is inside it.
func TestYAMLErrorPositionInside(t *testing.T) {
	for _, src := range []string{"\"", "'", "[", "{", "a: [\"", "a: {'", "- \"\n- '", "a: [\n]: \"", "\t\"", "a: |\n\t\"", "? \"\n: '"} {
		var errs diag.List
		Parse("x.yaml", []byte(src), 1, &errs)
		lines := strings.Count(src, "\n") + 1
		for _, e := range errs.Items() {
			if e.Line < 1 || e.Line > lines {
				t.Errorf("%q: %v is outside the text's %d lines", src, e, lines)
			}
		}
	}
}
