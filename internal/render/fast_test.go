package render

import (
	"slices"
	"testing"
	"testing/fstest"

	"letterpress"
	"letterpress/internal/diag"
)

// TestDecideCompiled checks which templates run compiled: all of them
// with the default layouts or a verbatim copy of one; none that stand for
// a file the site overrides or redefines, the rest still compiled around
// them.
func TestDecideCompiled(t *testing.T) {
	def := func(name string) []byte {
		data, err := letterpress.Defaults.ReadFile("layouts/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	every := pageTemplates
	but := func(kinds ...string) []string {
		return slices.DeleteFunc(slices.Clone(every), func(k string) bool { return slices.Contains(kinds, k) })
	}
	cases := []struct {
		name       string
		site       fstest.MapFS
		opts       Options
		mains      []string // page kinds compiled whole
		noBase     []string // page kinds whose base.html is not compiled
		card       bool
		threadItem bool
		notOK      []string // templates called with {{template}} that run by html/template
	}{
		{"defaults", nil, Options{}, every, nil, true, true, nil},
		{"verbatim copies", fstest.MapFS{"layouts/base.html": {Data: def("base.html")}, "layouts/partials/card.html": {Data: def("partials/card.html")}}, Options{}, every, nil, true, true, nil},
		{"tests' switch", nil, Options{NoCompiled: true}, nil, every, false, false, generatedNames},
		{"card", fstest.MapFS{"layouts/partials/card.html": {Data: []byte("<li></li>")}}, Options{}, every, nil, false, true, nil},
		{"base", fstest.MapFS{"layouts/base.html": {Data: append(def("base.html"), ' ')}}, Options{}, nil, every, true, true, nil},
		{"footer", fstest.MapFS{"layouts/partials/footer.html": {Data: []byte("<footer></footer>")}}, Options{}, every, nil, true, true, nil},
		{"thread item", fstest.MapFS{"layouts/partials/thread-item.html": {Data: []byte("<li></li>")}}, Options{}, every, nil, true, false, nil},
		{"pagination", fstest.MapFS{"layouts/partials/pagination.html": {Data: []byte("")}}, Options{}, every, nil, true, true, []string{"partials/pagination.html"}},
		// A partial that ends inside an attribute cannot run alone: the
		// pages that include it run by html/template whole.
		{"pagination open", fstest.MapFS{"layouts/partials/pagination.html": {Data: []byte(`<a title="`)}}, Options{}, but("list", "organisation"), []string{"list", "organisation"}, true, true, []string{"partials/pagination.html"}},
		{"topics", fstest.MapFS{"layouts/partials/topics.html": {Data: []byte("")}}, Options{}, every, nil, true, true, []string{"partials/topics.html"}},
		{"letter", fstest.MapFS{"layouts/letter.html": {Data: []byte(`{{define "main"}}x{{end}}`)}}, Options{}, but("letter"), nil, true, true, nil},
		{"redefined", fstest.MapFS{"layouts/partials/zz.html": {Data: []byte(`{{define "partials/cited.html"}}x{{end}}`)}}, Options{}, every, nil, true, true, []string{"partials/cited.html"}},
		{"redefined main", fstest.MapFS{"layouts/partials/zz.html": {Data: []byte(`{{define "main"}}x{{end}}`)}}, Options{}, every, nil, true, true, nil},
		{"redefined base", fstest.MapFS{"layouts/partials/zz.html": {Data: []byte(`{{define "base.html"}}x{{end}}`)}}, Options{}, nil, every, true, true, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			errs := &diag.List{}
			r := New(c.site, letterpress.Defaults, c.opts, errs)
			if errs.HasErrors(false) {
				t.Fatalf("%v", errs)
			}
			var mains []string
			for k, ok := range r.compiled.mains {
				if ok {
					mains = append(mains, k)
				}
			}
			slices.Sort(mains)
			if want := slices.Sorted(slices.Values(c.mains)); !slices.Equal(mains, want) {
				t.Errorf("compiled pages %v, want %v", mains, want)
			}
			for _, k := range pageTemplates {
				if want := !slices.Contains(c.noBase, k); r.compiled.base[k] != want {
					t.Errorf("base.html compiled for %s: %v, want %v", k, r.compiled.base[k], want)
				}
			}
			if r.compiled.card != c.card || r.compiled.threadItem != c.threadItem {
				t.Errorf("card %v, thread item %v; want %v, %v", r.compiled.card, r.compiled.threadItem, c.card, c.threadItem)
			}
			for i, name := range generatedNames {
				if want := !slices.Contains(c.notOK, name); r.compiled.ok[i] != want {
					t.Errorf("%s compiled: %v, want %v", name, r.compiled.ok[i], want)
				}
			}
		})
	}
}

// TestCompiledUses checks what a letter page is found to use: the files
// whose overrides turn its compiled code off.
func TestCompiledUses(t *testing.T) {
	r := New(nil, letterpress.Defaults, Options{}, &diag.List{})
	got := uses(r.pages["letter"], "base.html")
	want := []string{"main", "partials/addressee.html", "partials/attachments.html", "partials/cited.html", "partials/footer.html",
		"partials/head.html", "partials/header.html", "partials/org-link.html", "partials/thread-item.html", "partials/thread.html", "partials/topics.html"}
	if !slices.Equal(got, want) {
		t.Errorf("a letter page uses %q, want %q", got, want)
	}
}
