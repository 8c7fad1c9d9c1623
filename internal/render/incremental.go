package render

import (
	"maps"
	"slices"

	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/readers"
)

// jobIndex finds the jobs of a jobSet by name, so that a save that
// changes no relation finds what to render again without going through
// every job of the site (hundreds of thousands on a large site).
type jobIndex struct {
	byName map[string]int
	// unknown are the jobs whose dependencies were not recorded when the
	// index was made (never rendered, or failed): Rerender renders them
	// until they are.
	unknown []int
}

func (js *jobSet) indexed(r *Renderer) *jobIndex {
	if js.index != nil {
		return js.index
	}
	ix := &jobIndex{byName: make(map[string]int, len(js.jobs))}
	for i, j := range js.jobs {
		if j.run == nil || j.static {
			continue
		}
		ix.byName[j.name] = i
		if !r.deps.Has(j.name) {
			ix.unknown = append(ix.unknown, i)
		}
	}
	js.index = ix
	return ix
}

// IndexJobs prepares RerenderDocs for the graph last rendered, and
// Rerender and RerenderDocs for the files' reads, indexed by document
// (on a large site it takes long enough to be felt: better after a build
// than on the next save).
func (r *Renderer) IndexJobs() {
	if r.jobCache != nil {
		r.jobCache.indexed(r)
	}
	r.deps.Index()
}

// RerenderDocs is Rerender with lists false (a save that changed no
// relation), for the graph last rendered, in time proportional to the
// files it writes rather than to the site. It returns the names of the
// jobs it ran (a name ending in "/" is a folder the job fills whole), and
// false, having done nothing, if g is not the graph last rendered.
func (r *Renderer) RerenderDocs(g *graph.Graph, out Output, errs *diag.List, changed map[*content.Doc]readers.Change) ([]string, bool) {
	js := r.jobCache
	if len(r.pages) != len(pageTemplates) || js == nil || js.g != g {
		return nil, false
	}
	r.forgetCards(changed)
	users := r.deps.Readers(changed)
	ix := js.indexed(r)
	pick := map[int]bool{}
	for name := range users {
		if i, ok := ix.byName[name]; ok {
			pick[i] = true
		}
	}
	for _, i := range ix.unknown {
		if !r.deps.Has(js.jobs[i].name) {
			pick[i] = true
		}
	}
	idx := slices.Sorted(maps.Keys(pick))
	todo := make([]job, 0, len(idx))
	names := make([]string, 0, len(idx))
	for _, i := range idx {
		todo = append(todo, js.jobs[i])
		names = append(names, js.jobs[i].name)
	}
	r.forgetPartials()
	js.sink.out = out
	r.runJobs(todo, errs)
	return names, true
}
