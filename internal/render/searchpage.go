package render

import (
	"slices"

	"letterpress/internal/content"
	"letterpress/internal/readers"
	"letterpress/internal/search"
)

// The search page (/search/) and the job that writes the search index
// (package search) beside it.

// searchJobs adds the search page and the job that writes the index.
func (ru *run) searchJobs(jobs *[]job) {
	g, s := ru.g, ru.s
	p := ru.r.page(g, s, "search", s.Lang, "/search/", text.T(s.Lang, "search"))
	p.Section = "search"
	years := map[int]bool{}
	for _, ds := range [][]*content.Doc{g.Letters, g.Responses, g.Reports} {
		for _, d := range ds {
			if y := d.Date.Year(); !d.Date.IsZero() {
				years[y] = true
			} else if d.Year > 0 {
				years[d.Year] = true
			}
		}
	}
	sp := &searchPage{Orgs: p.wrapAll(g.Organisations)}
	for y := range years {
		sp.Years = append(sp.Years, y)
	}
	slices.SortFunc(sp.Years, func(a, b int) int { return b - a })
	p.Data = sp
	ru.add(jobs, p, "/search/")

	if ru.r.opts.NoSearchIndex {
		return
	}
	// The index is one job writing every file under search/index/ (its
	// name ends in "/"): it depends on every document, so any edit
	// rebuilds it.
	*jobs = append(*jobs, job{name: search.Dir, first: true, run: func() error {
		all, err := search.Write(ru.r.opts.context(), g, searchSite{p}, ru.out.Write, ru.r.opts.Search)
		ru.r.setDeps(search.Dir, readers.Docs(all, true))
		return err
	}})
}

// searchPage is the data of the search page.
type searchPage struct {
	Orgs  []*Doc
	Years []int
}

// searchSite is search.Site as the site's pages show documents.
type searchSite struct{ p *Page }

func (s searchSite) URL(d *content.Doc) string  { return s.p.wrap(d).URL() }
func (s searchSite) Date(d *content.Doc) string { return s.p.wrap(d).DateText() }
func (s searchSite) FileURL(file string) string { return s.p.URLFor("/" + file) }
