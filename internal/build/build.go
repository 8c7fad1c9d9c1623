package build

import (
	"cmp"
	"context"
	"io/fs"
	"time"

	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/editor"
	"letterpress/internal/extract"
	"letterpress/internal/graph"
	"letterpress/internal/markdown"
	"letterpress/internal/privacy"
	"letterpress/internal/render"
)

// Options are the settings of one build.
type Options struct {
	// Now is the build date (reply statuses depend on it).
	Now time.Time
	// Drafts publishes documents marked draft: true.
	Drafts bool
	// BaseURL, if set, replaces site.yaml's base_url (deploy previews are
	// served from another address).
	BaseURL string
	// Context, if not nil, stops a build (Build, Incremental.Build) once
	// it is done: every stage checks it as it goes, and the build returns
	// at once with the error Stopped in its problems, its output
	// unfinished (to be thrown away).
	Context context.Context
}

// Stopped is the problem a build stopped by its Options.Context reports:
// it has no file, and its output must not be committed.
const Stopped = "the build was stopped before it finished"

// stopped reports whether ctx is done, and if so records Stopped in errs.
func stopped(ctx context.Context, errs *diag.List) bool {
	if ctx.Err() == nil {
		return false
	}
	errs.Add(diag.FileError{Msg: Stopped})
	return true
}

// Build loads the site in fsys and, if it has no errors, renders every page
// to out. Layouts and static files come from the site, over defaults.
// The caller commits or discards out according to the returned problems.
//
// Between loading and rendering, the rendered bodies wait in a temporary
// file (see markdown.Spill), not in memory; the returned graph's bodies
// are no longer readable.
func Build(fsys, defaults fs.FS, out render.Output, opts Options, ropts render.Options) (*graph.Graph, *diag.List) {
	return newPipeline(fsys, defaults, opts, ropts).run(nil, out)
}

// Load reads and checks the site in fsys and computes its graph. The
// problems found are in the returned list; the graph is nil only when the
// settings could not be read at all.
func Load(fsys fs.FS, opts Options) (*graph.Graph, *diag.List) {
	return newPipeline(fsys, nil, opts, render.Options{}).run(nil, nil)
}

// pipeline is one build: its input (the site, the default layouts, the
// options) and its stages, in the order run calls them.
type pipeline struct {
	fsys, defaults fs.FS
	opts           Options
	ropts          render.Options
	ctx            context.Context
}

func newPipeline(fsys, defaults fs.FS, opts Options, ropts render.Options) *pipeline {
	ctx := opts.Context
	if ctx == nil {
		ctx = cmp.Or(ropts.Context, context.Background())
	}
	ropts.Context = ctx
	return &pipeline{fsys: fsys, defaults: defaults, opts: opts, ropts: ropts, ctx: ctx}
}

// changes is a run's input besides the site: what changed since an
// earlier build, and where the rest is kept. It takes over the stages
// that depend on it (load, convert, render):
//   - nil (Build, Load): everything changed, nothing is kept.
//   - *Incremental (repeat.go): what changed is found against the previous
//     build's manifest, which gives the rest, as its output gives files.
//   - *Session (session.go), the preview: it is told which files changed,
//     keeps the rest in memory, and renders again, into a stage of its
//     publish.Live, only the pages that read what changed.
type changes interface {
	load(ctx context.Context, fsys fs.FS, cfg *config.Config, errs *diag.List) *content.Site
	convert(ctx context.Context, fsys fs.FS, site *content.Site, cfg *config.Config, spill *markdown.Spill, errs *diag.List) map[*content.Doc]*markdown.Result
	render(p *pipeline, r *render.Renderer, g *graph.Graph, errs *diag.List)
}

