//go:build unix

package publish

import (
	"path"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// rmDir is a folder of a tree removed by name (removeListed).
type rmDir struct {
	name  string // within its parent
	files []string
	dirs  []*rmDir
}

// removeListed removes the tree dir, whose files are names (checked names,
// relative to dir), by name: each folder is opened once (without following
// a symbolic link), its files unlinked relative to it, then the folder
// removed. That is a few system calls for a page's folder where
// os.RemoveAll makes several times as many (it reads every folder, stats
// and tries every entry as a file before as a folder). It returns errLeft
// if the tree is not gone (files that names lack, a folder that is a
// link): the caller removes what is left the ordinary way.
func removeListed(dir string, names []string) error {
	root := &rmDir{}
	dirs := map[string]*rmDir{".": root}
	var folder func(p string) *rmDir
	folder = func(p string) *rmDir {
		if f, ok := dirs[p]; ok {
			return f
		}
		parent := folder(path.Dir(p))
		f := &rmDir{name: path.Base(p)}
		parent.dirs = append(parent.dirs, f)
		dirs[p] = f
		return f
	}
	for _, n := range names {
		if checkName(n) != nil {
			return errLeft
		}
		i := strings.LastIndexByte(n, '/')
		if i < 0 {
			root.files = append(root.files, n)
			continue
		}
		f := folder(n[:i])
		f.files = append(f.files, n[i+1:])
	}
	dirs = nil

	fd, err := unix.Open(dir, oPath|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return errLeft
	}
	// The folders at the top are opened here, and the folders in them
	// (a page's each, mostly) removed on every core.
	type work struct {
		parent int
		d      *rmDir
	}
	var todo []work
	var left atomic.Bool
	tops := make([]int, len(root.dirs))
	for i, t := range root.dirs {
		tops[i] = -1
		tfd, err := unix.Openat(fd, t.name, oPath|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if err != nil {
			if err != unix.ENOENT {
				left.Store(true)
			}
			continue
		}
		tops[i] = tfd
		for _, s := range t.dirs {
			todo = append(todo, work{tfd, s})
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(todo))) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(todo) {
					return
				}
				if !removeDir(todo[i].parent, todo[i].d) {
					left.Store(true)
				}
			}
		})
	}
	wg.Wait()
	for i, t := range root.dirs {
		if tops[i] < 0 {
			continue
		}
		unlinkFiles(tops[i], t.files)
		unix.Close(tops[i])
		if err := unix.Unlinkat(fd, t.name, unix.AT_REMOVEDIR); err != nil && err != unix.ENOENT {
			left.Store(true)
		}
	}
	unlinkFiles(fd, root.files)
	unix.Close(fd)
	if err := unix.Rmdir(dir); err != nil || left.Load() {
		return errLeft
	}
	return nil
}

// removeDir removes the folder d in the open folder parent, and reports
// whether it is gone.
func removeDir(parent int, d *rmDir) bool {
	// oPath (O_PATH on Linux): the folder is only named relative to,
	// never read (less work for the kernel than opening it to read).
	fd, err := unix.Openat(parent, d.name, oPath|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return err == unix.ENOENT
	}
	unlinkFiles(fd, d.files)
	gone := true
	for _, s := range d.dirs {
		gone = removeDir(fd, s) && gone
	}
	unix.Close(fd)
	err = unix.Unlinkat(parent, d.name, unix.AT_REMOVEDIR)
	return gone && (err == nil || err == unix.ENOENT)
}

func unlinkFiles(dir int, files []string) {
	for _, f := range files {
		_ = unix.Unlinkat(dir, f, 0) // what is left is found when the folder is removed
	}
}
