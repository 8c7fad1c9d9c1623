//go:build darwin

package serve

import "golang.org/x/sys/unix"

// maxOpenFiles is the most open files the process may have, given its
// hard limit: macOS refuses a soft limit above kern.maxfilesperproc (and
// its hard limit is often "unlimited").
func maxOpenFiles(hard uint64) uint64 {
	if n, err := unix.SysctlUint32("kern.maxfilesperproc"); err == nil && uint64(n) < hard {
		return uint64(n)
	}
	return hard
}
