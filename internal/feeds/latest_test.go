package feeds

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"letterpress/internal/content"
	"letterpress/internal/graph"
)

// TestLatest checks Latest against sorting every document: with lists in
// the graph's order (it merges their heads), with lists in any order (it
// sorts them), with ties on the date, and with fewer documents than a feed.
func TestLatest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := func(kind content.Kind, n int) []*content.Doc {
		out := make([]*content.Doc, n)
		for i := range out {
			// Few dates, so that many documents share one.
			out[i] = &content.Doc{Kind: kind, ID: fmt.Sprintf("d%03d", i), Date: day.AddDate(0, 0, r.IntN(40))}
		}
		return out
	}
	for _, n := range []int{0, 3, Length - 1, Length, 3 * Length} {
		letters, replies := docs(content.Letter, n), docs(content.Response, n/2+1)
		want := slices.SortedFunc(slices.Values(append(slices.Clone(letters), replies...)), graph.NewestFirst)
		want = want[:min(len(want), Length)]
		if got := Latest(letters, replies); !slices.Equal(got, want) {
			t.Errorf("n=%d, lists in any order: %d documents, not the %d newest", n, len(got), len(want))
		}
		slices.SortFunc(letters, graph.NewestFirst)
		slices.SortFunc(replies, graph.NewestFirst)
		before := slices.Clone(letters)
		if got := Latest(letters, replies); !slices.Equal(got, want) {
			t.Errorf("n=%d, lists in the graph's order: %d documents, not the %d newest", n, len(got), len(want))
		}
		if got := Latest(letters); !slices.Equal(got, letters[:min(n, Length)]) {
			t.Errorf("n=%d, one sorted list: not its head", n)
		}
		if !slices.Equal(letters, before) {
			t.Errorf("n=%d: latest changed a list it was given", n)
		}
	}
}
