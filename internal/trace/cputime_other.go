//go:build !unix

package trace

import "time"

// CPUTime is not measured here: LETTERPRESS_TRACE (and the benchmarks)
// show 0.
func CPUTime() time.Duration { return 0 }
