package markdown

import (
	"strings"
	"sync"
)

// What a build keeps of each body, its Result and summary, lives until
// the build ends, while converting the body makes many times as much
// that dies at once. Allocated one by one, the kept objects were spread
// over memory the garbage had held, which the runtime cannot reuse for
// other sizes nor give back while one object in each span lives (half a
// gigabyte held but unused at 100,000 letters). Taken from chunks, they
// are packed together instead.

const (
	resultChunk = 32       // Results in a chunk
	textChunk   = 16 << 10 // bytes of summaries in a chunk
)

var kept struct {
	mu      sync.Mutex
	results []Result
	text    strings.Builder
}

// newResult returns a new, zero Result.
func newResult() *Result {
	kept.mu.Lock()
	if len(kept.results) == 0 {
		kept.results = make([]Result, resultChunk)
	}
	r := &kept.results[0]
	kept.results = kept.results[1:]
	kept.mu.Unlock()
	return r
}

// keepText returns b as a string, in a chunk shared with other summaries
// (a strings.Builder only ever appends, so the bytes of a string it gave
// out never change).
func keepText(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > textChunk/8 {
		return string(b)
	}
	kept.mu.Lock()
	defer kept.mu.Unlock()
	if kept.text.Cap()-kept.text.Len() < len(b) {
		kept.text = strings.Builder{}
		kept.text.Grow(textChunk)
	}
	start := kept.text.Len()
	kept.text.Write(b)
	return kept.text.String()[start:]
}
