package build_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// TestCompiledRenderer is the guard of the compiled renderer
// (internal/render/fast_gen.go), the Go code generated from the default
// layouts that writes what they write, for every page type: it builds
// sites with it and without it (render.Options.NoCompiled: html/template
// alone) and requires every output file to be the same, byte for byte. A
// generator that translates a template wrongly fails here.
// The sites between them take every branch of the compiled templates:
// every page type, reply status, thread, citation, attachment, withheld
// reply, draft, Welsh version, a Welsh site, hostile text in every field,
// a base URL with a path, the preview server's extra <head> markup.
func TestCompiledRenderer(t *testing.T) {
	type site struct {
		name  string
		fsys  func(t *testing.T) fs.FS
		opts  build.Options
		ropts render.Options
	}
	buildCases := func(t *testing.T) fs.FS { return loadBuildCase(t, append(allBuildCases, "compiled")...).FS }
	sites := []site{
		{name: "repository", fsys: func(*testing.T) fs.FS { return os.DirFS("../..") }, opts: build.Options{Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}},
		{name: "published fixture", fsys: func(t *testing.T) fs.FS { return sitetest.Load(t, "../published/testdata/site.txtar").FS }, opts: build.Options{Now: buildDate("2022-07-01")}},
		{name: "build cases", fsys: buildCases, opts: build.Options{Now: buildDate("2021-06-01")}},
		{name: "build cases with drafts and a preview head", fsys: buildCases, opts: build.Options{Now: buildDate("2021-06-01"), Drafts: true},
			ropts: render.Options{Head: `<script src="/_reload.js"></script>`}},
		{name: "build cases under a base path", fsys: buildCases, opts: build.Options{Now: buildDate("2021-06-01"), BaseURL: "https://example.org/sub/dir/"}},
		{name: "welsh site", fsys: func(t *testing.T) fs.FS {
			fsys := buildCases(t).(fstest.MapFS)
			fsys["site.yaml"] = &fstest.MapFile{Data: append(slices.Clone(fsys["site.yaml"].Data), "\nlanguage: cy\n"...)}
			return fsys
		}, opts: build.Options{Now: buildDate("2021-06-01")}},
		{name: "escaping", fsys: func(t *testing.T) fs.FS { return escapeSite(t) }, opts: build.Options{Now: catalogueNow}},
		{name: "escaping case", fsys: func(t *testing.T) fs.FS { return loadBuildCase(t, "escaping").FS }, opts: build.Options{Now: buildDate("2021-06-01")}},
		{name: "generated 200 letters", fsys: func(t *testing.T) fs.FS { return os.DirFS(sitetest.Generated(t, 200)) }, opts: build.Options{Now: buildDate("2026-12-01")}},
		// A site that overrides one partial a compiled template includes
		// ({{template}}) and one page type's "main": those run by
		// html/template inside the compiled code around them.
		{name: "build cases overriding a partial and a main", fsys: func(t *testing.T) fs.FS {
			fsys := buildCases(t).(fstest.MapFS)
			fsys["layouts/partials/pagination.html"] = &fstest.MapFile{Data: []byte(`{{with .List}}<p class="site-pages">{{.PageNum}}/{{.PageCount}} &amp; {{$.Page.Title}}</p>{{end}}`)}
			fsys["layouts/home.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1 title="{{.Title}}">{{.Site.Title}}</h1>{{end}}`)}
			return fsys
		}, opts: build.Options{Now: buildDate("2021-06-01")}},
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			fsys := s.fsys(t)
			compiled := buildFiles(t, fsys, s.opts, s.ropts)
			ropts := s.ropts
			ropts.NoCompiled = true
			interpreted := buildFiles(t, fsys, s.opts, ropts)
			if msg := compareOutputs(compiled, interpreted); msg != "" {
				t.Fatalf("compiled (first) and html/template (second) output differ: %s", msg)
			}
			if len(compiled) < 20 {
				t.Fatalf("only %d files", len(compiled))
			}
		})
	}
}

