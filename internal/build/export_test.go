package build

import (
	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/markdown"
	"letterpress/internal/render"
)

// RenderBodies converts every document's body, in parallel (for tests
// that build a graph themselves).
func RenderBodies(site *content.Site, cfg *config.Config, errs *diag.List) map[*content.Doc]*markdown.Result {
	p := newPipeline(nil, nil, Options{}, render.Options{})
	return p.convert(site.All(), site, cfg, nil, nil, errs)
}
