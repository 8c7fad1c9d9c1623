package build_test

import (
	"os"
	"strings"
	"testing"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// TestSessionKeepsFileProblems saves, in the preview, documents other
// than one whose front matter has a problem (a warning: the site still
// builds): after a body-only save, a save that changes relations and a
// save of the file itself, the problem is still reported, once, until
// the file is fixed. The preview keeps the problems of the files that
// have some, not a list for every file, and reads site.yaml again only
// when it is saved.
func TestSessionKeepsFileProblems(t *testing.T) {
	dir := t.TempDir()
	sitetest.Load(t, "testdata/check/_base.txtar").WriteDir(t, dir)
	const warned, other = "content/letters/2021/2021-04-01-eastshire.md", "content/letters/2021/2021-04-02-eastshire.md"
	write(t, dir, warned, "---\ntitle: Letter to Eastshire\ndate: 2021-04-01\nto: [eastshire-police]\ntitel: x\n---\nDear Chief Constable,\n\nA first paragraph.\n")
	write(t, dir, other, "---\ntitle: Another letter\ndate: 2021-04-02\nto: [eastshire-police]\n---\nDear Chief Constable,\n\nAnother paragraph.\n")
	s := build.NewSession(os.DirFS(dir), letterpress.Defaults, build.Options{Now: sessionNow, Drafts: true}, render.Options{})
	t.Cleanup(func() { s.Close() })
	reported := func(step string, want int) {
		t.Helper()
		if s.Errors.HasErrors(false) {
			t.Fatalf("%s: %v", step, s.Errors)
		}
		n := 0
		for _, e := range s.Errors.Items() {
			if e.Path == warned && strings.Contains(e.Msg, `unknown field "titel"`) {
				n++
			}
		}
		if n != want {
			t.Errorf("%s: the warning about %s is reported %d times, want %d:\n%v", step, warned, n, want, s.Errors)
		}
	}
	reported("first build", 1)
	for _, st := range []struct{ name, file, old, new string }{
		{"a body-only save of another letter", other, "Another paragraph.", "Another paragraph, longer."},
		{"a save of another letter's recipients", other, "to: [eastshire-police]", "to: [eastshire-police, northshire-pcc]"},
		{"a save of the letter's body", warned, "A first paragraph.", "A new first paragraph."},
	} {
		edit(t, dir, st.file, st.old, st.new)
		if res := s.Update([]string{st.file}); !res.OK {
			t.Fatalf("%s: %+v: %v", st.name, res, s.Errors)
		}
		reported(st.name, 1)
		sameSite(t, st.name, s.Out, fullBuild(t, dir, true))
	}
	edit(t, dir, warned, "titel: x\n", "")
	if res := s.Update([]string{warned}); !res.OK {
		t.Fatalf("fixed: %+v: %v", res, s.Errors)
	}
	reported("the field removed", 0)
	sameSite(t, "the field removed", s.Out, fullBuild(t, dir, true))
}
