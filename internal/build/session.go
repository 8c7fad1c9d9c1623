package build

import (
	"context"
	"io/fs"
	"slices"
	"strings"

	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/markdown"
	"letterpress/internal/par"
	"letterpress/internal/publish"
	"letterpress/internal/readers"
	"letterpress/internal/render"
)

// Session is the incremental path of the preview server: it keeps the
// last build and, after a save, re-reads only the files that changed,
// recomputes the graph only when relations may have changed, and
// re-renders only the pages whose output can change. Whatever the path, the
// site in Out is what a full build of the same files would produce.
//
// Each build is a run of the pipeline (pipeline.run) with the Session as
// its input: Full is a run in which everything changed; Update a run in
// which the files saved changed, which takes the other documents and
// bodies from the Session's memory, and renders again, into Out, the
// pages that read what the change touched (render.Options.RecordReads).
//
// What it keeps is sized for a large site: the pages are files in a
// private temporary folder (Out), the rendered bodies are in an unlinked
// temporary file (markdown.Spill), and sources are read again when a body
// is converted; in memory are the documents' front matter, the graph, the
// render jobs and what each page read.
//
// A Session is not safe for concurrent use; the server calls Update from
// one goroutine and serves Out, which is. Close removes its files.
type Session struct {
	*pipeline // runs Full and Update

	// Out holds the last good build.
	Out *publish.Live
	// spill holds the rendered bodies; older are closed at the next full
	// build, which converts every body again.
	spill *markdown.Spill

	// The state of the files as last read, good or not.
	cfg       *config.Config
	cfgErrs   *diag.List
	walkErrs  *diag.List
	docs      map[string]*content.Doc           // by path; nil when the file did not decode
	fileErrs  map[string]*diag.List             // decode problems by path, of the files that have some
	bodies    map[*content.Doc]*markdown.Result // rendered bodies
	bodyErrs  map[string]*diag.List             // conversion failures by path
	sources   map[string]content.Source
	renderer  *render.Renderer
	renderErr *diag.List

	good    *graph.Graph    // the last good build's
	pending map[string]bool // the paths changed since (a failed build leaves them pending)
	dirty   bool            // the next update rebuilds from scratch

	// Errors are the problems of the last build attempt, good or not.
	Errors *diag.List

	// The run under way: what changed, and what it did.
	all     bool                    // everything: every file is read again
	changed []string                // else the documents saved
	old     map[string]*content.Doc // their documents before the save
	// bodyOnly maps each saved document, when the save changed no front
	// matter, to its new reading, whose body is converted for it: the
	// documents, and the site, stay those of the last build.
	bodyOnly map[*content.Doc]*content.Doc
	// same is true when, besides, no body's links changed: the last
	// build's graph stands, with the new bodies; edits says which
	// changed their summaries too.
	same  bool
	edits map[*content.Doc]readers.Change
	stage *publish.Stage // where the run renders
	res   Result
}

// NewSession makes the first, full build.
func NewSession(fsys, defaults fs.FS, opts Options, ropts render.Options) *Session {
	ropts.Incremental, ropts.RecordReads = true, true // what each page read: what a save makes it render again
	s := &Session{pipeline: newPipeline(fsys, defaults, opts, ropts), Out: publish.NewLive("")}
	s.Full()
	return s
}

// Close removes the session's files: the site in Out and the bodies.
func (s *Session) Close() error {
	s.spill.Close()
	s.spill = nil
	return s.Out.Close()
}

// Result says what an update did.
type Result struct {
	OK       bool // the build has no errors and Out was updated
	Full     bool // everything was re-read and re-rendered
	Reread   int  // files read again
	Rendered int  // files of Out written again (-1 when not counted)
}

// Full re-reads every file and re-renders everything.
func (s *Session) Full() Result {
	s.all, s.changed = true, nil
	return s.build()
}

// Update brings the site up to date after the files at paths (slash paths
// from the site root) changed, were created or were removed.
func (s *Session) Update(paths []string) Result {
	var docs []string
	for _, p := range paths {
		// A Markdown document under content/ (as opposed to settings,
		// layouts, static files or folders).
		if _, ok := content.ParsePath(p); ok {
			docs = append(docs, p)
			continue
		}
		if s.passing(p) {
			continue
		}
		// site.yaml, layouts, static files, folders, files that are not
		// documents: everything may change.
		return s.Full()
	}
	if len(docs) == 0 {
		return Result{OK: !s.Errors.HasErrors(false) && !s.dirty, Rendered: 0}
	}
	if s.dirty || s.good == nil {
		return s.Full()
	}
	s.all, s.changed = false, docs
	return s.build()
}

