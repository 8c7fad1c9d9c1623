package render

import (
	"io/fs"

	"letterpress/internal/assets"
	"letterpress/internal/diag"
)

// What keys.go reads of package assets, in the shape it had when the
// overlay was render's.

// LayoutsDir is assets.LayoutsDir.
const LayoutsDir = assets.LayoutsDir

// fileSource is an assets.File.
type fileSource struct {
	fsys fs.FS
	path string
}

// fileSources is m as fileSources.
func fileSources(m map[string]assets.File) map[string]fileSource {
	out := make(map[string]fileSource, len(m))
	for name, f := range m {
		out[name] = fileSource{f.FS, f.Path}
	}
	return out
}

// overlay is assets.Overlay.
func overlay(site, defaults fs.FS, dir string, errs *diag.List) map[string]fileSource {
	return fileSources(assets.Overlay(site, defaults, dir, errs))
}

// statOf is assets.FileStat.
func statOf(info fs.FileInfo) (ctime int64, ino, dev uint64, ok bool) { return assets.FileStat(info) }
