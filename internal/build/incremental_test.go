package build_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/search"
	"letterpress/internal/sitetest"
)

// incrementalRun is one build into a folder with a manifest.
type incrementalRun struct {
	written, linked int
	kept            int       // of linked: kept as they were in the recycled output
	reread          int       // of linked: read to be checked (see publish.Dir.Reread)
	recycled        bool      // the kept output was updated in place
	start           time.Time // when the build started
	out             string
	inc             *build.Incremental
	problems        string // as printed
	failed          bool
}

// buildInto builds the site folder into out as the command does, with the
// manifest at manifest; cold ignores it.
func buildInto(t *testing.T, site, out, manifest string, opts build.Options, cold bool) incrementalRun {
	t.Helper()
	r := buildMaybeInto(t, site, out, manifest, opts, cold)
	if r.failed {
		t.Fatalf("build failed:\n%s", r.problems)
	}
	return r
}

// buildMaybeInto is buildInto for a build that may fail (and then leaves
// out as it was).
func buildMaybeInto(t *testing.T, site, out, manifest string, opts build.Options, cold bool) incrementalRun {
	t.Helper()
	root, err := os.OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	dir, err := publish.NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	inc := &build.Incremental{Manifest: manifest, Cold: cold, Program: []byte("incremental test")}
	_, errs := inc.Build(root.FS(), letterpress.Defaults, dir, opts, render.Options{})
	var printed strings.Builder
	errs.Print(&printed)
	if errs.HasErrors(false) {
		dir.Abort()
		inc.Discard()
		return incrementalRun{inc: inc, problems: printed.String(), failed: true}
	}
	if err := dir.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := inc.Save(); err != nil {
		t.Fatal(err)
	}
	files, _ := dir.Stats()
	return incrementalRun{written: files - dir.Linked(), linked: dir.Linked(), kept: dir.Kept(), reread: dir.Reread(), recycled: dir.Recycled(), start: start, out: out, inc: inc, problems: printed.String()}
}

// sameTree fails the test unless the two folders hold the same files with
// the same bytes, and the same folders.
func sameTree(t *testing.T, step, got, want string) {
	t.Helper()
	gd, wd := dirsOf(t, got), dirsOf(t, want)
	for d := range gd {
		if !wd[d] {
			t.Errorf("%s: folder %s is in the repeat build, not in a cold one", step, d)
		}
	}
	for d := range wd {
		if !gd[d] {
			t.Errorf("%s: folder %s is missing from the repeat build", step, d)
		}
	}
	g, w := readDirTree(t, got), readDirTree(t, want)
	n := 0
	for name, data := range w {
		gd, ok := g[name]
		switch {
		case !ok:
			t.Errorf("%s: %s is missing from the repeat build", step, name)
		case !bytes.Equal(gd, data):
			t.Errorf("%s: %s differs from a cold build's:\n%s", step, name, firstDifference(gd, data))
		default:
			continue
		}
		if n++; n > 10 {
			t.Fatalf("%s: and more", step)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: %s is in the repeat build, not in a cold one", step, name)
		}
	}
}

