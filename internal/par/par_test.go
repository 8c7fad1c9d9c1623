package par

import (
	"sync/atomic"
	"testing"
)

// Every i is done once, whatever n, and For returns only when all are.
func TestForEachOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 100, 10007} {
		seen := make([]atomic.Int32, n)
		var done atomic.Int64
		For(n, func(i int) {
			seen[i].Add(1)
			// Nested, as the search index's chunks run inside a job.
			For(3, func(int) { done.Add(1) })
		})
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Fatalf("n=%d: f(%d) ran %d times", n, i, c)
			}
		}
		if got := done.Load(); got != int64(3*n) {
			t.Fatalf("n=%d: %d nested calls done on return, want %d", n, got, 3*n)
		}
	}
}

// The cost of handing out work, per item: what For adds to a loop over a
// large site's 30,000 documents.
func BenchmarkFor(b *testing.B) {
	var sink atomic.Int64
	for b.Loop() {
		For(10000, func(i int) {
			if i&1023 == 0 {
				sink.Add(1)
			}
		})
	}
}
