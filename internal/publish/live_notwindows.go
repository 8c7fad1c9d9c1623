//go:build !windows

package publish

import (
	"os"
	"path/filepath"

	"letterpress/internal/publish/filelock"
)

// lockLive takes the lock of a Live's folder dir. The lock file is
// locked before it takes its name: a "lock" that another process can lock
// belongs to a process that is gone.
func lockLive(dir string) (*filelock.Lock, error) {
	lock, err := filelock.TryLock(filepath.Join(dir, "lock.new"))
	if err != nil {
		return nil, err
	}
	if err := os.Rename(filepath.Join(dir, "lock.new"), filepath.Join(dir, "lock")); err != nil {
		lock.Unlock()
		return nil, err
	}
	return lock, nil
}

// openShared opens a file of the site being served (the file may be
// replaced or removed while it is open: the reader keeps what it opened).
func openShared(p string) (*os.File, error) { return os.Open(p) }