// dirsOf are the folders under dir.
func dirsOf(t *testing.T, dir string) map[string]bool {
	t.Helper()
	dirs := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			dirs[filepath.ToSlash(rel)] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// siteEdit is a change to a site folder.
type siteEdit struct {
	name string
	do   func(t *testing.T, site string)
	opts func(*build.Options)
	// check, if set, looks at what the repeat build reused.
	check func(t *testing.T, r incrementalRun)
	// corrupt damages the manifest; tamper changes a file of the output.
	corrupt, tamper bool
	// spare, if set, changes the output kept beside the output (which
	// the build recycles).
	spare func(t *testing.T, spare string)
	// fails says that the site has errors after the edit: both builds
	// must fail, saying the same.
	fails bool
}

// runEdits builds site cold, then for each edit in turn changes it,
// builds again into the same folder, and compares with a cold build of
// the same files into a fresh folder.
func runEdits(t *testing.T, site string, opts build.Options, edits []siteEdit) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "public")
	manifest := filepath.Join(tmp, "cache", "manifest")
	first := buildInto(t, site, out, manifest, opts, false)
	if first.linked != 0 {
		t.Fatalf("first build linked %d files", first.linked)
	}
	for i, e := range edits {
		e.do(t, site)
		if e.corrupt {
			data, err := os.ReadFile(manifest)
			if err != nil {
				t.Fatal(err)
			}
			// Bytes at a quarter, half and three quarters of it: its
			// sections (documents, search entries, jobs) have checksums
			// of their own and a sound one is used, so one byte would
			// damage only the section it fell in (the middle one moved
			// from the documents to the search entries when these grew).
			for _, at := range []int{len(data) / 4, len(data) / 2, 3 * len(data) / 4} {
				data[at] ^= 0x55
			}
			writeFile(t, manifest, string(data))
		}
		if e.tamper {
			appendFile(t, filepath.Join(out, "index.html"), "<!-- changed by hand -->")
		}
		if e.spare != nil {
			e.spare(t, filepath.Join(tmp, ".public.previous"))
		}
		o := opts
		if e.opts != nil {
			e.opts(&o)
			opts = o
		}
		r := buildMaybeInto(t, site, out, manifest, o, false)
		fresh := filepath.Join(tmp, "cold", string(rune('a'+i)))
		c := buildMaybeInto(t, site, fresh, filepath.Join(tmp, "cold-manifest"), o, true)
		if r.problems != c.problems {
			t.Errorf("%s: the repeat build says\n%s\na cold build\n%s", e.name, r.problems, c.problems)
		}
		if r.failed || c.failed {
			t.Logf("%s: failed as it should", e.name)
			if !e.fails || !r.failed || !c.failed {
				t.Fatalf("%s: repeat build failed: %v, cold: %v\n%s", e.name, r.failed, c.failed, r.problems)
			}
			continue
		}
		if e.fails {
			t.Fatalf("%s: the builds did not fail", e.name)
		}
		sameTree(t, e.name, out, fresh)
		// The replaced output is kept beside the new one if they have
		// most files in common.
		_, err := os.Stat(filepath.Join(tmp, ".public.previous"))
		if kept := err == nil; kept != (2*r.linked >= r.linked+r.written) {
			t.Errorf("%s: %d of %d files unchanged, the replaced output kept: %v", e.name, r.linked, r.linked+r.written, kept)
		}
		t.Logf("%s: %d written, %d unchanged (%d kept, recycled %v); %d bodies converted, %d reused; %d documents decoded (%s)", e.name, r.written, r.linked, r.kept, r.recycled, r.inc.Converted, r.inc.Reconverted, r.inc.Decoded, r.inc.Why)
		if e.check != nil {
			e.check(t, r)
		}
	}
}

func copySite(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func appendFile(t *testing.T, p, data string) {
	t.Helper()
	old, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, string(old)+data)
}

// replaceIn replaces the first match of re in the file.
func replaceIn(t *testing.T, p string, re, repl string) {
	t.Helper()
	old, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	rx := regexp.MustCompile(re)
	loc := rx.FindIndex(old)
	if loc == nil {
		t.Fatalf("%s: no %s", p, re)
	}
	writeFile(t, p, string(old[:loc[0]])+repl+string(old[loc[1]:]))
}

// firstFile is the first Markdown file under dir, in name order.
func firstFile(t *testing.T, dir string, match func(name string, data []byte) bool) string {
	t.Helper()
	var found string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || found != "" || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && (match == nil || match(p, data)) {
			found = p
		}
		return err
	})
	if found == "" {
		t.Fatalf("no such file under %s", dir)
	}
	return found
}

func reused(min int) func(t *testing.T, r incrementalRun) {
	return func(t *testing.T, r incrementalRun) {
		t.Helper()
		if r.linked < min {
			t.Errorf("only %d files reused, want at least %d", r.linked, min)
		}
	}
}

