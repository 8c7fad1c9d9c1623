package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"sync"
)

// Folders returns root's file system (as root.FS() does), opening a file
// through an os.Root of its folder, opened once per folder and kept. os.Root opens
// every folder on a path to check it (four system calls and four closes
// for content/letters/2024/x.md), and a build opens each document twice:
// a large share of the time spent reading a site. What a folder's root
// refuses (a symbolic link to another folder) is opened through the
// site's, so links are followed, and refused, exactly as by the site's
// os.Root.
//
// A folder's root is kept for the life of the file system, so it is for
// one-shot commands: a preview server that kept one would go on reading a
// folder renamed since. The folders' roots are closed with Close.
func Folders(root *os.Root) *FS {
	return &FS{root: root, fsys: root.FS()}
}

// FS is the file system of Folders.
type FS struct {
	root    *os.Root
	fsys    fs.FS // root.FS(), for everything but opening a file
	folders sync.Map
}

// folder is a folder of the site, opened once.
type folder struct {
	root *os.Root
	// dir is the folder itself, opened through root, where the system
	// can open a file relative to it without os's bookkeeping (see
	// openIn); nil elsewhere.
	dir *os.File
	fd  int
}

// folder returns the folder dir.
func (f *FS) folder(name string) (*folder, error) {
	if d, ok := f.folders.Load(name); ok {
		return d.(*folder), nil
	}
	r, err := f.root.OpenRoot(name)
	if err != nil {
		return nil, err
	}
	d := &folder{root: r}
	if direct {
		if file, err := r.Open("."); err == nil {
			d.dir, d.fd = file, int(file.Fd())
		}
	}
	if old, loaded := f.folders.LoadOrStore(name, d); loaded {
		d.close()
		return old.(*folder), nil
	}
	return d, nil
}

func (d *folder) close() {
	if d.dir != nil {
		d.dir.Close()
	}
	d.root.Close()
}

// Close closes the folders' roots (not the site's).
func (f *FS) Close() error {
	f.folders.Range(func(k, v any) bool {
		v.(*folder).close()
		f.folders.Delete(k)
		return true
	})
	return nil
}

// ErrNamedPipe is the error of opening a named pipe on Linux, where a
// site's files are opened directly (see FS.Open). letterpress reads no
// named pipe: the walk, site.yaml's loading and the attachments' text
// refuse what is not a regular file before opening it.
var ErrNamedPipe = errors.New("a named pipe, not a regular file")

// Open opens the file name of the site. On Linux a named pipe in a
// folder is refused with ErrNamedPipe (elsewhere os.Root opens it, which
// waits for a writer).
func (f *FS) Open(name string) (fs.File, error) {
	dir, base := path.Split(name)
	if dir == "" || !fs.ValidPath(name) {
		return f.fsys.Open(name)
	}
	if d, err := f.folder(dir[:len(dir)-1]); err == nil {
		// A regular file, not a link, is opened directly in its
		// folder; anything else as os.Root opens it.
		if d.dir != nil {
			file, err := openIn(d.fd, base)
			if err != nil {
				return nil, &fs.PathError{Op: "open", Path: name, Err: err}
			}
			if file != nil {
				return file, nil
			}
		}
		if file, err := d.root.Open(base); err == nil {
			return file, nil
		}
	}
	// The site's root decides what the folder's did not allow (a link to
	// another folder of the site) and words the error.
	return f.fsys.Open(name)
}

func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }
func (f *FS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(f.fsys, name) }
func (f *FS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(f.fsys, name) }
func (f *FS) ReadLink(name string) (string, error)       { return fs.ReadLink(f.fsys, name) }
