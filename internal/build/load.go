// Package build runs one build of a site: load the settings and documents,
// render every body once, compute the graph, then render and publish the
// pages. It holds no logic of its own beyond wiring the stages together and
// running them in parallel.
package build

import (
	"context"
	"io/fs"
	"time"

	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/markdown"
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

// context returns the build's context, never nil.
func (o Options) context() context.Context {
	if o.Context == nil {
		return context.Background()
	}
	return o.Context
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

// Load reads and checks the site in fsys and computes its graph. The
// problems found are in the returned list; the graph is nil only when the
// settings could not be read at all.
func Load(fsys fs.FS, opts Options) (*graph.Graph, *diag.List) {
	return load(fsys, opts, nil)
}

// load is Load, keeping the rendered bodies in spill (if not nil).
func load(fsys fs.FS, opts Options, spill *markdown.Spill) (*graph.Graph, *diag.List) {
	ctx := opts.context()
	errs := &diag.List{}
	cfg := config.Load(fsys, errs)
	if opts.BaseURL != "" {
		cfg.SetBaseURL(opts.BaseURL)
	}
	var site *content.Site
	if spill != nil {
		// A one-shot build: sources are read again one at a time as the
		// bodies are converted, rather than all held at once.
		site = content.LoadFrontMatter(ctx, fsys, cfg, errs)
	} else {
		site = content.Load(fsys, cfg, errs)
	}
	if stopped(ctx, errs) {
		return graph.Build(cfg, content.Assemble(nil, errs), nil, graph.Options{Now: opts.Now}, &diag.List{}), errs
	}
	bodies := renderBodies(ctx, fsys, site, cfg, spill, errs)
	if stopped(ctx, errs) {
		return graph.Build(cfg, content.Assemble(nil, errs), nil, graph.Options{Now: opts.Now}, &diag.List{}), errs
	}
	texts := attachmentTexts(fsys, site, cfg, errs)
	g := graph.Build(cfg, site, bodies, graph.Options{Now: opts.Now, IncludeDrafts: opts.Drafts, Context: ctx}, errs)
	g.AttachmentText = texts
	stopped(ctx, errs)
	return g, errs
}

// converters are the Markdown converters by document language.
var converters = map[string]*markdown.Markdown{"en": markdown.New("en"), "cy": markdown.New("cy")}

// RenderBodies converts every document's body, in parallel.
func RenderBodies(site *content.Site, cfg *config.Config, errs *diag.List) map[*content.Doc]*markdown.Result {
	return renderBodies(context.Background(), nil, site, cfg, nil, errs)
}

func renderBodies(ctx context.Context, fsys fs.FS, site *content.Site, cfg *config.Config, spill *markdown.Spill, errs *diag.List) map[*content.Doc]*markdown.Result {
	docs := site.All()
	conv := convertBodies(ctx, fsys, docs, site, cfg, spill)
	out := make(map[*content.Doc]*markdown.Result, len(docs))
	for i, d := range docs {
		errs.Merge(conv[i].errs)
		if conv[i].res != nil {
			out[d] = conv[i].res
		}
	}
	return out
}

// resolver turns cross-references into page URLs. From a Welsh page, a
// target that has a Welsh version links to it.
type resolver struct {
	site *content.Site
	from *content.Doc
	base string // the base URL's path, ending in "/"
}

func (r resolver) Resolve(k content.Kind, id string) (markdown.Target, bool) {
	d := r.site.Get(k, id)
	if d == nil {
		return markdown.Target{}, false
	}
	if r.from.Translation {
		if t := r.site.Translation(d); t != nil {
			d = t
		}
	}
	title := d.Label()
	if title == "" && d.Kind == content.Response {
		title = "Response"
		if o := r.site.Get(content.Organisation, d.From.ID); o != nil {
			title = "Response from " + o.Label()
		}
	}
	return markdown.Target{URL: r.base + d.URLPath()[1:], Title: title, ID: d.ID}, true
}
