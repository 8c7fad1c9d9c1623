package markdown

import (
	"syscall"
	"testing"
)

// threadCPU is the CPU time the calling thread has used (ns).
func threadCPU() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// reportThreadCPU reports the thread's CPU time per operation since
// start: on a shared machine, steadier than the wall time.
func reportThreadCPU(b *testing.B, start int64) {
	b.ReportMetric(float64(threadCPU()-start)/float64(b.N), "cpu-ns/op")
}
