package stats

import (
	"html/template"
	"math/rand/v2"
	"testing"
)

// The SVG's text is escaped here, not by html/template (the page puts
// the SVG in as HTML): it must come out exactly as html/template would
// escape the same text, byte for byte, invalid UTF-8 and NUL included.
func TestEscapeIsHTMLTemplates(t *testing.T) {
	cases := []string{"", "plain", `<b class="x">Tom & Jerry's</b>`, "a\x00b", "\xff\xfe<", "Cymraeg: ŵ ŷ “quotes”", "&amp;"}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab<>&'\"\x00\xc3\xa9\xff ")
	for range 2000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		if got, want := escape(s), template.HTMLEscapeString(s); got != want {
			t.Errorf("escape(%q) = %q, html/template gives %q", s, got, want)
		}
	}
}

// axisScale's top is a multiple of its step at or above the highest
// value, in four or five steps of 1, 2 or 5 times a power of ten.
func TestAxisScale(t *testing.T) {
	for hi := 1; hi < 20000; hi += 1 + hi/50 {
		top, step := axisScale(hi)
		if top < hi || top%step != 0 {
			t.Fatalf("axisScale(%d) = %d, %d: top below the value or not a multiple of the step", hi, top, step)
		}
		if n := top / step; n > 5 {
			t.Errorf("axisScale(%d) = %d, %d: %d steps", hi, top, step, n)
		}
		m := step
		for m%10 == 0 {
			m /= 10
		}
		if m != 1 && m != 2 && m != 5 {
			t.Errorf("axisScale(%d): step %d is not 1, 2 or 5 times a power of ten", hi, step)
		}
	}
}

// FuzzEscape compares escape with html/template's on any text.
func FuzzEscape(f *testing.F) {
	f.Add(`<b class="x">Tom & Jerry's</b>`)
	f.Add("a\x00b\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := escape(s), template.HTMLEscapeString(s); got != want {
			t.Errorf("escape(%q) = %q, html/template gives %q", s, got, want)
		}
	})
}
