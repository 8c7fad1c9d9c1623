package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/sitetest"
)

// dataSite is the open data case of package build's tests, as a graph.
func dataSite(t *testing.T) *graph.Graph {
	t.Helper()
	s := sitetest.Load(t, "../build/testdata/build/_base.txtar", "../build/testdata/build/data.txtar")
	errs := &diag.List{}
	cfg := config.Load(s.FS, errs)
	site := content.Load(s.FS, cfg, errs)
	g := graph.Build(cfg, site, nil, graph.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}, errs)
	if errs.HasErrors(false) {
		t.Fatalf("the site has errors: %v", errs.Items())
	}
	return g
}

// The /data/ page documents exactly what the files hold: a CSV file's
// columns are its fields, in order; every name a JSON file writes (a
// field of a list's items as list[].field) is one of its fields.
func TestFilesAreDocumented(t *testing.T) {
	g := dataSite(t)
	site := Site{BaseURL: "https://example.org/", BasePath: "/", Title: "Test", Lang: "en", Author: "Test Office", FeedLength: 100,
		Feed: func() []FeedEntry {
			return []FeedEntry{{URL: "/letters/a/", Title: "A", Summary: "S", Published: "2021-02-01T00:00:00Z", Kind: "letter", Authors: []string{"Office"}}}
		}}
	cy := site
	cy.Lang = "cy"
	Files(g, cy)
	files := Files(g, site)
	// Every text the page shows of the files is in Messages or Plurals
	// (T would show a missing key as it is), in both languages.
	for _, k := range text.Missing() {
		t.Errorf("message %s is not in Messages or Plurals", k)
	}
	for k, m := range Messages {
		if m[0] == "" || m[1] == "" {
			t.Errorf("message %s is empty in a language", k)
		}
	}
	for k, p := range Plurals {
		if len(p[0]) == 0 || len(p[1]) == 0 {
			t.Errorf("message %s is empty in a language", k)
		}
	}
	if len(files) != 7 {
		t.Fatalf("%d files, want 7", len(files))
	}
	for _, f := range files {
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		var names []string
		for _, fd := range f.Fields {
			names = append(names, fd.Name)
			if fd.Meaning == "" || strings.Contains(fd.Example, "{base}") {
				t.Errorf("%s: field %s has no meaning, or an example not made absolute", f.Name, fd.Name)
			}
		}
		if f.Columns {
			header, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), csvBOM))).Read()
			if err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			if !slices.Equal(header, names) {
				t.Errorf("%s: columns %q, documented %q", f.Name, header, names)
			}
			continue
		}
		var v any
		if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		written := map[string]bool{}
		if items, ok := v.([]any); ok {
			for _, it := range items {
				keys(it, "", written)
			}
		} else {
			keys(v, "", written)
		}
		if len(written) == 0 {
			t.Errorf("%s: nothing written", f.Name)
		}
		for k := range written {
			// A field whose value is an object or list of objects is
			// documented whole (params, thread, attachments) or by its
			// fields (recipients[].org).
			if !slices.Contains(names, k) && !documentedAbove(names, k) {
				t.Errorf("%s: writes %s, which the page does not document", f.Name, k)
			}
		}
	}
}

// keys adds the names of v's fields to out, a list's items' as list[].name.
func keys(v any, prefix string, out map[string]bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	for k, x := range m {
		name := prefix + k
		switch x := x.(type) {
		case []any:
			if len(x) > 0 {
				if _, obj := x[0].(map[string]any); obj {
					for _, it := range x {
						keys(it, name+"[].", out)
					}
					continue
				}
			}
		case map[string]any:
			if k != "params" {
				keys(x, name+".", out)
				continue
			}
		}
		out[name] = true
	}
}

// documentedAbove reports whether a field that holds k is documented
// whole.
func documentedAbove(names []string, k string) bool {
	for i := range len(k) {
		if (k[i] == '.' || k[i] == '[') && slices.Contains(names, k[:i]) {
			return true
		}
	}
	return false
}

// A text cell that a spreadsheet would run as a formula starts with an
// apostrophe.
func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{"": "", "plain": "plain", "=SUM(A1)": "'=SUM(A1)", "+1": "'+1", "-1": "'-1", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx", "a=b": "a=b"} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}