// build runs the pipeline with what changed, into a stage of Out that
// its render stage commits if the build has no errors: Out keeps
// serving the old pages until then.
func (s *Session) build() Result {
	s.res = Result{Full: s.all}
	if s.all {
		s.dirty = false
	}
	s.stage = s.Out.Begin(s.all)
	_, s.Errors = s.run(s, s.stage)
	if !s.res.OK {
		s.stage.Abort()
		if s.all {
			s.dirty = true // nothing rendered: the next good state renders all
		}
	}
	s.old, s.bodyOnly, s.same, s.edits, s.stage = nil, nil, false, nil, nil
	return s.res
}

// config reads site.yaml in a full build; a save of documents leaves it
// as the last build read it (a save of site.yaml is a full build).
func (s *Session) config(p *pipeline, errs *diag.List) *config.Config {
	if s.all || s.cfg == nil {
		s.cfgErrs = &diag.List{}
		s.cfg = p.config(s.cfgErrs)
	}
	errs.Merge(s.cfgErrs)
	return s.cfg
}

// load is the run's load stage: it reads the files that changed (every
// file, in a full build) and returns the site, the last build's when the
// save changed no front matter.
func (s *Session) load(_ context.Context, fsys fs.FS, _ *config.Config, errs *diag.List) *content.Site {
	if s.all {
		s.walkErrs = &diag.List{}
		srcs := content.Walk(fsys, s.walkErrs)
		s.docs, s.fileErrs, s.bodyErrs = map[string]*content.Doc{}, map[string]*diag.List{}, map[string]*diag.List{}
		s.bodies, s.sources = map[*content.Doc]*markdown.Result{}, map[string]content.Source{}
		for _, src := range srcs {
			s.sources[src.Path] = src
		}
		// Every body is converted again: the old bodies' file can go.
		s.spill.Close()
		var err error
		if s.spill, err = markdown.NewSpill(""); err != nil {
			s.spill = nil // keep the bodies in memory
		}
		s.readFiles(srcs, true)
		s.res.Reread = len(srcs)
		s.renderErr = &diag.List{}
		s.renderer = render.New(s.fsys, s.defaults, s.ropts, s.renderErr)
	} else {
		s.reread()
	}
	errs.Merge(s.walkErrs)
	errs.Merge(s.renderErr)
	for _, e := range s.fileErrs {
		errs.Merge(e)
	}
	if s.bodyOnly != nil {
		return s.good.Site
	}
	return s.site(errs)
}

// reread reads the saved files again; a file that is gone is forgotten.
func (s *Session) reread() {
	s.res.Reread = len(s.changed)
	changed := make([]content.Source, 0, len(s.changed))
	s.old = map[string]*content.Doc{}
	for _, p := range s.changed {
		s.pending[p] = true
		src, _ := content.ParsePath(p)
		changed = append(changed, src)
		s.old[p] = s.docs[p]
	}
	exists := make([]bool, len(changed))
	par.For(len(changed), func(i int) {
		// Lstat: a link out of the site is there (and refused), not gone.
		_, err := content.Lstat(s.fsys, changed[i].Path)
		exists[i] = err == nil
	})
	var present []content.Source
	for i, src := range changed {
		if exists[i] {
			present = append(present, src)
			s.sources[src.Path] = src
		} else {
			delete(s.docs, src.Path)
			delete(s.fileErrs, src.Path)
			delete(s.bodyErrs, src.Path)
			delete(s.sources, src.Path)
		}
	}
	s.readFiles(present, false)

	// The fast path: every saved file is still there, decodes with the
	// same front matter, and had no problems and has none now. The old
	// documents stay (the graph is keyed by them), with the new bodies.
	fresh := map[*content.Doc]*content.Doc{}
	for _, p := range s.changed {
		o, n := s.old[p], s.docs[p]
		if o == nil || n == nil || o.FrontMatter != n.FrontMatter || s.fileErrs[p] != nil || s.hadProblems(p) {
			fresh = nil
			break
		}
		fresh[o] = n
	}
	if fresh != nil {
		for o, n := range fresh {
			s.docs[n.Path] = o
		}
		s.bodyOnly = fresh
		return
	}

	for _, d := range s.old {
		if d != nil {
			delete(s.bodies, d)
		}
	}
	// Bodies that link to a changed document show its title and URL:
	// those documents are converted again too.
	changedKeys := map[content.Key]bool{}
	for p := range s.pending {
		if d := s.old[p]; d != nil {
			changedKeys[d.Key()] = true
		}
		if d := s.docs[p]; d != nil {
			changedKeys[d.Key()] = true
		}
		if src, ok := s.sources[p]; ok {
			changedKeys[content.Key{Kind: src.Kind, ID: src.ID, Translation: src.Welsh}] = true
		}
	}
	// An organisation's name is in the default title of its replies.
	for k := range changedKeys {
		if k.Kind == content.Organisation {
			for _, r := range s.good.Responses {
				if r.From.ID == k.ID && r.Title == "" {
					changedKeys[r.Key()] = true
				}
			}
		}
	}
	var again []content.Source
	for d, b := range s.bodies {
		for _, ref := range b.Refs {
			if changedKeys[content.Key{Kind: ref.Kind, ID: ref.ID}] || changedKeys[content.Key{Kind: ref.Kind, ID: ref.ID, Translation: true}] {
				if src, ok := s.sources[d.Path]; ok && s.docs[d.Path] == d {
					again = append(again, src)
				}
				delete(s.bodies, d)
				break
			}
		}
	}
	s.readFiles(again, false)
}

