//go:build unix && !linux && !darwin

package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

const oPath = unix.O_RDONLY

// exchangeDirs: no exchange of two folders here; Commit renames twice.
func exchangeDirs(a, b string) error { return errors.ErrUnsupported }

const swapName = "two renames"

// stampedFS: change times are not trusted here; files are read to be
// checked.
func stampedFS(string) bool { return false }
