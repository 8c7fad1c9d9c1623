//go:build unix

package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// folder is an open folder; names are relative to it.
type folder int

// noFolder is no folder.
const noFolder folder = -1

// fileStat is what a build reads of a file or folder's stat.
type fileStat struct {
	reg, dir     bool // a regular file, a folder (neither: a link, a special file)
	size         int64
	mtime, ctime int64 // ns; ctime 0 where the system keeps none
	ino, dev     uint64
}

func statOf(st *unix.Stat_t) fileStat {
	return fileStat{
		reg:   st.Mode&unix.S_IFMT == unix.S_IFREG,
		dir:   st.Mode&unix.S_IFMT == unix.S_IFDIR,
		size:  st.Size,
		mtime: st.Mtim.Nano(),
		ctime: st.Ctim.Nano(),
		ino:   uint64(st.Ino),
		dev:   uint64(st.Dev),
	}
}

// openFolder opens the folder p, never through a symbolic link.
func openFolder(p string) (folder, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return unix.Open(p, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return noFolder, &os.PathError{Op: "open", Path: p, Err: err}
	}
	return folder(fd), nil
}

func (f folder) close() { unix.Close(int(f)) }

// dup is another hold on the same folder, closed apart.
func (f folder) dup() (folder, error) {
	fd, err := unix.Dup(int(f))
	if err != nil {
		return noFolder, err
	}
	unix.CloseOnExec(fd)
	return folder(fd), nil
}

// stat is the folder's own stat.
func (f folder) stat() (fileStat, error) {
	var st unix.Stat_t
	if err := unix.Fstat(int(f), &st); err != nil {
		return fileStat{}, err
	}
	return statOf(&st), nil
}

// lstat is the stat of name in f, not following a link.
func (f folder) lstat(name string) (fileStat, error) {
	var st unix.Stat_t
	if err := unix.Fstatat(int(f), name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return fileStat{}, err
	}
	return statOf(&st), nil
}

// lstatPath is the stat of the file or folder p, not following a link.
func lstatPath(p string) (fileStat, error) {
	var st unix.Stat_t
	if err := unix.Lstat(p, &st); err != nil {
		return fileStat{}, err
	}
	return statOf(&st), nil
}

func (f folder) mkdir(name string) error { return unix.Mkdirat(int(f), name, 0o755) }

func (f folder) unlink(name string) error { return unix.Unlinkat(int(f), name, 0) }

func (f folder) rmdir(name string) error { return unix.Unlinkat(int(f), name, unix.AT_REMOVEDIR) }

// link makes to/name the same file as from/name (a hard link).
func link(from folder, name string, to folder) error {
	return unix.Linkat(int(from), name, int(to), name, 0)
}

// handle is an open file.
type handle struct{ fd int }

// create makes the new file name in f, for writing; it fails if there is
// one (errExist).
func (f folder) create(name string) (handle, error) {
	const flags = unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_CLOEXEC
	fd, err := ignoringEINTR(func() (int, error) { return unix.Openat(int(f), name, flags, 0o644) })
	return handle{fd}, err
}

// openRead opens the file name in f to read it, never through a link (nor
// blocking on a special file).
func (f folder) openRead(name string) (handle, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return unix.Openat(int(f), name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	})
	return handle{fd}, err
}

func (h handle) write(p []byte) (int, error) {
	return ignoringEINTR(func() (int, error) { return unix.Write(h.fd, p) })
}

func (h handle) read(p []byte) (int, error) {
	return ignoringEINTR(func() (int, error) { return unix.Read(h.fd, p) })
}

func (h handle) stat() (fileStat, error) {
	var st unix.Stat_t
	if err := unix.Fstat(h.fd, &st); err != nil {
		return fileStat{}, err
	}
	return statOf(&st), nil
}

func (h handle) close() error { return unix.Close(h.fd) }

func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}

// What the calls above fail with, by what the build does about it.

// errExist: the name is taken.
func errExist(err error) bool { return err == unix.EEXIST }

// errNotExist: the name, or a folder on its path, is missing.
func errNotExist(err error) bool { return err == unix.ENOENT }

// errNotDir: a file is where a folder on the name's path should be.
func errNotDir(err error) bool { return err == unix.ENOTDIR }

// errIsDir: the name is a folder where a file was meant (EPERM: unlink of
// a folder, on some systems).
func errIsDir(err error) bool { return err == unix.EISDIR || err == unix.EPERM }

// errNotEmpty: a folder to remove holds something.
func errNotEmpty(err error) bool { return err == unix.ENOTEMPTY || err == unix.EEXIST }
