package render

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"letterpress/internal/diag"
)

// What static/ may publish. Everything under it is published as it is,
// so two kinds of file are kept out:
//
// Hidden files. A file or folder whose name starts with "." (.git, .env,
// .htpasswd) is never published, and neither is a symbolic link, anywhere
// in static/, that leads to one or into one (static/x -> ../.git/config):
// links are followed to their end and the whole path they lead to is
// checked. The one exception is static/.well-known/, the folder RFC 8615
// gives to files such as security.txt, which exist to be published; it is
// allowed by that exact name, at the top of static/ only. Each file or
// folder left out is a warning that names it (the litter of operating
// systems and git, such as .DS_Store and .gitkeep, is left out silently).
//
// Files that run. A browser runs an HTML page, a script or an SVG or XML
// document as the site that serves it, and this site also serves the web
// editor (/admin/), whose sign-in a page of the same origin can use. The
// scripts and stylesheets of the site are its own, under static/css/ and
// static/js/ (letterpress's and the site's deliberate overrides of them);
// elsewhere, a page or a script is refused with an error naming it (such
// files have no reason to be uploaded: pages come from content/). SVG and
// XML have uses as images and data, and are published from the media
// folder, static/files/ (where the web editor puts uploads), which
// netlify.toml serves as downloads in a sandbox, so that they cannot run
// even when opened; elsewhere they are refused too.

// wellKnown is the one hidden folder static/ publishes.
const wellKnown = StaticDir + "/.well-known"

// MediaDir is the folder of static/ that the web editor uploads to
// (admin/config.yml, media_folder) and the host serves so that nothing in
// it can run (netlify.toml): the only folder SVG and XML are published from.
const MediaDir = "files"

// assetDirs are the folders of static/ that hold the site's own
// stylesheets and scripts, which may be of any type.
var assetDirs = map[string]bool{"css": true, "js": true}

// runnableExt are the types a browser runs as a page or a script of the
// site: published from the asset folders only.
var runnableExt = map[string]string{
	".html": "an HTML page", ".htm": "an HTML page", ".shtml": "an HTML page",
	".xhtml": "an XHTML page", ".xht": "an XHTML page",
	".mht": "a web archive", ".mhtml": "a web archive", ".hta": "an HTML application",
	".js": "a script", ".mjs": "a script", ".cjs": "a script", ".wasm": "a WebAssembly program",
	".swf": "a Flash program", ".xsl": "an XSLT stylesheet", ".xslt": "an XSLT stylesheet",
}

// sandboxedExt are documents that can carry scripts but are also images or
// data: published from the asset folders and the media folder only.
var sandboxedExt = map[string]string{
	".svg": "an SVG image", ".svgz": "an SVG image",
	".xml": "an XML document", ".rss": "an XML document", ".atom": "an XML document", ".rdf": "an XML document",
}

// refuseRunnable reports, and removes from files, the static files of
// types a browser would run as the site outside the folders allowed them.
func refuseRunnable(files map[string]fileSource, errs *diag.List) {
	for name, src := range files {
		top, _, nested := strings.Cut(name, "/")
		if nested && assetDirs[top] {
			continue
		}
		ext := strings.ToLower(path.Ext(name))
		if what, ok := runnableExt[ext]; ok {
			errs.Errorf(diag.Pos{Path: src.path}, "cannot publish %s (%s) from static/: a browser would run it as this site, which also serves the web editor; pages come from content/, and the site's own scripts belong in static/js/", what, ext)
			delete(files, name)
			continue
		}
		if what, ok := sandboxedExt[ext]; ok && !(nested && top == MediaDir) {
			errs.Errorf(diag.Pos{Path: src.path}, "cannot publish %s (%s) outside static/%s/: it can carry scripts, and only static/%s/ is served so that they cannot run (netlify.toml); move it there", what, ext, MediaDir, MediaDir)
			delete(files, name)
		}
	}
}

// hiddenPath reports whether a slash-separated path from the site's root
// has a part whose name starts with "." (but for static/.well-known/).
func hiddenPath(p string) bool {
	if p == wellKnown || strings.HasPrefix(p, wellKnown+"/") {
		p = p[len(wellKnown):]
	}
	for part := range strings.SplitSeq(p, "/") {
		if strings.HasPrefix(part, ".") && part != "." {
			return true
		}
	}
	return false
}

// HiddenName reports whether a file or folder name is hidden: it starts
// with "." (a .well-known folder is for its caller to allow).
func HiddenName(name string) bool { return strings.HasPrefix(name, ".") }

// litter are hidden files that operating systems, editors and git leave
// in folders: left out without a warning.
func litter(name string) bool {
	switch name {
	case ".DS_Store", ".gitkeep", ".keep", ".gitignore", ".gitattributes", ".directory":
		return true
	}
	return strings.HasPrefix(name, "._") || strings.HasPrefix(name, ".#") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx")
}

// WarnHidden says that a hidden file or folder (or a link to one) at p is
// not published, unless it is litter.
func WarnHidden(p string, isDir bool, errs *diag.List) {
	if !isDir && litter(path.Base(p)) {
		return
	}
	what := "file"
	if isDir {
		what = "folder"
	}
	errs.Warnf(diag.Pos{Path: p}, "not published: a %s whose name starts with \".\" is never published (only static/.well-known/ is); rename it without the dot to publish it", what)
}

// errNoLinks is realPath's error for a file system that cannot read links;
// errOutside, for a link that leads out of the site (worded as os.Root
// words it, which fileProblem explains).
var (
	errNoLinks = errors.New("the file system cannot read symbolic links")
	errOutside = errors.New("path escapes from parent")
)

// realPath is where name leads in fsys, with every symbolic link on the way
// followed (as filepath.EvalSymlinks does), as a clean slash-separated path
// from the root. It fails for a link that leads out of fsys (absolute, or
// above its root), a loop, a missing file, and a file system that cannot
// read links (errNoLinks).
func realPath(fsys fs.FS, name string) (string, error) {
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		return "", errNoLinks
	}
	todo := strings.Split(name, "/")
	done := ""
	for links := 0; len(todo) > 0; {
		part := todo[0]
		todo = todo[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if done == "" {
				return "", errOutside
			}
			done = path.Dir(done)
			if done == "." {
				done = ""
			}
			continue
		}
		next := path.Join(done, part)
		info, err := rl.Lstat(next)
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			done = next
			continue
		}
		if links++; links > 40 {
			return "", errors.New("too many links")
		}
		target, err := rl.ReadLink(next)
		if err != nil {
			return "", err
		}
		if path.IsAbs(target) {
			return "", errOutside // os.Root refuses it too
		}
		todo = append(strings.Split(target, "/"), todo...)
	}
	if done == "" {
		return ".", nil
	}
	return done, nil
}
