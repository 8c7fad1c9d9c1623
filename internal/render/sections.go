package render

import "fmt"

// A siteSection is a part of the site that a package of its own makes from
// the graph (the open data files, the search index, the statistics),
// with the page that shows it: its page type, a layout in layouts/, and
// the jobs that write the page and the package's files.
type siteSection struct {
	page string
	jobs func(ru *run, jobs *[]job)
}

// sections are the site's sections, listed here as goldmark lists its
// extensions; the sitemap lists their pages in this order.
var sections = []siteSection{
	{"data", (*run).dataJobs},
	{"search", (*run).searchJobs},
	{"statistics", (*run).statsJobs},
}

// sectionPages are the page types of the sections.
func sectionPages() []string {
	pages := make([]string, len(sections))
	for i, s := range sections {
		pages[i] = s.page
	}
	return pages
}

// joinMessages is the union of tables of messages. A key in two tables
// is a mistake (one would hide the other): it panics, and the tests,
// which start with the tables, fail.
func joinMessages[V any](tables ...map[string][2]V) map[string][2]V {
	out := map[string][2]V{}
	for _, t := range tables {
		for k, v := range t {
			if _, dup := out[k]; dup {
				panic(fmt.Sprintf("render: message %q is in two tables", k))
			}
			out[k] = v
		}
	}
	return out
}
