//go:build unix && !darwin

package serve

// maxOpenFiles is the most open files the process may have: its hard
// limit.
func maxOpenFiles(hard uint64) uint64 { return hard }
