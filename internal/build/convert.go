package build

import (
	"context"
	"errors"
	"io/fs"

	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/frontmatter"
	"letterpress/internal/markdown"
	"letterpress/internal/par"
	"letterpress/internal/privacy"
)

// converters are the Markdown converters by document language.
var converters = map[string]*markdown.Markdown{"en": markdown.New("en"), "cy": markdown.New("cy")}

// converter is the converter of d's language.
func converter(d *content.Doc) *markdown.Markdown {
	if md := converters[d.Lang]; md != nil {
		return md
	}
	return converters["en"]
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

type converted struct {
	res  *markdown.Result
	errs *diag.List
}

// convertBodies renders the bodies of docs against site, moving the HTML
// to spill if it is not nil. A document loaded without its source
// (content.LoadFrontMatter) is read again (content.ReadText) as its body
// is converted; walked says whether a walk found its file (nil: all
// were), which spares the check of the path.
func convertBodies(ctx context.Context, fsys fs.FS, docs []*content.Doc, site *content.Site, cfg *config.Config, spill *markdown.Spill, walked func(*content.Doc) bool) []converted {
	out := make([]converted, len(docs))
	// Once ctx is done the bodies left are not converted.
	_ = par.ForContext(ctx, len(docs), func(i int) {
		d := docs[i]
		errs := &diag.List{}
		var res *markdown.Result
		if !d.Released() {
			res = convertOne(d, d.Src, d.Body, site, cfg, errs)
			// The HTML and the positions are all later stages need:
			// let the source go, which halves what a large site holds.
			d.Release()
		} else if t, err := readText(fsys, d, walked); err != nil {
			errs.Errorf(diag.Pos{Path: d.Path}, "%v", err)
		} else {
			res = convertOne(d, t.Src, t.Body, site, cfg, errs)
			t.Release()
		}
		if res != nil {
			spill.Keep(res)
		}
		out[i] = converted{res: res, errs: errs}
	})
	return out
}

// readText reads d's file again (content.ReadText).
func readText(fsys fs.FS, d *content.Doc, walked func(*content.Doc) bool) (content.Text, error) {
	if fsys == nil {
		return content.Text{}, errors.New("the source was let go and cannot be read again")
	}
	return content.ReadText(fsys, d, walked == nil || walked(d))
}

// convertOne converts d's body, found in src (the whole file), and
// checks the file for personal data while it is at hand.
func convertOne(d *content.Doc, src, body []byte, site *content.Site, cfg *config.Config, errs *diag.List) *markdown.Result {
	res, err := converter(d).Convert(body, resolver{site: site, from: d, base: cfg.BaseURL.Path})
	if tc, ok := errors.AsType[*markdown.TooComplex](err); ok {
		errs.Errorf(frontmatter.PosIn(d.Path, src, d.BodyOffset+tc.Offset), "%s", tc.Msg)
		return nil
	}
	if err != nil {
		errs.Errorf(diag.Pos{Path: d.Path}, "cannot render Markdown: %v", err)
		return nil
	}
	res.Locate(func(off int) diag.Pos { return frontmatter.PosIn(d.Path, src, d.BodyOffset+off) })
	// Look for personal contact details in every document (replies are
	// written by outside bodies, and any page may quote one) while the
	// whole file is at hand.
	privacy.Check(privacy.Doc{Path: d.Path, Src: src, Body: d.BodyOffset, Organisation: d.Kind == content.Organisation},
		privacy.AllowOf(cfg.PrivacyAllow), errs)
	return res
}
