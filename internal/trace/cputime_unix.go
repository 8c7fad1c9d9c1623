//go:build unix

package trace

import (
	"syscall"
	"time"
)

// cpuTime is the user and system time the process has used, for
// LETTERPRESS_TRACE's figures of how busy each stage kept the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