// TestCompiledRendererFallback builds sites that override layouts the
// compiled renderer stands for: the site's layout is what shows, through
// html/template, wherever it is used.
func TestCompiledRendererFallback(t *testing.T) {
	def := func(name string) string {
		data, err := fs.ReadFile(letterpress.Defaults, "layouts/"+name)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	cases := []struct {
		name, file, text string
		want             map[string]string // output file -> text it must hold
	}{
		{"card", "layouts/partials/card.html", `<li class="site-card">{{.Doc.Title}}</li>` + "\n",
			map[string]string{"letters/index.html": `<li class="site-card">`, "organisations/northshire-pcc/index.html": `<li class="site-card">`}},
		{"base", "layouts/base.html", strings.Replace(def("base.html"), "<body>", `<body class="site-base">`, 1),
			map[string]string{"letters/2021-03-01-first-letter/index.html": `<body class="site-base">`, "reports/annual-report-2020/index.html": `<body class="site-base">`}},
		{"header", "layouts/partials/header.html", strings.Replace(def("partials/header.html"), `class="skip-link"`, `class="skip-link site-header"`, 1),
			map[string]string{"responses/2021-03-16-northshire-pcc/index.html": `class="skip-link site-header"`}},
		{"thread item", "layouts/partials/thread-item.html", "\n<li class=\"site-thread-item\">{{.Doc.Title}}</li>",
			map[string]string{"letters/2021-03-01-first-letter/index.html": `<li class="site-thread-item">`}},
		{"topics", "layouts/partials/topics.html", `<p class="site-topics">{{len .Doc.TopicList}}</p>`,
			map[string]string{"letters/2021-03-01-first-letter/index.html": `<p class="site-topics">`, "reports/annual-report-2020/index.html": `<p class="site-topics">`}},
		{"letter", "layouts/letter.html", `{{define "main"}}<p class="site-letter">{{.Title}}</p>{{end}}`,
			map[string]string{"letters/2021-03-01-first-letter/index.html": `<p class="site-letter">`}},
		// A file of the site's own that redefines a default partial.
		{"redefined", "layouts/partials/zz-site.html", `{{define "partials/cited.html"}}<p class="site-cited"></p>{{end}}`,
			map[string]string{"letters/2021-03-01-first-letter/index.html": `<p class="site-cited">`}},
		// Partials a compiled template includes with {{template}}, and
		// the "main" of page types that were not compiled before the
		// renderer was generated.
		{"pagination", "layouts/partials/pagination.html", `<p class="site-pagination">{{.List.PageCount}}</p>`,
			map[string]string{"letters/index.html": `<p class="site-pagination">`}},
		{"doclist", "layouts/partials/doclist.html", `<ul class="site-doclist">{{cards .Page .Items .Level}}</ul>`,
			map[string]string{"letters/index.html": `<ul class="site-doclist">`, "index.html": `<ul class="site-doclist">`}},
		{"attachments", "layouts/partials/attachments.html", `<p class="site-attachments">{{len .Doc.Attachments}}</p>`,
			map[string]string{"letters/2021-03-01-first-letter/index.html": `<p class="site-attachments">`}},
		{"home", "layouts/home.html", `{{define "main"}}<p class="site-home">{{.Home.Letters}}</p>{{end}}`,
			map[string]string{"index.html": `<p class="site-home">`}},
		{"statistics", "layouts/statistics.html", `{{define "main"}}<p class="site-stats">{{len .Data.Charts}}</p>{{end}}`,
			map[string]string{"statistics/index.html": `<p class="site-stats">`}},
		// A verbatim copy of a default changes nothing (and keeps the
		// compiled path: see TestDecideCompiled in internal/render).
		{"copy", "layouts/partials/card.html", def("partials/card.html"), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			fsys := loadBuildCase(t, "statuses", "thread", "citations").FS
			opts := build.Options{Now: buildDate("2021-06-01")}
			plain := buildFiles(t, fsys, opts, render.Options{})
			fsys[c.file] = &fstest.MapFile{Data: []byte(c.text)}
			compiled := buildFiles(t, fsys, opts, render.Options{})
			interpreted := buildFiles(t, fsys, opts, render.Options{NoCompiled: true})
			if msg := compareOutputs(compiled, interpreted); msg != "" {
				t.Fatalf("with the site's %s, the two builds differ: %s", c.file, msg)
			}
			for name, want := range c.want {
				if !strings.Contains(string(compiled[name]), want) {
					t.Errorf("%s does not show the site's %s (no %q)", name, c.file, want)
				}
			}
			if c.want == nil {
				if msg := compareOutputs(compiled, plain); msg != "" {
					t.Errorf("a verbatim copy of a default layout changed the output: %s", msg)
				}
			}
		})
	}
}

func buildFiles(t *testing.T, fsys fs.FS, opts build.Options, ropts render.Options) map[string][]byte {
	t.Helper()
	out := publish.NewMemory()
	_, errs := build.Build(fsys, letterpress.Defaults, out, opts, ropts)
	if errs.HasErrors(false) {
		var b strings.Builder
		errs.Print(&b)
		t.Fatalf("build failed:\n%s", b.String())
	}
	return out.Files
}

// compareOutputs says where two builds first differ: a file in one only,
// or the first differing byte of a file, with the bytes around it.
func compareOutputs(a, b map[string][]byte) string {
	for _, name := range slices.Sorted(maps.Keys(a)) {
		bd, ok := b[name]
		if !ok {
			return name + " is in the first build only"
		}
		ad := a[name]
		if bytes.Equal(ad, bd) {
			continue
		}
		i := 0
		for i < len(ad) && i < len(bd) && ad[i] == bd[i] {
			i++
		}
		around := func(d []byte) string {
			return fmt.Sprintf("%q", d[max(0, i-300):min(len(d), i+200)])
		}
		return fmt.Sprintf("%s differs at byte %d (of %d and %d):\nfirst:  %s\nsecond: %s", name, i, len(ad), len(bd), around(ad), around(bd))
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			return name + " is in the second build only"
		}
	}
	return ""
}
