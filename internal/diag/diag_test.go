package diag

import (
	"strings"
	"sync"
	"testing"
)

func TestFormatAndOrder(t *testing.T) {
	var l List
	var wg sync.WaitGroup
	// Added concurrently and out of order; printed sorted, duplicates once.
	for _, e := range []FileError{
		{Path: "b.md", Line: 2, Col: 1, Msg: "second"},
		{Path: "a.md", Line: 10, Col: 3, Msg: "later", Severity: Warning},
		{Path: "a.md", Line: 9, Col: 7, Msg: "earlier"},
		{Path: "a.md", Msg: "whole file"},
		{Path: "b.md", Line: 2, Col: 1, Msg: "second"},
		{Path: "c.md", Line: 4, Msg: "whole line"},
	} {
		wg.Add(1)
		go func() { defer wg.Done(); l.Add(e) }()
	}
	wg.Wait()
	var b strings.Builder
	l.Print(&b)
	// A problem with a whole file is printed at 1:1, one with a whole
	// line at its first column: problem matchers want path:line:col.
	want := `a.md:1:1: whole file
a.md:9:7: earlier
a.md:10:3: warning: later
b.md:2:1: second
c.md:4:1: whole line
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if got := l.Summary(); got != "4 errors, 1 warning" {
		t.Errorf("summary %q", got)
	}
	if !l.HasErrors(false) {
		t.Error("HasErrors false")
	}
	var w List
	w.Warnf(Pos{Path: "x"}, "w")
	if w.HasErrors(false) || !w.HasErrors(true) {
		t.Error("a warning must fail only under strict")
	}
	if got := w.Summary(); got != "0 errors, 1 warning" {
		t.Errorf("summary %q", got)
	}
}

func TestSuggest(t *testing.T) {
	ids := []string{"south-wales-pcc", "north-wales-pcc", "gwent-pcc", "annual-report-2020", "office"}
	for word, want := range map[string]string{
		"south-wales-pc":     "south-wales-pcc",
		"sout-wales-pcc":     "south-wales-pcc",
		"annual-report-2021": "annual-report-2020",
		"ofice":              "office",
		"gwent-police":       "",
		"x":                  "",
		"office":             "", // an exact match is not a suggestion
	} {
		if got := Suggest(word, ids); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", word, got, want)
		}
	}
}
