package sitefs

import (
	"io"
	"io/fs"
	"syscall"
	"time"
)

// direct says that openIn opens files here.
const direct = true

// openIn opens the regular file name (one path element, not "..") in the
// folder open as dirfd, without following a symbolic link, and reports
// whether it did. The file it returns reads with plain system calls: an
// *os.File costs five more for each file opened (os tries to register
// it with the poller, which refuses regular files, setting and then
// clearing non-blocking mode around the attempt), and a build opens
// every document twice. What it does not open (a link, a folder, a
// file it cannot open) is left to os.Root, which follows or refuses it
// and words the error: it returns nil and no error. A named pipe it
// refuses (ErrNamedPipe): its non-blocking open has let a writer
// waiting on the pipe write, so os.Root's open would wait for another.
func openIn(dirfd int, name string) (fs.File, error) {
	if name == "" || name == "." || name == ".." {
		return nil, nil
	}
	var fd int
	var err error
	for {
		fd, err = syscall.Openat(dirfd, name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, nil
	}
	f := &file{fd: fd, name: name}
	if err := ignoringEINTR(func() error { return syscall.Fstat(fd, &f.st) }); err != nil || f.st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		syscall.Close(fd)
		if err == nil && f.st.Mode&syscall.S_IFMT == syscall.S_IFIFO {
			return nil, ErrNamedPipe
		}
		return nil, nil
	}
	return f, nil
}

func ignoringEINTR(fn func() error) error {
	for {
		if err := fn(); err != syscall.EINTR {
			return err
		}
	}
}

// file is a regular file opened by openIn.
type file struct {
	fd     int
	name   string
	st     syscall.Stat_t
	closed bool
}

func (f *file) Stat() (fs.FileInfo, error) {
	if f.closed {
		return nil, f.err("stat", fs.ErrClosed)
	}
	return info{name: f.name, st: f.st}, nil
}

func (f *file) Read(b []byte) (int, error) {
	if f.closed {
		return 0, f.err("read", fs.ErrClosed)
	}
	if len(b) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(f.fd, b)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, f.err("read", err)
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *file) ReadAt(b []byte, off int64) (int, error) {
	if f.closed {
		return 0, f.err("read", fs.ErrClosed)
	}
	if off < 0 {
		return 0, f.err("readat", fs.ErrInvalid)
	}
	n := 0
	for len(b) > 0 {
		m, err := syscall.Pread(f.fd, b, off)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return n, f.err("read", err)
		case m == 0:
			return n, io.EOF
		}
		n += m
		b = b[m:]
		off += int64(m)
	}
	return n, nil
}

func (f *file) Close() error {
	if f.closed {
		return f.err("close", fs.ErrClosed)
	}
	f.closed = true
	if err := syscall.Close(f.fd); err != nil {
		return f.err("close", err)
	}
	return nil
}

func (f *file) err(op string, err error) error {
	return &fs.PathError{Op: op, Path: f.name, Err: err}
}

// info is a regular file's fs.FileInfo, as os.Stat makes it.
type info struct {
	name string
	st   syscall.Stat_t
}

func (i info) Name() string       { return i.name }
func (i info) Size() int64        { return i.st.Size }
func (i info) ModTime() time.Time { return time.Unix(i.st.Mtim.Unix()) }
func (i info) IsDir() bool        { return false }
func (i info) Sys() any           { return &i.st }
func (i info) Mode() fs.FileMode {
	m := fs.FileMode(i.st.Mode & 0o777)
	if i.st.Mode&syscall.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if i.st.Mode&syscall.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if i.st.Mode&syscall.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}
