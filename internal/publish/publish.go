// Package publish is where a build's files go: a directory that is
// replaced only when the whole build succeeded, or memory (for the preview
// server and tests).
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"letterpress/internal/par"
)

// Marker is the file that marks a directory as letterpress output, so that
// a build never replaces a directory it did not make.
const Marker = ".letterpress-output"

const markerText = "This directory is replaced by every letterpress build.\n"

// checkName refuses names that would leave the output directory.
func checkName(name string) error {
	if name == "" || path.IsAbs(name) || strings.Contains(name, "\\") || !fs.ValidPath(name) {
		return fmt.Errorf("refusing to write %q: not a plain path inside the output", name)
	}
	return nil
}

// Dir writes a build into a temporary directory beside the output and, on
// Commit, swaps it into place, so that readers see either the old site or
// the new one, never a mix, and a failed or killed build leaves the old
// output untouched.
type Dir struct {
	out    string // resolved (see Resolve)
	name   string // as the caller named it, for messages
	tmp    string
	root   int // tmp, open; files and folders are made relative to it
	dirsMu sync.Mutex
	// dirs are the folders made, or written in (and so changed), relative
	// to tmp.
	dirs map[string]bool
	// prev is the previous output, open (-1 if there is none, or it
	// could not be opened): files are linked relative to it.
	prev int
	// previous are the files of the previous output that the build knows
	// of (Previous): they are removed by name once it is replaced.
	previous []string
	mu       sync.Mutex
	n        int
	linked   int
	kept     int
	reread   atomic.Int64 // files read to be checked (see check)
	size     int64
	// files records every file written or linked, when track is set.
	track bool
	files map[string]FileInfo
	// recycled: tmp is the kept output (Recycle), whose files are spare
	// and whose folders were as stamped in spareDirs; swept once the
	// files the build did not put in are removed.
	recycled, swept bool
	spare           []string
	spareDirs       map[string]int64
	// keepPrev: Commit keeps the replaced output beside the new one.
	keepPrev bool
	// checked: the outputs to be replaced were checked (CheckPrevious);
	// spareChecked, the identity of the kept output found as recorded.
	checked      bool
	spareChecked *Identity
	// stamps: the file system keeps change times (see check).
	stamps bool
	// sum sums the names of the files put in (see nameSum); finished,
	// the Marker that records it is written.
	sum      nameSum
	finished bool
}

