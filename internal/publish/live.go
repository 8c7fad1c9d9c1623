package publish

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"letterpress/internal/publish/filelock"
)

// LivePrefix starts the name of every folder a Live makes in the system's
// temporary folder.
const LivePrefix = "letterpress-serve-"

// Live is the site the preview server serves while it changes: files on
// disk, in a private folder under the system's temporary folder, not in
// memory (a large site's pages are gigabytes). Changes are staged
// in that folder and committed together: a whole new tree that replaces
// the old one in one step, or files renamed over the old ones, each
// rename atomic, all under a lock that readers take to open a file. So a
// request gets a file of the old site or of the new, never a half-written
// page nor, within one request, a mix.
//
// The folder is removed by Close; one left by a process that was killed
// is removed by the next Live to start (each holds a lock on a file in its
// folder for as long as it lives, which the kernel drops with the
// process).
//
// A Live is safe for concurrent use; stages are committed one at a time
// by one writer.
type Live struct {
	parent string

	mu     sync.RWMutex
	dir    string // the private folder; "" until first needed
	lock   *filelock.Lock
	root   string            // the tree served; "" before the first commit
	names  map[string]uint64 // its files, with a hash of their content
	seed   maphash.Seed
	seq    int
	closed bool
	bg     sync.WaitGroup // trees being removed
}

// NewLive returns a Live that will make its folder in parent ("" for the
// system's temporary folder) when the first stage begins, removing there
// the folders of Lives whose processes are gone.
func NewLive(parent string) *Live {
	if parent == "" {
		parent = os.TempDir()
	}
	return &Live{parent: parent, names: map[string]uint64{}, seed: maphash.MakeSeed()}
}

// Dir returns the private folder ("" before the first stage).
func (l *Live) Dir() string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.dir
}

// init makes the private folder. l.mu is held.
func (l *Live) init() error {
	if l.closed {
		return errors.New("the preview's folder was closed")
	}
	if l.dir != "" {
		return nil
	}
	dir, err := os.MkdirTemp(l.parent, LivePrefix)
	if err != nil {
		return fmt.Errorf("cannot make the preview's folder: %v", err)
	}
	lock, err := lockLive(dir)
	if err != nil {
		_ = os.RemoveAll(dir)
		return fmt.Errorf("cannot make the preview's folder: %v", err)
	}
	l.dir, l.lock = dir, lock
	l.bg.Go(func() { RemoveStaleLive(l.parent) })
	return nil
}

// RemoveStaleLive removes the folders that Lives of processes that are
// gone left in parent.
func RemoveStaleLive(parent string) {
	dirs, _ := filepath.Glob(filepath.Join(parent, LivePrefix+"*"))
	for _, d := range dirs {
		if info, err := os.Lstat(d); err != nil || !info.IsDir() {
			continue
		}
		lock := filepath.Join(d, "lock")
		if _, err := os.Lstat(lock); err != nil {
			// Made but killed before its lock was: stale once it is
			// older than any start-up.
			if info, err := os.Lstat(d); err == nil && time.Since(info.ModTime()) > time.Minute {
				_ = os.RemoveAll(d)
			}
			continue
		}
		if l, err := filelock.TryLock(lock); err == nil {
			l.Unlock()
			_ = os.RemoveAll(d) // no process holds it
		}
	}
}

// Close stops serving and removes the private folder.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	l.bg.Wait()
	if l.dir == "" {
		return nil
	}
	l.lock.Unlock()
	err := os.RemoveAll(l.dir)
	l.root, l.names = "", map[string]uint64{}
	return err
}

// Stage collects the files of one build until it is committed or aborted.
// Write may be called from several goroutines at once.
type Stage struct {
	l     *Live
	dir   string // a new tree (whole), or a folder of pending files
	whole bool
	err   error
	dirs  sync.Map // folders already made (whole)

	mu    sync.Mutex
	files map[string]staged
	n     int
	kept  map[string]bool // files written with the content they have
}

type staged struct {
	path string // the pending file (not whole)
	hash uint64
}

// Begin starts a stage: whole replaces every file of the site (a full
// build), otherwise the stage's files are put over the current ones.
func (l *Live) Begin(whole bool) *Stage {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := &Stage{l: l, whole: whole, files: map[string]staged{}, kept: map[string]bool{}}
	if s.err = l.init(); s.err != nil {
		return s
	}
	l.seq++
	name := "stage-"
	if whole {
		name = "site-"
	}
	s.dir = filepath.Join(l.dir, name+strconv.Itoa(l.seq))
	s.err = os.Mkdir(s.dir, 0o755)
	return s
}

// Write stages one file.
func (s *Stage) Write(name string, data []byte) error {
	if s.err != nil {
		return s.err
	}
	if err := checkName(name); err != nil {
		return err
	}
	h := maphash.Bytes(s.l.seed, data)
	if s.unchanged(name, h) {
		return nil
	}
	p, err := s.path(name)
	if err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return err
	}
	s.add(name, p, h)
	return nil
}

// unchanged reports whether the stage, which is not whole, is given name
// with the content the site has (hash h): most of the lists after an edit
// that changed a relation. Such a file is left alone: no rename.
func (s *Stage) unchanged(name string, h uint64) bool {
	if s.whole {
		return false
	}
	s.l.mu.RLock()
	old, ok := s.l.names[name]
	s.l.mu.RUnlock()
	if !ok || old != h {
		return false
	}
	s.mu.Lock()
	if f, ok := s.files[name]; ok {
		_ = os.Remove(f.path)
		delete(s.files, name)
	}
	s.kept[name] = true
	s.mu.Unlock()
	return true
}

