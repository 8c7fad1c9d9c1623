package diag

import (
	"encoding/json"
	"strings"
	"testing"
)

func formatList() *List {
	var l List
	l.Add(FileError{Path: "content/letters/a.md", Msg: "whole file"})
	l.Add(FileError{Path: "content/letters/a.md", Line: 3, Col: 5, Msg: "100% wrong\nsecond line\r\nthird", Severity: Warning})
	l.Add(FileError{Path: "content/b,c:d%.md", Line: 2, Msg: "whole line \x1b[2J"})
	l.Add(FileError{Msg: "no file at all"})
	return &l
}

func TestPrintGitHub(t *testing.T) {
	var b strings.Builder
	if err := formatList().PrintFormat(&b, "github"); err != nil {
		t.Fatal(err)
	}
	want := `::error::no file at all
::error file=content/b%2Cc%3Ad%25.md,line=2,col=1::whole line \x1b[2J
::error file=content/letters/a.md,line=1,col=1::whole file
::warning file=content/letters/a.md,line=3,col=5::100%25 wrong%0Asecond line%0D%0Athird
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestPrintJSON(t *testing.T) {
	var b strings.Builder
	if err := formatList().PrintFormat(&b, "json"); err != nil {
		t.Fatal(err)
	}
	var got []JSONProblem
	if err := json.Unmarshal([]byte(b.String()), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	want := []JSONProblem{
		{Path: "", Line: 0, Col: 0, Severity: "error", Message: "no file at all"},
		{Path: "content/b,c:d%.md", Line: 2, Col: 1, Severity: "error", Message: "whole line \x1b[2J"},
		{Path: "content/letters/a.md", Line: 1, Col: 1, Severity: "error", Message: "whole file"},
		{Path: "content/letters/a.md", Line: 3, Col: 5, Severity: "warning", Message: "100% wrong\nsecond line\r\nthird"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), b.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if !strings.Contains(b.String(), `"message":"100% wrong\nsecond line\r\nthird"`) {
		t.Errorf("newlines not escaped as JSON escapes them:\n%s", b.String())
	}
	// No problem at all is an empty array, not null.
	b.Reset()
	if err := (&List{}).PrintJSON(&b); err != nil || b.String() != "[]\n" {
		t.Errorf("empty list: %q, %v", b.String(), err)
	}
}

func TestPrintFormatUnknown(t *testing.T) {
	if err := formatList().PrintFormat(&strings.Builder{}, "xml"); err == nil {
		t.Error("an unknown format was accepted")
	}
}
