package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"letterpress/internal/markdown"
)

// TestHTMLTextOfMarkdown: the text the search index takes from a rendered
// body, for the passages results show and for its terms, reads as the
// page does: no footnote numbers or ways back, no space between a link
// and its full stop or comma, and a word that emphasis divides is one.
func TestHTMLTextOfMarkdown(t *testing.T) {
	for _, lang := range []string{"en", "cy"} {
		res, err := markdown.New(lang).Convert([]byte(`Dear Chief Constable,

Inspectors found people in nail bars without pay.[^1] They told [Eastshire Police](https://example.org/), and [Westshire Council](https://example.org/w), who acted.

The *car* wash**es** were closed[^note], and __hand__ car washes too.

- a list item
- another

[^1]: The regional review, chapter 4.
[^note]: As [reported](https://example.org/r).
`), noResolver{})
		if err != nil {
			t.Fatal(err)
		}
		var h htmlText
		var terms []string
		text := string(h.scan(res.Bytes(), 10000, func(w []byte) { terms = append(terms, string(w)) }))
		want := "Dear Chief Constable, Inspectors found people in nail bars without pay. They told Eastshire Police, and Westshire Council, who acted. " +
			"The car washes were closed, and hand car washes too. a list item another The regional review, chapter 4. As reported."
		if text != want {
			t.Errorf("%s: text\n%q, want\n%q", lang, text, want)
		}
		if !slices.Contains(terms, "washes") || slices.Contains(terms, "es") || slices.Contains(terms, "back") {
			t.Errorf("%s: terms %q", lang, terms)
		}
	}
}

// TestPassage: a result's text is its summary then the text, cut at a
// word to passageLen characters.
func TestPassage(t *testing.T) {
	long := strings.Repeat("word ", passageLen)
	for _, c := range []struct{ summary, text, want string }{
		{"", "Some text.", "Some text."},
		{"A summary.", "Some text.", "A summary. Some text."},
		{"A summary.", "", "A summary."},
		{"", long, strings.TrimSpace(long[:passageLen]) + "…"},
	} {
		if got := passage(c.summary, c.text); got != c.want {
			t.Errorf("passage(%q, %.20q…) = %.40q…, want %.40q…", c.summary, c.text, got, c.want)
		}
		if n := len([]rune(passage(c.summary, c.text))); n > passageLen+1 {
			t.Errorf("passage of %d characters", n)
		}
	}
}

// TestWordFormEncode: a vocabulary shard gives a form's stem as the
// letters to drop when it can, and marks a word also indexed as written.
func TestWordFormEncode(t *testing.T) {
	for _, c := range []struct {
		f    wordForm
		want any
	}{
		{wordForm{word: "washes", stem: "wash"}, 2},
		{wordForm{word: "happy", stem: "happi"}, "happi"},
		{wordForm{word: "ledled", stem: "ledl", both: true}, []any{2}},
		{wordForm{word: "cafés", stem: "café"}, "café"},
	} {
		if got := c.f.encode(); !equalAny(got, c.want) {
			t.Errorf("%+v: %#v, want %#v", c.f, got, c.want)
		}
	}
	for w, stem := range map[string]string{"letters": "letter", "washing": "wash", "washington": "washington", "commissioners": "commission", "policies": "polici"} {
		if got := stemEnglish(w); got != stem {
			t.Errorf("stemEnglish(%q) = %q, want %q", w, got, stem)
		}
	}
}

func equalAny(a, b any) bool {
	if la, ok := a.([]any); ok {
		lb, ok := b.([]any)
		return ok && len(la) == len(lb) && (len(la) == 0 || la[0] == lb[0])
	}
	return a == b
}

// TestStemAnyTerm: the stemmer takes any term without panicking and gives
// a term, however odd the letters.
func TestStemAnyTerm(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	letters := []rune("abcdefghijklmnopqrstuvwxyzaeiouyyy0123456789ßΩ日łøæœŵ")
	for range 100000 {
		w := make([]rune, 2+rng.IntN(14))
		for i := range w {
			w[i] = letters[rng.IntN(len(letters))]
		}
		if stemEnglish(string(w)) == "" {
			t.Fatalf("stemEnglish(%q) is empty", string(w))
		}
	}
}
