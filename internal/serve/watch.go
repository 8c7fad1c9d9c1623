package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Rescan in a batch means events were lost: rebuild everything.
const Rescan = "*"

// Batches of more than burstSize paths wait for burstQuiet without events
// before they are rebuilt.
const (
	burstSize  = 8
	burstQuiet = 150 * time.Millisecond
)

// Debounce is the quiet spell after a save before it is rebuilt: long
// enough to gather the events of one save (an editor's write, rename and
// chmod come within a millisecond or two), short enough not to be noticed.
const Debounce = 10 * time.Millisecond

// watchedDirs are the folders of a site whose changes are rebuilt; the site
// root itself is watched (not recursively) for site.yaml and for these
// folders being created or removed.
var watchedDirs = []string{"content", "layouts", "static"}

// Watcher turns file system events under a site into batches of changed
// paths (slash paths from the site root), one batch per burst of events.
//
// Where the system runs out of what it watches with (open files on macOS,
// whose kqueue holds one for every file and folder watched; inotify's
// watches on Linux), the Watcher says so on Errors (a *PollingError) and
// looks for changes every pollEvery instead, by the files' sizes and
// modification times.
type Watcher struct {
	root     string
	fw       *fsnotify.Watcher
	Batches  chan []string
	Errors   chan error
	debounce time.Duration
	done     chan struct{}
	stop     chan struct{}
	stopOnce sync.Once
	// exhausted is the error that ran the system out of watches (set by
	// addTree): the Watcher polls from then on.
	exhausted error
}

// watchAdd watches one folder (tests make it fail as a system out of
// file descriptors does).
var watchAdd = (*fsnotify.Watcher).Add

// pollEvery is how often a Watcher that polls looks for changes.
var pollEvery = time.Second

// PollingError says that the system could not watch the whole site, and
// that the Watcher polls instead.
type PollingError struct {
	Err   error  // what watching failed with
	Limit uint64 // the process's limit of open files (0: not known)
}

func (e *PollingError) Error() string {
	limit := ""
	if e.Limit > 0 && !errors.Is(e.Err, syscall.ENOSPC) {
		limit = fmt.Sprintf(", with a limit of %d open files", e.Limit)
	}
	return fmt.Sprintf("the site has more files and folders than the system can watch (%v%s): looking for changes every %v instead, so a save may take that long to show; to rebuild at once, raise the limit (macOS: ulimit -n; Linux: sysctl fs.inotify.max_user_watches)", e.Err, limit, pollEvery)
}

func (e *PollingError) Unwrap() error { return e.Err }

// tooMany reports whether err says that the system can watch no more:
// out of file descriptors (EMFILE, ENFILE), or of inotify watches
// (ENOSPC).
func tooMany(err error) bool {
	return errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) || errors.Is(err, syscall.ENOSPC)
}

// NewWatcher watches the site at root.
func NewWatcher(root string, debounce time.Duration) (*Watcher, error) {
	limit := raiseFileLimit()
	w := &Watcher{root: root, Batches: make(chan []string, 16), Errors: make(chan error, 16), debounce: debounce, done: make(chan struct{}), stop: make(chan struct{})}
	fw, err := fsnotify.NewWatcher()
	switch {
	case err != nil && !tooMany(err):
		return nil, err
	case err != nil:
		w.exhausted = err
	default:
		w.fw = fw
		if err := watchAdd(fw, root); err != nil {
			if !tooMany(err) {
				fw.Close()
				return nil, err
			}
			w.exhausted = err
		}
		for _, d := range watchedDirs {
			if w.exhausted == nil {
				w.addTree(filepath.Join(root, d), nil)
			}
		}
	}
	if w.exhausted != nil {
		if w.fw != nil {
			w.fw.Close()
		}
		w.report(&PollingError{Err: w.exhausted, Limit: limit})
		before := w.scan() // before NewWatcher returns: what changes after is reported
		go w.poll(before, nil)
		return w, nil
	}
	go w.loop(limit)
	return w, nil
}

// Close stops watching.
func (w *Watcher) Close() error {
	w.stopOnce.Do(func() { close(w.stop) })
	var err error
	if w.fw != nil {
		err = w.fw.Close()
	}
	<-w.done
	return err
}

// addTree watches dir and every folder below it. Files already inside are
// reported through found: a folder may fill before its watch is in place.
func (w *Watcher) addTree(dir string, found func(rel string)) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && ignored(d.Name()) {
				return filepath.SkipDir
			}
			if err := watchAdd(w.fw, p); err != nil {
				if tooMany(err) {
					w.exhausted = err
					return filepath.SkipAll
				}
				w.report(err)
			}
			return nil
		}
		if found != nil && !ignored(d.Name()) {
			found(w.rel(p))
		}
		return nil
	})
}

