//go:build linux

package render

import (
	"io/fs"
	"syscall"
)

// statOf is the change time (ns), inode and device of a file, from its
// fs.FileInfo.
func statOf(info fs.FileInfo) (ctime int64, ino, dev uint64, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, 0, false
	}
	return st.Ctim.Nano(), st.Ino, st.Dev, true
}
