package build_test

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// TestKeysCoverReads checks the hand-declared keys of repeat builds
// (internal/render/keys.go) against what the layouts read: it renders
// each site of the repeat-build tests recording the documents every
// page's and feed's views read (render.Options.RecordReads), then, for
// each document read, changes that document's own key alone (its facts,
// then, for the files that showed its body, its body alone) and requires
// the key of every file that read it to change. A file whose key stays
// the same would be taken from the previous output after an edit to a
// document it shows: a layout change that shows something new of a
// document, without the same change to keys.go, fails here rather than
// publishing stale pages. (docs/dependencies.md: recorded reads are to
// replace the declared keys.)
func TestKeysCoverReads(t *testing.T) {
	type site struct {
		name string
		fsys func(t *testing.T) fs.FS
		opts build.Options
	}
	now := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	var sites []site
	for _, c := range []string{"statuses", "thread", "welsh", "drafts", "citations", "joint-reply", "lists", "search", "files", "letter-page"} {
		fsys := func(t *testing.T) fs.FS { return loadBuildCase(t, c).FS }
		sites = append(sites,
			site{name: c, fsys: fsys, opts: build.Options{Now: now}},
			site{name: c + " with drafts", fsys: fsys, opts: build.Options{Now: now, Drafts: true}})
	}
	// Every case in one site, and that site in Welsh (its pages in Welsh
	// show the English versions where a document has no Welsh one).
	all := func(t *testing.T) fs.FS { return loadBuildCase(t, append(allBuildCases, "compiled")...).FS }
	sites = append(sites,
		site{name: "all build cases", fsys: all, opts: build.Options{Now: now, Drafts: true}},
		site{name: "all build cases, a Welsh site", fsys: func(t *testing.T) fs.FS {
			fsys := all(t).(fstest.MapFS)
			fsys["site.yaml"] = &fstest.MapFile{Data: append(slices.Clone(fsys["site.yaml"].Data), "\nlanguage: cy\n"...)}
			return fsys
		}, opts: build.Options{Now: now}})
	sites = append(sites, site{name: "generated 200 letters", fsys: func(t *testing.T) fs.FS { return os.DirFS(sitetest.Generated(t, 200)) },
		opts: build.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}})
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			if testing.Short() && strings.HasPrefix(s.name, "generated") {
				t.Skip("keys a 200-letter site once for each document")
			}
			fsys := s.fsys(t)
			missing, reads := uncoveredReads(t, fsys, s.opts)
			if reads == 0 {
				t.Fatal("no page recorded a document it read")
			}
			for _, m := range missing[:min(len(missing), 20)] {
				t.Error(m)
			}
			if len(missing) > 20 {
				t.Errorf("and %d more", len(missing)-20)
			}
		})
	}
}

// uncoveredReads renders fsys recording what each file read, and returns
// each (file, document read) whose document's key the file's key does not
// cover, and how many such pairs there were in all.
func uncoveredReads(t *testing.T, fsys fs.FS, opts build.Options) (missing []string, reads int) {
	t.Helper()
	g, errs := build.Load(fsys, opts)
	noProblems(t, errs)
	errs = &diag.List{}
	r := render.New(fsys, letterpress.Defaults, render.Options{RecordReads: true}, errs)
	r.Render(g, &discard{}, errs)
	noProblems(t, errs)
	byJob := r.Reads()
	// A document changes in what any page may show of it (its facts), or
	// in its body alone.
	type change struct {
		d    *content.Doc
		body bool
	}
	readers := map[change][]string{}
	for name, rs := range byJob {
		for _, rd := range rs {
			readers[change{rd.Doc, false}] = append(readers[change{rd.Doc, false}], name)
			if rd.Body {
				readers[change{rd.Doc, true}] = append(readers[change{rd.Doc, true}], name)
			}
			reads++
		}
	}
	var changed change
	facts := func(d *content.Doc) render.Key {
		what := d.Path
		if d == changed.d && !changed.body {
			what += "\x00changed"
		}
		return sha256.Sum256([]byte(what))
	}
	// A document's key covers its facts and its body.
	docKey := func(d *content.Doc) render.Key {
		what := d.Path + "\x00body"
		if d == changed.d {
			what += "\x00changed"
		}
		return sha256.Sum256([]byte(what))
	}
	ks := render.KeySource{Global: []byte("global"), Doc: docKey, Facts: facts}
	before := r.Keys(g, ks, fsys, letterpress.Defaults)
	if len(before) == 0 {
		t.Fatal("no keys")
	}
	for c, names := range readers {
		changed = c
		after := r.Keys(g, ks, fsys, letterpress.Defaults)
		what := "reads"
		if c.body {
			what = "shows the body of"
		}
		for _, name := range names {
			if after[name] == before[name] {
				missing = append(missing, fmt.Sprintf("%s %s %s, but its key does not change with it (internal/render/keys.go)", name, what, c.d.Path))
			}
		}
	}
	changed = change{}
	slices.Sort(missing)
	return missing, reads
}

func noProblems(t *testing.T, errs *diag.List) {
	t.Helper()
	if errs.HasErrors(false) {
		var s strings.Builder
		errs.Print(&s)
		t.Fatal(s.String())
	}
}
