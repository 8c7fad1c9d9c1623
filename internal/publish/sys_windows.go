//go:build windows

package publish

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// folder is a folder, by its path.
type folder string

const noFolder folder = ""

type fileStat struct {
	reg, dir     bool
	size         int64
	mtime, ctime int64 // ctime is always 0 here
	ino, dev     uint64
}

func openFolder(p string) (folder, error) {
	st, err := lstatPath(p)
	if err != nil {
		return noFolder, err
	}
	if !st.dir {
		return noFolder, &os.PathError{Op: "open", Path: p, Err: windows.ERROR_DIRECTORY}
	}
	return folder(p), nil
}

func (f folder) close() {}

func (f folder) dup() (folder, error) { return f, nil }

func (f folder) path(name string) string { return filepath.Join(string(f), filepath.FromSlash(name)) }

func (f folder) stat() (fileStat, error) { return lstatPath(string(f)) }

func (f folder) lstat(name string) (fileStat, error) { return lstatPath(f.path(name)) }

// lstatPath opens p itself (a link is not followed; a folder is opened
// with backup semantics) for its file index and attributes.
func lstatPath(p string) (fileStat, error) {
	name, err := windows.UTF16PtrFromString(p)
	if err != nil {
		return fileStat{}, err
	}
	h, err := windows.CreateFile(name, windows.FILE_READ_ATTRIBUTES, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE, nil,
		windows.OPEN_EXISTING, windows.FILE_FLAG_BACKUP_SEMANTICS|windows.FILE_FLAG_OPEN_REPARSE_POINT, 0)
	if err != nil {
		return fileStat{}, &os.PathError{Op: "stat", Path: p, Err: err}
	}
	defer windows.CloseHandle(h)
	return statHandle(h)
}

func statHandle(h windows.Handle) (fileStat, error) {
	var fi windows.ByHandleFileInformation
	if err := windows.GetFileInformationByHandle(h, &fi); err != nil {
		return fileStat{}, err
	}
	reparse := fi.FileAttributes&windows.FILE_ATTRIBUTE_REPARSE_POINT != 0
	dir := fi.FileAttributes&windows.FILE_ATTRIBUTE_DIRECTORY != 0
	return fileStat{
		reg:   !reparse && !dir,
		dir:   !reparse && dir,
		size:  int64(fi.FileSizeHigh)<<32 | int64(fi.FileSizeLow),
		mtime: fi.LastWriteTime.Nanoseconds(),
		ino:   uint64(fi.FileIndexHigh)<<32 | uint64(fi.FileIndexLow),
		dev:   uint64(fi.VolumeSerialNumber),
	}, nil
}

func (f folder) mkdir(name string) error { return os.Mkdir(f.path(name), 0o755) }

// unlink removes the file name (never a folder: os.Remove would remove an
// empty one).
func (f folder) unlink(name string) error {
	p, err := windows.UTF16PtrFromString(f.path(name))
	if err != nil {
		return err
	}
	return windows.DeleteFile(p)
}

func (f folder) rmdir(name string) error {
	p, err := windows.UTF16PtrFromString(f.path(name))
	if err != nil {
		return err
	}
	return windows.RemoveDirectory(p)
}

func link(from folder, name string, to folder) error {
	return os.Link(from.path(name), to.path(name))
}

type handle struct{ f *os.File }

func (f folder) create(name string) (handle, error) {
	file, err := os.OpenFile(f.path(name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return handle{}, unwrapPath(err)
	}
	return handle{file}, nil
}

// openRead opens the file name in f to read it, if it is a regular file
// (not a link).
func (f folder) openRead(name string) (handle, error) {
	st, err := f.lstat(name)
	if err != nil {
		return handle{}, err
	}
	if !st.reg {
		return handle{}, windows.ERROR_DIRECTORY
	}
	file, err := os.Open(f.path(name))
	if err != nil {
		return handle{}, unwrapPath(err)
	}
	return handle{file}, nil
}

func (h handle) write(p []byte) (int, error) { return h.f.Write(p) }

func (h handle) read(p []byte) (int, error) {
	n, err := h.f.Read(p)
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return n, err
}

func (h handle) stat() (fileStat, error) { return statHandle(windows.Handle(h.f.Fd())) }

func (h handle) close() error { return h.f.Close() }

// unwrapPath is the system's error inside an *os.PathError: the callers
// name the path themselves.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func errExist(err error) bool { return errors.Is(err, fs.ErrExist) }

func errNotExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, windows.ERROR_PATH_NOT_FOUND)
}

func errNotDir(err error) bool {
	return errors.Is(err, windows.ERROR_DIRECTORY) || errors.Is(err, windows.ERROR_PATH_NOT_FOUND)
}

func errIsDir(err error) bool { return errors.Is(err, windows.ERROR_ACCESS_DENIED) }

func errNotEmpty(err error) bool { return errors.Is(err, windows.ERROR_DIR_NOT_EMPTY) }

// exchangeDirs: Windows cannot swap two folders in one step; Commit
// renames twice.
func exchangeDirs(a, b string) error { return errors.ErrUnsupported }

const swapName = "two renames"

// stampedFS: never on Windows (a program can set a file's change time
// with SetFileInformationByHandle): files are read to be checked.
func stampedFS(string) bool { return false }
