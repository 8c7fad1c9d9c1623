package build_test

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitefs"
	"letterpress/internal/sitetest"
)

// hiddenSite writes the check base site to a folder with hidden files in
// and around static/ and links to them, each holding a secret word, and
// returns the folder.
func hiddenSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	sitetest.Load(t, "testdata/check/_base.txtar").WriteDir(t, dir)
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	// The site's own git folder, a dotfile and a hidden folder beside
	// static/, and the editor's scripts (so that admin/ is published).
	write(".git/config", "[remote] url = https://secretgitconfig@example.org/\n")
	write(".env", "TOKEN=secretdotenv\n")
	write(".private/notes.txt", "secrethiddenfolder\n")
	write("node_modules/decap-cms/dist/decap-cms.js", "/* editor */\n")
	write("node_modules/netlify-identity-widget/build/netlify-identity-widget.js", "/* sign-in */\n")
	write("admin/index.html", "<!doctype html><title>Editor</title>\n")
	write("admin/.secret/token.txt", "secretadminfolder\n")
	// Inside static/: hidden files and folders, litter, and the one
	// hidden folder that is published.
	write("static/.env", "secretstaticdotenv\n")
	write("static/.DS_Store", "secretlitter\n")
	write("static/files/.git/config", "secretstaticgit\n")
	write("static/files/.well-known/x.txt", "secretnestedwellknown\n")
	write("static/.well-known/security.txt", "Contact: mailto:security@example.org\n")
	write("static/files/annex.txt", "an annex\n")
	// Links: to the site's git config, to a dotfile, into a hidden folder,
	// through a chain, through a linked folder; and to files that may be
	// published.
	link("../.git/config", "static/config.txt")
	link("../../.env", "static/files/env.txt")
	link("../../.private/notes.txt", "static/files/notes.txt")
	link("b.txt", "static/files/a.txt")
	link("../../.git/config", "static/files/b.txt")
	link(".git", "repo")
	link("../../repo/config", "static/files/via.txt")
	link(".well-known/security.txt", "static/security.txt")
	link("annex.txt", "static/files/annex-link.txt")
	return dir
}

// hiddenWarnings are the problems a build of hiddenSite gives: a warning
// for each file or folder left out, none for litter.
const hiddenWarnings = `admin/.secret:1:1: warning: not published: a folder whose name starts with "." is never published (only static/.well-known/ is); rename it without the dot to publish it
static/.env:1:1: warning: not published: a file whose name starts with "." is never published (only static/.well-known/ is); rename it without the dot to publish it
static/config.txt:1:1: warning: not published: it is a symbolic link to .git/config, and a file or folder whose name starts with "." is never published (only static/.well-known/ is)
static/files/.git:1:1: warning: not published: a folder whose name starts with "." is never published (only static/.well-known/ is); rename it without the dot to publish it
static/files/.well-known:1:1: warning: not published: a folder whose name starts with "." is never published (only static/.well-known/ is); rename it without the dot to publish it
static/files/a.txt:1:1: warning: not published: it is a symbolic link to .git/config, and a file or folder whose name starts with "." is never published (only static/.well-known/ is)
static/files/b.txt:1:1: warning: not published: it is a symbolic link to .git/config, and a file or folder whose name starts with "." is never published (only static/.well-known/ is)
static/files/env.txt:1:1: warning: not published: it is a symbolic link to .env, and a file or folder whose name starts with "." is never published (only static/.well-known/ is)
static/files/notes.txt:1:1: warning: not published: it is a symbolic link to .private/notes.txt, and a file or folder whose name starts with "." is never published (only static/.well-known/ is)
static/files/via.txt:1:1: warning: not published: it is a symbolic link to .git/config, and a file or folder whose name starts with "." is never published (only static/.well-known/ is)
`

