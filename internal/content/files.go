package content

import (
	"errors"
	"io/fs"
	"strings"

	"letterpress/internal/diag"
)

// StaticDir holds files published as they are.
const StaticDir = "static"

// CheckFiles reports attachments and report files that are missing under
// static/.
func CheckFiles(fsys fs.FS, s *Site, errs *diag.List) {
	check := func(file string, pos diag.Pos, what string) {
		if hiddenStatic(file) {
			errs.Errorf(pos, "%s file static/%s is hidden (a part of its path starts with \".\"), and hidden files are never published: rename it", what, file)
			return
		}
		info, err := fs.Stat(fsys, StaticDir+"/"+file)
		switch {
		case err != nil && strings.Contains(err.Error(), "path escapes from parent"):
			errs.Errorf(pos, "%s file static/%s is a symbolic link that leads outside the site: copy the file itself into static/", what, file)
		case err != nil && errors.Is(err, fs.ErrPermission):
			errs.Errorf(pos, "%s file static/%s cannot be read (permission denied): make it readable", what, file)
		case err != nil:
			errs.Errorf(pos, "%s file static/%s does not exist: add it, or correct the path", what, file)
		case info.IsDir():
			errs.Errorf(pos, "%s file static/%s is a folder, not a file", what, file)
		}
	}
	for _, d := range s.All() {
		for _, a := range d.Attachments {
			check(a.File, d.At(a.Pos), "attachment")
		}
		if d.File != "" {
			check(d.File, d.At(d.FilePos), "report")
		}
	}
}

// hiddenStatic reports whether a path under static/ has a part whose name
// starts with "." other than a first .well-known: such files are never
// published (package render leaves them out).
func hiddenStatic(file string) bool { return HiddenStatic(file) }

// HiddenStatic reports whether a file under static/ (its path from there)
// is hidden, so never published: a part of its path starts with "." other
// than a first .well-known.
func HiddenStatic(file string) bool {
	file = strings.TrimPrefix(file, ".well-known/")
	for part := range strings.SplitSeq(file, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}
