// Package par runs independent work on every core.
package par

import (
	"runtime"
	"sync"
)

// For calls f(0), ..., f(n-1) on GOMAXPROCS goroutines and waits for all.
func For(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n))
	var wg sync.WaitGroup
	next := make(chan int, workers*4)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