// TestNothingHiddenPublished builds hiddenSite as build and check read a
// site (os.Root, sitefs.Folders) and as the command writes it (the
// incremental build into a folder), and checks that no secret word is in
// any file, that what may be published is, and the warnings.
func TestNothingHiddenPublished(t *testing.T) {
	want := []string{".well-known/security.txt", "files/annex.txt", "files/annex-link.txt", "security.txt", "admin/index.html"}
	check := func(t *testing.T, files map[string][]byte, problems string) {
		t.Helper()
		for _, name := range slices.Sorted(maps.Keys(files)) {
			for _, secret := range []string{"secretgitconfig", "secretdotenv", "secrethiddenfolder", "secretadminfolder", "secretstaticdotenv", "secretlitter", "secretstaticgit", "secretnestedwellknown"} {
				if bytes.Contains(files[name], []byte(secret)) {
					t.Errorf("%s is published (it holds %s)", name, secret)
				}
			}
		}
		for _, name := range want {
			if _, ok := files[name]; !ok {
				t.Errorf("%s is not published", name)
			}
		}
		if problems != hiddenWarnings {
			t.Errorf("problems differ\n--- got\n%s--- want\n%s", problems, hiddenWarnings)
		}
	}
	opts := build.Options{Now: catalogueNow}
	for name, open := range map[string]func(*os.Root) fs.FS{
		"os.Root":        func(r *os.Root) fs.FS { return r.FS() },
		"sitefs.Folders": func(r *os.Root) fs.FS { return sitefs.Folders(r) },
	} {
		t.Run(name, func(t *testing.T) {
			root, err := os.OpenRoot(hiddenSite(t))
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			out := publish.NewMemory()
			_, errs := build.Build(open(root), letterpress.Defaults, out, opts, render.Options{})
			var b strings.Builder
			errs.Print(&b)
			check(t, out.Files, b.String())
		})
	}
	t.Run("incremental into a folder", func(t *testing.T) {
		site, out := hiddenSite(t), filepath.Join(t.TempDir(), "public")
		r := buildMaybeInto(t, site, out, filepath.Join(t.TempDir(), "manifest"), opts, true)
		files := map[string][]byte{}
		_ = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(out, p)
				files[filepath.ToSlash(rel)], _ = os.ReadFile(p)
			}
			return nil
		})
		check(t, files, r.problems)
	})
}

// TestHiddenLinkedFolders: static/ itself may be a link, and a link in it
// may lead to a folder; one that leads to a hidden folder publishes
// nothing of it, with a warning rather than the error of a linked folder.
func TestHiddenLinkedFolders(t *testing.T) {
	for _, c := range []struct{ name, link, target, file, want string }{
		{"static/ itself", "static", ".assets", "files/x.txt",
			"static:1:1: warning: not published: it is a symbolic link to .assets, and nothing inside a folder whose name starts with \".\" is ever published\n"},
		{"a folder in static/", "static/files/gitdir", "../../.assets", "files/gitdir/files/x.txt",
			"static/files/gitdir:1:1: warning: not published: it is a symbolic link to .assets, and a file or folder whose name starts with \".\" is never published (only static/.well-known/ is)\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			sitetest.Load(t, "testdata/check/_base.txtar").WriteDir(t, dir)
			os.MkdirAll(filepath.Join(dir, ".assets/files"), 0o755)
			os.MkdirAll(filepath.Join(dir, filepath.Dir(c.link)), 0o755)
			os.WriteFile(filepath.Join(dir, ".assets/files/x.txt"), []byte("secretlinkedstatic"), 0o644)
			if err := os.Symlink(c.target, filepath.Join(dir, c.link)); err != nil {
				t.Fatal(err)
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			out := publish.NewMemory()
			_, errs := build.Build(root.FS(), letterpress.Defaults, out, build.Options{Now: catalogueNow}, render.Options{})
			var b strings.Builder
			errs.Print(&b)
			if _, ok := out.Files[c.file]; ok {
				t.Errorf("%s, from a hidden folder, is published", c.file)
			}
			if b.String() != c.want {
				t.Errorf("problems:\n%s\nwant:\n%s", b.String(), c.want)
			}
		})
	}
}

// TestLinkedFolderInStatic: a link to a folder that is not hidden is not
// followed either, and says so.
func TestLinkedFolderInStatic(t *testing.T) {
	dir, fsys := baseDir(t)
	os.MkdirAll(filepath.Join(dir, "static/files"), 0o755)
	os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
	if err := os.Symlink("../../docs", filepath.Join(dir, "static/files/docs")); err != nil {
		t.Fatal(err)
	}
	expect(t, problems(t, fsys, true), "static/files/docs:1:1: a symbolic link to a folder (docs) is not followed: copy the folder itself into static/, or link its files one by one\n")
}