// run is the pipeline: load, convert, graph, render and publish into out,
// redoing what c says changed. Without out, run stops after the graph
// (Load).
func (p *pipeline) run(c changes, out render.Output) (*graph.Graph, *diag.List) {
	ctx, errs := p.ctx, &diag.List{}
	inc, _ := c.(*Incremental)
	s, _ := c.(*Session) // keeps its bodies, graph and renderer between runs
	var spill *markdown.Spill
	if out != nil && s == nil {
		var err error
		if spill, err = markdown.NewSpill(""); err != nil {
			spill = nil // keep the bodies in memory
		}
		defer spill.Close()
	}
	if inc != nil {
		inc.begin(out)
	}
	var cfg *config.Config
	if s != nil {
		cfg = s.config(p, errs)
	} else {
		cfg = p.config(errs)
	}
	inc.tick("config")

	// Load.
	var site *content.Site
	switch {
	case c != nil:
		site = c.load(ctx, p.fsys, cfg, errs)
	case spill != nil:
		// Sources are read again one at a time as the bodies are
		// converted, rather than all held at once.
		site = content.LoadFrontMatter(ctx, p.fsys, cfg, errs)
	default:
		site = content.Load(p.fsys, cfg, errs)
	}
	if stopped(ctx, errs) {
		return nothing(cfg, p.opts), errs
	}
	inc.tick("load")

	// Convert.
	var bodies map[*content.Doc]*markdown.Result
	if c != nil {
		bodies = c.convert(ctx, p.fsys, site, cfg, spill, errs)
	} else {
		bodies = p.convert(site.All(), site, cfg, spill, nil, errs)
	}
	if stopped(ctx, errs) {
		return nothing(cfg, p.opts), errs
	}
	inc.tick("convert")

	// Graph.
	var g *graph.Graph
	if s != nil {
		g = s.graph(cfg, site, bodies, errs)
	} else {
		g = p.graph(cfg, site, bodies, errs)
	}
	if stopped(ctx, errs) || out == nil {
		return g, errs
	}
	if inc != nil && !inc.checkOutputs(errs) {
		return g, errs
	}

	// Render.
	var r *render.Renderer
	if s != nil {
		r = s.renderer
	} else {
		if inc != nil {
			p.ropts.Search = inc.search
		}
		r = render.New(p.fsys, p.defaults, p.ropts, errs)
	}
	if errs.HasErrors(false) {
		return g, errs
	}
	inc.tick("renderer")
	if s == nil {
		// The graph holds what the bodies' links meant; the links, with
		// their positions, were for it and for check (and, kept by the
		// preview, tell what a save changed).
		for _, b := range g.Bodies {
			b.Refs, b.BadLinks = nil, nil
		}
	}
	if c != nil {
		c.render(p, r, g, errs)
	} else {
		r.Render(g, out, errs)
	}
	if stopped(ctx, errs) || s != nil {
		return g, errs // the preview publishes as it renders, without the editor
	}

	// Publish.
	editor.Publish(p.fsys, out, errs)
	if stopped(ctx, errs) || inc == nil {
		return g, errs
	}
	inc.tick("render")
	inc.finish(ctx, errs)
	return g, errs
}

// nothing is the graph a stopped build returns: that of no documents.
func nothing(cfg *config.Config, opts Options) *graph.Graph {
	return graph.Build(cfg, content.Assemble(nil, &diag.List{}), nil, graph.Options{Now: opts.Now}, &diag.List{})
}

// config reads site.yaml, with the options' base URL over its own.
func (p *pipeline) config(errs *diag.List) *config.Config {
	cfg := config.Load(p.fsys, errs)
	if p.opts.BaseURL != "" {
		cfg.SetBaseURL(p.opts.BaseURL)
	}
	return cfg
}

// convert converts the bodies of docs (see convertBodies), collecting
// their problems in errs.
func (p *pipeline) convert(docs []*content.Doc, site *content.Site, cfg *config.Config, spill *markdown.Spill, walked func(*content.Doc) bool, errs *diag.List) map[*content.Doc]*markdown.Result {
	conv := convertBodies(p.ctx, p.fsys, docs, site, cfg, spill, walked)
	out := make(map[*content.Doc]*markdown.Result, len(docs))
	for i, d := range docs {
		errs.Merge(conv[i].errs)
		if conv[i].res != nil {
			out[d] = conv[i].res
		}
	}
	return out
}

// graph reads the attachments' text and computes the graph.
func (p *pipeline) graph(cfg *config.Config, site *content.Site, bodies map[*content.Doc]*markdown.Result, errs *diag.List) *graph.Graph {
	texts := extract.Site(p.fsys, site, privacy.AllowOf(cfg.PrivacyAllow), errs)
	g := graph.Build(cfg, site, bodies, graph.Options{Now: p.opts.Now, IncludeDrafts: p.opts.Drafts, Context: p.opts.Context}, errs)
	g.AttachmentText = texts
	return g
}
