//go:build unix

package trace

import (
	"syscall"
	"time"
)

// CPUTime is the user and system time the process has used, for
// LETTERPRESS_TRACE's figures of how busy each stage kept the cores (and
// the benchmarks').
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
