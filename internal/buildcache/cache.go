package buildcache

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The build cache holds one manifest for each output folder built into
// (see ManifestPath), of a size that grows with the site. Each build
// prunes it to the manifests of the Keep output folders built into
// most recently, and of those to the newest that fit in MaxBytes,
// its own always kept. A person builds into public/ over and over and now and
// then into a few other folders (a deploy preview, a test build): a few
// manifests keep all of those fast, and a folder built into once, long
// ago, costs only one cold build if it is built into again. The size cap
// keeps large sites (hundreds of megabytes a manifest) from holding
// gigabytes.
const (
	Keep     = 4
	MaxBytes = 1 << 30
)

// staleTemp is how old a temporary file in the cache must be before a
// prune removes it: a manifest being written by a build into another
// folder, which runs at the same time and holds no lock on this one, is
// newer.
const staleTemp = 24 * time.Hour

// Dir is the folder the build manifests are kept in: $LETTERPRESS_CACHE/builds
// if set, else letterpress/builds in the user's cache folder
// ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS,
// %LocalAppData% on Windows).
func Dir() (string, error) {
	if dir := os.Getenv("LETTERPRESS_CACHE"); dir != "" {
		return filepath.Join(dir, "builds"), nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(cache, "letterpress", "builds"), nil
}

// isManifest reports whether name is a manifest's (16 hexadecimal digits,
// see ManifestPath), not a temporary file's.
func isManifest(name string) bool {
	if len(name) != 16 {
		return false
	}
	for _, c := range name {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

type cacheFile struct {
	path string
	size int64
	mod  time.Time
}

// Prune removes from the cache folder dir the manifests beyond the
// Keep most recently written (a manifest is written at every build
// into its folder, so these are the folders built into most recently)
// and beyond MaxBytes in all, oldest first, and the temporary files
// that builds killed before they finished left (older than a day). The
// manifest keep is never removed. It returns the bytes it freed.
func Prune(dir, keep string) (freed int64, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var manifests []cacheFile
	var errs []error
	remove := func(f cacheFile) {
		if err := os.Remove(f.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			return
		}
		freed += f.size
	}
	now := time.Now()
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		f := cacheFile{filepath.Join(dir, e.Name()), info.Size(), info.ModTime()}
		switch {
		case isManifest(e.Name()):
			manifests = append(manifests, f)
		case strings.Contains(e.Name(), ".tmp-") && now.Sub(f.mod) > staleTemp:
			remove(f)
		}
	}
	// Newest first; the manifest kept before all.
	kept := func(f cacheFile) int {
		if f.path == keep {
			return 0
		}
		return 1
	}
	slices.SortFunc(manifests, func(a, b cacheFile) int {
		return cmp.Or(cmp.Compare(kept(a), kept(b)), b.mod.Compare(a.mod), cmp.Compare(a.path, b.path))
	})
	var total int64
	for i, f := range manifests {
		total += f.size
		if f.path != keep && (i >= Keep || total > MaxBytes) {
			remove(f)
			total -= f.size
		}
	}
	return freed, errors.Join(errs...)
}

// Clear removes every manifest and temporary file in the cache
// folder dir, and the folder if it is then empty. It returns how many
// files it removed and their bytes. The next build into any folder is a
// cold one; a build running meanwhile keeps no manifest.
func Clear(dir string) (files int, freed int64, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	var errs []error
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue // nothing a build makes
		}
		var size int64
		if info, err := e.Info(); err == nil {
			size = info.Size()
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
			continue
		}
		files++
		freed += size
	}
	_ = os.Remove(dir) // only if empty
	return files, freed, errors.Join(errs...)
}
