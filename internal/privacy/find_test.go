package privacy

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestFindAsRegexp: findEmails, and scan for postcodes, which run their
// regular expressions only around what every match holds, find what the
// regular expressions find over the whole text.
func TestFindAsRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		name   string
		pieces []string
		find   func([]byte) [][]int
		all    func([]byte) [][]int
	}{
		{"emails", []string{"a", "jane", ".", "doe", "@", "@", "example", ".org", ".co", ".uk", "-", "_", "%", "+", "'", " ", "x", "1", "/", "é", "b@c", "@@", ".c"},
			findEmails, func(b []byte) [][]int { return emailRE.FindAllIndex(b, -1) }},
		{"postcodes", []string{"1", "2", "A", "AA", "B", "W", "SW", "EC", "GIR", "0AA", "1BB", "3", "9", " ", "\u00a0", "CF", "10", "Q", "V", "I", "C", "X", "Z", "a", " ", ", ", " CF10 ", "1AA "},
			func(b []byte) [][]int {
				var out [][]int
				for _, f := range scanText(b) {
					if f.Kind == Postcode {
						out = append(out, []int{f.Start, f.End})
					}
				}
				return out
			},
			func(b []byte) [][]int {
				var out [][]int
				for _, m := range postcodeRE.FindAllIndex(b, -1) {
					if boundary(b, m[0], m[1]) {
						out = append(out, m)
					}
				}
				return out
			}},
	} {
		matched := 0
		for range 50000 {
			var b strings.Builder
			for k := rng.IntN(14) + 1; k > 0; k-- {
				b.WriteString(tc.pieces[rng.IntN(len(tc.pieces))])
			}
			src := []byte(b.String())
			got, want := tc.find(src), tc.all(src)
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%s in %q: %v, want %v", tc.name, src, got, want)
			}
			if len(want) > 0 {
				matched++
			}
		}
		if matched < 1500 {
			t.Errorf("%s: only %d texts had a match", tc.name, matched)
		}
	}
}
