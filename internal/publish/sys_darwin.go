//go:build darwin

package publish

import "golang.org/x/sys/unix"

// oPath: macOS has no O_PATH; folders are opened to read.
const oPath = unix.O_RDONLY

// exchangeDirs swaps the folders a and b in one step (renamex_np with
// RENAME_SWAP, on APFS): a reader sees one or the other, never neither.
// A file system that cannot (HFS+, a network share) fails with ENOTSUP,
// and Commit falls back to two renames.
func exchangeDirs(a, b string) error {
	return unix.RenamexNp(a, b, unix.RENAME_SWAP)
}

const swapName = "renamex_np(RENAME_SWAP)"

// stampedFS: on macOS no file system's change times are trusted (the
// rules of Dir.check are checked only on Linux's): every file of the
// previous output is read to be checked, and the previous output is not
// recycled in place.
func stampedFS(string) bool { return false }
