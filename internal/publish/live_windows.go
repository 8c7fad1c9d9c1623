//go:build windows

package publish

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"

	"letterpress/internal/publish/filelock"
)

// lockLive takes the lock of a Live's folder dir. Windows cannot rename a
// file that is open (os.OpenFile does not share deletion), so the lock
// file takes its name first: RemoveStaleLive may take a Live's lock in
// the moment between its making and its locking, and finds the folder in
// use when it tries to remove it (an open file cannot be removed here).
func lockLive(dir string) (*filelock.Lock, error) {
	return filelock.TryLock(filepath.Join(dir, "lock"))
}

// openShared opens a file of the site being served, sharing reading,
// writing and deletion: a commit may then rename another file over it, or
// remove it, while a request reads it (os.Open does not share deletion,
// and the commit would fail).
func openShared(p string) (*os.File, error) {
	name, err := windows.UTF16PtrFromString(p)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: p, Err: err}
	}
	h, err := windows.CreateFile(name, windows.GENERIC_READ,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: p, Err: err}
	}
	return os.NewFile(uintptr(h), p), nil
}
