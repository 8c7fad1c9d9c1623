// Package par runs independent work on every core.
//
// [For] calls f(0) ... f(n-1) on GOMAXPROCS goroutines, the caller's among
// them, and waits for all; [ForContext] also stops handing out work once
// its context is done, which is how a build stops on Ctrl-C. Loading,
// converting and the search index use it; so does removing an output
// folder.
//
// Each goroutine takes the next index from a shared counter rather than
// from a channel: the items are many and small (a document each), so
// handing them out must cost next to nothing. There is no error
// collection here; a stage adds its problems to its own diag.List, which
// is safe for concurrent use.
package par
