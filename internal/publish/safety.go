package publish

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"letterpress/internal/publish/filelock"
)

// SiteInputs are what a build reads from the site folder: an output in
// one of them would publish itself, or be lost with it.
var SiteInputs = []string{"site.yaml", "content", "layouts", "static", "admin", "node_modules", ".git"}

// FolderError is a folder that a build refuses to replace or remove, and
// why.
type FolderError struct {
	Path string // as the user named it
	Msg  string // what is wrong, and what to do
	err  error
}

func (e *FolderError) Error() string { return e.Path + ": " + e.Msg }
func (e *FolderError) Unwrap() error { return e.err }

// Resolve is the absolute path of p with every symbolic link in its
// existing part resolved: the folder a build into p would replace.
func Resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		real, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether p is dir or lies inside it (both resolved). The
// names are compared, then, for the parts that exist, the folders
// themselves (a file system that ignores case has more than one name for
// each).
func within(p, dir string) bool {
	if p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator)) {
		return true
	}
	di, err := os.Stat(dir)
	if err != nil {
		return false
	}
	for cur := p; ; cur = filepath.Dir(cur) {
		if ci, err := os.Stat(cur); err == nil && os.SameFile(ci, di) {
			return true
		}
		if filepath.Dir(cur) == cur {
			return false
		}
	}
}

// besideName reports whether name is one a build uses beside its output
// folder out: the output kept from before, the lock, and the temporary
// folders.
func besideName(out, name string) bool {
	base := "." + filepath.Base(out) + "."
	rest, ok := strings.CutPrefix(name, base)
	return ok && (rest == "previous" || rest == "lock" || strings.HasPrefix(rest, "tmp-") || strings.HasPrefix(rest, "old-"))
}

// replaced reports whether a build into out (resolved) may replace or
// remove p (resolved): out itself and what it holds, and the folders
// beside it that a build keeps or makes.
func replaced(out, p string) bool {
	if within(p, out) {
		return true
	}
	parent := filepath.Dir(out)
	rel, err := filepath.Rel(parent, p)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	first, _, _ := strings.Cut(rel, string(filepath.Separator))
	return besideName(out, first)
}

// CheckOut refuses an output folder out that a build into it would
// destroy something with: the site folder site, a folder holding it, one
// of its inputs (SiteInputs) or a folder inside one, the root folder, the
// home folder or a folder holding it, a folder inside a git repository's
// .git; or one whose neighbours a build replaces (see besideName) hold
// the site. Relative paths and symbolic links are resolved first. Nothing
// is read but the folders' names and stats.
func CheckOut(out, site string) error {
	o, err := Resolve(out)
	if err != nil {
		return err
	}
	s, err := Resolve(site)
	if err != nil {
		return err
	}
	refuse := func(format string, args ...any) error {
		return &FolderError{Path: "--out " + out, Msg: fmt.Sprintf(format, args...) + ": a build replaces the whole of --out; choose another folder, such as " + filepath.Join(site, "public")}
	}
	if filepath.Dir(o) == o {
		return refuse("is the root folder")
	}
	if home, err := os.UserHomeDir(); err == nil {
		if h, err := Resolve(home); err == nil && within(h, o) {
			if within(o, h) {
				return refuse("is your home folder")
			}
			return refuse("holds your home folder %s", home)
		}
	}
	for _, part := range strings.Split(o, string(filepath.Separator)) {
		if part == ".git" {
			return refuse("is inside a git repository's .git folder")
		}
	}
	switch {
	case within(o, s) && within(s, o):
		return refuse("is the site folder itself")
	case within(s, o):
		return refuse("holds the site folder %s", site)
	}
	if replaced(o, s) {
		return refuse("would replace the site folder %s, which is where a build keeps its previous output or temporary folders beside %s", site, o)
	}
	for _, in := range SiteInputs {
		p, err := Resolve(filepath.Join(s, in))
		if err != nil {
			continue
		}
		if within(o, p) {
			if o == p {
				return refuse("is the site's %s", in)
			}
			return refuse("is inside the site's %s", in)
		}
		if replaced(o, p) {
			return refuse("would replace the site's %s, which is %s", in, p)
		}
	}
	return nil
}

