package publish

import (
	"errors"
	"path"
	"path/filepath"
	"syscall"
)

// DiskFullError is a file of the build that could not be written for
// want of space (ENOSPC) or of quota (EDQUOT) on the device holding the
// output. The build fails; the previous output is left as it was.
type DiskFullError struct {
	Out  string // the output folder, as the user named it
	Name string // the file or folder being written, within it
	Err  error  // the failure, wrapping syscall.ENOSPC or EDQUOT
}

// IsDiskFull reports whether err says that a device is full, or that a
// quota on it is used up.
func IsDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

func (e *DiskFullError) Error() string {
	p, msg := e.DiskFull()
	return "cannot write " + p + ": " + msg
}

// DiskFull returns the file that could not be written, as a path the user
// knows (within the output folder as named), and what is wrong and what
// to do.
func (e *DiskFullError) DiskFull() (file, msg string) {
	folder := filepath.ToSlash(e.Out)
	file = path.Join(folder, e.Name)
	if errors.Is(e.Err, syscall.EDQUOT) {
		return file, "disk quota exceeded on the device holding " + folder + "/: free some space, or have the quota raised, and build again"
	}
	return file, "no space left on the device holding " + folder + "/: free some space and build again"
}

func (e *DiskFullError) Unwrap() error { return e.Err }

// fail returns err, the failure to write name, as a *DiskFullError if it
// says the device is full.
func (d *Dir) fail(name string, err error) error {
	if err != nil && IsDiskFull(err) {
		return &DiskFullError{Out: d.name, Name: name, Err: err}
	}
	return err
}
