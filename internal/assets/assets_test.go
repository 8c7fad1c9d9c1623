package assets

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"letterpress/internal/diag"
)

// Load lays the site's files over the defaults' file by file, publishes
// stylesheets and scripts under names that change with their content, and
// reports what static/ may not publish, naming the file.
func TestLoad(t *testing.T) {
	defaults := fstest.MapFS{
		"layouts/base.html":          {Data: []byte("default base")},
		"layouts/partials/foot.html": {Data: []byte("default foot")},
		"static/css/site.css":        {Data: []byte("body{}")},
		"static/img/logo.png":        {Data: []byte("png")},
	}
	site := fstest.MapFS{
		"layouts/partials/foot.html":      {Data: []byte("site foot")},
		"static/css/site.css":             {Data: []byte("body{}")}, // a verbatim copy: no warning
		"static/page.html":                {Data: []byte("<script>")},
		"static/.env":                     {Data: []byte("SECRET=1")},
		"static/.DS_Store":                {Data: []byte{}},
		"static/files/drawing.svg":        {Data: []byte("<svg/>")},
		"static/.well-known/security.txt": {Data: []byte("Contact: x")},
		"static/link":                     {Data: []byte("../.git/config"), Mode: fs.ModeSymlink},
		".git/config":                     {Data: []byte("[core]")},
	}
	errs := &diag.List{}
	s := Load(site, defaults, errs)

	if got, _ := s.Layout("partials/foot.html", errs); got != "site foot" {
		t.Errorf("partials/foot.html = %q, want the site's", got)
	}
	if got, _ := s.Layout("base.html", errs); got != "default base" {
		t.Errorf("base.html = %q, want the default", got)
	}
	url := s.URL("/css/site.css")
	if !strings.HasPrefix(url, "css/site.") || !strings.HasSuffix(url, ".css") || len(url) != len("css/site.0123456789.css") {
		t.Errorf("URL(css/site.css) = %q, want a hashed name", url)
	}
	if string(s.Hashed[url]) != "body{}" {
		t.Errorf("Hashed[%q] = %q", url, s.Hashed[url])
	}
	if s.URL("img/logo.png") != "img/logo.png" || !s.Has("img/logo.png") || !s.Has("css/site.css") || s.Has("css/extra.css") {
		t.Errorf("URL and Has of unhashed files: %q %v %v %v", s.URL("img/logo.png"), s.Has("img/logo.png"), s.Has("css/site.css"), s.Has("css/extra.css"))
	}
	for _, name := range []string{"files/drawing.svg", ".well-known/security.txt"} {
		if _, ok := s.Files[name]; !ok {
			t.Errorf("%s not published", name)
		}
	}
	for _, name := range []string{"page.html", ".env", ".DS_Store", "link"} {
		if _, ok := s.Files[name]; ok {
			t.Errorf("%s published", name)
		}
	}
	var got []string
	for _, e := range errs.Items() {
		got = append(got, e.Path+": "+e.Msg[:strings.IndexAny(e.Msg, ":(")])
	}
	want := []string{
		"static/.env: not published",
		"static/link: not published",
		"static/page.html: cannot publish an HTML page ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s\n(all: %v)", strings.Join(got, "\n"), strings.Join(want, "\n"), errs)
	}
}

// A layout the overlay does not hold is reported with its path.
func TestLayoutMissing(t *testing.T) {
	errs := &diag.List{}
	s := Load(nil, fstest.MapFS{}, errs)
	if _, ok := s.Layout("base.html", errs); ok {
		t.Fatal("Layout of a missing file succeeded")
	}
	if got := errs.Error(); !strings.Contains(got, "layouts/base.html:") || !strings.Contains(got, "layout base.html is missing") {
		t.Errorf("got %q", got)
	}
}