// TestIncrementalGenerated edits a generated 200-letter site in every way
// that matters and checks each repeat build against a cold one.
func TestIncrementalGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 200-letter site 30 times")
	}
	site := copySite(t, sitetest.Generated(t, 200))
	content := filepath.Join(site, "content")
	reply := firstFile(t, filepath.Join(content, "responses"), nil)
	letter := firstFile(t, filepath.Join(content, "letters"), func(_ string, data []byte) bool {
		return bytes.Contains(data, []byte("\ntitle:"))
	})
	org := firstFile(t, filepath.Join(content, "organisations"), nil)
	copyPath := strings.TrimSuffix(reply, ".md") + "-again.md"
	renamed := strings.TrimSuffix(reply, ".md") + "-renamed.md"
	reply2 := firstFile(t, filepath.Join(content, "responses"), func(p string, _ []byte) bool { return p != reply })
	from := regexp.MustCompile(`\nfrom: ([a-z0-9-]+)`).FindStringSubmatch(readFile(t, reply))
	if from == nil {
		t.Fatalf("%s: no from:", reply)
	}
	sender := filepath.Join(content, "organisations", from[1]+".md")
	reportID := strings.TrimSuffix(filepath.Base(firstFile(t, filepath.Join(content, "reports"), nil)), ".md")
	orgID := strings.TrimSuffix(filepath.Base(org), ".md")
	var saved, elsewhere string
	opts := build.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	runEdits(t, site, opts, []siteEdit{
		{name: "nothing changed", do: func(*testing.T, string) {}, check: func(t *testing.T, r incrementalRun) {
			if r.written != 0 || r.inc.Converted != 0 || r.inc.Decoded != 0 {
				t.Errorf("%d files written, %d bodies converted, %d documents decoded; want none", r.written, r.inc.Converted, r.inc.Decoded)
			}
		}},
		{name: "a reply's body", do: func(t *testing.T, _ string) {
			appendFile(t, reply, "\nA further paragraph, added later.\n")
		}, check: func(t *testing.T, r incrementalRun) {
			reused(100)(t, r)
			// Only the reply's own page and the search index show its
			// body: pages and files that list it show its facts.
			for _, f := range []string{"data/responses.json", "responses/index.html", "index.html"} {
				info, err := os.Stat(filepath.Join(r.out, f))
				if err != nil || !info.ModTime().Before(r.start) {
					t.Errorf("%s was written again after an edit of a body's last paragraph (%v)", f, err)
				}
			}
			if r.inc.Converted != 1 || r.inc.Decoded != 1 {
				t.Errorf("%d bodies converted, %d documents decoded; want 1", r.inc.Converted, r.inc.Decoded)
			}
		}},
		{name: "a reply's body cites a report (a link, not its summary)", do: func(t *testing.T, _ string) {
			appendFile(t, reply, "\nAs [the report](report:"+reportID+") says.\n")
		}, check: reused(100)},
		{name: "and names an organisation", do: func(t *testing.T, _ string) {
			appendFile(t, reply, "\nAs [they](org:"+orgID+") said.\n")
		}, check: reused(100)},
		{name: "the citation taken out again", do: func(t *testing.T, _ string) {
			replaceIn(t, reply, `\nAs \[the report\]\(report:[^)]*\) says\.\n`, "\n")
		}, check: reused(100)},
		{name: "a reply's first paragraph (its summary)", do: func(t *testing.T, _ string) {
			replaceIn(t, reply, `\n---\n\s*\n`, "\n---\n\nA new first paragraph.\n\n")
		}, check: reused(100)},
		{name: "a letter's title", do: func(t *testing.T, _ string) {
			replaceIn(t, letter, `\ntitle: [^\n]*`, "\ntitle: \"A title changed: <and escaped> & more\"")
		}, check: reused(100)},
		{name: "a new reply", do: func(t *testing.T, _ string) {
			data, err := os.ReadFile(reply)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, copyPath, string(data))
		}, check: reused(100)},
		{name: "a deleted reply", do: func(t *testing.T, _ string) {
			if err := os.Remove(copyPath); err != nil {
				t.Fatal(err)
			}
		}, check: reused(100)},
		{name: "an organisation renamed", do: func(t *testing.T, _ string) {
			replaceIn(t, org, `\nname: [^\n]*`, "\nname: A Renamed Body")
		}, check: reused(1)},
		{name: "a reply's front matter only", do: func(t *testing.T, _ string) {
			replaceIn(t, reply, `\ntopics: `, "\nsummary: \"Given in the front matter.\"\ntopics: ")
		}, check: reused(100)},
		{name: "an unknown field (a warning)", do: func(t *testing.T, _ string) {
			replaceIn(t, reply, `\ntopics: `, "\ntopis: [x]\ntopics: ")
		}, check: func(t *testing.T, r incrementalRun) {
			reused(100)(t, r)
			if !strings.Contains(r.problems, `did you mean "topics"`) {
				t.Errorf("no warning: %s", r.problems)
			}
		}},
		{name: "another reply's body (the warning said again)", do: func(t *testing.T, _ string) {
			appendFile(t, reply2, "\nA further paragraph.\n")
		}, check: func(t *testing.T, r incrementalRun) {
			if r.inc.Converted != 1 || !strings.Contains(r.problems, `did you mean "topics"`) {
				t.Errorf("%d bodies converted, want 1; problems: %s", r.inc.Converted, r.problems)
			}
		}},
		{name: "a reply touched, its bytes the same", do: func(t *testing.T, _ string) {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(reply, later, later); err != nil {
				t.Fatal(err)
			}
		}, check: func(t *testing.T, r incrementalRun) {
			if r.written != 0 || r.inc.Converted != 0 || r.inc.Decoded != 0 {
				t.Errorf("%d files written, %d bodies converted, %d documents decoded; want none", r.written, r.inc.Converted, r.inc.Decoded)
			}
		}},
		{name: "the output changed by hand (its file the kept output's too)", tamper: true, do: func(*testing.T, string) {}, check: func(t *testing.T, r incrementalRun) {
			if !r.recycled || r.written == 0 {
				t.Errorf("recycled %v, %d written: want the kept output recycled, the changed page made again", r.recycled, r.written)
			}
		}},
		// (A file added by hand to the kept output makes the build refuse
		// to remove it: see TestBuildRefusesForeignFiles.)
		{name: "a file removed by hand from the kept output", do: func(t *testing.T, _ string) {
			appendFile(t, reply, "\nAnd again.\n")
		}, spare: func(t *testing.T, spare string) {
			if err := os.Remove(filepath.Join(spare, "letters", "index.html")); err != nil {
				t.Fatal(err)
			}
		}, check: func(t *testing.T, r incrementalRun) {
			if r.recycled {
				t.Error("a kept output changed by hand was recycled")
			}
		}},
		{name: "a folder of the kept output replaced by a link", do: func(t *testing.T, site string) {
			appendFile(t, reply, "\nAnd again.\n")
		}, spare: func(t *testing.T, spare string) {
			elsewhere = filepath.Join(filepath.Dir(spare), "elsewhere")
			writeFile(t, filepath.Join(elsewhere, "keep.txt"), "outside")
			org := filepath.Join(spare, "organisations", strings.TrimSuffix(filepath.Base(sender), ".md"))
			if err := os.RemoveAll(org); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(elsewhere, org); err != nil {
				t.Fatal(err)
			}
		}, check: func(t *testing.T, r incrementalRun) {
			if r.recycled {
				t.Error("a kept output changed by hand was recycled")
			}
			if got := readDirTree(t, elsewhere); len(got) != 1 || string(got["keep.txt"]) != "outside" {
				t.Errorf("the build wrote through the link: %d files in its target", len(got))
			}
		}},
		{name: "a reply's front matter broken", fails: true, do: func(t *testing.T, _ string) {
			saved = readFile(t, reply)
			replaceIn(t, reply, `\nfrom: `, "\nfrom: [unclosed\nx: ")
		}},
		{name: "another reply's body, with the broken one", fails: true, do: func(t *testing.T, _ string) {
			appendFile(t, reply2, "\nAnd another.\n")
		}},
		{name: "the broken front matter mended", do: func(t *testing.T, _ string) {
			writeFile(t, reply, saved)
		}, check: reused(100)},
		{name: "an organisation that unchanged files name deleted", fails: true, do: func(t *testing.T, _ string) {
			if err := os.Rename(sender, sender+".away"); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "the organisation back", do: func(t *testing.T, _ string) {
			if err := os.Rename(sender+".away", sender); err != nil {
				t.Fatal(err)
			}
		}, check: reused(100)},
		{name: "a reply renamed", do: func(t *testing.T, _ string) {
			if err := os.Rename(reply, renamed); err != nil {
				t.Fatal(err)
			}
		}, check: reused(100)},
		{name: "a reply moved to another folder", do: func(t *testing.T, site string) {
			moved := filepath.Join(site, "content", "responses", "moved", filepath.Base(renamed))
			if err := os.MkdirAll(filepath.Dir(moved), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(renamed, moved); err != nil {
				t.Fatal(err)
			}
		}, check: reused(100)},
		{name: "the reply back where it was", do: func(t *testing.T, site string) {
			moved := filepath.Join(site, "content", "responses", "moved", filepath.Base(renamed))
			if err := os.Rename(moved, reply); err != nil {
				t.Fatal(err)
			}
		}, check: reused(100)},
		{name: "a static file added", do: func(t *testing.T, site string) {
			writeFile(t, filepath.Join(site, "static", "files", "note.txt"), "one\n")
		}, check: func(t *testing.T, r incrementalRun) {
			// A recycled build leaves the unchanged files where they are.
			if !r.recycled || r.kept < 1000 {
				t.Errorf("recycled %v, %d files kept as they were: want the kept output recycled, its files kept", r.recycled, r.kept)
			}
		}},
		{name: "a static file changed", do: func(t *testing.T, site string) {
			time.Sleep(10 * time.Millisecond)
			writeFile(t, filepath.Join(site, "static", "files", "note.txt"), "two\n")
		}, check: reused(100)},
		{name: "a static file made a folder", do: func(t *testing.T, site string) {
			note := filepath.Join(site, "static", "files", "note.txt")
			if err := os.Remove(note); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(note, "inside.txt"), "three\n")
		}, check: reused(100)},
		{name: "the file in it changed (the kept output has it too)", do: func(t *testing.T, site string) {
			writeFile(t, filepath.Join(site, "static", "files", "note.txt", "inside.txt"), "three and a half\n")
		}, check: reused(100)},
		{name: "the folder a file again", do: func(t *testing.T, site string) {
			note := filepath.Join(site, "static", "files", "note.txt")
			if err := os.RemoveAll(note); err != nil {
				t.Fatal(err)
			}
			writeFile(t, note, "four\n")
		}, check: func(t *testing.T, r incrementalRun) {
			reused(100)(t, r)
			if !r.recycled {
				t.Error("the kept output was not recycled")
			}
		}},
		{name: "a static file removed, its folder with it", do: func(t *testing.T, site string) {
			if err := os.RemoveAll(filepath.Join(site, "static", "files")); err != nil {
				t.Fatal(err)
			}
		}, check: reused(100)},
		{name: "the stylesheet changed", do: func(t *testing.T, site string) {
			writeFile(t, filepath.Join(site, "static", "css", "extra.css"), "p { color: black }\n")
			css := filepath.Join(site, "static", "css", "site.css")
			if _, err := os.Stat(css); err != nil {
				data, _ := fs.ReadFile(letterpress.Defaults, "static/css/site.css")
				writeFile(t, css, string(data))
			}
			appendFile(t, css, "\n/* changed */\n")
		}},
		{name: "site.yaml", do: func(t *testing.T, site string) {
			replaceIn(t, filepath.Join(site, "site.yaml"), `title: [^\n]*`, `title: "A new title"`)
		}},
		{name: "site.yaml's language", do: func(t *testing.T, site string) {
			replaceIn(t, filepath.Join(site, "site.yaml"), `\nlanguage: en`, "\nlanguage: cy")
		}, check: func(t *testing.T, r incrementalRun) {
			if r.inc.Decoded == 0 {
				t.Error("no document decoded again: each one's lang comes from site.yaml")
			}
		}},
		{name: "site.yaml's language back, and an owner moved down a line", do: func(t *testing.T, site string) {
			replaceIn(t, filepath.Join(site, "site.yaml"), `\nlanguage: cy`, "\nlanguage: en\n")
		}, check: func(t *testing.T, r incrementalRun) {
			if r.inc.Decoded == 0 {
				t.Error("no document decoded again: a letter's default sender is where site.yaml says owner:")
			}
		}},
		{name: "a layout override added", do: func(t *testing.T, site string) {
			data, err := fs.ReadFile(letterpress.Defaults, "layouts/partials/footer.html")
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(site, "layouts", "partials", "footer.html"), strings.Replace(string(data), "</footer>", "<p>Overridden.</p></footer>", 1))
		}},
		{name: "a reply's body, under a layout override", do: func(t *testing.T, _ string) {
			appendFile(t, reply, "\nAnd another.\n")
		}},
		{name: "the layout override removed", do: func(t *testing.T, site string) {
			if err := os.Remove(filepath.Join(site, "layouts", "partials", "footer.html")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a later date", do: func(*testing.T, string) {}, opts: func(o *build.Options) { o.Now = o.Now.AddDate(0, 2, 0) }},
		{name: "drafts", do: func(*testing.T, string) {}, opts: func(o *build.Options) { o.Drafts = true }},
		{name: "no drafts", do: func(*testing.T, string) {}, opts: func(o *build.Options) { o.Drafts = false }},
		{name: "another base URL", do: func(*testing.T, string) {}, opts: func(o *build.Options) { o.BaseURL = "https://preview.example.org/x/" }},
		{name: "a corrupt manifest", corrupt: true, do: func(t *testing.T, _ string) {
			appendFile(t, reply, "\nOnce more.\n")
		}, check: func(t *testing.T, r incrementalRun) {
			if r.linked != 0 || r.inc.Reconverted != 0 {
				t.Errorf("reused %d files and %d bodies from a corrupt manifest", r.linked, r.inc.Reconverted)
			}
		}},
		{name: "the output changed by hand", tamper: true, do: func(*testing.T, string) {}},
	})
}

// TestIncrementalCases edits the small fixture sites: statuses, threads,
// Welsh versions, drafts, citations.
func TestIncrementalCases(t *testing.T) {
	now := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []string{"statuses", "thread", "welsh", "drafts", "citations", "joint-reply", "lists", "search", "files", "letter-page"} {
		t.Run(c, func(t *testing.T) {
			s := loadBuildCase(t, c)
			site := filepath.Join(t.TempDir(), "site")
			s.WriteDir(t, site)
			content := filepath.Join(site, "content")
			var edits []siteEdit
			// Every document in turn: its body, then its title.
			_ = filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
					return err
				}
				rel, _ := filepath.Rel(site, p)
				edits = append(edits, siteEdit{name: rel + " body", do: func(t *testing.T, _ string) {
					appendFile(t, p, "\nAdded to the body.\n")
				}})
				data, _ := os.ReadFile(p)
				if regexp.MustCompile(`\n(title|name): `).Match(data) {
					edits = append(edits, siteEdit{name: rel + " title", do: func(t *testing.T, _ string) {
						key := "title"
						if strings.Contains(p, "organisations") {
							key = "name"
						}
						replaceIn(t, p, `\n`+key+`: [^\n]*`, "\n"+key+": Changed \"title\"")
					}})
				}
				return nil
			})
			if c == "statuses" {
				edits = append(edits,
					siteEdit{name: "the awaited reply arrives", do: func(t *testing.T, _ string) {
						writeFile(t, filepath.Join(content, "responses", "2021", "2021-05-20-westshire-pcc.md"), "---\nfrom: westshire-pcc\nin_reply_to: 2021-03-01-three-forces\ndate: 2021-05-20\n---\nA reply, late.\n")
					}},
					siteEdit{name: "a reply deleted", do: func(t *testing.T, _ string) {
						if err := os.Remove(filepath.Join(content, "responses", "2021", "2021-03-15-northshire-pcc.md")); err != nil {
							t.Fatal(err)
						}
					}})
			}
			edits = append(edits,
				siteEdit{name: "a later date", do: func(*testing.T, string) {}, opts: func(o *build.Options) { o.Now = o.Now.AddDate(1, 0, 0) }},
				siteEdit{name: "drafts", do: func(*testing.T, string) {}, opts: func(o *build.Options) { o.Drafts = true }},
			)
			runEdits(t, site, build.Options{Now: now}, edits)
		})
	}
}

