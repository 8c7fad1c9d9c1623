package build

import (
	"context"
	"io/fs"
	"strings"

	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/markdown"
	"letterpress/internal/par"
	"letterpress/internal/publish"
	"letterpress/internal/render"
)

// Session is the incremental path of the preview server: it keeps the
// last build and, after a save, re-reads only the files that changed,
// recomputes the graph only when relations may have changed, and
// re-renders only the pages whose output can change. Whatever the path, the
// site in Out is what a full build of the same files would produce.
//
// What it keeps is sized for a large site: the pages are files in a
// private temporary folder (Out), the rendered bodies are in an unlinked
// temporary file (markdown.Spill), and sources are read again when a body
// is converted; in memory are the documents' front matter, the graph, the
// render jobs and the list entries.
//
// A Session is not safe for concurrent use; the server calls Update from
// one goroutine and serves Out, which is. Close removes its files.
type Session struct {
	*pipeline // the stages, which Full and Update call

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
	fileErrs  map[string]*diag.List             // decode problems by path
	bodies    map[*content.Doc]*markdown.Result // rendered bodies
	bodyErrs  map[string]*diag.List             // conversion failures by path
	sources   map[string]content.Source
	renderer  *render.Renderer
	renderErr *diag.List

	// The last good build: its graph, and what each file's problems were.
	good *graph.Graph
	// pending lists the paths changed since the last good build (a failed
	// build leaves them pending for the next).
	pending map[string]bool
	// dirty forces the next update to rebuild from scratch.
	dirty bool

	// Errors are the problems of the last build attempt, good or not.
	Errors *diag.List
}

// NewSession makes the first, full build.
func NewSession(fsys, defaults fs.FS, opts Options, ropts render.Options) *Session {
	ropts.Incremental = true
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
	s.cfgErrs = &diag.List{}
	s.cfg = s.config(s.cfgErrs)
	s.walkErrs = &diag.List{}
	srcs := content.Walk(s.fsys, s.walkErrs)
	s.docs = map[string]*content.Doc{}
	s.fileErrs = map[string]*diag.List{}
	s.bodyErrs = map[string]*diag.List{}
	s.bodies = map[*content.Doc]*markdown.Result{}
	s.sources = map[string]content.Source{}
	for _, src := range srcs {
		s.sources[src.Path] = src
	}
	// Every body is converted again: the old bodies' file can go.
	s.spill.Close()
	s.spill = nil
	if sp, err := markdown.NewSpill(""); err == nil {
		s.spill = sp
	} // else keep the bodies in memory
	s.readFiles(srcs, true)
	rerrs := &diag.List{}
	s.renderer = render.New(s.fsys, s.defaults, s.ropts, rerrs)
	s.renderErr = rerrs
	s.dirty = false
	g, errs := s.graph()
	s.Errors = errs
	if errs.HasErrors(false) {
		s.dirty = true // nothing rendered: the next good state renders all
		return Result{Full: true, Reread: len(srcs)}
	}
	stage := s.Out.Begin(true)
	s.renderer.Render(g, stage, errs)
	if errs.HasErrors(false) {
		stage.Abort()
		s.dirty = true
		return Result{Full: true, Reread: len(srcs)}
	}
	n := stage.Len()
	if err := stage.Commit(nil, nil); err != nil {
		errs.Errorf(diag.Pos{Path: "."}, "cannot write the preview: %v", err)
		s.dirty = true
		return Result{Full: true, Reread: len(srcs)}
	}
	s.good, s.pending = g, map[string]bool{}
	s.renderer.IndexJobs()
	return Result{OK: true, Full: true, Reread: len(srcs), Rendered: n}
}

