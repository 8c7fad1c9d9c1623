package publish

import (
	"errors"
	"io/fs"
	"iter"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"letterpress/internal/par"
)

// DirStamp is a folder of an output (relative to it) and its change time
// (ns), as a build left it.
type DirStamp struct {
	Name  string
	Ctime int64
}

// sparePath is where the output before out is kept.
func sparePath(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".previous")
}

// SparePath is where the output before the current one is kept, beside it.
func (d *Dir) SparePath() string { return sparePath(d.out) }

// KeepPrevious keeps the output this build replaces beside the new one
// (at SparePath) instead of removing it, for the next build to recycle.
// Where change times are not trusted (see stampedFS) the next build
// cannot recycle it, and it is removed as usual.
func (d *Dir) KeepPrevious() { d.keepPrev = d.stamps }

// Kept returns how many files of the recycled output were kept as they
// were (Keep); Linked counts them too.
func (d *Dir) Kept() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.kept
}

// Recycled reports whether the build is updating the kept output in place
// (Recycle).
func (d *Dir) Recycled() bool { return d.recycled }

// Recycle makes the build update the output kept beside the current one
// (see KeepPrevious) in place, rather than fill an empty folder, if that
// folder is still the one identified by want, with the files names (all
// of them but Marker) in the folders dirs, as the build that made it left
// them. Keep leaves its files as they are, Write and Link replace them,
// and Sweep removes those the build did not put in. It must be called
// before any file is put in the build, with Track set. It reports whether
// the kept output is recycled; if not, the build goes on into an empty
// folder.
func (d *Dir) Recycle(want Identity, names []string, dirs []DirStamp) bool {
	d.mu.Lock()
	n := d.n
	d.mu.Unlock()
	if d.recycled || n > 0 || !d.track || d.root == noFolder || !d.stamps {
		return false
	}
	spare := sparePath(d.out)
	if id, err := identityOf(spare); err != nil || id != want {
		return false
	}
	// It is checked where it is (unless CheckPrevious found it as
	// recorded), then taken: a build killed from then on leaves it to be
	// removed as a temporary folder (NewDir).
	root, err := openFolder(spare)
	if err != nil {
		return false
	}
	if (d.spareChecked == nil || *d.spareChecked != want) && !unchanged(root, spare, names, dirs) {
		// Not to be recycled: it goes when the build is committed.
		root.close()
		return false
	}
	to := d.tmp + "-recycled"
	if err := os.Rename(spare, to); err != nil {
		root.close()
		return false
	}
	d.root.close()
	_ = os.Remove(d.tmp) // empty
	d.root, d.tmp = root, to
	d.recycled, d.spare = true, names
	d.spareDirs = make(map[string]int64, len(dirs))
	for _, s := range dirs {
		d.spareDirs[s.Name] = s.Ctime
	}
	// Its Marker is replaced when the build is complete (Finish), which
	// gives the folder a new Identity.
	return true
}

// unchanged reports whether the folder root (open, at dir) holds at its
// top only what names and dirs say, and whether each folder of dirs is
// one (not a link) with the change time recorded. The top folder's own
// change time is not: renaming the folder sets it.
func unchanged(root folder, dir string, names []string, dirs []DirStamp) bool {
	want := map[string]bool{Marker: false} // at the top: the name, and whether it is a folder
	for _, n := range names {
		if i := strings.IndexByte(n, '/'); i >= 0 {
			want[n[:i]] = true
		} else {
			want[n] = false
		}
	}
	top, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range top {
		isDir, ok := want[e.Name()]
		if !ok || (isDir && e.Type() != fs.ModeDir) || (!isDir && e.Type() != 0) {
			return false
		}
	}
	var changed atomic.Bool
	par.For(len(dirs), func(i int) {
		if changed.Load() {
			return
		}
		st, err := root.lstat(dirs[i].Name)
		if err != nil || !st.dir || st.ctime == 0 || st.ctime != dirs[i].Ctime {
			changed.Store(true)
		}
	})
	return !changed.Load()
}

// Keep puts n files of the recycled output into the build as they are
// (the i-th named name(i), described by info(i)), after checking that
// each still holds what the build that wrote it recorded (see check):
// all of them, or none (ErrChanged).
func (d *Dir) Keep(n int, file func(i int) (string, FileInfo)) error {
	if !d.recycled {
		return ErrChanged
	}
	var few [4]FileInfo
	got := few[:0]
	if n > len(few) {
		got = make([]FileInfo, 0, n)
	}
	for i := range n {
		name, want := file(i)
		if checkName(name) != nil {
			return ErrChanged
		}
		info, ok := d.check(d.root, name, want)
		if !ok {
			return ErrChanged
		}
		got = append(got, info)
	}
	for i := range n {
		name, _ := file(i)
		d.done(name, got[i], true)
	}
	d.mu.Lock()
	d.kept += n
	d.mu.Unlock()
	return nil
}

// touch notes that the folder dir changed.
func (d *Dir) touch(dir string) {
	d.dirsMu.Lock()
	d.dirs[dir] = true
	d.dirsMu.Unlock()
}

