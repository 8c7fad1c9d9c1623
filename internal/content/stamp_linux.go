//go:build linux

package content

import (
	"io/fs"
	"syscall"
)

func stampOf(info fs.FileInfo) FileStamp {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return FileStamp{}
	}
	return FileStamp{Ino: st.Ino, Size: uint64(st.Size), Mtime: st.Mtim.Nano(), Ctime: st.Ctim.Nano()}
}
