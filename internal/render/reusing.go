package render

import (
	"errors"

	"letterpress/internal/assets"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/par"
	"letterpress/internal/readers"
)

// Key is a digest of everything one job of a render depends on: two
// renders that give a job the same key write the same bytes, so a build
// can take the file from its previous output instead of rendering it.
type Key [32]byte

// MarshalBinary and UnmarshalBinary make encoding/gob write a key as 32
// bytes: as an array it writes and reads each byte as a number of its own,
// which was most of the time a repeat build took to read its manifest.
func (k Key) MarshalBinary() ([]byte, error) { return k[:], nil }

func (k *Key) UnmarshalBinary(b []byte) error {
	if len(b) != len(k) {
		return errors.New("render: a key is 32 bytes")
	}
	copy(k[:], b)
	return nil
}

// Planned is one job of a render that reuses files (RenderReusing).
type Planned struct {
	// Name is the job's name; Names are the files (or, ending in "/",
	// folders of files) it writes: its own name, and the names of jobs
	// whose files it writes for them (the sitemaps).
	Name  string
	Names []string
	// Doc is the document whose page (or, for an organisation, feed) the
	// job writes; Static says that it publishes a static file.
	Doc    *content.Doc
	Static bool
	// Page makes the page the job renders (nil for other files), for
	// what the plan gives it: its title, its list's items. It is let go
	// once reuse returned.
	Page func() *Page
	// Key and Whole are the caller's, set by reuse and returned.
	Key   Key
	Whole bool
	// Reads are the documents the job's views read, if it ran (see
	// Renderer.Reads); reuse may set those of the files it reuses.
	Reads []readers.Read
}

// RenderReusing is Render for a build that starts from the files of an
// earlier build: it asks reuse, for each job, whether the caller already
// has the job's files (reuse is called from several goroutines at once).
// If it has, reuse returns a function that puts them in the output and
// reports whether it could (it is called while other jobs run, from
// several goroutines at once); the jobs whose files it put in place are
// not run. It records what each job that runs reads (as
// Options.RecordReads does) and returns every job, for the next build.
func (r *Renderer) RenderReusing(g *graph.Graph, out Output, errs *diag.List, reuse func(*Planned) func() bool) []Planned {
	if len(r.pages) != len(pageTemplates) {
		return nil // template errors were reported by New
	}
	r.opts.RecordReads = true // the next build decides from them
	r.forgetAll()
	sk := &sink{r: r, out: out}
	jobs := r.jobs(g, r.newSite(g), sk)
	r.jobCache = &jobSet{g: g, sink: sk, jobs: jobs}
	plan := make([]Planned, 0, len(jobs))
	var group []string // names of jobs without run, written by the next that has one
	for _, j := range jobs {
		group = append(group, j.name)
		if j.run == nil {
			continue
		}
		plan = append(plan, Planned{Name: j.name, Names: group, Doc: j.doc, Static: j.static, Page: j.page})
		group = nil
	}
	r.reads = make(map[string][]readers.Read, len(plan))
	byName := make(map[string]int, len(plan))
	for i, p := range plan {
		byName[p.Name] = i
	}
	jobs = nil // each job is let go once it ran (see render)
	links := make([]func() bool, len(plan))
	ctx := r.opts.context()
	if par.ForContext(ctx, len(plan), func(i int) {
		links[i] = reuse(&plan[i])
		plan[i].Page = nil
	}) != nil {
		return nil // stopped
	}
	// The files reused are put in place while the others are rendered:
	// linking is mostly system calls, and the search index, which goes
	// first, leaves a core idle while it writes its files.
	reused := make([]bool, len(plan))
	linked := make(chan struct{})
	go func() {
		defer close(linked)
		var todo []int
		for i, link := range links {
			if link != nil {
				todo = append(todo, i)
			}
		}
		_ = par.ForContext(ctx, len(todo), func(j int) { reused[todo[j]] = links[todo[j]]() })
	}()
	r.render(g, out, errs, func(j job) bool {
		i, ok := byName[j.name]
		return !ok || links[i] == nil
	})
	<-linked
	// The files that could not be linked after all (the previous output
	// changed) are rendered.
	again := false
	for i, link := range links {
		again = again || link != nil && !reused[i]
	}
	if again {
		r.render(g, out, errs, func(j job) bool {
			i, ok := byName[j.name]
			return ok && links[i] != nil && !reused[i]
		})
	}
	r.readsMu.Lock()
	for name, reads := range r.reads {
		if i, ok := byName[name]; ok {
			plan[i].Reads = reads
		}
	}
	r.readsMu.Unlock()
	return plan
}

// Assets are the layouts and static files the renderer reads.
func (r *Renderer) Assets() *assets.Set { return r.static }
