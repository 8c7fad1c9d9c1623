package render_test

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/diag"
	"letterpress/internal/readers"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

type nowhere struct{}

func (nowhere) Write(string, []byte) error { return nil }

// TestReadsThroughCaches checks that the documents a page records as
// read (Options.RecordReads) are the same whether parts of it came from
// the caches of partials, list entries and thread entries, filled by
// other pages, or were made for it alone: a cached piece keeps what it
// read and adds it to every page it is reused on. With the compiled
// renderer and with html/template alone (whose list entries are cached),
// and on a site with a layout of its own.
func TestReadsThroughCaches(t *testing.T) {
	base := "../build/testdata/build/"
	cases := []string{"statuses", "thread", "joint-reply", "citations", "stats", "drafts", "welsh", "welsh-address", "lists", "files", "compiled", "letter-page"}
	files := []string{base + "_base.txtar"}
	for _, c := range cases {
		files = append(files, base+c+".txtar")
	}
	// A follow-up in Welsh too: the Welsh page of the first letter reads
	// the follow-up's Welsh title only in its thread's entry.
	followUp := []byte(`-- content/letters/2021/2021-04-01-bilingual-follow-up.md --
---
title: Follow-up on victim care
date: 2021-04-01
to: [northshire-pcc]
in_reply_to: 2021-03-20-bilingual-reply
---
Thank you.
-- content/letters/2021/2021-04-01-bilingual-follow-up.cy.md --
---
title: Llythyr dilynol ar ofal dioddefwyr
date: 2021-04-01
to: [northshire-pcc]
in_reply_to: 2021-03-20-bilingual-reply
---
Diolch.
`)
	var archives [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		archives = append(archives, data)
	}
	all := sitetest.Parse(append(archives, followUp)...).FS
	welsh := sitetest.Parse(append(archives, followUp)...).FS
	welsh["site.yaml"] = &fstest.MapFile{Data: append(slices.Clone(welsh["site.yaml"].Data), "\nlanguage: cy\n"...)}
	override := sitetest.Load(t, base+"_base.txtar", base+"thread.txtar", base+"layout-override.txtar").FS
	now := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		fsys  fs.FS
		ropts render.Options
	}{
		{"compiled", all, render.Options{}},
		{"html/template", all, render.Options{NoCompiled: true}},
		{"a Welsh site", welsh, render.Options{}},
		{"a layout of its own", override, render.Options{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g, errs := build.Load(c.fsys, build.Options{Now: now, Drafts: true})
			failOn(t, errs)
			ropts := c.ropts
			ropts.RecordReads = true
			errs = &diag.List{}
			r := render.New(c.fsys, letterpress.Defaults, ropts, errs)
			r.Render(g, nowhere{}, errs)
			failOn(t, errs)
			together := r.Reads()
			alone := render.ReadsAlone(render.New(c.fsys, letterpress.Defaults, ropts, errs), g, errs)
			failOn(t, errs)
			if len(alone) == 0 || len(together) != len(alone) {
				t.Fatalf("%d files recorded their reads rendered together, %d alone", len(together), len(alone))
			}
			n := 0
			for name, want := range alone {
				n += len(want)
				if got := together[name]; !slices.Equal(got, want) {
					t.Errorf("%s: read\n%s\nrendered with the other pages, but\n%s\nalone", name, readList(got), readList(want))
				}
			}
			if n <= len(alone) {
				t.Errorf("%d reads in %d files: the pages read no more than their own document", n, len(alone))
			}
		})
	}
}

func readList(rs []readers.Read) string {
	s := ""
	for _, r := range rs {
		s += fmt.Sprintf("  %s (body %v)\n", r.Doc.Path, r.Body)
	}
	return s
}

func failOn(t *testing.T, errs *diag.List) {
	t.Helper()
	if errs.HasErrors(false) {
		t.Fatal(errs)
	}
}
