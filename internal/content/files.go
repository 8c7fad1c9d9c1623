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
	names := exactNames{fsys: fsys, dirs: map[string][]string{}}
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
		default:
			// macOS and Windows find static/files/Report.pdf as
			// report.pdf; the published site (Netlify, Linux) does not.
			if actual := names.actual(StaticDir + "/" + file); actual != "" && actual != StaticDir+"/"+file {
				errs.Errorf(pos, "%s file static/%s is named %s on disk: the letter case differs, which this computer ignores but the published site does not; write the path as the file is named", what, file, actual)
			}
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

// exactNames finds a path's names as they are stored, folder by folder,
// so that a path whose letter case differs from a file's is caught on
// every system, not only where the file system tells them apart.
type exactNames struct {
	fsys fs.FS
	dirs map[string][]string // folder → its entries' names
}

// actual returns p with each part named as it is on disk, or "" when a
// part cannot be found by listing its folder.
func (n *exactNames) actual(p string) string {
	dir := "."
	var out []string
	for part := range strings.SplitSeq(p, "/") {
		entries, ok := n.dirs[dir]
		if !ok {
			list, err := fs.ReadDir(n.fsys, dir)
			if err != nil {
				return ""
			}
			for _, e := range list {
				entries = append(entries, e.Name())
			}
			n.dirs[dir] = entries
		}
		name := ""
		for _, e := range entries {
			if e == part {
				name = e
				break
			}
			if name == "" && strings.EqualFold(e, part) {
				name = e
			}
		}
		if name == "" {
			return ""
		}
		out = append(out, name)
		dir = strings.Join(out, "/")
	}
	return strings.Join(out, "/")
}