// path returns where to write the file name: in a whole stage, its place
// in the new tree; otherwise a pending file that Commit renames.
func (s *Stage) path(name string) (string, error) {
	if s.whole {
		p := filepath.Join(s.dir, filepath.FromSlash(name))
		return p, mkdirCached(&s.dirs, filepath.Dir(p))
	}
	s.mu.Lock()
	s.n++
	p := filepath.Join(s.dir, strconv.Itoa(s.n))
	s.mu.Unlock()
	return p, nil
}

// add records that the file name, of hash h, is written at p.
func (s *Stage) add(name, p string, h uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.whole {
		s.files[name] = staged{hash: h}
		return
	}
	if f, ok := s.files[name]; ok {
		_ = os.Remove(f.path)
	}
	s.files[name] = staged{path: p, hash: h}
}

// Create stages one file as it is written (see render.Streamer), as Write
// stages it whole: Write needs the whole of a large site's open data
// files in memory at once. The file is staged when it is closed.
func (s *Stage) Create(name string) (io.WriteCloser, error) {
	if s.err != nil {
		return nil, s.err
	}
	if err := checkName(name); err != nil {
		return nil, err
	}
	p, err := s.path(name)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	w := &stageFile{s: s, name: name, path: p, f: f}
	w.h.SetSeed(s.l.seed)
	return w, nil
}

// stageFile is a file being written by Create.
type stageFile struct {
	s          *Stage
	name, path string
	f          *os.File
	h          maphash.Hash // of what was written, as Write hashes it
}

func (w *stageFile) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.h.Write(p[:n])
	return n, err
}

func (w *stageFile) Close() error {
	if w.f == nil {
		return os.ErrClosed
	}
	err := w.f.Close()
	w.f = nil
	if err != nil {
		return err
	}
	if h := w.h.Sum64(); w.s.unchanged(w.name, h) {
		_ = os.Remove(w.path)
	} else {
		w.s.add(w.name, w.path, h)
	}
	return nil
}

// Len returns the number of files staged: written, and different from
// the files they replace.
func (s *Stage) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.files)
}

func mkdirCached(done *sync.Map, dir string) error {
	if _, ok := done.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	done.Store(dir, true)
	return nil
}

// Abort throws a stage away.
func (s *Stage) Abort() {
	if s.dir != "" {
		_ = os.RemoveAll(s.dir)
	}
}

// Commit puts the stage's files in place. For a whole stage they replace
// the site; otherwise they go over the current files, and then, if keep
// is not nil, current files that are not in keep go too (a name in keep
// ending in "/" is a folder that one writer fills whole: if the stage has
// files under it, current files under it that the stage lacks go;
// otherwise they stay). With keep nil, only files under the folders in
// dirs (names ending in "/") that the stage lacks go.
func (s *Stage) Commit(keep map[string]bool, dirs []string) error {
	if s.err != nil {
		s.Abort()
		return s.err
	}
	l := s.l
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		s.Abort()
		return errors.New("the preview's folder was closed")
	}
	if s.whole {
		old := l.root
		l.root = s.dir
		l.names = make(map[string]uint64, len(s.files))
		for name, f := range s.files {
			l.names[name] = f.hash
		}
		if old != "" {
			// Readers may still hold files of the old tree open; they
			// keep them (the kernel frees unlinked files when closed).
			l.bg.Go(func() { _ = os.RemoveAll(old) })
		}
		return nil
	}
	defer s.Abort()
	if l.root == "" {
		return errors.New("no site to change: a whole build must come first")
	}
	var made sync.Map
	for name, f := range s.files {
		dst := filepath.Join(l.root, filepath.FromSlash(name))
		if err := mkdirCached(&made, filepath.Dir(dst)); err != nil {
			return err
		}
		if err := os.Rename(f.path, dst); err != nil {
			return err
		}
		l.names[name] = f.hash
	}
	if keep != nil {
		dirs = dirs[:0:0]
		for k := range keep {
			if strings.HasSuffix(k, "/") {
				dirs = append(dirs, k)
			}
		}
	}
	under := func(name string) string {
		u := ""
		for _, d := range dirs {
			if strings.HasPrefix(name, d) {
				u = d
			}
		}
		return u
	}
	rewritten := map[string]bool{}
	for name := range s.files {
		if u := under(name); u != "" {
			rewritten[u] = true
		}
	}
	for name := range s.kept {
		if u := under(name); u != "" {
			rewritten[u] = true
		}
	}
	if keep == nil && len(rewritten) == 0 {
		return nil
	}
	var gone []string
	for name := range l.names {
		if keep != nil && keep[name] {
			continue
		}
		if _, staged := s.files[name]; staged || s.kept[name] {
			continue
		}
		u := under(name)
		if keep == nil && u == "" {
			continue
		}
		if u == "" || rewritten[u] {
			gone = append(gone, name)
		}
	}
	for _, name := range gone {
		if err := os.Remove(filepath.Join(l.root, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		delete(l.names, name)
	}
	return nil
}

// Open opens a file of the site being served.
func (l *Live) Open(name string) (*os.File, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	if _, ok := l.names[name]; !ok {
		return nil, fs.ErrNotExist
	}
	return openShared(filepath.Join(l.root, filepath.FromSlash(name)))
}

// Get returns a file's content.
func (l *Live) Get(name string) ([]byte, bool) {
	f, err := l.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false
	}
	b := make([]byte, info.Size())
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, false
	}
	return b, true
}

// Has reports whether the site has a file.
func (l *Live) Has(name string) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	_, ok := l.names[name]
	return ok
}

// Names returns the names of every file, sorted.
func (l *Live) Names() []string {
	l.mu.RLock()
	names := make([]string, 0, len(l.names))
	for n := range l.names {
		names = append(names, n)
	}
	l.mu.RUnlock()
	slices.Sort(names)
	return names
}

// Len returns the number of files.
func (l *Live) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.names)
}
