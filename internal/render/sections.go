package render

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
