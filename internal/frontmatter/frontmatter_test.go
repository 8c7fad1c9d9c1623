package frontmatter

import (
	"strings"
	"testing"

	"letterpress/internal/diag"
)

// YAML breaks lines at NEL, U+2028 and U+2029 as well as at line feeds;
// positions must still be the file's lines and columns as an editor shows
// them (the fuzzer found an error placed past the end of a file).
func TestUnicodeLineBreaks(t *testing.T) {
	for _, c := range []struct {
		src       string
		line, col int
	}{
		{"---\n\u0085\u0085''\n---", 2, 3},
		{"---\ntitle: \"a\u2028b\"\nsummary: [1]\n---\n", 3, 10},
		{"---\ntitle: \"a\u2028b\u0085c\"\nsummary: {a: 1}\n---\n", 3, 10},
	} {
		errs := &diag.List{}
		f, ok := Split("a.md", []byte(c.src), errs)
		if !ok {
			t.Fatalf("%q: %v", c.src, errs.Items())
		}
		fs := Parse("a.md", f.YAML, f.YAMLLine, errs)
		if c.line == 3 { // a field read as the wrong type reports the value's position
			_ = fs.String("summary")
		}
		items := errs.Items()
		if len(items) != 1 {
			t.Fatalf("%q: want one problem, got %v", c.src, items)
		}
		if e := items[0]; e.Line != c.line || (c.col > 0 && e.Col != c.col) {
			t.Errorf("%q: problem at %d:%d, want %d:%d (%s)", c.src, e.Line, e.Col, c.line, c.col, e.Msg)
		}
	}
}

// A document of a start marker alone is an empty value YAML places on the
// line after the marker: the problem stays inside the file.
func TestStartMarkerAlone(t *testing.T) {
	for _, text := range []string{"---", "--- ", "x: 1\n---"} {
		var errs diag.List
		Parse("site.yaml", []byte(text), 1, &errs)
		lines := strings.Count(text, "\n") + 1
		for _, e := range errs.Items() {
			if e.Line < 1 || e.Line > lines {
				t.Errorf("%q: %v is outside the text's %d lines", text, e, lines)
			}
		}
	}
}
