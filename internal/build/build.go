package build

import (
	"io/fs"

	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/markdown"
	"letterpress/internal/render"
)

// Build loads the site in fsys and, if it has no errors, renders every page
// to out. Layouts and static files come from the site, over defaults.
// The caller commits or discards out according to the returned problems.
//
// Between loading and rendering, the rendered bodies wait in a temporary
// file (see markdown.Spill), not in memory; the returned graph's bodies
// are no longer readable.
func Build(fsys, defaults fs.FS, out render.Output, opts Options, ropts render.Options) (*graph.Graph, *diag.List) {
	spill, err := markdown.NewSpill("")
	if err != nil {
		spill = nil // keep the bodies in memory
	}
	defer spill.Close()
	g, errs := load(fsys, opts, spill)
	ctx := opts.context()
	ropts.Context = ctx
	r := render.New(fsys, defaults, ropts, errs)
	if errs.HasErrors(false) {
		return g, errs
	}
	// The graph holds what the bodies' links meant; the links themselves,
	// with their positions, were for it and for check, and are let go
	// before the render.
	for _, b := range g.Bodies {
		b.Refs, b.BadLinks = nil, nil
	}
	r.Render(g, out, errs)
	if stopped(ctx, errs) {
		return g, errs
	}
	publishAdmin(fsys, out, errs)
	stopped(ctx, errs)
	return g, errs
}
