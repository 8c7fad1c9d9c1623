package editor

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"letterpress/internal/assets"
	"letterpress/internal/diag"
	"letterpress/internal/publish"
	"letterpress/internal/render"
)

// The web editor (Decap CMS) is a site's own admin/ folder, index.html and
// config.yml, published at /admin/ with the editor's scripts from the
// site's node_modules (npm ci installs the versions package-lock.json
// pins). The scripts are served by the site itself, so no third-party
// origin enters its Content-Security-Policy; they are neither committed
// nor embedded in the letterpress binary, and a site without admin/ gets
// no editor.
const adminDir = "admin"

// adminScripts are the files of each npm package the editor needs: Decap
// CMS's bundle with the chunks it loads on demand and the image encoder it
// runs as WebAssembly, and the Netlify Identity widget (sign-in,
// invitations, password recovery).
var adminScripts = []struct {
	dir   string
	match func(name string) bool
}{
	{"node_modules/decap-cms/dist", func(n string) bool {
		return n == "decap-cms.js" || n == "decap-cms.js.LICENSE.txt" || strings.HasSuffix(n, ".decap-cms.js") || strings.HasSuffix(n, ".wasm")
	}},
	{"node_modules/netlify-identity-widget/build", func(n string) bool { return n == "netlify-identity-widget.js" }},
}

// Publish writes the site's admin/ folder and the editor's scripts
// to out. Without the scripts (npm ci not run) it leaves the editor out
// and says so.
func Publish(fsys fs.FS, out render.Output, errs *diag.List) {
	if info, err := fs.Stat(fsys, adminDir); err != nil || !info.IsDir() {
		return
	}
	type file struct{ src, name string }
	var files []file
	for _, s := range adminScripts {
		entries, err := fs.ReadDir(fsys, s.dir)
		n := len(files)
		if err == nil {
			for _, e := range entries {
				if e.Type().IsRegular() && s.match(e.Name()) {
					files = append(files, file{path.Join(s.dir, e.Name()), path.Join(adminDir, e.Name())})
				}
			}
		}
		if len(files) == n {
			errs.Warnf(diag.Pos{Path: adminDir}, "the web editor's scripts are not installed (%s is missing): run npm ci; /admin/ is left out of this build", s.dir)
			return
		}
	}
	// Regular files only (a link is not followed here), and nothing
	// hidden: a folder whose name starts with "." is left out whole.
	_ = fs.WalkDir(fsys, adminDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != adminDir && assets.HiddenName(d.Name()) {
			assets.WarnHidden(p, d.IsDir(), errs)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, file{p, p})
		}
		return nil
	})
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f.src)
		if err == nil {
			err = out.Write(f.name, data)
		}
		var full *publish.DiskFullError
		switch {
		case errors.As(err, &full):
			file, msg := full.DiskFull()
			errs.Add(diag.FileError{Path: file, Msg: msg})
			return
		case err != nil:
			errs.Errorf(diag.Pos{Path: f.src}, "cannot publish: %v", err)
		}
	}
}
