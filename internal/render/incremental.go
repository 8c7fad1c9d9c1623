package render

import (
	"maps"
	"slices"

	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
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
	r.depsMu.Lock()
	for i, j := range js.jobs {
		if j.run == nil || j.static {
			continue
		}
		ix.byName[j.name] = i
		if _, known := r.deps[j.name]; !known {
			ix.unknown = append(ix.unknown, i)
		}
	}
	r.depsMu.Unlock()
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
	r.depsMu.Lock()
	if r.users.outdated() && r.deps != nil {
		r.users = newUsers(r.deps)
	}
	r.depsMu.Unlock()
}

// RerenderDocs is Rerender with lists false (a save that changed no
// relation), for the graph last rendered, in time proportional to the
// files it writes rather than to the site. It returns the names of the
// jobs it ran (a name ending in "/" is a folder the job fills whole), and
// false, having done nothing, if g is not the graph last rendered.
func (r *Renderer) RerenderDocs(g *graph.Graph, out Output, errs *diag.List, changed map[*content.Doc]Change) ([]string, bool) {
	js := r.jobCache
	if len(r.pages) != len(pageTemplates) || js == nil || js.g != g {
		return nil, false
	}
	r.forgetCards(changed)
	users := r.usersOf(changed)
	ix := js.indexed(r)
	pick := map[int]bool{}
	for name := range users {
		if i, ok := ix.byName[name]; ok {
			pick[i] = true
		}
	}
	r.depsMu.Lock()
	for _, i := range ix.unknown {
		if _, known := r.deps[js.jobs[i].name]; !known {
			pick[i] = true
		}
	}
	r.depsMu.Unlock()
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
