package serve

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
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
type Watcher struct {
	root     string
	fw       *fsnotify.Watcher
	Batches  chan []string
	Errors   chan error
	debounce time.Duration
	done     chan struct{}
}

// NewWatcher watches the site at root.
func NewWatcher(root string, debounce time.Duration) (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: root, fw: fw, Batches: make(chan []string, 16), Errors: make(chan error, 16), debounce: debounce, done: make(chan struct{})}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		w.addTree(filepath.Join(root, d), nil)
	}
	go w.loop()
	return w, nil
}

// Close stops watching.
func (w *Watcher) Close() error {
	err := w.fw.Close()
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
			if err := w.fw.Add(p); err != nil {
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

func (w *Watcher) loop() {
	defer close(w.done)
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