// readFiles reads and decodes documents in parallel. With release, their
// sources are let go (converting a body reads its file again): a full
// read of a large site would otherwise hold every source at once.
func (s *Session) readFiles(srcs []content.Source, release bool) {
	docs, errs := make([]*content.Doc, len(srcs)), make([]*diag.List, len(srcs))
	par.For(len(srcs), func(i int) {
		errs[i] = &diag.List{}
		if docs[i] = content.LoadFile(s.fsys, srcs[i], s.cfg, errs[i]); docs[i] != nil && release {
			docs[i].Release()
		}
	})
	for i, src := range srcs {
		s.docs[src.Path] = docs[i]
		// Only lists with problems are kept: every build merges them all.
		if errs[i].Len() > 0 {
			s.fileErrs[src.Path] = errs[i]
		} else {
			delete(s.fileErrs, src.Path)
		}
	}
}

// site assembles the documents read so far.
func (s *Session) site(errs *diag.List) *content.Site {
	docs := make([]*content.Doc, 0, len(s.docs))
	for _, d := range s.docs {
		if d != nil {
			docs = append(docs, d)
		}
	}
	site := content.Assemble(docs, errs)
	for p, d := range s.docs {
		if src := s.sources[p]; d == nil && !src.Welsh {
			site.MarkUnreadable(src.Kind, src.ID)
		}
	}
	content.CheckFiles(s.fsys, site, errs)
	return site
}

// convert is the run's convert stage: it converts the bodies not yet
// converted (or invalidated), and returns every body.
func (s *Session) convert(ctx context.Context, fsys fs.FS, site *content.Site, cfg *config.Config, _ *markdown.Spill, errs *diag.List) map[*content.Doc]*markdown.Result {
	var todo, as []*content.Doc // what to convert, and for which document
	if s.bodyOnly != nil {
		for o, n := range s.bodyOnly {
			todo, as = append(todo, n), append(as, o)
		}
	} else {
		for _, d := range site.All() {
			if _, ok := s.bodies[d]; !ok {
				todo = append(todo, d)
			}
		}
		as = todo
	}
	conv := convertBodies(ctx, fsys, todo, site, cfg, s.spill, s.walked)
	s.same, s.edits = s.bodyOnly != nil, map[*content.Doc]readers.Change{}
	for i, d := range as {
		c := conv[i]
		if s.bodyOnly != nil {
			// The graph stands if the body links to exactly the same
			// documents, and has footnotes if it had.
			ob := s.bodies[d]
			s.same = s.same && c.res != nil && c.errs.Len() == 0 && len(c.res.BadLinks) == 0 && sameRefs(ob, c.res) &&
				(c.res.Footnotes > 0) == (ob.Footnotes > 0)
			if s.edits[d] = readers.BodyChanged; s.same && ob.Summary != c.res.Summary {
				s.edits[d] = readers.FactsChanged // shown where lists show the document
			}
		}
		if c.res != nil {
			s.bodies[d] = c.res
		} else {
			delete(s.bodies, d)
		}
		if c.errs.Len() > 0 {
			s.bodyErrs[d.Path] = c.errs
		} else {
			delete(s.bodyErrs, d.Path)
		}
	}
	for _, e := range s.bodyErrs {
		errs.Merge(e)
	}
	return s.bodies
}

// graph is the run's graph stage: the last build's, with the new bodies,
// when no relation changed.
func (s *Session) graph(cfg *config.Config, site *content.Site, bodies map[*content.Doc]*markdown.Result, errs *diag.List) *graph.Graph {
	if !s.same {
		if s.bodyOnly != nil {
			site = s.site(errs) // the last build's was kept for the fast path
		}
		return s.pipeline.graph(cfg, site, bodies, errs)
	}
	for d := range s.bodyOnly {
		s.good.SetBody(d, bodies[d])
	}
	errs.Merge(s.Errors) // the last build's, which the save did not change
	return s.good
}

