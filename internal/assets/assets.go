package assets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"strings"

	"letterpress/internal/diag"
)

// LayoutsDir and StaticDir are the folders of a site (and of the embedded
// defaults) that hold templates and files to publish.
const (
	LayoutsDir = "layouts"
	StaticDir  = "static"
)

// A File is one file of the overlay: the file system it comes from (the
// site's or the defaults') and its path there.
type File struct {
	FS   fs.FS
	Path string
}

// Read returns the file's content.
func (f File) Read() ([]byte, error) { return fs.ReadFile(f.FS, f.Path) }

// Set is a site's layouts and static files, its own over the defaults.
type Set struct {
	// Layouts are the files under layouts/, by their name there
	// ("partials/head.html").
	Layouts map[string]File
	// Files are the static files published under their own name, by that
	// name ("files/report.pdf").
	Files map[string]File
	// Hashed are the stylesheets and scripts, published under names that
	// hold a digest of their content so that they can be cached forever:
	// their content by that name ("css/site.0123456789.css"); Renamed
	// gives that name by the file's own ("css/site.css").
	Hashed  map[string][]byte
	Renamed map[string]string
}

// hashedExt lists the asset types published under content-hashed names so
// they can be cached forever.
var hashedExt = map[string]bool{".css": true, ".js": true}

// Load lists the layouts and static files, the site's (if site is not
// nil) over the defaults', reads and hashes the stylesheets and scripts,
// and reports what static/ may not publish (static.go).
func Load(site, defaults fs.FS, errs *diag.List) *Set {
	s := &Set{Files: map[string]File{}, Hashed: map[string][]byte{}, Renamed: map[string]string{}}
	s.Layouts = Overlay(site, defaults, LayoutsDir, errs)
	static := Overlay(site, defaults, StaticDir, errs)
	refuseRunnable(static, errs)
	warnReplacedStylesheet(site, defaults, errs)
	for name, src := range static {
		ext := path.Ext(name)
		if !hashedExt[ext] {
			s.Files[name] = src
			continue
		}
		data, err := src.Read()
		if err != nil {
			errs.Errorf(diag.Pos{Path: src.Path}, "cannot read: %v", err)
			continue
		}
		sum := sha256.Sum256(data)
		hashedName := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		s.Renamed[name] = hashedName
		s.Hashed[hashedName] = data
	}
	return s
}

// URL is the path a static file is published at (relative to the base
// path, without a leading slash): its hashed name for a stylesheet or a
// script, and otherwise its own.
func (s *Set) URL(name string) string {
	name = strings.TrimPrefix(name, "/")
	if h, ok := s.Renamed[name]; ok {
		return h
	}
	return name
}

// Has reports whether static/ (the site's or the built-in) holds the file
// name.
func (s *Set) Has(name string) bool {
	if _, ok := s.Renamed[name]; ok {
		return true
	}
	_, ok := s.Files[name]
	return ok
}

// Layout returns the text of the layout name ("base.html"), or reports
// why it cannot.
func (s *Set) Layout(name string, errs *diag.List) (string, bool) {
	src, ok := s.Layouts[name]
	if !ok {
		errs.Errorf(diag.Pos{Path: LayoutsDir + "/" + name}, "layout %s is missing", name)
		return "", false
	}
	data, err := src.Read()
	if err != nil {
		errs.Errorf(diag.Pos{Path: src.Path}, "%s", linkProblem(LayoutsDir, err))
		return "", false
	}
	return string(data), true
}

