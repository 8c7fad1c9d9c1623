//go:build linux

package sitetest

import (
	"io/fs"
	"syscall"
	"testing"
)

// InodeOf is a file's inode.
func InodeOf(info fs.FileInfo) uint64 { return info.Sys().(*syscall.Stat_t).Ino }

// MountTmpfs mounts a tmpfs with the options opts at dir until the test
// ends (as root only).
func MountTmpfs(t testing.TB, dir, opts string) error {
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, opts); err != nil {
		return err
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return nil
}
