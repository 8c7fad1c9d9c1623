package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

var sessionNow = time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)

// fullBuild builds the site in dir from scratch, as letterpress build would.
func fullBuild(t *testing.T, dir string, drafts bool) *publish.Memory {
	t.Helper()
	out := publish.NewMemory()
	_, errs := build.Build(os.DirFS(dir), letterpress.Defaults, out, build.Options{Now: sessionNow, Drafts: drafts}, render.Options{})
	if errs.HasErrors(false) {
		t.Fatalf("full build failed:\n%v", errs)
	}
	return out
}

// site is a build's files: publish.Memory, or the preview's publish.Live.
type site interface {
	Names() []string
	Get(name string) ([]byte, bool)
}

// sameSite compares two builds file by file.
func sameSite(t *testing.T, step string, got, want site) {
	t.Helper()
	gn, wn := got.Names(), want.Names()
	if !slices.Equal(gn, wn) {
		var missing, extra []string
		for _, n := range wn {
			if _, ok := got.Get(n); !ok {
				missing = append(missing, n)
			}
		}
		for _, n := range gn {
			if _, ok := want.Get(n); !ok {
				extra = append(extra, n)
			}
		}
		t.Fatalf("%s: files differ from a full build: missing %v, extra %v", step, missing, extra)
	}
	for _, n := range wn {
		g, _ := got.Get(n)
		w, _ := want.Get(n)
		if !bytes.Equal(g, w) {
			t.Fatalf("%s: %s differs from a full build:\n--- incremental\n%s\n--- full\n%s", step, n, g, w)
		}
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func edit(t *testing.T, dir, name, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	write(t, dir, name, strings.Replace(string(b), old, new, 1))
}

// TestSessionEqualsFullBuild makes the edits an editor makes, one after
// another, and checks after each that the preview's site is exactly what a
// full build of the same files gives, and that it took the path expected.
func TestSessionEqualsFullBuild(t *testing.T) {
	dir := t.TempDir()
	sitetest.Load(t, "testdata/check/_base.txtar").WriteDir(t, dir)
	write(t, dir, "content/letters/2021/2021-04-01-eastshire.md", "---\ntitle: Letter to Eastshire\ndate: 2021-04-01\nto: [eastshire-police]\ntopics: [prevention]\n---\nDear Chief Constable,\n\nA first paragraph.\n")
	// A letter that names Eastshire Police only by a link in its body: the
	// link shows the organisation's name, so renaming it changes this page.
	write(t, dir, "content/letters/2021/2021-04-02-mention.md", "---\ntitle: Letter naming Eastshire\ndate: 2021-04-02\nto: [northshire-pcc]\n---\nWe have also written to [the police](org:eastshire-police) and [another](org:eastshire-police \"\").\n")
	s := build.NewSession(os.DirFS(dir), letterpress.Defaults, build.Options{Now: sessionNow, Drafts: true}, render.Options{})
	t.Cleanup(func() { s.Close() })
	if s.Errors.HasErrors(false) {
		t.Fatalf("first build: %v", s.Errors)
	}
	sameSite(t, "first build", s.Out, fullBuild(t, dir, true))

	const letter = "content/letters/2021/2021-03-01-northshire-pcc.md"
	const reply = "content/responses/2021/2021-03-20-northshire-pcc.md"
	steps := []struct {
		name     string
		do       func()
		paths    []string
		fast     bool // expect the body-only path
		wantFail bool
	}{
		{"body-only edit", func() { edit(t, dir, letter, "See our", "Please see our") }, []string{letter}, true, false},
		{"summary-changing body edit", func() {
			edit(t, dir, "content/letters/2021/2021-04-01-eastshire.md", "A first paragraph.", "A new first paragraph.")
		}, []string{"content/letters/2021/2021-04-01-eastshire.md"}, true, false},
		{"new reply", func() {
			write(t, dir, "content/responses/2021/2021-04-10-eastshire.md", "---\ndate: 2021-04-10\nfrom: eastshire-police\nin_reply_to: 2021-04-01-eastshire\n---\nThank you for [your letter](letter:2021-04-01-eastshire).\n")
		}, []string{"content/responses/2021/2021-04-10-eastshire.md"}, false, false},
		{"organisation renamed", func() {
			edit(t, dir, "content/organisations/eastshire-police.md", "name: Eastshire Police", "name: Eastshire Constabulary")
		}, []string{"content/organisations/eastshire-police.md"}, false, false},
		{"recipient added", func() {
			edit(t, dir, "content/letters/2021/2021-04-01-eastshire.md", "to: [eastshire-police]", "to: [eastshire-police, northshire-pcc]")
		}, []string{"content/letters/2021/2021-04-01-eastshire.md"}, false, false},
		{"report retitled", func() {
			edit(t, dir, "content/reports/2020/annual-report-2020.md", "title: Annual Report 2020", "title: Annual Report for 2020")
		}, []string{"content/reports/2020/annual-report-2020.md"}, false, false},
		{"broken front matter keeps the last good site", func() {
			edit(t, dir, reply, "from: northshire-pcc", "from: [northshire-pcc")
		}, []string{reply}, false, true},
		{"fixed again", func() {
			edit(t, dir, reply, "from: [northshire-pcc", "from: northshire-pcc")
		}, []string{reply}, false, false},
		{"reply deleted", func() {
			os.Remove(filepath.Join(dir, filepath.FromSlash(reply)))
		}, []string{reply}, false, false},
		{"Welsh version added", func() {
			write(t, dir, "content/letters/2021/2021-04-01-eastshire.cy.md", "---\ntitle: Llythyr at Eastshire\ndate: 2021-04-01\nto: [eastshire-police]\n---\nAnnwyl Brif Gwnstabl,\n\nParagraff.\n")
		}, []string{"content/letters/2021/2021-04-01-eastshire.cy.md"}, false, false},
		{"draft added", func() {
			write(t, dir, "content/letters/2021/2021-05-01-draft.md", "---\ntitle: A draft\ndate: 2021-05-01\nto: [northshire-pcc]\ndraft: true\n---\nNot yet.\n")
		}, []string{"content/letters/2021/2021-05-01-draft.md"}, false, false},
		{"layout changed", func() {
			write(t, dir, "layouts/page.html", "{{define \"main\"}}<h1>{{.Title}}</h1><p>Custom page layout</p>{{.Doc.Body}}{{end}}\n")
		}, []string{"layouts/page.html"}, false, false},
		{"site.yaml changed", func() {
			edit(t, dir, "site.yaml", "Improving victim care", "Better victim care")
		}, []string{"site.yaml"}, false, false},
	}
	for _, st := range steps {
		before := s.Out.Names()
		beforeLetter, _ := s.Out.Get("letters/2021-03-01-northshire-pcc/index.html")
		st.do()
		res := s.Update(st.paths)
		if st.wantFail {
			if res.OK || !s.Errors.HasErrors(false) {
				t.Fatalf("%s: expected the build to fail", st.name)
			}
			if !slices.Equal(before, s.Out.Names()) {
				t.Fatalf("%s: a failed build changed the served files", st.name)
			}
			if after, _ := s.Out.Get("letters/2021-03-01-northshire-pcc/index.html"); !bytes.Equal(after, beforeLetter) {
				t.Fatalf("%s: a failed build changed a served page", st.name)
			}
			continue
		}
		if !res.OK {
			t.Fatalf("%s: update failed: %v", st.name, s.Errors)
		}
		if fast := !res.Full && res.Rendered < 0; fast != st.fast {
			t.Errorf("%s: body-only path = %v, want %v (%+v)", st.name, fast, st.fast, res)
		}
		sameSite(t, st.name, s.Out, fullBuild(t, dir, true))
	}

	// The pages are in a private temporary folder, gone when the session
	// is closed.
	out := s.Out.Dir()
	if info, err := os.Stat(out); err != nil || !info.IsDir() || filepath.Dir(out) != filepath.Clean(os.TempDir()) {
		t.Fatalf("the session's folder %s: %v", out, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("the session's folder is still there after Close: %v", err)
	}
}
