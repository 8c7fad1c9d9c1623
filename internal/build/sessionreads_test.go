package build_test

import (
	"bytes"
	"os"
	"testing"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// TestSessionRendersReaders edits, in the preview, a reply that the
// site's own layouts show where the default ones do not: the letter's
// page lists its replies' summaries, and the report's page those of the
// replies to the letters that cite it. After each edit the pages that
// show the reply must be rendered again, whatever path the save took:
// the preview finds them by what each page read while it was rendered
// (render.Options.RecordReads), not by the list entries a page shows.
func TestSessionRendersReaders(t *testing.T) {
	dir := t.TempDir()
	sitetest.Load(t, "testdata/check/_base.txtar").WriteDir(t, dir)
	write(t, dir, "layouts/letter.html", `{{define "main"}}{{with .Doc}}<h1>{{.Title}}</h1>{{.Body}}
<ul class="replies">{{range .Replies}}<li>{{.Title}}: {{.SummaryText}}</li>{{end}}</ul>{{end}}{{end}}
`)
	write(t, dir, "layouts/report.html", `{{define "main"}}{{with .Doc}}<h1>{{.Title}}</h1>{{.Body}}
<ul class="answered">{{range .CitedBy}}{{range .Replies}}<li>{{.Title}}: {{.SummaryText}}</li>{{end}}{{end}}</ul>{{end}}{{end}}
`)
	s := build.NewSession(os.DirFS(dir), letterpress.Defaults, build.Options{Now: sessionNow, Drafts: true}, render.Options{})
	t.Cleanup(func() { s.Close() })
	if s.Errors.HasErrors(false) {
		t.Fatalf("first build: %v", s.Errors)
	}
	sameSite(t, "first build", s.Out, fullBuild(t, dir, true))

	const reply = "content/responses/2021/2021-03-20-northshire-pcc.md"
	steps := []struct {
		name, old, new, shown string
		fast                  bool
	}{
		{"the reply's first paragraph", "Thank you for [your letter](letter:2021-03-01-northshire-pcc).",
			"Thank you for [your letter](letter:2021-03-01-northshire-pcc), which we answer in full.", "which we answer in full", true},
		{"the reply's summary field", "from: northshire-pcc\n", "from: northshire-pcc\nsummary: The Commissioner agrees.\n", "The Commissioner agrees.", false},
	}
	for _, st := range steps {
		edit(t, dir, reply, st.old, st.new)
		res := s.Update([]string{reply})
		if !res.OK {
			t.Fatalf("%s: update failed: %v", st.name, s.Errors)
		}
		if fast := !res.Full && res.Rendered < 0; fast != st.fast {
			t.Errorf("%s: body-only path = %v, want %v (%+v)", st.name, fast, st.fast, res)
		}
		for _, page := range []string{"letters/2021-03-01-northshire-pcc/index.html", "reports/annual-report-2020/index.html"} {
			if got, _ := s.Out.Get(page); !bytes.Contains(got, []byte(st.shown)) {
				t.Errorf("%s: %s does not show the reply's new summary %q:\n%s", st.name, page, st.shown, got)
			}
		}
		sameSite(t, st.name, s.Out, fullBuild(t, dir, true))
	}
}

// TestSessionWelshBodyEdits edits the bodies of a letter and of its
// Welsh version, each on the body-only path: the pages of both
// languages that show either must be what a full build makes.
func TestSessionWelshBodyEdits(t *testing.T) {
	dir := t.TempDir()
	sitetest.Load(t, "testdata/check/_base.txtar").WriteDir(t, dir)
	const en, cy = "content/letters/2021/2021-04-01-eastshire.md", "content/letters/2021/2021-04-01-eastshire.cy.md"
	write(t, dir, en, "---\ntitle: Letter to Eastshire\ndate: 2021-04-01\nto: [eastshire-police]\n---\nDear Chief Constable,\n\nA first paragraph.\n")
	write(t, dir, cy, "---\ntitle: Llythyr at Eastshire\ndate: 2021-04-01\nto: [eastshire-police]\n---\nAnnwyl Brif Gwnstabl,\n\nParagraff cyntaf.\n")
	s := build.NewSession(os.DirFS(dir), letterpress.Defaults, build.Options{Now: sessionNow, Drafts: true}, render.Options{})
	t.Cleanup(func() { s.Close() })
	sameSite(t, "first build", s.Out, fullBuild(t, dir, true))
	for _, st := range []struct{ file, old, new string }{
		{en, "A first paragraph.", "A new first paragraph."},
		{en, "Dear Chief Constable,", "Dear Chief Constable, again,"},
		{cy, "Paragraff cyntaf.", "Paragraff cyntaf newydd."},
	} {
		edit(t, dir, st.file, st.old, st.new)
		if res := s.Update([]string{st.file}); !res.OK || res.Full || res.Rendered >= 0 {
			t.Fatalf("%s: %+v, want the body-only path: %v", st.new, res, s.Errors)
		}
		sameSite(t, st.new, s.Out, fullBuild(t, dir, true))
	}
}
