package graph

import (
	"math/rand/v2"
	"testing"

	"letterpress/internal/content"
)

func docs(n int) []*content.Doc {
	all := make([]*content.Doc, n)
	for i := range all {
		all[i] = &content.Doc{ID: "d"}
	}
	return all
}

// Every document is found at its place, whatever the size of the list;
// documents not in it, and nil, are not found; a document listed twice
// is found at its last place, as a map filled in order would give it.
func TestDocIndex(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 8, 9, 100, 4096, 30000} {
		all := docs(n)
		x := newDocIndex(all)
		for i, d := range all {
			if j, ok := x.find(all, d); !ok || j != i {
				t.Fatalf("n=%d: document %d found at %d, %v", n, i, j, ok)
			}
		}
		for _, d := range append(docs(50), nil) {
			if j, ok := x.find(all, d); ok {
				t.Fatalf("n=%d: a document not in the list found at %d", n, j)
			}
		}
	}
	all := docs(10)
	all = append(all, all[3], all[7])
	x := newDocIndex(all)
	if j, _ := x.find(all, all[3]); j != 10 {
		t.Errorf("a document listed at 3 and 10 found at %d", j)
	}
	if j, _ := x.find(all, all[7]); j != 11 {
		t.Errorf("a document listed at 7 and 11 found at %d", j)
	}
	var g Graph
	if _, ok := g.Index(all[0]); ok {
		t.Error("the zero graph finds a document")
	}
}

// BenchmarkIndex looks up the documents of a 10k site (30,000) in a
// random order, as pages do: the graph's table against a map keyed by
// *content.Doc (what the graph used).
func BenchmarkIndex(b *testing.B) {
	all := docs(30000)
	order := rand.New(rand.NewPCG(1, 1)).Perm(len(all))
	b.Run("table", func(b *testing.B) {
		x := newDocIndex(all)
		sum := 0
		for b.Loop() {
			for _, i := range order {
				j, _ := x.find(all, all[i])
				sum += j
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(order)), "ns/lookup")
	})
	b.Run("map", func(b *testing.B) {
		m := make(map[*content.Doc]int32, len(all))
		for i, d := range all {
			m[d] = int32(i)
		}
		sum := 0
		for b.Loop() {
			for _, i := range order {
				j := m[all[i]]
				sum += int(j)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(order)), "ns/lookup")
	})
}
