package par

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// ForContext does every i once when ctx is never done, and stops handing
// out work once it is: a loop cancelled at its start does little more
// than one item a goroutine.
func TestForContext(t *testing.T) {
	for _, n := range []int{0, 1, 3, 10007} {
		seen := make([]atomic.Int32, n)
		if err := ForContext(context.Background(), n, func(i int) { seen[i].Add(1) }); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		if err := ForContext(ctx, n, func(i int) { seen[i].Add(1) }); err != nil {
			t.Fatal(err)
		}
		cancel()
		for i := range seen {
			if c := seen[i].Load(); c != 2 {
				t.Fatalf("n=%d: f(%d) ran %d times, want 2", n, i, c)
			}
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int64
	const n = 100000
	err := ForContext(ctx, n, func(i int) {
		if calls.Add(1) == 10 {
			cancel()
		}
		time.Sleep(10 * time.Microsecond)
	})
	if err != context.Canceled {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if c := calls.Load(); c >= n/2 {
		t.Errorf("%d of %d items done after the cancellation at the 10th", c, n)
	}
}