// FileInfo is what a build remembers of an output file, to tell later
// that it still holds what the build wrote (see Dir.check).
type FileInfo struct {
	Size    int64
	ModTime int64 // nanoseconds since 1970
	// Ino and Ctime are the file's inode and change time (ns) as the
	// build left it; Ctime is 0 where it is not to be trusted (Files).
	Ino   uint64
	Ctime int64
	// Sum is the CRC-32C of the file's content.
	Sum uint32
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// NewDir prepares a build into out (its symbolic links resolved: the
// folder replaced is the one they lead to). It removes temporary
// directories left by builds that were killed, and refuses to replace a
// directory that letterpress did not make, or that holds a git
// repository; CheckPrevious checks the rest of what it holds.
func NewDir(out string) (*Dir, error) {
	name := filepath.Clean(out)
	abs, err := Resolve(out)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(abs); err == nil {
		if !info.IsDir() {
			return nil, &FolderError{Path: name, Msg: "exists and is not a folder: choose another --out, or remove it"}
		}
		entries, err := os.ReadDir(abs)
		if err != nil {
			return nil, err
		}
		if len(entries) > 0 {
			if err := checkTop(name, entries); err != nil {
				return nil, err
			}
		}
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	// Leftovers of killed builds: .public.tmp-* and .public.old-*.
	if stale, _ := filepath.Glob(filepath.Join(parent, "."+base+".tmp-*")); len(stale) > 0 {
		for _, s := range stale {
			_ = os.RemoveAll(s)
		}
	}
	if stale, _ := filepath.Glob(filepath.Join(parent, "."+base+".old-*")); len(stale) > 0 {
		for _, s := range stale {
			_ = os.RemoveAll(s)
		}
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	root, err := unix.Open(tmp, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		_ = os.RemoveAll(tmp)
		return nil, &os.PathError{Op: "open", Path: tmp, Err: err}
	}
	d := &Dir{out: abs, name: name, tmp: tmp, root: root, prev: -1, dirs: map[string]bool{}, stamps: stampedFS(parent)}
	// The previous output is opened once, here: the build checks that it
	// is the one its manifest describes (PreviousIdentity) and links its
	// files from it, whatever is renamed meanwhile.
	if fd, err := unix.Open(abs, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0); err == nil {
		d.prev = fd
	}
	return d, nil
}

// Finish writes the Marker, which records the sum of the names of the
// build's files: once, when the build is complete (Identity and Commit
// finish the build if the caller did not).
func (d *Dir) Finish() error {
	if d.finished {
		return nil
	}
	if d.root < 0 {
		return os.ErrClosed
	}
	d.mu.Lock()
	sum := d.sum
	d.mu.Unlock()
	f, err := d.createNew(Marker)
	if err == nil {
		_, err = f.Write(markerFor(sum))
		_, err = f.closeNew(err)
	}
	if err != nil {
		return err
	}
	d.finished = true
	return nil
}

// closeFDs closes the folders the Dir holds open.
func (d *Dir) closeFDs() {
	if d.root >= 0 {
		unix.Close(d.root)
		d.root = -1
	}
	if d.prev >= 0 {
		unix.Close(d.prev)
		d.prev = -1
	}
}

// mkdirs makes the folder dir (a checked name, relative to tmp) and those
// it is in. Most folders are a page's, in a folder already made: one
// system call, relative to the open tmp (a path walked from "/" cost as
// much again).
func (d *Dir) mkdirs(dir string) error {
	if dir == "." {
		return nil
	}
	d.dirsMu.Lock()
	made := d.dirs[dir]
	d.dirsMu.Unlock()
	if made {
		return nil
	}
	err := unix.Mkdirat(d.root, dir, 0o755)
	if err == unix.ENOENT {
		if err = d.mkdirs(path.Dir(dir)); err != nil {
			return err
		}
		err = unix.Mkdirat(d.root, dir, 0o755)
	}
	if err != nil && err != unix.EEXIST {
		return d.fail(dir, &os.PathError{Op: "mkdir", Path: filepath.Join(d.tmp, filepath.FromSlash(dir)), Err: err})
	}
	d.dirsMu.Lock()
	d.dirs[dir] = true
	if err == nil {
		// The folder it is in changed too (see DirStamps).
		d.dirs[path.Dir(dir)] = true
	}
	d.dirsMu.Unlock()
	return nil
}

// Write writes one file of the build. It always makes a new file, never
// writes into one that exists: a file linked from the previous output (see
// Link) is the same file as the one being served, so it is replaced, not
// changed.
func (d *Dir) Write(name string, data []byte) error {
	f, err := d.createNew(name)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	info, err := f.closeNew(err)
	if err != nil {
		return err
	}
	d.done(name, info, false)
	return nil
}

// newFile is a file being written, by its descriptor: an os.File asks the
// kernel five more times whether it can poll the file (it cannot).
type newFile struct {
	fd   int
	path string // for errors
	d    *Dir
	name string
	sum  uint32 // the CRC-32C of what was written
}

// createNew makes a new file name in the build, removing (never writing
// into) any file there: it may be a link to the previous output's file.
func (d *Dir) createNew(name string) (*newFile, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	if err := d.mkdirs(path.Dir(name)); err != nil {
		return nil, err
	}
	const flags = unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_CLOEXEC
	fd, err := ignoringEINTR(func() (int, error) { return unix.Openat(d.root, name, flags, 0o644) })
	if err == unix.EEXIST {
		if err = unix.Unlinkat(d.root, name, 0); err == nil {
			fd, err = ignoringEINTR(func() (int, error) { return unix.Openat(d.root, name, flags, 0o644) })
		}
	}
	if d.recycled && (err == unix.EISDIR || err == unix.EPERM || err == unix.ENOTDIR || err == unix.EEXIST) {
		// A folder of the recycled output where this build has a file,
		// or a file where it has a folder.
		if err = d.makeWay(name); err == nil {
			fd, err = ignoringEINTR(func() (int, error) { return unix.Openat(d.root, name, flags, 0o644) })
		}
	}
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	if err != nil {
		return nil, d.fail(name, &os.PathError{Op: "open", Path: p, Err: err})
	}
	return &newFile{fd: fd, path: p, d: d, name: name}, nil
}

func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}

func (f *newFile) Write(p []byte) (int, error) {
	done := 0
	for done < len(p) {
		n, err := ignoringEINTR(func() (int, error) { return unix.Write(f.fd, p[done:]) })
		if n > 0 {
			f.sum = crc32.Update(f.sum, castagnoli, p[done:done+n])
		}
		if err != nil {
			return done, f.d.fail(f.name, &os.PathError{Op: "write", Path: f.path, Err: err})
		}
		if n == 0 {
			return done, &os.PathError{Op: "write", Path: f.path, Err: io.ErrShortWrite}
		}
		done += n
	}
	return done, nil
}

// closeNew closes the file once written (err is the writing's), and
// returns what the build records of it.
func (f *newFile) closeNew(err error) (FileInfo, error) {
	var st unix.Stat_t
	if err == nil {
		if serr := unix.Fstat(f.fd, &st); serr != nil {
			err = &os.PathError{Op: "stat", Path: f.path, Err: serr}
		}
	}
	if cerr := unix.Close(f.fd); err == nil && cerr != nil {
		// A file system may say only now that the disk is full.
		err = f.d.fail(f.name, &os.PathError{Op: "close", Path: f.path, Err: cerr})
	}
	f.fd = -1
	if err != nil {
		return FileInfo{}, err
	}
	return infoOf(&st, f.sum), nil
}

// infoOf is what the build records of a file with the stat st and the
// checksum sum.
func infoOf(st *unix.Stat_t, sum uint32) FileInfo {
	return FileInfo{Size: st.Size, ModTime: st.Mtim.Nano(), Ino: st.Ino, Ctime: st.Ctim.Nano(), Sum: sum}
}

func (d *Dir) done(name string, info FileInfo, linked bool) {
	d.mu.Lock()
	d.n++
	d.sum.add(name)
	d.size += info.Size
	if linked {
		d.linked++
	}
	if d.track {
		if d.files == nil {
			d.files = map[string]FileInfo{}
		}
		d.files[name] = info
	}
	d.mu.Unlock()
}

// ErrChanged says that a file of the previous output is not the file the
// previous build wrote (someone changed or removed it since).
var ErrChanged = errors.New("the previous output's file changed since it was built")

// Link puts the previous output's file name into the build unchanged: a
// hard link to it (or a copy, where the file system cannot link), after
// checking that it still holds what the build that wrote it recorded in
// want (see check). The previous output is never changed.
//
// Four system calls a file (the folder made once), each relative to an
// open folder: a stat, a folder, a link, and a stat of the link (linking
// sets the file's change time).
func (d *Dir) Link(name string, want FileInfo) error {
	if err := checkName(name); err != nil {
		return err
	}
	if d.prev < 0 {
		return ErrChanged
	}
	got, ok := d.check(d.prev, name, want)
	if !ok {
		return ErrChanged
	}
	if err := d.mkdirs(path.Dir(name)); err != nil {
		return err
	}
	err := unix.Linkat(d.prev, name, d.root, name, 0)
	if d.recycled && (err == unix.EEXIST || err == unix.ENOTDIR) {
		// The recycled output's file (or a folder) is in the way.
		if err = d.makeWay(name); err == nil {
			err = unix.Linkat(d.prev, name, d.root, name, 0)
		}
	}
	if err != nil {
		data, rerr := os.ReadFile(filepath.Join(d.out, filepath.FromSlash(name)))
		if rerr != nil {
			return rerr
		}
		if int64(len(data)) != want.Size || crc32.Checksum(data, castagnoli) != want.Sum {
			return ErrChanged
		}
		f, err := d.createNew(name)
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		got, err := f.closeNew(err)
		if err != nil {
			return err
		}
		d.done(name, got, false)
		return nil
	}
	var st unix.Stat_t
	if unix.Fstatat(d.root, name, &st, unix.AT_SYMLINK_NOFOLLOW) == nil && st.Ino == got.Ino {
		got.Ctime = st.Ctim.Nano()
	} else {
		got.Ctime = 0
	}
	d.done(name, got, true)
	return nil
}

// check reports whether name, in the open folder dir, is a regular file
// holding what a build wrote and recorded in want, and returns what to
// record of it now. A file whose inode, size, modification and change
// times are those recorded is taken as it is: any change to a file's
// content sets its change time to the time of the change, which no
// program can set back (Files leaves out the change times that a change
// made right after the build could share). Any other file is read, and
// taken if its CRC-32C and size are those recorded: a file changed with
// its size and modification time restored, or replaced by a copy, is
// caught either way.
func (d *Dir) check(dir int, name string, want FileInfo) (FileInfo, bool) {
	var st unix.Stat_t
	err := unix.Fstatat(dir, name, &st, unix.AT_SYMLINK_NOFOLLOW)
	if err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size != want.Size {
		return FileInfo{}, false
	}
	if d.stamps && want.Ctime != 0 && st.Ino == want.Ino && st.Ctim.Nano() == want.Ctime && st.Mtim.Nano() == want.ModTime {
		return want, true
	}
	d.reread.Add(1)
	return readCheck(dir, name, want)
}

// Reread returns how many files of the previous outputs were read to be
// checked (see check), rather than taken by their stamps.
func (d *Dir) Reread() int { return int(d.reread.Load()) }

// readBufs are the buffers readCheck reads files with.
var readBufs = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// readCheck reads name, in the open folder dir, and reports whether it is
// a regular file of want's size and checksum; with what to record of it
// (its stat taken before it is read: a change while it is read gives it
// another change time).
func readCheck(dir int, name string, want FileInfo) (FileInfo, bool) {
	fd, err := ignoringEINTR(func() (int, error) {
		return unix.Openat(dir, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return FileInfo{}, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size != want.Size {
		return FileInfo{}, false
	}
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	var sum uint32
	var n int64
	for {
		m, err := ignoringEINTR(func() (int, error) { return unix.Read(fd, *bp) })
		if err != nil {
			return FileInfo{}, false
		}
		if m == 0 {
			break
		}
		sum = crc32.Update(sum, castagnoli, (*bp)[:m])
		n += int64(m)
	}
	if n != want.Size || sum != want.Sum {
		return FileInfo{}, false
	}
	return infoOf(&st, sum), true
}

// Unlink removes a file put in the build by Link.
func (d *Dir) Unlink(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	info, err := os.Lstat(filepath.Join(d.tmp, filepath.FromSlash(name)))
	if err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(d.tmp, filepath.FromSlash(name))); err != nil {
		return err
	}
	d.mu.Lock()
	d.n--
	d.sum.remove(name)
	d.linked--
	d.size -= info.Size()
	delete(d.files, name)
	d.mu.Unlock()
	return nil
}

// Create writes one file of the build as it is made (see render.Streamer),
// always as a new file, as Write does; it is counted when it is closed.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	f, err := d.createNew(name)
	if err != nil {
		return nil, err
	}
	return &dirFile{f: f, d: d, name: name}, nil
}

// dirFile is a file being written by Create.
type dirFile struct {
	f    *newFile
	d    *Dir
	name string
}

func (w *dirFile) Write(p []byte) (int, error) { return w.f.Write(p) }

func (w *dirFile) Close() error {
	if w.f.fd < 0 {
		return os.ErrClosed
	}
	info, err := w.f.closeNew(nil)
	if err != nil {
		return err
	}
	w.d.done(w.name, info, false)
	return nil
}

// Track makes the Dir remember what it wrote or linked (Files).
func (d *Dir) Track() { d.track = true }

// racyWindow is how long after a file changed its change time is still
// not to be trusted: a change made within the same tick of the clock
// that stamps files would leave it as it is. That clock ticks every 10
// milliseconds at most (the kernel's coarse clock, at 100 Hz) on the file
// systems whose stamps are trusted (stampedFS).
const racyWindow = 50 * time.Millisecond

// Files returns what Track remembered: every file written or linked, as
// the next build is to check it. Call it once the build is complete, as
// it is committed. Each change time recorded less than racyWindow ago (2
// seconds, where the file system keeps whole seconds) is left out: a
// change made since in the same tick could not be told from it, and the
// next build reads such a file to check it.
func (d *Dir) Files() map[string]FileInfo {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := time.Now().UnixNano()
	for name, f := range d.files {
		if f.Ctime != 0 && racy(f.Ctime, now) {
			f.Ctime = 0
			d.files[name] = f
		}
	}
	return d.files
}

// racy reports whether a change time, at now, may be shared by a later
// change.
func racy(ctime, now int64) bool {
	window := int64(racyWindow)
	if ctime%int64(time.Second) == 0 {
		window = int64(2 * time.Second)
	}
	return now-ctime < window
}

// Out is the output directory, an absolute path.
func (d *Dir) Out() string { return d.out }

// Stats returns the number of files and bytes written.
func (d *Dir) Stats() (files int, bytes int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.n, d.size
}

// Linked returns how many of the files were linked from the previous
// output rather than written.
func (d *Dir) Linked() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.linked
}

// Identity tells one output directory from any other: a later build checks
// that the output it finds is the one an earlier build described.
type Identity struct {
	Dev, Ino               uint64 // the directory's
	MarkerIno, MarkerMtime uint64 // its Marker file's
}

// Identity is the identity the build will have once committed (a
// directory keeps its inode when it is renamed). The build must be
// complete: its Marker is written first.
func (d *Dir) Identity() (Identity, error) {
	if err := d.Finish(); err != nil {
		return Identity{}, err
	}
	return identityOf(d.tmp)
}

// OutputIdentity is the identity of the output directory out as it is.
func OutputIdentity(out string) (Identity, error) { return identityOf(out) }

// PreviousIdentity is the identity of the output that the build replaces
// and links files from (the output as NewDir found it).
func (d *Dir) PreviousIdentity() (Identity, error) {
	if d.prev < 0 {
		return Identity{}, fs.ErrNotExist
	}
	var st, mk unix.Stat_t
	if err := unix.Fstat(d.prev, &st); err != nil {
		return Identity{}, err
	}
	if err := unix.Fstatat(d.prev, Marker, &mk, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return Identity{}, err
	}
	return Identity{Dev: uint64(st.Dev), Ino: st.Ino, MarkerIno: mk.Ino, MarkerMtime: uint64(mk.Mtim.Nano())}, nil
}

func identityOf(dir string) (Identity, error) {
	var st, mk unix.Stat_t
	if err := unix.Lstat(dir, &st); err != nil {
		return Identity{}, err
	}
	if err := unix.Lstat(filepath.Join(dir, Marker), &mk); err != nil {
		return Identity{}, err
	}
	return Identity{Dev: uint64(st.Dev), Ino: st.Ino, MarkerIno: mk.Ino, MarkerMtime: uint64(mk.Mtim.Nano())}, nil
}

// Previous tells the Dir the files of the previous output (as the last
// build's manifest lists them), so that Commit removes it by name rather
// than by reading its folders.
func (d *Dir) Previous(names []string) { d.previous = names }

// Commit puts the new build in place of the old output, and removes the
// old output, or keeps it beside the new one (KeepPrevious).
func (d *Dir) Commit() error {
	if !d.checked {
		if err := d.CheckPrevious(nil, nil); err != nil {
			return err
		}
	}
	if err := d.Sweep(); err != nil {
		return err
	}
	if err := d.Finish(); err != nil {
		return err
	}
	d.closeFDs()
	// A kept output that was not recycled is not the one the build's
	// manifest describes: it goes.
	stale := !d.recycled
	if _, err := os.Lstat(d.out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(d.tmp, d.out); err != nil {
			return err
		}
		if stale {
			return dropSpare(d.out)
		}
		return nil
	}
	// Swap the two directories in one step where the kernel can.
	old := d.tmp // the old output, once swapped
	if err := unix.Renameat2(unix.AT_FDCWD, d.tmp, unix.AT_FDCWD, d.out, unix.RENAME_EXCHANGE); err != nil {
		old = strings.Replace(d.tmp, ".tmp-", ".old-", 1)
		if err := os.Rename(d.out, old); err != nil {
			return err
		}
		if err := os.Rename(d.tmp, d.out); err != nil {
			_ = os.Rename(old, d.out)
			return err
		}
	}
	if stale {
		if err := dropSpare(d.out); err != nil {
			return err
		}
	}
	if d.keepPrev && os.Rename(old, sparePath(d.out)) == nil {
		return nil
	}
	return d.removeOld(old)
}

// removeOld removes the previous output, now at dir: the files Previous
// named, then whatever is left.
func (d *Dir) removeOld(dir string) error {
	if d.previous != nil {
		if removeListed(dir, append(d.previous, Marker)) == nil {
			return nil
		}
	}
	return removeAll(dir)
}

// removeAll is os.RemoveAll of an output folder, on every core: the
// entries of its folders (a page's folder each) are removed in parallel.
// Removing the previous output (36,000 files at 10,000 letters) took half
// a second of a repeat build on one core.
func removeAll(dir string) error {
	if info, err := os.Lstat(dir); err != nil || !info.IsDir() {
		// Not a folder (a link is removed, never followed), or gone.
		return os.RemoveAll(dir)
	}
	top, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	var paths []string
	for _, e := range top {
		if !e.IsDir() {
			continue
		}
		sub, err := os.ReadDir(filepath.Join(dir, e.Name()))
		if err != nil {
			continue // os.RemoveAll below says why
		}
		for _, s := range sub {
			paths = append(paths, filepath.Join(dir, e.Name(), s.Name()))
		}
	}
	par.For(len(paths), func(i int) { _ = os.RemoveAll(paths[i]) })
	return os.RemoveAll(dir)
}

// Abort throws the unfinished build away.
func (d *Dir) Abort() {
	d.closeFDs()
	_ = os.RemoveAll(d.tmp)
}

// Memory holds a build in memory.
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// NewMemory returns an empty in-memory output.
func NewMemory() *Memory { return &Memory{Files: map[string][]byte{}} }

// Write stores one file.
func (m *Memory) Write(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	data = bytes.Clone(data) // the caller may reuse its buffer
	m.mu.Lock()
	m.Files[name] = data
	m.mu.Unlock()
	return nil
}

// Get returns a file's content.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.Files[name]
	return b, ok
}

// Replace makes m hold exactly the files of o.
func (m *Memory) Replace(o *Memory) {
	o.mu.Lock()
	files := o.Files
	o.mu.Unlock()
	m.mu.Lock()
	m.Files = files
	m.mu.Unlock()
}

// Apply writes the files of o over m's and removes m's files that are not
// in keep. A name in keep ending in "/" is a folder that one writer fills
// whole: if o has files under it, m's files under it that o lacks go;
// otherwise they stay.
func (m *Memory) Apply(o *Memory, keep map[string]bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	m.mu.Lock()
	defer m.mu.Unlock()
	var dirs []string
	for k := range keep {
		if strings.HasSuffix(k, "/") {
			dirs = append(dirs, k)
		}
	}
	rewritten := map[string]bool{}
	for name, data := range o.Files {
		m.Files[name] = data
		for _, d := range dirs {
			if strings.HasPrefix(name, d) {
				rewritten[d] = true
			}
		}
	}
	for name := range m.Files {
		if keep[name] {
			continue
		}
		if _, inO := o.Files[name]; inO {
			continue
		}
		under := ""
		for _, d := range dirs {
			if strings.HasPrefix(name, d) {
				under = d
			}
		}
		if under == "" || rewritten[under] {
			delete(m.Files, name)
		}
	}
}

// Names returns the names of every file, sorted.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, 0, len(m.Files))
	for n := range m.Files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