// LockOut waits until no other build into out runs (calling waiting
// once if it has to wait), then holds a lock on it until Unlock: a file
// .NAME.lock beside it, never removed.
func LockOut(ctx context.Context, out string, waiting func()) (*filelock.Lock, error) {
	o, err := Resolve(out)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(o)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	return filelock.Wait(ctx, filepath.Join(parent, "."+filepath.Base(o)+".lock"), waiting)
}

// nameSum sums the names of an output's files (the Marker aside) in any
// order: the Marker records the sum of the build that wrote it, so that a
// later build can tell, without any other record, that a folder holds the
// files of that build and nothing else.
type nameSum struct {
	n    int
	a, b uint64
}

func (s *nameSum) add(name string)    { s.step(name, 1) }
func (s *nameSum) remove(name string) { s.step(name, -1) }

func (s *nameSum) step(name string, sign int) {
	h := fnv.New128a()
	h.Write([]byte(name))
	var sum [16]byte
	h.Sum(sum[:0])
	a, b := beUint64(sum[:8]), beUint64(sum[8:])
	if sign < 0 {
		a, b = -a, -b
	}
	s.n += sign
	s.a += a
	s.b += b
}

func beUint64(b []byte) uint64 {
	var v uint64
	for _, c := range b[:8] {
		v = v<<8 | uint64(c)
	}
	return v
}

func (s nameSum) String() string {
	return fmt.Sprintf("%d files, names %016x%016x", s.n, s.a, s.b)
}

// markerFor is the Marker's text for an output whose files' names sum to s.
func markerFor(s nameSum) []byte {
	return []byte(markerText + s.String() + "\n")
}

// markedSum is the sum a Marker records, if it records one.
func markedSum(text []byte) (nameSum, bool) {
	rest, ok := strings.CutPrefix(string(text), markerText)
	if !ok {
		return nameSum{}, false
	}
	rest, ok = strings.CutSuffix(rest, "\n")
	if !ok {
		return nameSum{}, false
	}
	count, hexes, ok := strings.Cut(rest, " files, names ")
	if !ok || len(hexes) != 32 {
		return nameSum{}, false
	}
	n, err1 := strconv.Atoi(count)
	a, err2 := strconv.ParseUint(hexes[:16], 16, 64)
	b, err3 := strconv.ParseUint(hexes[16:], 16, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return nameSum{}, false
	}
	return nameSum{n: n, a: a, b: b}, true
}

// Described is what the build that made an output folder recorded of it:
// its identity, its files (the Marker aside), its folders' change times.
type Described struct {
	Identity Identity
	Names    []string
	Dirs     []DirStamp
}

// CheckPrevious checks, before anything is replaced, that the output
// this build replaces and the output kept beside it (which the build
// recycles or removes) hold only files that a build wrote, as cur and
// spare describe them (nil: no record). It refuses (a *FolderError) a
// folder that holds a git repository, a file the record lacks, or, with
// no record, files whose names the folder's Marker does not sum. A
// folder whose every folder is as recorded (its change time, which any
// added, removed or renamed entry sets) is not read further; otherwise
// it is walked, without following links (links and other special files
// are removed as they are, never followed).
func (d *Dir) CheckPrevious(cur, spare *Described) error {
	if _, err := checkOutput(d.out, d.name, false, cur); err != nil {
		return err
	}
	spareAt := sparePath(d.out)
	ok, err := checkOutput(spareAt, filepath.Join(filepath.Dir(d.name), filepath.Base(spareAt)), true, spare)
	if err != nil {
		return err
	}
	d.checked = true
	if ok {
		d.spareChecked = &spare.Identity
	}
	return nil
}

