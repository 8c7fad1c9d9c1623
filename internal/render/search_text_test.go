package render

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestStopwordTable: keepShort agrees with stopwords for every term of 2
// to maxStopword bytes.
func TestStopwordTable(t *testing.T) {
	check := func(w string) {
		t.Helper()
		want := utf8.RuneCountInString(w) > 1 && !stopwords[w]
		if got := keepShort([]byte(w)); got != want {
			t.Fatalf("keepShort(%q) = %v, want %v", w, got, want)
		}
	}
	for w := range stopwords {
		if len(w) > 1 {
			check(w)
		}
		for i := 2; i < len(w); i++ {
			check(w[:i])
		}
	}
	// Every term of 2 or 3 ASCII letters and digits, and random ones of 4
	// and of other characters.
	const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	for _, a := range alnum {
		for _, b := range alnum {
			check(string(a) + string(b))
			for _, c := range alnum {
				check(string(a) + string(b) + string(c))
			}
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	letters := []rune(alnum + "éŵßΩ日")
	for range 100000 {
		var w []byte
		for len(w) < 2 || len(w) <= maxStopword && rng.IntN(3) > 0 {
			w = utf8.AppendRune(w, letters[rng.IntN(len(letters))])
		}
		if len(w) <= maxStopword {
			check(string(w))
		}
	}
}