// render is the run's render stage: it renders into the stage
// everything (a full build), or the pages that read what the save
// touched, and commits it if the build has no errors.
func (s *Session) render(_ *pipeline, r *render.Renderer, g *graph.Graph, errs *diag.List) {
	stage := s.stage
	var keep map[string]bool
	var dirs []string
	switch {
	case s.all:
		r.Render(g, stage, errs)
	case s.same:
		// The files of the site are the same: only folders that one job
		// fills whole (written again) may lose files.
		if ran, ok := r.RerenderDocs(g, stage, errs, s.edits); ok {
			for _, n := range ran {
				if strings.HasSuffix(n, "/") {
					dirs = append(dirs, n)
				}
			}
		} else {
			keep = names(r.Rerender(g, stage, errs, s.edits, false))
		}
	default:
		keep = names(r.Rerender(g, stage, errs, s.touched(g, s.good), true))
	}
	if errs.HasErrors(false) {
		// What the pages read, and the graph on the fast path, are no
		// longer those of Out: the next build is a full one.
		s.dirty = true
		return
	}
	n := stage.Len()
	if err := stage.Commit(keep, dirs); err != nil {
		errs.Errorf(diag.Pos{Path: "."}, "cannot write the preview: %v", err)
		s.dirty = true
		return
	}
	s.res.OK, s.res.Rendered = true, n
	if s.same {
		s.res.Rendered = -1 // not counted
	} else {
		if prev := s.good; prev != nil && !s.all {
			r.Forget(func(d *content.Doc) bool { return !g.Published(d) && prev.Published(d) || s.docs[d.Path] != d })
		}
		s.good = g
		r.IndexJobs()
	}
	s.pending = map[string]bool{}
}

// names is a set of file names.
func names(list []string) map[string]bool {
	keep := make(map[string]bool, len(list))
	for _, n := range list {
		keep[n] = true
	}
	return keep
}

// touched returns what the save changed of the documents, in prev or in
// g, for render.Rerender: the saved documents, and the documents whose
// statuses, threads and records they take part in (graph.Neighbours),
// and those whose bodies were converted again (they link to a document
// that changed).
func (s *Session) touched(g, prev *graph.Graph) map[*content.Doc]readers.Change {
	changed := map[*content.Doc]readers.Change{}
	mark := func(gr *graph.Graph, d *content.Doc) {
		if d == nil {
			return
		}
		for _, n := range gr.Neighbours(d) {
			c := readers.FactsChanged
			if n != d && n.Kind == content.Organisation {
				c = readers.RecordChanged // its name is in its own file
			}
			changed[n] = max(changed[n], c)
		}
	}
	for p := range s.pending {
		mark(prev, s.old[p])
		mark(prev, prevDocAt(prev, p))
		mark(g, s.docs[p])
	}
	for d, b := range s.bodies {
		if prev.Body(d) != b {
			// Its pages read it as it was, another Doc.
			changed[d], changed[prevDocAt(prev, d.Path)] = readers.FactsChanged, readers.FactsChanged
		}
	}
	delete(changed, nil)
	return changed
}

// passing recognises a file under content/ that is gone and was no
// document nor folder of documents: an editor's or sed's temporary file that
// came and went between two events.
func (s *Session) passing(p string) bool {
	if !strings.HasPrefix(p, content.Dir+"/") {
		return false
	}
	if _, err := content.Lstat(s.fsys, p); err == nil {
		return false
	}
	for src := range s.sources {
		if strings.HasPrefix(src, p+"/") {
			return false
		}
	}
	return true
}

// hadProblems reports whether the last build had any problem in file p.
func (s *Session) hadProblems(p string) bool {
	if s.Errors == nil {
		return true
	}
	for _, e := range s.Errors.Items() {
		if e.Path == p {
			return true
		}
	}
	return false
}

func sameRefs(a, b *markdown.Result) bool {
	return a != nil && b != nil && slices.EqualFunc(a.Refs, b.Refs, func(x, y markdown.Reference) bool {
		return x.Kind == y.Kind && x.ID == y.ID && x.Resolved && y.Resolved
	})
}

// prevDocAt finds the document a path held in a graph.
func prevDocAt(g *graph.Graph, p string) *content.Doc {
	src, ok := content.ParsePath(p)
	if !ok {
		return nil
	}
	d := g.Site.Get(src.Kind, src.ID)
	if src.Welsh && d != nil {
		return g.Site.Translation(d)
	}
	if d != nil && d.Path != p {
		return nil
	}
	return d
}

// walked reports whether d's file was found by a walk of the site (a
// full build's), not read after a save (see content.ReadText).
func (s *Session) walked(d *content.Doc) bool { return s.sources[d.Path].Walked }
