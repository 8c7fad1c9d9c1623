//go:build linux

package assets

import (
	"io/fs"
	"syscall"
)

// FileStat is the change time (ns), inode and device of a file, from its
// fs.FileInfo: with its size and times, what a repeat build keys a static
// file by without reading it (buildcache.StatKey).
func FileStat(info fs.FileInfo) (ctime int64, ino, dev uint64, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, 0, false
	}
	return st.Ctim.Nano(), st.Ino, st.Dev, true
}