// makeWay clears the way for a file name in the recycled output: a file
// where the build needs a folder on its path, and whatever is at name
// itself (a file, or a folder where the build now has a file). Nothing
// the build has put in is in the way: a name is a file or a folder of the
// build, never both.
func (d *Dir) makeWay(name string) error {
	for i := 0; i < len(name); i++ {
		if name[i] != '/' {
			continue
		}
		p := name[:i]
		st, err := d.root.lstat(p)
		if err == nil && st.dir {
			continue
		}
		d.touch(path.Dir(p))
		if err == nil {
			if err := d.root.unlink(p); err != nil {
				return &os.PathError{Op: "remove", Path: filepath.Join(d.tmp, p), Err: err}
			}
		}
		if err := d.root.mkdir(p); err != nil && !errExist(err) {
			return &os.PathError{Op: "mkdir", Path: filepath.Join(d.tmp, p), Err: err}
		}
		d.touch(p)
	}
	d.touch(path.Dir(name))
	err := d.root.unlink(name)
	if errIsDir(err) {
		return os.RemoveAll(filepath.Join(d.tmp, filepath.FromSlash(name)))
	}
	if err != nil && !errNotExist(err) {
		return &os.PathError{Op: "remove", Path: filepath.Join(d.tmp, name), Err: err}
	}
	return nil
}

// Sweep removes from a recycled output the files of the output it was
// that the build did not put in, and the folders that leaves empty. The
// build is complete: nothing is put in after. Commit sweeps if the
// caller did not.
func (d *Dir) Sweep() error {
	if !d.recycled || d.swept {
		return nil
	}
	d.swept = true
	d.mu.Lock()
	files := d.files
	d.mu.Unlock()
	// The folders of the files removed, and those above them: each is
	// removed if that left it empty, deepest first.
	emptied := map[string]bool{}
	for _, n := range d.spare {
		if _, ok := files[n]; ok || n == Marker || checkName(n) != nil {
			continue
		}
		err := d.root.unlink(n)
		switch {
		case err == nil:
		case errNotExist(err), errNotDir(err):
			continue // gone already (a file of this build is on its path)
		case errIsDir(err):
			continue // a folder of this build now
		default:
			return &os.PathError{Op: "remove", Path: filepath.Join(d.tmp, n), Err: err}
		}
		d.touch(path.Dir(n))
		for dir := path.Dir(n); dir != "." && !emptied[dir]; dir = path.Dir(dir) {
			emptied[dir] = true
		}
	}
	dirs := slices.Collect(maps.Keys(emptied))
	depth := func(s string) int { return strings.Count(s, "/") }
	slices.SortFunc(dirs, func(a, b string) int { return depth(b) - depth(a) })
	for _, dir := range dirs {
		err := d.root.rmdir(dir)
		switch {
		case err == nil:
			d.touch(path.Dir(dir))
		case errNotEmpty(err), errNotExist(err), errNotDir(err):
		default:
			return &os.PathError{Op: "remove", Path: filepath.Join(d.tmp, dir), Err: err}
		}
	}
	return nil
}

// A Stamper records the change times of the build's folders (DirStamps)
// once it is complete, while it is committed.
type Stamper struct {
	root    folder
	changed map[string]bool  // folders the build changed
	known   map[string]int64 // the others', as verified (a recycled output)
}

// Stamper returns the build's Stamper, to be closed. Call it once the
// build is complete (and swept).
func (d *Dir) Stamper() (*Stamper, error) {
	if d.root == noFolder {
		return nil, os.ErrClosed
	}
	fd, err := d.root.dup()
	if err != nil {
		return nil, err
	}
	d.dirsMu.Lock()
	changed := maps.Clone(d.dirs)
	d.dirsMu.Unlock()
	return &Stamper{root: fd, changed: changed, known: d.spareDirs}, nil
}

// DirStamps are the folders of the output whose files are names (and the
// folders above them), with their change times.
func (s *Stamper) DirStamps(names iter.Seq[string]) ([]DirStamp, error) {
	seen := map[string]bool{}
	var dirs []string
	for n := range names {
		for dir := path.Dir(n); dir != "." && !seen[dir]; dir = path.Dir(dir) {
			seen[dir] = true
			dirs = append(dirs, dir)
		}
	}
	stamps := make([]DirStamp, len(dirs))
	var failed atomic.Value
	par.For(len(dirs), func(i int) {
		dir := dirs[i]
		if t, ok := s.known[dir]; ok && !s.changed[dir] {
			stamps[i] = DirStamp{dir, t}
			return
		}
		st, err := s.root.lstat(dir)
		if err != nil {
			failed.Store(err)
			return
		}
		stamps[i] = DirStamp{dir, st.ctime}
	})
	if err, _ := failed.Load().(error); err != nil {
		return nil, err
	}
	return stamps, nil
}

// Close closes the Stamper.
func (s *Stamper) Close() {
	if s != nil && s.root != noFolder {
		s.root.close()
		s.root = noFolder
	}
}

// dropSpare removes a kept output that is not the one to keep.
func dropSpare(out string) error {
	spare := sparePath(out)
	if _, err := os.Lstat(spare); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return removeAll(spare)
}
