package render

import (
	"html/template"

	"letterpress/internal/content"
	"letterpress/internal/stats"
)

// The statistics page (/statistics/) and each organisation's reply-time
// chart, as package stats computes them.

// Stats is the data of the statistics page.
type Stats struct {
	Intro  string
	Charts []*Chart // none when no letter is published
}

// Chart is a chart of package stats as the layouts show it: its SVG,
// drawn and escaped there, is HTML.
type Chart struct {
	*stats.Chart
	SVG template.HTML // empty when there is nothing to draw
}

// chartView is c as the layouts show it; nil if c is.
func chartView(c *stats.Chart) *Chart {
	if c == nil {
		return nil
	}
	return &Chart{Chart: c, SVG: template.HTML(c.SVG)}
}

// statsJobs adds the statistics page, computed once per graph, when its
// job is made.
func (ru *run) statsJobs(jobs *[]job) {
	g, s := ru.g, ru.s
	p := ru.r.page(g, s, "statistics", s.Lang, "/statistics/", text.T(s.Lang, "stats-title"))
	p.Section = "statistics"
	p.Description = text.T(s.Lang, "stats-description")
	st := stats.Compute(g, statsWords(p))
	data := &Stats{Intro: st.Intro}
	for _, c := range st.Charts {
		data.Charts = append(data.Charts, chartView(c))
	}
	p.Data = data
	ru.add(jobs, p, "/statistics/")
}

// ReplyTimes is the chart of an organisation's reply times for its page
// (stats.ReplyTimes); nil for other documents and for an organisation
// that has replied to nothing.
func (d *Doc) ReplyTimes() *Chart {
	return chartView(stats.ReplyTimes(d.page.g, d.Doc, statsWords(d.page)))
}

// statsWords is stats.Words for a page: its language, and organisations
// as it names them.
func statsWords(p *Page) stats.Words {
	return stats.Words{Lang: p.Lang, Org: func(o *content.Doc) stats.Org {
		d := p.wrap(o)
		return stats.Org{Name: d.Label(), Type: d.localised().Type, URL: d.URL()}
	}}
}