func (w *Watcher) report(err error) {
	select {
	case w.Errors <- err:
	default:
	}
}

func (w *Watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// relevant reports whether a change at rel (from the site root) matters.
func relevant(rel string) bool {
	if rel == "site.yaml" {
		return true
	}
	top, _, _ := strings.Cut(rel, "/")
	for _, d := range watchedDirs {
		if top == d {
			return !ignored(path.Base(rel))
		}
	}
	return false
}

// ignored recognises editor litter and hidden files: vim's swap files and
// its 4913 probe, backups ending in ~, emacs lock files, temporary files.
func ignored(name string) bool {
	switch {
	case name == "4913", strings.HasPrefix(name, ".#"), strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".part"):
		return true
	case strings.HasPrefix(name, "."):
		return true
	}
	return false
}

func (w *Watcher) loop(limit uint64) {
	pending := map[string]bool{}
	var timer <-chan time.Time
	flush := func() {
		if len(pending) == 0 {
			return
		}
		batch := make([]string, 0, len(pending))
		for p := range pending {
			batch = append(batch, p)
		}
		pending = map[string]bool{}
		w.Batches <- batch
	}
	for {
		select {
		case ev, ok := <-w.fw.Events:
			if !ok {
				flush()
				close(w.Batches)
				close(w.done)
				return
			}
			rel := w.rel(ev.Name)
			if ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Create) {
				continue
			}
			if !relevant(rel) {
				continue
			}
			pending[rel] = true
			if ev.Has(fsnotify.Create) {
				// A new folder (or one removed and made again): watch it and
				// everything already in it.
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					w.addTree(ev.Name, func(r string) { pending[r] = true })
				}
				if w.exhausted != nil {
					// Out of watches: poll from now on, after a full
					// rebuild for whatever was missed meanwhile.
					w.fw.Close()
					w.report(&PollingError{Err: w.exhausted, Limit: limit})
					pending[Rescan] = true
					w.poll(w.scan(), pending)
					return
				}
			}
			// A save settles within milliseconds; a checkout of another
			// branch keeps going: once a batch grows, wait for a longer
			// quiet spell so the burst gives one rebuild.
			wait := w.debounce
			if len(pending) > burstSize {
				wait = burstQuiet
			}
			timer = time.After(wait)
		case err, ok := <-w.fw.Errors:
			if !ok {
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				pending[Rescan] = true
				timer = time.After(w.debounce)
			}
			w.report(err)
		case <-timer:
			timer = nil
			flush()
		}
	}
}

// stamp is what polling compares of a file: a change to its content
// changes its size or its modification time.
type stamp struct {
	size  int64
	mtime time.Time
	dir   bool
}

// scan stamps site.yaml and every file and folder under the watched
// folders (slash paths from the root), leaving out what relevant does.
func (w *Watcher) scan() map[string]stamp {
	m := map[string]stamp{}
	if info, err := os.Stat(filepath.Join(w.root, "site.yaml")); err == nil {
		m["site.yaml"] = stamp{info.Size(), info.ModTime(), info.IsDir()}
	}
	for _, d := range watchedDirs {
		dir := filepath.Join(w.root, d)
		_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if p != dir && ignored(e.Name()) {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			info, err := e.Info()
			if err != nil {
				return nil
			}
			m[w.rel(p)] = stamp{info.Size(), info.ModTime(), e.IsDir()}
			return nil
		})
	}
	return m
}

// poll looks for changes every pollEvery until Close, and sends each
// look's changed paths (added, changed or removed since the scan before)
// as a batch, starting with pending if it has any. It runs in place of
// loop.
func (w *Watcher) poll(before map[string]stamp, pending map[string]bool) {
	defer close(w.done)
	defer close(w.Batches)
	send := func(batch []string) bool {
		select {
		case w.Batches <- batch:
			return true
		case <-w.stop:
			return false
		}
	}
	if len(pending) > 0 {
		batch := make([]string, 0, len(pending))
		for p := range pending {
			batch = append(batch, p)
		}
		if !send(batch) {
			return
		}
	}
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-tick.C:
		}
		now := w.scan()
		var batch []string
		for p, s := range now {
			if old, ok := before[p]; !ok || old != s {
				if !s.dir || !ok {
					batch = append(batch, p)
				}
			}
		}
		for p := range before {
			if _, ok := now[p]; !ok {
				batch = append(batch, p)
			}
		}
		before = now
		if len(batch) > 0 && !send(batch) {
			return
		}
	}
}
