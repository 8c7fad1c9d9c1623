package stats

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/feature/plural"

	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/sitetest"
)

// words are Words in lang that name an organisation by its label.
func words(lang string) Words {
	return Words{Lang: lang, Org: func(o *content.Doc) Org {
		return Org{Name: o.Label(), Type: o.Type, URL: "/" + o.URLPath()}
	}}
}

func loadGraph(t *testing.T, now time.Time, cases ...string) *graph.Graph {
	t.Helper()
	files := []string{"../build/testdata/build/_base.txtar"}
	for _, c := range cases {
		files = append(files, "../build/testdata/build/"+c+".txtar")
	}
	s := sitetest.Load(t, files...)
	errs := &diag.List{}
	cfg := config.Load(s.FS, errs)
	site := content.Load(s.FS, cfg, errs)
	g := graph.Build(cfg, site, nil, graph.Options{Now: now}, errs)
	if errs.HasErrors(false) {
		t.Fatalf("the site has errors: %v", errs.Items())
	}
	return g
}

// Every text the charts write is in Messages or Plurals (or the lengths
// of time of package i18n): T gives a missing key as it is, which would
// show on the page. Each is written in both languages.
func TestEveryMessageIsThere(t *testing.T) {
	sites := []*graph.Graph{
		loadGraph(t, time.Date(2021, 7, 15, 0, 0, 0, 0, time.UTC), "statistics"),
		loadGraph(t, time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC), "working-days"),
		loadGraph(t, time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)),
	}
	charts, drawn := 0, 0
	for _, g := range sites {
		for _, lang := range []string{"en", "cy"} {
			w := words(lang)
			for _, c := range Compute(g, w).Charts {
				charts++
				if c.SVG != "" {
					drawn++
				}
			}
			for _, o := range g.Organisations {
				if ReplyTimes(g, o, w) != nil {
					charts++
				}
			}
		}
	}
	if charts < 20 || drawn < 6 {
		t.Fatalf("only %d charts, %d of them drawn: the sites draw too little", charts, drawn)
	}
	for _, k := range text.Missing() {
		if strings.HasPrefix(k, "calendar-") {
			t.Errorf("the calendar %s has no name in Messages", k)
			continue
		}
		t.Errorf("message %s is not in Messages or Plurals", k)
	}
	for k, m := range Messages {
		if m[0] == "" || m[1] == "" {
			t.Errorf("message %s is empty in a language", k)
		}
	}
	for k, p := range Plurals {
		for i, forms := range p {
			if forms[plural.Other] == "" {
				t.Errorf("plural message %s has no Other form in language %d", k, i)
			}
		}
	}
}
