package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// referenceTokens is the plain statement of what a term is (see tokens),
// one character at a time, against which the fast tokenizer is checked.
func referenceTokens(s string) []string {
	var out []string
	var buf []rune
	flush := func() {
		t := string(buf)
		if n := len(t); n > maxStopword || n > 1 && utf8.RuneCountInString(t) > 1 && !stopwords[t] {
			out = append(out, t)
		}
		buf = buf[:0]
	}
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := fold[r]; ok {
			r = f
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			buf = append(buf, r)
		case r == '\'' || r == '’':
		default:
			flush()
		}
	}
	flush()
	return out
}

func TestTokensMatchReference(t *testing.T) {
	pieces := []string{"a", "b", "Z", "9", "the", "of", "Dŵr", "café", "don't", "O’Brien", " ", "  ", "\n", ",", ".", "-", "'", "’", "é", "É", "ŵ", "ß", "İ", "日本", "\u00a0", "\u2028", "x1", "HTML", "yn", "\xff", "é", "Ω", "\x00", "ab\x00cd"}
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []string{"", " ", "a", "ab", "The Home Office's reply", "dŵr café naïve", "'tis", "end'", "abc\xffdef", "ab\u00a0cd", "a\x00bc\x00de", "longerword\x00x"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		got := tokens(c)
		var gotBytes []string
		eachToken([]byte(c), func(t []byte) { gotBytes = append(gotBytes, string(t)) })
		want := referenceTokens(c)
		if !slices.Equal(got, want) || !slices.Equal(gotBytes, want) {
			t.Fatalf("tokens(%q) = %q (bytes: %q), want %q", c, got, gotBytes, want)
		}
	}
}