// checkOutput checks the output folder at p (named name, for messages),
// kept is true for the previous output kept beside the current one. It
// reports whether the folder is as desc describes it, folder by folder.
func checkOutput(p, name string, kept bool, desc *Described) (asRecorded bool, err error) {
	refuse := func(format string, args ...any) error {
		fix := "move them out of it, or choose another --out"
		if kept {
			fix = "move them out of it, or remove it (it is the output before the current one, kept for the next build)"
		}
		return &FolderError{Path: name, Msg: fmt.Sprintf(format, args...) + "; a build replaces the whole folder: " + fix}
	}
	refuseGit := func(at string) error {
		fix := "choose another --out, or move the repository out of it"
		if kept {
			fix = "move the repository out of it, or remove it (it is the output before the current one, kept for the next build)"
		}
		return &FolderError{Path: name, Msg: "holds a git repository (" + at + "); a build replaces the whole folder: " + fix}
	}
	info, err := os.Lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case info.Mode()&fs.ModeSymlink != 0 && kept:
		return false, nil // removed as a link
	case !info.IsDir():
		return false, &FolderError{Path: name, Msg: "exists and is not a folder: choose another --out, or remove it"}
	}
	top, err := os.ReadDir(p)
	if err != nil {
		return false, err
	}
	if len(top) == 0 {
		return false, nil
	}
	if slices.ContainsFunc(top, func(e os.DirEntry) bool { return e.Name() == ".git" }) {
		return false, refuseGit(path.Join(filepath.ToSlash(name), ".git"))
	}
	if err := checkTop(name, top); err != nil {
		if kept && errors.Is(err, errUnmarked) {
			// Not an output: the kept output is never that.
			return false, &FolderError{Path: name, Msg: "is where a build keeps the output before the current one, but was not made by letterpress (it has no " + Marker + " file): move it away"}
		}
		return false, err
	}
	if desc != nil && desc.Dirs != nil && stampedFS(p) {
		if id, err := identityOf(p); err == nil && id == desc.Identity {
			f, err := openFolder(p)
			if err == nil {
				same := unchanged(f, p, desc.Names, desc.Dirs)
				f.close()
				if same {
					return true, nil
				}
			}
		}
	}
	var known map[string]bool
	if desc != nil {
		if id, err := identityOf(p); err == nil && id == desc.Identity {
			known = make(map[string]bool, len(desc.Names))
			for _, n := range desc.Names {
				known[n] = true
			}
		}
	}
	var extra []string
	extras := 0
	var sum nameSum
	gitAt := ""
	err = filepath.WalkDir(p, func(at string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(p, at)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == Marker:
			return nil
		case e.Name() == ".git":
			gitAt = rel
			return filepath.SkipAll
		case !e.Type().IsRegular():
			return nil // a folder, walked; a link or a special file, removed as it is
		case known != nil:
			if !known[rel] {
				extras++
				if len(extra) < 3 {
					extra = append(extra, rel)
				}
			}
		default:
			sum.add(rel)
		}
		return nil
	})
	if err != nil {
		return false, &FolderError{Path: name, Msg: fmt.Sprintf("cannot tell what it holds (%v): a build replaces the whole folder; fix that, or choose another --out", err)}
	}
	if gitAt != "" {
		return false, refuseGit(path.Join(filepath.ToSlash(name), gitAt))
	}
	if known != nil {
		if extras == 0 {
			return false, nil
		}
		slices.Sort(extra)
		list := strings.Join(extra, ", ")
		if extras > len(extra) {
			list += fmt.Sprintf(" and %d more", extras-len(extra))
		}
		return false, refuse("holds files that no letterpress build wrote there (%s)", list)
	}
	text, err := os.ReadFile(filepath.Join(p, Marker))
	if err != nil {
		return false, err
	}
	if want, ok := markedSum(text); !ok || want != sum {
		return false, refuse("is not as the letterpress build that made it left it (files were added, removed or renamed), and no record of that build is left to tell which files are its own, so it may hold files no build wrote")
	}
	return false, nil
}

// errUnmarked is an output folder without a Marker.
var errUnmarked = errors.New("not made by letterpress")

// checkTop refuses an output folder (not empty) whose top entries, top,
// show that no build made it: no Marker, or a git repository.
func checkTop(name string, top []os.DirEntry) error {
	marked := false
	for _, e := range top {
		switch e.Name() {
		case Marker:
			marked = e.Type().IsRegular()
		case ".git":
			return &FolderError{Path: name, Msg: "holds a git repository (" + path.Join(filepath.ToSlash(name), ".git") + "); a build replaces the whole folder: choose another --out"}
		}
	}
	if !marked {
		return &FolderError{Path: name, Msg: "already exists and was not made by letterpress (it has no " + Marker + " file): choose another --out, or empty it first (a build replaces the whole folder)", err: errUnmarked}
	}
	return nil
}
