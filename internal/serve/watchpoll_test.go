package serve

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// failAfter makes watching fail with err once n folders are watched, as
// macOS does when kqueue has used up the process's open files, until the
// test ends.
func failAfter(t *testing.T, n int, err error) {
	t.Helper()
	saved, savedEvery := watchAdd, pollEvery
	added := 0
	watchAdd = func(fw *fsnotify.Watcher, p string) error {
		if added >= n {
			return &os.PathError{Op: "open", Path: p, Err: err}
		}
		added++
		return fw.Add(p)
	}
	pollEvery = 20 * time.Millisecond
	t.Cleanup(func() { watchAdd, pollEvery = saved, savedEvery })
}

func pollSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content/letters/2021", "content/pages", "layouts", "static"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, root, "site.yaml", "title: T\n")
	write(t, root, "content/letters/2021/a.md", "---\ntitle: A\n---\n")
	return root
}

func write(t *testing.T, root, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// waitFor waits for a batch holding name (a hang guard bounds it).
func waitFor(t *testing.T, w *Watcher, name string) {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		select {
		case b, ok := <-w.Batches:
			if !ok {
				t.Fatalf("the watcher stopped before reporting %s", name)
			}
			if slices.Contains(b, name) {
				return
			}
		case <-deadline:
			t.Fatalf("no batch reported %s", name)
		}
	}
}

// pollingError waits for the Watcher to say it polls.
func pollingError(t *testing.T, w *Watcher) *PollingError {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		select {
		case err := <-w.Errors:
			var pe *PollingError
			if errors.As(err, &pe) {
				return pe
			}
			t.Logf("watching: %v", err)
		case <-deadline:
			t.Fatal("the watcher never said it polls")
		}
	}
}

// TestWatchFallsBackToPolling: when the system runs out of descriptors
// while the site's folders are first watched, the Watcher says so, with
// the limit, and still reports every change (made, changed, removed), by
// polling.
func TestWatchFallsBackToPolling(t *testing.T) {
	for _, errno := range []syscall.Errno{syscall.EMFILE, syscall.ENOSPC} {
		t.Run(errno.Error(), func(t *testing.T) {
			failAfter(t, 2, errno)
			root := pollSite(t)
			w, err := NewWatcher(root, Debounce)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			pe := pollingError(t, w)
			if !errors.Is(pe, errno) {
				t.Fatalf("the polling error wraps %v, want %v", pe.Err, errno)
			}
			t.Log(pe)
			write(t, root, "content/pages/new.md", "---\ntitle: New\n---\n")
			waitFor(t, w, "content/pages/new.md")
			write(t, root, "content/letters/2021/a.md", "---\ntitle: A, changed\n---\n")
			waitFor(t, w, "content/letters/2021/a.md")
			write(t, root, "site.yaml", "title: T2\n")
			waitFor(t, w, "site.yaml")
			if err := os.Remove(filepath.Join(root, "content/pages/new.md")); err != nil {
				t.Fatal(err)
			}
			waitFor(t, w, "content/pages/new.md")
			write(t, root, "content/pages/.new.md.swp", "litter")
			write(t, root, "content/pages/b.md", "---\ntitle: B\n---\n")
			deadline := time.After(time.Minute)
			for {
				select {
				case b := <-w.Batches:
					if slices.Contains(b, "content/pages/.new.md.swp") {
						t.Fatalf("an editor's swap file was reported: %v", b)
					}
					if slices.Contains(b, "content/pages/b.md") {
						return
					}
				case <-deadline:
					t.Fatal("b.md was not reported")
				}
			}
		})
	}
}

// TestWatchFallsBackWhenAFolderIsAdded: a folder made while the preview
// runs is the one the system cannot watch: the Watcher asks for a full
// rebuild (what was missed meanwhile) and polls from then on.
func TestWatchFallsBackWhenAFolderIsAdded(t *testing.T) {
	root := pollSite(t)
	// Enough for the site as it is: the root and its six folders.
	failAfter(t, 7, syscall.EMFILE)
	w, err := NewWatcher(root, Debounce)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := os.Mkdir(filepath.Join(root, "content/letters/2022"), 0o755); err != nil {
		t.Fatal(err)
	}
	pollingError(t, w)
	waitFor(t, w, Rescan)
	write(t, root, "content/letters/2022/b.md", "---\ntitle: B\n---\n")
	waitFor(t, w, "content/letters/2022/b.md")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for range w.Batches {
	}
}
