package par

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(0), ..., f(n-1) on GOMAXPROCS goroutines, the caller's
// among them, and waits for all. Each goroutine takes the next i from a
// shared counter (BenchmarkFor: an item costs a small fraction of what
// handing each over a channel did).
func For(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			f(i)
		}
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}

// ForContext is For that stops handing out work once ctx is done: each
// goroutine checks ctx before it takes the next i, so it returns within
// one call of f on each goroutine of the cancellation. It returns
// ctx.Err() if it stopped for ctx (some f(i) may then never have been
// called), else nil.
func ForContext(ctx context.Context, n int, f func(i int)) error {
	done := ctx.Done()
	if done == nil {
		For(n, f)
		return nil
	}
	var stopped atomic.Bool
	var next atomic.Int64
	work := func() {
		for {
			select {
			case <-done:
				stopped.Store(true)
				return
			default:
			}
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			f(i)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	if stopped.Load() {
		return ctx.Err()
	}
	return nil
}
