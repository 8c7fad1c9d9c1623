//go:build !unix

package trace

import "time"

// cpuTime is not measured here: LETTERPRESS_TRACE shows 0.
func cpuTime() time.Duration { return 0 }
