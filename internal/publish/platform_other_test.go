//go:build !linux

package publish_test

import (
	"errors"
	"io/fs"
	"testing"
)

// inodeOf stands for a file's inode where the tests do not read one: its
// modification time, which a new output folder changes too.
func inodeOf(info fs.FileInfo) uint64 { return uint64(info.ModTime().UnixNano()) }

// mountTmpfs: no tmpfs here; the tests that need one skip.
func mountTmpfs(*testing.T, string, string) error { return errors.ErrUnsupported }
