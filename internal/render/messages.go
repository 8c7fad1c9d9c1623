package render

import (
	"letterpress/internal/i18n"
	"letterpress/internal/opendata"
	"letterpress/internal/stats"
)

// text is the interface text in English and Welsh: the pages' words
// (i18n.Pages), those of the sections (sections.go), whose pages show
// them, and package i18n's lengths of time. A page's language decides which is used; dates,
// labels and status words all follow it.
var text = i18n.New(
	i18n.Pages,
	i18n.Table{Messages: opendata.Messages, Plurals: opendata.Plurals},
	i18n.Table{Messages: stats.Messages, Plurals: stats.Plurals},
	i18n.Spans,
)
