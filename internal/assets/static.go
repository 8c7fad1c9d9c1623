package assets

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
// Files that run. A browser runs an HTML page, a script, or an SVG or
// any XML document (which may hold XHTML scripts) as the site that serves
// it, and this site also serves the web editor (/admin/), whose sign-in a
// page of the same origin can use. So static/ publishes:
//
//   - from static/css/ and static/js/, anything: the site's own assets
//     (letterpress's stylesheet and scripts, and the site's deliberate
//     overrides of them), which a person commits, never an upload;
//   - from static/files/, the media folder (the web editor uploads there),
//     anything but pages and scripts, which have no reason to be uploaded
//     (pages come from content/): netlify.toml serves the folder as
//     downloads in a sandbox, so that an SVG or XML file cannot run;
//   - from anywhere else, pages and scripts never, and otherwise only the
//     types a browser shows without running anything (images, fonts,
//     PDFs, text, office documents, audio and video): an allowlist, since
//     the types a browser renders as XML (anything served as */*+xml) are
//     too many to list. Files without an extension, whose type a host may
//     guess, only from static/.well-known/ (apple-app-site-association),
//     and Netlify's own _headers at the top of static/.
//
// Anything else is an error that names the file and says where it may go.

// wellKnown is the one hidden folder static/ publishes.
const wellKnown = StaticDir + "/.well-known"

// MediaDir is the folder of static/ that the web editor uploads to
// (admin/config.yml, media_folder) and the host serves so that nothing in
// it can run (netlify.toml): besides the asset folders, the only folder
// that publishes SVG, XML and the other types not in inertExt.
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

// inertExt are the types published from anywhere in static/: a browser
// shows them, or hands them to another program, without running anything
// as the site (given X-Content-Type-Options: nosniff, which netlify.toml
// sends with every file).
var inertExt = map[string]bool{
	// Images (not SVG).
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true,
	".ico": true, ".bmp": true, ".tif": true, ".tiff": true,
	// Fonts.
	".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true,
	// Documents, text and data.
	".pdf": true, ".txt": true, ".md": true, ".csv": true, ".tsv": true, ".json": true, ".geojson": true,
	".rtf": true, ".odt": true, ".ods": true, ".odp": true, ".doc": true, ".docx": true,
	".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true, ".epub": true,
	".zip": true, ".gz": true, ".webmanifest": true, ".asc": true, ".css": true,
	// Audio, video and their captions.
	".mp3": true, ".m4a": true, ".ogg": true, ".oga": true, ".wav": true, ".flac": true,
	".mp4": true, ".m4v": true, ".webm": true, ".ogv": true, ".vtt": true, ".srt": true,
}

// refuseRunnable reports, and removes from files, the static files a
// browser could run as the site that are outside the folders allowed them.
func refuseRunnable(files map[string]File, errs *diag.List) {
	for name, src := range files {
		top, _, nested := strings.Cut(name, "/")
		if nested && assetDirs[top] {
			continue
		}
		ext := strings.ToLower(path.Ext(name))
		if what, ok := runnableExt[ext]; ok {
			errs.Errorf(diag.Pos{Path: src.Path}, "cannot publish %s (%s) from static/: a browser would run it as this site, which also serves the web editor; pages come from content/, and the site's own scripts belong in static/js/", what, ext)
			delete(files, name)
			continue
		}
		if nested && top == MediaDir || inertExt[ext] || name == "_headers" ||
			ext == "" && strings.HasPrefix(src.Path, wellKnown+"/") {
			continue
		}
		kind := "a " + ext + " file"
		if ext == "" {
			kind = "a file without an extension"
		}
		errs.Errorf(diag.Pos{Path: src.Path}, "cannot publish %s outside static/%s/: a browser may run scripts in it as this site; outside static/css/, static/js/ and static/%[2]s/ (served so that nothing in it runs, netlify.toml), static/ publishes images, fonts, documents, audio and video only; move it to static/%[2]s/", kind, MediaDir)
		delete(files, name)
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
