package slab

import (
	"strings"
	"sync"
	"testing"
)

// What is handed out is zero, never shared, and the lists have exactly
// the room asked for, from every goroutine at once.
func TestOf(t *testing.T) {
	type doc struct {
		n    int
		name string
	}
	var s Of[doc]
	var wg sync.WaitGroup
	lists := make([][][]doc, 4)
	docs := make([][]*doc, 4)
	for g := range 4 {
		wg.Go(func() {
			for i := range 500 {
				d := s.New()
				if *d != (doc{}) {
					t.Errorf("New gave %+v", *d)
				}
				d.n = g*1000 + i
				docs[g] = append(docs[g], d)
				l := s.List(i % 40)
				if len(l) != 0 || cap(l) != i%40 {
					t.Errorf("List(%d): len %d cap %d", i%40, len(l), cap(l))
				}
				for k := range cap(l) {
					l = append(l, doc{n: g*1000 + i, name: string(rune('a' + k%26))})
				}
				lists[g] = append(lists[g], l)
			}
		})
	}
	wg.Wait()
	for g := range 4 {
		for i, d := range docs[g] {
			if d.n != g*1000+i {
				t.Fatalf("doc %d of goroutine %d was overwritten: %d", i, g, d.n)
			}
			for _, e := range lists[g][i] {
				if e.n != g*1000+i {
					t.Fatalf("list %d of goroutine %d was overwritten", i, g)
				}
			}
		}
	}
}

func TestText(t *testing.T) {
	var x Text
	var got []string
	var want []string
	for i := range 3000 {
		p := strings.Repeat(string(rune('a'+i%26)), i%50)
		got = append(got, x.Join("/", p, "/"), x.String([]byte(p)))
		want = append(want, "/"+p+"/", p)
	}
	big := strings.Repeat("x", textBytes)
	got, want = append(got, x.Join(big, "y"), x.String([]byte(big)), x.Join(), x.String(nil)), append(want, big+"y", big, "", "")
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("string %d: %q, want %q", i, got[i], want[i])
		}
	}
}
