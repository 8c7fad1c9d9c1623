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
	root   folder // tmp, open; files and folders are made relative to it
	dirsMu sync.Mutex
	// dirs are the folders made, or written in (and so changed), relative
	// to tmp.
	dirs map[string]bool
	// prev is the previous output, open (noFolder if there is none, or
	// it could not be opened): files are linked relative to it.
	prev folder
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
	// A build killed between the two renames of Commit left no output:
	// the previous one is put back.
	if _, err := recoverOld(abs); err != nil {
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
	root, err := openFolder(tmp)
	if err != nil {
		_ = os.RemoveAll(tmp)
		return nil, err
	}
	d := &Dir{out: abs, name: name, tmp: tmp, root: root, prev: noFolder, dirs: map[string]bool{}, stamps: stampedFS(parent)}
	// The previous output is opened once, here: the build checks that it
	// is the one its manifest describes (PreviousIdentity) and links its
	// files from it, whatever is renamed meanwhile.
	if f, err := openFolder(abs); err == nil {
		d.prev = f
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
	if d.root == noFolder {
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
	if d.root != noFolder {
		d.root.close()
		d.root = noFolder
	}
	if d.prev != noFolder {
		d.prev.close()
		d.prev = noFolder
	}
}

// mkdirs makes the folder dir (a checked name, relative to tmp) and those
// it is in. Most folders are a page's, in a folder already made: one
// system call, relative to the open tmp (a path walked from "/" cost
// more).
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
	err := d.root.mkdir(dir)
	if errNotExist(err) {
		if err = d.mkdirs(path.Dir(dir)); err != nil {
			return err
		}
		err = d.root.mkdir(dir)
	}
	if err != nil && !errExist(err) {
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
	h      handle
	closed bool
	path   string // for errors
	d      *Dir
	name   string
	// record is set when the Dir tracks what it wrote (Track): only then
	// is a file's checksum computed and its stat taken.
	record bool
	sum    uint32 // the CRC-32C of what was written
	n      int64  // bytes written
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
	h, err := d.root.create(name)
	if errExist(err) {
		if err = d.root.unlink(name); err == nil {
			h, err = d.root.create(name)
		}
	}
	if d.recycled && (errIsDir(err) || errNotDir(err) || errExist(err)) {
		// A folder of the recycled output where this build has a file,
		// or a file where it has a folder.
		if err = d.makeWay(name); err == nil {
			h, err = d.root.create(name)
		}
	}
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	if err != nil {
		return nil, d.fail(name, &os.PathError{Op: "open", Path: p, Err: err})
	}
	return &newFile{h: h, path: p, d: d, name: name, record: d.track}, nil
}

func (f *newFile) Write(p []byte) (int, error) {
	done := 0
	for done < len(p) {
		n, err := f.h.write(p[done:])
		if n > 0 {
			if f.record {
				f.sum = crc32.Update(f.sum, castagnoli, p[done:done+n])
			}
			f.n += int64(n)
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
// returns what the build records of it: only its size if the Dir does
// not track its files.
func (f *newFile) closeNew(err error) (FileInfo, error) {
	st := fileStat{size: f.n}
	if err == nil && f.record {
		var serr error
		if st, serr = f.h.stat(); serr != nil {
			err = &os.PathError{Op: "stat", Path: f.path, Err: serr}
		}
	}
	if cerr := f.h.close(); err == nil && cerr != nil {
		// A file system may say only now that the disk is full.
		err = f.d.fail(f.name, &os.PathError{Op: "close", Path: f.path, Err: cerr})
	}
	f.closed = true
	if err != nil {
		return FileInfo{}, err
	}
	if !f.record {
		return FileInfo{Size: f.n}, nil
	}
	return infoOf(st, f.sum), nil
}

// infoOf is what the build records of a file with the stat st and the
// checksum sum.
func infoOf(st fileStat, sum uint32) FileInfo {
	return FileInfo{Size: st.size, ModTime: st.mtime, Ino: st.ino, Ctime: st.ctime, Sum: sum}
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
	if d.prev == noFolder {
		return ErrChanged
	}
	got, ok := d.check(d.prev, name, want)
	if !ok {
		return ErrChanged
	}
	if err := d.mkdirs(path.Dir(name)); err != nil {
		return err
	}
	err := link(d.prev, name, d.root)
	if d.recycled && (errExist(err) || errNotDir(err)) {
		// The recycled output's file (or a folder) is in the way.
		if err = d.makeWay(name); err == nil {
			err = link(d.prev, name, d.root)
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
	if st, err := d.root.lstat(name); err == nil && st.ino == got.Ino {
		got.Ctime = st.ctime
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
func (d *Dir) check(dir folder, name string, want FileInfo) (FileInfo, bool) {
	st, err := dir.lstat(name)
	if err != nil || !st.reg || st.size != want.Size {
		return FileInfo{}, false
	}
	if d.stamps && want.Ctime != 0 && st.ino == want.Ino && st.ctime == want.Ctime && st.mtime == want.ModTime {
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
func readCheck(dir folder, name string, want FileInfo) (FileInfo, bool) {
	h, err := dir.openRead(name)
	if err != nil {
		return FileInfo{}, false
	}
	defer h.close()
	st, err := h.stat()
	if err != nil || !st.reg || st.size != want.Size {
		return FileInfo{}, false
	}
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	var sum uint32
	var n int64
	for {
		m, err := h.read(*bp)
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
	return infoOf(st, sum), true
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
	if w.f.closed {
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
	if d.prev == noFolder {
		return Identity{}, fs.ErrNotExist
	}
	st, err := d.prev.stat()
	if err != nil {
		return Identity{}, err
	}
	mk, err := d.prev.lstat(Marker)
	if err != nil {
		return Identity{}, err
	}
	return Identity{Dev: st.dev, Ino: st.ino, MarkerIno: mk.ino, MarkerMtime: uint64(mk.mtime)}, nil
}

func identityOf(dir string) (Identity, error) {
	st, err := lstatPath(dir)
	if err != nil {
		return Identity{}, err
	}
	mk, err := lstatPath(filepath.Join(dir, Marker))
	if err != nil {
		return Identity{}, err
	}
	return Identity{Dev: st.dev, Ino: st.ino, MarkerIno: mk.ino, MarkerMtime: uint64(mk.mtime)}, nil
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
	// Swap the two directories in one step where the system can.
	old := d.tmp // the old output, once swapped
	if err := exchange(d.tmp, d.out); err != nil {
		// Two renames: the old output aside, the new one in its place.
		// Killed between them, the output is missing and the old one is
		// at .NAME.old-*: the next build puts it back (recoverOld).
		old = oldPath(d.tmp)
		if err := os.Rename(d.out, old); err != nil {
			return err
		}
		if betweenRenames != nil {
			betweenRenames()
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

// exchange swaps two folders in one step (exchangeDirs), or fails if the
// system or the file system cannot: Commit then renames twice. The
// environment variable LETTERPRESS_SWAP=renames (and tests) force the two
// renames, which Windows and some file systems always use, so that they
// are tested where the system can exchange.
var exchange = exchangeDirs

// betweenRenames, if set, is called between Commit's two renames (tests
// kill the process there).
var betweenRenames func()

func init() {
	if os.Getenv("LETTERPRESS_SWAP") == "renames" {
		exchange = func(string, string) error { return errors.ErrUnsupported }
	}
}

// Swap says how Commit replaces the output on this system: in one step
// ("renameat2(RENAME_EXCHANGE)", "renamex_np(RENAME_SWAP)"), or "two
// renames".
func Swap() string {
	if os.Getenv("LETTERPRESS_SWAP") == "renames" {
		return "two renames"
	}
	return swapName
}

// oldPath is where the two renames of Commit put the old output of the
// build whose temporary folder is tmp: .NAME.old-* beside it.
func oldPath(tmp string) string {
	return filepath.Join(filepath.Dir(tmp), strings.Replace(filepath.Base(tmp), ".tmp-", ".old-", 1))
}

// recoverOld puts back the output out (resolved) if a build was killed
// between the two renames of Commit: out is missing, and the old output
// is beside it at .NAME.old-* (the newest, if more than one, holding a
// Marker). It reports whether it put one back.
func recoverOld(out string) (bool, error) {
	if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	olds, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".old-*"))
	best, bestTime := "", time.Time{}
	for _, o := range olds {
		if info, err := os.Lstat(o); err != nil || !info.IsDir() {
			continue
		}
		mk, err := os.Lstat(filepath.Join(o, Marker))
		if err != nil || !mk.Mode().IsRegular() {
			continue
		}
		if best == "" || mk.ModTime().After(bestTime) {
			best, bestTime = o, mk.ModTime()
		}
	}
	if best == "" {
		return false, nil
	}
	if err := os.Rename(best, out); err != nil {
		return false, err
	}
	return true, nil
}

// errLeft says that removeListed left something: files it was not told
// of, or a folder that was not one.
var errLeft = errors.New("files were left")

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
// Removing the previous output (tens of thousands of files on a large
// site) on one core was a noticeable part of a repeat build.
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