// Overlay lists the files under dir in both file systems, the site's
// replacing the defaults', by their path under dir. Hidden files and
// folders, and links that lead to them, are left out with a warning (see
// static.go); links are followed, inside the site only.
func Overlay(site, defaults fs.FS, dir string, errs *diag.List) map[string]File {
	out := map[string]File{}
	// Layouts are read, not published; static files are published.
	done, only := "published", " (only static/.well-known/ is)"
	if dir != StaticDir {
		done, only = "read", ""
	}
	for _, fsys := range []fs.FS{defaults, site} {
		if fsys == nil {
			continue
		}
		// The folder itself may be a link; below it, only links lead
		// elsewhere (WalkDir does not enter linked folders).
		if real, err := realPath(fsys, dir); err == nil && hiddenPath(real) {
			errs.Warnf(diag.Pos{Path: dir}, "not %s: it is a symbolic link to %s, and nothing inside a folder whose name starts with \".\" is ever %[1]s", done, real)
			continue
		}
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if p != dir && HiddenName(d.Name()) && !(d.IsDir() && p == wellKnown) {
				if dir == StaticDir {
					WarnHidden(p, d.IsDir(), errs)
				}
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || strings.HasSuffix(d.Name(), "~") {
				return nil
			}
			mode := d.Type()
			if mode&fs.ModeSymlink != 0 {
				real, err := realPath(fsys, p)
				switch {
				case errors.Is(err, errNoLinks):
					errs.Warnf(diag.Pos{Path: p}, "not %s: it is a symbolic link, and where it leads cannot be checked here; copy the file itself into %s/", done, dir)
					return nil
				case err != nil:
					errs.Errorf(diag.Pos{Path: p}, "%s", linkProblem(dir, err))
					return nil
				case hiddenPath(real):
					errs.Warnf(diag.Pos{Path: p}, "not %s: it is a symbolic link to %s, and a file or folder whose name starts with \".\" is never %[1]s%[3]s", done, real, only)
					return nil
				}
				info, err := fs.Stat(fsys, p)
				if err != nil {
					errs.Errorf(diag.Pos{Path: p}, "%s", linkProblem(dir, err))
					return nil
				}
				if mode = info.Mode().Type(); mode.IsDir() {
					errs.Errorf(diag.Pos{Path: p}, "a symbolic link to a folder (%s) is not followed: copy the folder itself into %s/, or link its files one by one", real, dir)
					return nil
				}
			}
			// Reading a named pipe blocks until something writes to it:
			// publish regular files only.
			if !mode.IsRegular() {
				errs.Errorf(diag.Pos{Path: p}, "not a regular file (a named pipe, socket or device): remove it from %s/", dir)
				return nil
			}
			out[strings.TrimPrefix(p, dir+"/")] = File{fsys, p}
			return nil
		})
	}
	return out
}

// linkProblem is FileProblem for a file found under dir (a layout is not
// published but read).
func linkProblem(dir string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if dir == LayoutsDir {
		return strings.Replace(FileProblem(err), "cannot publish", "cannot read layout", 1)
	}
	return FileProblem(err)
}

// FileProblem says why a file could not be published, and what to do.
func FileProblem(err error) string {
	switch {
	case strings.Contains(err.Error(), "path escapes from parent"):
		return "cannot publish: it is a symbolic link that leads outside the site; copy the file itself into the site"
	case errors.Is(err, fs.ErrPermission):
		return "cannot publish: permission denied; make the file readable"
	}
	return "cannot publish: " + err.Error()
}

// stylesheet is the built-in stylesheet, which a site's file of the same
// name replaces; extraStylesheet is the site's additions, linked after it.
const (
	stylesheet      = "css/site.css"
	extraStylesheet = "css/extra.css"
)

// warnReplacedStylesheet warns when the site's static/css/site.css
// replaces the built-in stylesheet with other rules: its pages then get
// none of the built-in styles, nor those a later version of letterpress
// adds for new markup, and nothing said so. Adding rules belongs in
// static/css/extra.css. A verbatim copy of the built-in file is left
// alone (it is the built-in stylesheet; the warning comes when a new
// version changes it). Replacing the theme on purpose stays possible
// without a warning: a stylesheet of another name, linked from the site's
// own layouts/partials/head.html.
func warnReplacedStylesheet(site, defaults fs.FS, errs *diag.List) {
	if site == nil || defaults == nil {
		return
	}
	name := StaticDir + "/" + stylesheet
	own, err := fs.ReadFile(site, name)
	if err != nil {
		return
	}
	if def, err := fs.ReadFile(defaults, name); err == nil && bytes.Equal(own, def) {
		return
	}
	errs.Warnf(diag.Pos{Path: name}, "this file replaces letterpress's whole stylesheet, so pages get none of its styles (nor those of later versions): to add to the built-in styles, move your rules to %s/%s, which is linked after it; to replace the theme on purpose, name your stylesheet otherwise and link it from your own layouts/partials/head.html", StaticDir, extraStylesheet)
}
