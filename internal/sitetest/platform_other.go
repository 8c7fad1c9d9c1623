//go:build !linux

package sitetest

import (
	"errors"
	"io/fs"
	"testing"
)

// InodeOf stands for a file's inode where the tests do not read one: its
// modification time, which a new output folder changes too.
func InodeOf(info fs.FileInfo) uint64 { return uint64(info.ModTime().UnixNano()) }

// MountTmpfs: no tmpfs here; the tests that need one skip.
func MountTmpfs(testing.TB, string, string) error { return errors.ErrUnsupported }
