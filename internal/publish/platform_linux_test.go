//go:build linux

package publish_test

import (
	"io/fs"
	"syscall"
	"testing"
)

// inodeOf is a file's inode.
func inodeOf(info fs.FileInfo) uint64 { return info.Sys().(*syscall.Stat_t).Ino }

// mountTmpfs mounts a tmpfs with the options opts at dir until the test
// ends (as root only).
func mountTmpfs(t *testing.T, dir, opts string) error {
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, opts); err != nil {
		return err
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return nil
}
