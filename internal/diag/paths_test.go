package diag

import "testing"

// TestLocalPaths: on Windows a problem's location names the file with
// backslashes, as a person pastes it into a shell there; elsewhere, and
// in the message, slashes stay.
func TestLocalPaths(t *testing.T) {
	e := FileError{Path: "content/letters/2021/x.md", Line: 3, Col: 1, Msg: "see content/letters/y.md"}
	if got, want := e.Error(), "content/letters/2021/x.md:3:1: see content/letters/y.md"; separator == '/' && got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	saved := separator
	separator = '\\'
	t.Cleanup(func() { separator = saved })
	if got, want := e.Error(), `content\letters\2021\x.md:3:1: see content/letters/y.md`; got != want {
		t.Fatalf("on Windows: got %q, want %q", got, want)
	}
	e = FileError{Path: "C:/Users/ann/site/public/letters/index.html", Msg: "no space left"}
	if got, want := e.Error(), `C:\Users\ann\site\public\letters\index.html:1:1: no space left`; got != want {
		t.Fatalf("on Windows: got %q, want %q", got, want)
	}
}
