// Package publish is where a build's files go: a directory that is
// replaced only when the whole build succeeded, or memory (for the preview
// server and tests).
package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// Marker is the file that marks a directory as letterpress output, so that
// a build never replaces a directory it did not make.
const Marker = ".letterpress-output"

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
	out  string
	tmp  string
	dirs sync.Map // directories already created
	mu   sync.Mutex
	n    int
	size int64
}

// NewDir prepares a build into out. It removes temporary directories left
// by builds that were killed, and refuses to replace a directory that
// letterpress did not make.
func NewDir(out string) (*Dir, error) {
	out = filepath.Clean(out)
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(out); err == nil {
		if !info.IsDir() {
			return nil, fmt.Errorf("output %s exists and is not a directory", out)
		}
		entries, err := os.ReadDir(out)
		if err != nil {
			return nil, err
		}
		if len(entries) > 0 && !slices.ContainsFunc(entries, func(e os.DirEntry) bool { return e.Name() == Marker }) {
			return nil, fmt.Errorf("output %s already exists and was not made by letterpress: choose another --out, or empty it first (a build replaces the whole directory)", out)
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
	d := &Dir{out: abs, tmp: tmp}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte("This directory is replaced by every letterpress build.\n"), 0o644); err != nil {
		_ = os.RemoveAll(tmp)
		return nil, err
	}
	return d, nil
}

// Write writes one file of the build.
func (d *Dir) Write(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	p, err := d.path(name)
	if err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return err
	}
	d.mu.Lock()
	d.n++
	d.size += int64(len(data))
	d.mu.Unlock()
	return nil
}

// path is where name goes in the temporary directory, whose folders it
// makes.
func (d *Dir) path(name string) (string, error) {
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	dir := filepath.Dir(p)
	if _, ok := d.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		d.dirs.Store(dir, true)
	}
	return p, nil
}

// Create writes one file of the build as it is made (see render.Streamer):
// it is counted when it is closed.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	p, err := d.path(name)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	return &dirFile{f: f, d: d}, nil
}

// dirFile is a file being written by Create.
type dirFile struct {
	f *os.File
	d *Dir
	n int64
}

func (w *dirFile) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.n += int64(n)
	return n, err
}

func (w *dirFile) Close() error {
	if err := w.f.Close(); err != nil {
		return err
	}
	w.d.mu.Lock()
	w.d.n++
	w.d.size += w.n
	w.d.mu.Unlock()
	return nil
}

// Stats returns the number of files and bytes written.
func (d *Dir) Stats() (files int, bytes int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.n, d.size
}

// Commit puts the new build in place of the old output.
func (d *Dir) Commit() error {
	if _, err := os.Lstat(d.out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(d.tmp, d.out)
	}
	// Swap the two directories in one step where the kernel can.
	if err := unix.Renameat2(unix.AT_FDCWD, d.tmp, unix.AT_FDCWD, d.out, unix.RENAME_EXCHANGE); err == nil {
		return os.RemoveAll(d.tmp) // now holds the old output
	}
	old := strings.Replace(d.tmp, ".tmp-", ".old-", 1)
	if err := os.Rename(d.out, old); err != nil {
		return err
	}
	if err := os.Rename(d.tmp, d.out); err != nil {
		_ = os.Rename(old, d.out)
		return err
	}
	return os.RemoveAll(old)
}

// Abort throws the unfinished build away.
func (d *Dir) Abort() { _ = os.RemoveAll(d.tmp) }

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
