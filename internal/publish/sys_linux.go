//go:build linux

package publish

import "golang.org/x/sys/unix"

// oPath opens a folder only to name files relative to it, never to read
// it (O_PATH: less work for the kernel than opening it to read).
const oPath = unix.O_PATH

// exchangeDirs swaps the folders a and b in one step (renameat2 with
// RENAME_EXCHANGE): a reader sees one or the other, never neither.
func exchangeDirs(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// swapName says how the output is replaced here, for messages and docs.
const swapName = "renameat2(RENAME_EXCHANGE)"

// stampedFS reports whether the file system holding dir keeps a change
// time that no program can set back, for every change of a file's content
// (see Dir.check); others' files are read to be checked.
func stampedFS(dir string) bool {
	var st unix.Statfs_t
	if unix.Statfs(dir, &st) != nil {
		return false
	}
	switch uint32(st.Type) {
	case unix.EXT4_SUPER_MAGIC, unix.XFS_SUPER_MAGIC, unix.BTRFS_SUPER_MAGIC, unix.TMPFS_MAGIC,
		unix.F2FS_SUPER_MAGIC, unix.BCACHEFS_SUPER_MAGIC, unix.OVERLAYFS_SUPER_MAGIC, zfsSuperMagic:
		return true
	}
	return false
}

const zfsSuperMagic = 0x2fc12fc1
