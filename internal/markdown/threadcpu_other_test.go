//go:build !linux

package markdown

import "testing"

// threadCPU is not measured here: only Linux gives a thread's CPU time.
func threadCPU() int64 { return 0 }

// reportThreadCPU reports nothing where threadCPU is not measured.
func reportThreadCPU(*testing.B, int64) {}