// firstDifference shows where two files first differ.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-120)
	return "repeat: ..." + string(got[from:min(len(got), i+120)]) + "\ncold:   ..." + string(want[from:min(len(want), i+120)])
}

// TestIncrementalFileInIndexFolder has a static file inside the folder the
// search index's job fills whole: the file is its own job's (the manifest
// must not also give it to the index's job, which would link the old file
// over the new one when only the file changed).
func TestIncrementalFileInIndexFolder(t *testing.T) {
	s := loadBuildCase(t, "search")
	site := filepath.Join(t.TempDir(), "site")
	s.WriteDir(t, site)
	extra := filepath.Join(site, "static", filepath.FromSlash(search.Dir), "extra.json")
	writeFile(t, extra, `{"v": 1}`)
	letter := ""
	_ = filepath.WalkDir(filepath.Join(site, "content", "letters"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && letter == "" && strings.HasSuffix(p, ".md") {
			letter = p
		}
		return err
	})
	runEdits(t, site, build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}, []siteEdit{
		{name: "the file in the index's folder changed", do: func(t *testing.T, _ string) { writeFile(t, extra, `{"v": 2}`) }},
		{name: "a body changed (the index is made again)", do: func(t *testing.T, _ string) { appendFile(t, letter, "\nA new word: zymurgy.\n") }},
		{name: "the file changed again", do: func(t *testing.T, _ string) { writeFile(t, extra, `{"v": 3}`) }},
	})
}
