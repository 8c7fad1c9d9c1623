package diag

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestEscape: what a file can put in a path or a quoted value never
// reaches the terminal as a control character.
func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain ASCII: [x](y) \"q\"":    "plain ASCII: [x](y) \"q\"",
		"Welsh: Gŵyl ŷd, café – ok":    "Welsh: Gŵyl ŷd, café – ok",
		"clear \x1b[2J screen":         `clear \x1b[2J screen`,
		"bell\a, nul\x00, tab\t, nl\n": `bell\x07, nul\x00, tab\x09, nl\x0a`,
		"cr\r del\x7f":                 `cr\x0d del\x7f`,
		"C1 CSI \u009b31m":             `C1 CSI \u009b31m`,
		"raw byte \x9b31m \xff":        `raw byte \x9b31m \xff`,
		"bidi \u202eevil\u202c":        `bidi \u202eevil\u202c`,
		"isolates \u2066\u2067\u2068\u2069 marks \u200e\u200f\u061c": `isolates \u2066\u2067\u2068\u2069 marks \u200e\u200f\u061c`,
		"embeddings \u202a\u202b\u202d":                              `embeddings \u202a\u202b\u202d`,
		"separators \u2028\u2029":                                    `separators \u2028\u2029`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestPrintEscapes: every way diag prints a problem escapes its path and
// message.
func TestPrintEscapes(t *testing.T) {
	var l List
	l.Errorf(Pos{Path: "content/pages/\x1b[31mred\u202e.md", Line: 2, Col: 3}, "title %s is \x1b]0;pwned\a", "\u202egnp.exe")
	l.Warnf(Pos{Path: "a.md"}, "value \x9b2J")
	var b strings.Builder
	l.Print(&b)
	for _, out := range []string{b.String(), l.Error(), l.Items()[0].Error()} {
		if i := strings.IndexFunc(out, func(r rune) bool {
			return r != '\n' && (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x202e || r == 0xfffd)
		}); i >= 0 {
			t.Errorf("printed a control character at %d: %q", i, out)
		}
	}
	want := `a.md:1:1: warning: value \x9b2J
content/pages/\x1b[31mred\u202e.md:2:3: title \u202egnp.exe is \x1b]0;pwned\x07
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// FuzzEscape: whatever the text, Escape's result holds no character a
// terminal acts on, and text without one is left as it is.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "Gŵyl", "\x1b[2J", "\u202e", "\xff\x9b", "\u0085", "a\tb\nc", "\ufffd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// bad is the offset of the first character a terminal acts on
		// (or of a byte that is not UTF-8), or -1.
		bad := func(s string) int {
			for i, r := range s {
				if _, n := utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && n == 1 ||
					r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || isBidiOrBreak(r) {
					return i
				}
			}
			return -1
		}
		out := Escape(s)
		if i := bad(out); i >= 0 {
			t.Fatalf("Escape(%q) = %q keeps %q", s, out, out[i:])
		}
		if bad(s) < 0 && out != s {
			t.Fatalf("Escape(%q) = %q changed plain text", s, out)
		}
	})
}
