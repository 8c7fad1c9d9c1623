package stats

import (
	"fmt"
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

// renderKeys are the messages the charts take from package render's own
// tables (the time a reply is allowed, as the letters' pages say it).
var renderKeys = map[string]bool{"n-days": true, "n-working-days": true}

// keyWords is Words that records the keys asked for.
type keyWords struct {
	lang string
	keys map[string]bool
}

func (w keyWords) T(key string, args ...any) string {
	w.keys[key] = true
	return key + fmt.Sprint(args...)
}

func (w keyWords) TN(key string, n int, args ...any) string {
	w.keys[key] = true
	return key + fmt.Sprint(n) + fmt.Sprint(args...)
}

func (w keyWords) Date(t time.Time) string { return t.Format(time.DateOnly) }
func (w keyWords) Lang() string            { return w.lang }
func (w keyWords) Org(o *content.Doc) Org {
	return Org{Name: o.Label(), Type: o.Type, URL: "/" + o.URLPath()}
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

// Every text the charts write is in Messages or Plurals (or one of the
// few render keeps): package render's T gives a missing key as it is,
// which would show on the page. Each is written in both languages.
func TestEveryMessageIsThere(t *testing.T) {
	sites := []*graph.Graph{
		loadGraph(t, time.Date(2021, 7, 15, 0, 0, 0, 0, time.UTC), "statistics"),
		loadGraph(t, time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC), "working-days"),
		loadGraph(t, time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)),
	}
	keys := map[string]bool{}
	for _, g := range sites {
		for _, lang := range []string{"en", "cy"} {
			w := keyWords{lang, keys}
			Compute(g, w)
			for _, o := range g.Organisations {
				ReplyTimes(g, o, w)
			}
		}
	}
	if len(keys) < 30 {
		t.Fatalf("only %d messages asked for: the sites draw too little", len(keys))
	}
	for k := range keys {
		if renderKeys[k] {
			continue
		}
		if m, ok := Messages[k]; ok {
			if m[0] == "" || m[1] == "" {
				t.Errorf("message %s is empty in a language", k)
			}
			continue
		}
		if p, ok := Plurals[k]; ok {
			for i, forms := range p {
				if forms[plural.Other] == "" {
					t.Errorf("plural message %s has no Other form in language %d", k, i)
				}
			}
			continue
		}
		if strings.HasPrefix(k, "calendar-") {
			t.Errorf("the calendar %s has no name in Messages", k)
			continue
		}
		t.Errorf("message %s is not in Messages or Plurals", k)
	}
}
