package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
)

// TestReuseFollowsReads: a repeat build decides to reuse a page from the
// documents its views read when it was last rendered (recorded while
// rendering, kept in the manifest), whatever the layouts show. A site's
// own letter layout shows, on every letter's page, the web address of an
// organisation most letters do not name (nothing the default layouts
// read there), and the topics' counts; editing that address, or putting
// another letter in a topic, must render those pages again, and an edit to a
// document no letter page reads must not.
func TestReuseFollowsReads(t *testing.T) {
	s := loadBuildCase(t, "citations")
	site := filepath.Join(t.TempDir(), "site")
	s.WriteDir(t, site)
	def, err := letterpress.Defaults.ReadFile("layouts/letter.html")
	if err != nil {
		t.Fatal(err)
	}
	layout := strings.TrimSuffix(strings.TrimSpace(string(def)), "{{end}}{{end}}")
	if layout == strings.TrimSpace(string(def)) {
		t.Fatal("layouts/letter.html no longer ends as this test expects")
	}
	layout += `<p class="watched">{{with .Org "eastshire-police"}}{{.Doc.URL}}{{end}}</p>` +
		`<p class="topics">{{range $p.Site.Topics}}{{.ID}}: {{.Count}};{{end}}</p>{{end}}{{end}}` + "\n"
	writeFile(t, filepath.Join(site, "layouts", "letter.html"), layout)
	org := filepath.Join(site, "content", "organisations", "eastshire-police.md")
	page := "letters/2021-03-01-body-link/index.html" // a letter to another organisation
	var before os.FileInfo
	runEdits(t, site, build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}, []siteEdit{
		{name: "the organisation's address", do: func(t *testing.T, _ string) {
			replaceIn(t, org, `\nurl: [^\n]*`, "\nurl: https://police.example.org/eastshire/")
		}, check: func(t *testing.T, r incrementalRun) {
			data, err := os.ReadFile(filepath.Join(r.out, page))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), `<p class="watched">https://police.example.org/eastshire/</p>`) {
				t.Errorf("%s does not show the organisation's new address", page)
			}
			if before, err = os.Stat(filepath.Join(r.out, page)); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a report no letter's page reads", do: func(t *testing.T, _ string) {
			replaceIn(t, filepath.Join(site, "content", "reports", "2019", "unrelated-review.md"), `\ntitle: [^\n]*`, "\ntitle: A review retitled")
		}, check: func(t *testing.T, r incrementalRun) {
			after, err := os.Stat(filepath.Join(r.out, page))
			if err != nil {
				t.Fatal(err)
			}
			if !os.SameFile(before, after) {
				t.Errorf("%s was rendered again, though nothing it read changed", page)
			}
		}},
		{name: "the address again", do: func(t *testing.T, _ string) {
			replaceIn(t, org, `\nurl: [^\n]*`, "\nurl: https://eastshire.example.net/")
		}},
		// The topics' counts are the site's, not a document's: a site's
		// own layout may show them on any page.
		{name: "another letter put in a topic", do: func(t *testing.T, _ string) {
			replaceIn(t, filepath.Join(site, "content", "letters", "2021", "2021-03-09-no-citation.md"), `\ndate: `, "\ntopics: [prevention]\ndate: ")
		}, check: func(t *testing.T, r incrementalRun) {
			data, err := os.ReadFile(filepath.Join(r.out, page))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), "prevention: 1;") {
				t.Errorf("%s does not show the topic's new count", page)
			}
		}},
	})
}
