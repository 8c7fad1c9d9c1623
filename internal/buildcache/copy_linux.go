//go:build linux

package buildcache

import (
	"os"

	"golang.org/x/sys/unix"
)

// copyFileRange copies up to n bytes from src at *srcOff to dst at
// *dstOff in the kernel (copy_file_range), advancing both offsets.
func copyFileRange(src *os.File, srcOff *int64, dst *os.File, dstOff *int64, n int) (int, error) {
	return unix.CopyFileRange(int(src.Fd()), srcOff, int(dst.Fd()), dstOff, n, 0)
}