// readFiles reads and decodes documents in parallel. With release, their
// sources are let go (converting a body reads its file again): a full
// read of a large site would otherwise hold every source at once.
func (s *Session) readFiles(srcs []content.Source, release bool) {
	type loaded struct {
		doc  *content.Doc
		errs *diag.List
	}
	res := make([]loaded, len(srcs))
	par.For(len(srcs), func(i int) {
		errs := &diag.List{}
		d := content.LoadFile(s.fsys, srcs[i], s.cfg, errs)
		if d != nil && release {
			d.Release()
		}
		res[i] = loaded{doc: d, errs: errs}
	})
	for i, src := range srcs {
		s.docs[src.Path] = res[i].doc
		s.fileErrs[src.Path] = res[i].errs
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

// graph converts bodies not yet converted (or invalidated) and computes the
// graph, collecting every problem.
func (s *Session) graph() (*graph.Graph, *diag.List) {
	errs := &diag.List{}
	errs.Merge(s.cfgErrs)
	errs.Merge(s.walkErrs)
	errs.Merge(s.renderErr)
	for _, e := range s.fileErrs {
		errs.Merge(e)
	}
	site := s.site(errs)
	var todo []*content.Doc
	for _, d := range site.All() {
		if _, ok := s.bodies[d]; !ok {
			todo = append(todo, d)
		}
	}
	if len(todo) > 0 {
		conv := convertBodies(context.Background(), s.fsys, todo, site, s.cfg, s.spill, s.walked)
		for i, d := range todo {
			if conv[i].res != nil {
				s.bodies[d] = conv[i].res
			}
			if conv[i].errs.Len() > 0 {
				s.bodyErrs[d.Path] = conv[i].errs
			} else {
				delete(s.bodyErrs, d.Path)
			}
		}
	}
	for _, e := range s.bodyErrs {
		errs.Merge(e)
	}
	return s.pipeline.graph(s.cfg, site, s.bodies, errs), errs
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
	paths = docs
	if len(paths) == 0 {
		return Result{OK: !s.Errors.HasErrors(false) && !s.dirty, Rendered: 0}
	}
	if s.dirty || s.good == nil {
		return s.Full()
	}
	for _, p := range paths {
		s.pending[p] = true
	}
	changed := make([]content.Source, 0, len(paths))
	old := map[string]*content.Doc{}
	for _, p := range paths {
		src, _ := content.ParsePath(p)
		changed = append(changed, src)
		old[p] = s.docs[p]
	}
	// Re-read the changed files; a file that is gone is forgotten.
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
	oldBodies := map[string]*markdown.Result{}
	for p, d := range old {
		if d != nil {
			oldBodies[p] = s.bodies[d]
			delete(s.bodies, d)
		}
	}

	if r, ok := s.bodyOnly(paths, old, oldBodies); ok {
		return r
	}
	return s.relink(paths, old)
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

// bodyOnly is the fast path: every changed file is still there, decodes
// with the same front matter, had no problems and has none now, and its
// body links to exactly the same documents. Then no relation changed: the
// graph stands, and only the pages that show the bodies (or their
// summaries) are rendered again.
func (s *Session) bodyOnly(paths []string, old map[string]*content.Doc, oldBodies map[string]*markdown.Result) (Result, bool) {
	type swap struct{ old, new *content.Doc }
	var swaps []swap
	for _, p := range paths {
		o, n := old[p], s.docs[p]
		if o == nil || n == nil || o.FrontMatter != n.FrontMatter || s.fileErrs[p].Len() > 0 || s.hadProblems(p) {
			return Result{}, false
		}
		swaps = append(swaps, swap{o, n})
	}
	// Convert the new bodies against the existing site.
	site := s.good.Site
	news := make([]*content.Doc, len(swaps))
	for i, sw := range swaps {
		news[i] = sw.new
	}
	convs := convertBodies(context.Background(), s.fsys, news, site, s.cfg, s.spill, s.walked)
	for i, sw := range swaps {
		conv := convs[i]
		ob := oldBodies[sw.old.Path]
		if conv.res == nil || conv.errs.Len() > 0 || len(conv.res.BadLinks) > 0 || !sameRefs(ob, conv.res) ||
			(conv.res.Footnotes > 0) != (ob.Footnotes > 0) {
			// Let the slow path handle it (and report what is wrong); it
			// needs the sources, which converting let go.
			s.readFiles(srcsOf(s.sources, paths), false)
			return Result{}, false
		}
	}
	// Keep the old Doc values (the graph is keyed by them); give them the
	// new bodies.
	affected := map[*content.Doc]bool{}
	for i, sw := range swaps {
		conv := convs[i]
		s.docs[sw.new.Path] = sw.old
		s.bodies[sw.old] = conv.res
		s.good.SetBody(sw.old, conv.res)
		affected[sw.old] = true
		if t := site.Translation(sw.old); t != nil {
			affected[t] = true
		}
		if sw.old.Translation {
			if o := site.Get(sw.old.Kind, sw.old.ID); o != nil {
				affected[o] = true
			}
		}
	}
	errs := &diag.List{}
	stage := s.Out.Begin(false)
	// The files of the site are the same: only folders that one job fills
	// whole (written again) may lose files.
	var err error
	if ran, ok := s.renderer.RerenderDocs(s.good, stage, errs, affected); ok {
		var dirs []string
		for _, n := range ran {
			if strings.HasSuffix(n, "/") {
				dirs = append(dirs, n)
			}
		}
		err = stage.Commit(nil, dirs)
	} else {
		names := s.renderer.Rerender(s.good, stage, errs, affected, false)
		keep := make(map[string]bool, len(names))
		for _, n := range names {
			keep[n] = true
		}
		err = stage.Commit(keep, nil)
	}
	if err != nil {
		errs.Errorf(diag.Pos{Path: "."}, "cannot write the preview: %v", err)
		s.dirty = true
	}
	s.Errors = s.lastGoodErrors(errs)
	s.pending = map[string]bool{}
	return Result{OK: !errs.HasErrors(false), Reread: len(paths), Rendered: -1}, true
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

// lastGoodErrors keeps the warnings of the last build and adds errs.
func (s *Session) lastGoodErrors(errs *diag.List) *diag.List {
	out := &diag.List{}
	if s.Errors != nil {
		out.Merge(s.Errors)
	}
	out.Merge(errs)
	return out
}

func srcsOf(sources map[string]content.Source, paths []string) []content.Source {
	out := make([]content.Source, 0, len(paths))
	for _, p := range paths {
		if src, ok := sources[p]; ok {
			out = append(out, src)
		}
	}
	return out
}

func sameRefs(a, b *markdown.Result) bool {
	if a == nil || b == nil || len(a.Refs) != len(b.Refs) {
		return false
	}
	for i := range a.Refs {
		x, y := a.Refs[i], b.Refs[i]
		if x.Kind != y.Kind || x.ID != y.ID || !x.Resolved || !y.Resolved {
			return false
		}
	}
	return true
}

// relink is the general path: recompute the graph and re-render every page
// that is not a document's, plus the pages of the documents the change
// touches (in the old graph or the new): the edited documents, their
// threads, what they cite and what cites them, their organisations, their
// Welsh or English versions, and documents whose bodies link to them.
func (s *Session) relink(paths []string, old map[string]*content.Doc) Result {
	prev := s.good
	// Bodies that link to a changed document show its title and URL: those
	// documents are converted again too.
	changedKeys := map[content.Key]bool{}
	for p := range s.pending {
		if d := old[p]; d != nil {
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
			for _, r := range prev.Responses {
				if r.From.ID == k.ID && r.Title == "" {
					changedKeys[r.Key()] = true
				}
			}
		}
	}
	var reread []content.Source
	for d, b := range s.bodies {
		for _, ref := range b.Refs {
			if changedKeys[content.Key{Kind: ref.Kind, ID: ref.ID}] || changedKeys[content.Key{Kind: ref.Kind, ID: ref.ID, Translation: true}] {
				if src, ok := s.sources[d.Path]; ok && s.docs[d.Path] == d {
					reread = append(reread, src)
				}
				delete(s.bodies, d)
				break
			}
		}
	}
	s.readFiles(reread, false)

	g, errs := s.graph()
	s.Errors = errs
	if errs.HasErrors(false) {
		return Result{Reread: len(paths)}
	}

	affected := map[*content.Doc]bool{}
	mark := func(gr *graph.Graph, d *content.Doc) {
		if d == nil {
			return
		}
		for _, n := range gr.Neighbours(d) {
			affected[n] = true
		}
	}
	for p := range s.pending {
		if d := old[p]; d != nil {
			mark(prev, d)
		}
		if prevDoc := prevDocAt(prev, p); prevDoc != nil {
			mark(prev, prevDoc)
		}
		if d := s.docs[p]; d != nil {
			mark(g, d)
		}
	}
	for d, b := range s.bodies {
		if prev.Body(d) != b {
			affected[d] = true // converted again: its page changes
		}
	}
	// The pages are staged; Out keeps serving the old ones until the
	// build is committed.
	stage := s.Out.Begin(false)
	names := s.renderer.Rerender(g, stage, errs, affected, true)
	if errs.HasErrors(false) {
		stage.Abort()
		return Result{Reread: len(paths)}
	}
	// Commit: the new files over the old, and files that no longer exist
	// removed.
	keep := make(map[string]bool, len(names))
	for _, n := range names {
		keep[n] = true
	}
	n := stage.Len()
	if err := stage.Commit(keep, nil); err != nil {
		errs.Errorf(diag.Pos{Path: "."}, "cannot write the preview: %v", err)
		s.dirty = true
		return Result{Reread: len(paths)}
	}
	s.renderer.Forget(func(d *content.Doc) bool { return !g.Published(d) && prev.Published(d) || s.docs[d.Path] != d })
	s.good, s.pending = g, map[string]bool{}
	s.renderer.IndexJobs()
	return Result{OK: true, Reread: len(paths), Rendered: n}
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
