package render

import (
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/readers"
)

type nowhere struct{}

func (nowhere) Write(string, []byte) error { return nil }

// ReadsAlone renders each page and feed of g on its own, with every
// cache empty, and returns what each read (Options.RecordReads): what
// the pages read when no cache made by another page stands in for a
// part of them.
func ReadsAlone(r *Renderer, g *graph.Graph, errs *diag.List) map[string][]readers.Read {
	s := r.newSite(g)
	jobs := r.jobs(g, s, &sink{r: r, out: nowhere{}})
	out := map[string][]readers.Read{}
	for _, j := range jobs {
		if j.run == nil || j.static {
			continue
		}
		r.forgetAll()
		r.forgetPartials()
		r.runJobs([]job{j}, errs)
		if reads, ok := r.Reads()[j.name]; ok {
			out[j.name] = reads
		}
	}
	return out
}