// TestRunnableStaticRefused: pages and scripts are published from the
// asset folders (static/css/, static/js/) only; anything else from those
// and the media folder (static/files/, served so that nothing in it runs);
// and elsewhere only images, fonts, documents, audio and video. Anything
// else is an error naming it, and the build publishes nothing.
func TestRunnableStaticRefused(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o644} }
	allowed := map[string]string{
		"static/files/logo.svg":                         "files/logo.svg",
		"static/files/data.xml":                         "files/data.xml",
		"static/files/route.kml":                        "files/route.kml",
		"static/files/annex.pdf":                        "files/annex.pdf",
		"static/files/README":                           "files/README",
		"static/js/extra.js":                            "js/extra.", // published under its hashed name
		"static/js/widget.html":                         "js/widget.html",
		"static/css/icons.svg":                          "css/icons.svg",
		"static/images/photo.JPG":                       "images/photo.JPG",
		"static/favicon.ico":                            "favicon.ico",
		"static/fonts/body.woff2":                       "fonts/body.woff2",
		"static/docs/annual.pdf":                        "docs/annual.pdf",
		"static/_headers":                               "_headers",
		"static/.well-known/security.txt":               ".well-known/security.txt",
		"static/.well-known/apple-app-site-association": ".well-known/apple-app-site-association",
	}
	const runnable = ": a browser would run it as this site, which also serves the web editor; pages come from content/, and the site's own scripts belong in static/js/"
	const elsewhere = " outside static/files/: a browser may run scripts in it as this site; outside static/css/, static/js/ and static/files/ (served so that nothing in it runs, netlify.toml), static/ publishes images, fonts, documents, audio and video only; move it to static/files/"
	refused := map[string]string{
		"static/files/page.html":  "cannot publish an HTML page (.html) from static/" + runnable,
		"static/files/page.HTM":   "cannot publish an HTML page (.htm) from static/" + runnable,
		"static/files/page.xhtml": "cannot publish an XHTML page (.xhtml) from static/" + runnable,
		"static/files/steal.js":   "cannot publish a script (.js) from static/" + runnable,
		"static/files/steal.mjs":  "cannot publish a script (.mjs) from static/" + runnable,
		"static/files/app.wasm":   "cannot publish a WebAssembly program (.wasm) from static/" + runnable,
		"static/files/style.xsl":  "cannot publish an XSLT stylesheet (.xsl) from static/" + runnable,
		"static/verify.html":      "cannot publish an HTML page (.html) from static/" + runnable,
		"static/images/logo.svg":  "cannot publish a .svg file" + elsewhere,
		"static/sitemap-2.xml":    "cannot publish a .xml file" + elsewhere,
		"static/maps/route.kml":   "cannot publish a .kml file" + elsewhere,
		"static/schema.xsd":       "cannot publish a .xsd file" + elsewhere,
		"static/images/LICENSE":   "cannot publish a file without an extension" + elsewhere,
	}
	fsys := baseMap(t)
	for name := range allowed {
		fsys[name] = file("fine")
	}
	var want []string
	for name, msg := range refused {
		fsys[name] = file(`<script>fetch("/admin/")</script>`)
		want = append(want, name+":1:1: "+msg)
	}
	slices.Sort(want)
	expect(t, problems(t, fsys, true), strings.Join(want, "\n")+"\n")

	// Without them, the rest is published.
	for name := range refused {
		delete(fsys, name)
	}
	out := publish.NewMemory()
	_, errs := build.Build(fsys, letterpress.Defaults, out, build.Options{Now: catalogueNow}, render.Options{})
	if errs.Len() > 0 {
		t.Fatalf("problems: %v", errs)
	}
	for src, name := range allowed {
		if !slices.ContainsFunc(out.Names(), func(n string) bool { return strings.HasPrefix(n, name) }) {
			t.Errorf("%s is not published (as %s)", src, name)
		}
	}
}

// TestHiddenLayoutLink: a layout is not published, but its text is; one
// that links to a hidden file is not read.
func TestHiddenLayoutLink(t *testing.T) {
	dir, fsys := baseDir(t)
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git/config"), []byte(`{{define "partials/zz.html"}}secretgitconfig{{end}}`), 0o644)
	os.MkdirAll(filepath.Join(dir, "layouts/partials"), 0o755)
	if err := os.Symlink("../../.git/config", filepath.Join(dir, "layouts/partials/zz.html")); err != nil {
		t.Fatal(err)
	}
	expect(t, problems(t, fsys, true), "layouts/partials/zz.html:1:1: warning: not read: it is a symbolic link to .git/config, and a file or folder whose name starts with \".\" is never read\n")
}

// TestHiddenAttachment: an attachment whose file is hidden would be a
// link to nothing; check says so.
func TestHiddenAttachment(t *testing.T) {
	fsys := baseMap(t)
	fsys["static/files/.drafts/annex.pdf"] = &fstest.MapFile{Data: []byte("%PDF")}
	fsys["static/.well-known/annex.pdf"] = &fstest.MapFile{Data: []byte("%PDF")}
	fsys["content/letters/2021/2021-03-01-northshire-pcc.md"].Data = bytes.Replace(fsys["content/letters/2021/2021-03-01-northshire-pcc.md"].Data,
		[]byte("topics: [victim-care]\n"), []byte("topics: [victim-care]\nattachments: [{title: Annex, file: files/.drafts/annex.pdf}, {title: Known, file: .well-known/annex.pdf}]\n"), 1)
	expect(t, problems(t, fsys, false),
		"content/letters/2021/2021-03-01-northshire-pcc.md:7:36: attachment file static/files/.drafts/annex.pdf is hidden (a part of its path starts with \".\"), and hidden files are never published: rename it\n"+
			// The published one is read for personal data; the hidden one is not.
			"static/.well-known/annex.pdf:1:1: warning: cannot read its text (it is not a whole PDF: a PDF starts with %PDF- and ends with %%EOF), so it was not checked for personal data: replace it with a readable copy (it is published with content/letters/2021/2021-03-01-northshire-pcc.md)\n")
}
