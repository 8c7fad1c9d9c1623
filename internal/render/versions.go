package render

import "letterpress/internal/content"

// A Welsh version of a report or an organisation need not repeat what
// does not change with the language: the publisher's page, the PDF, the
// address; nor a letter or a reply its attachments. What it leaves out,
// its page shows from the original, marked as the original's language
// (FieldLang). These methods stand, for templates, for the front matter
// fields of the same names.

// original is the document d is a version of: a Welsh version's original,
// else d's own.
func (d *Doc) original() *content.Doc {
	if d.Doc.Translation {
		if o := d.page.g.Site.Get(d.Kind, d.ID); o != nil {
			d.page.read(o)
			return o
		}
	}
	return d.Doc
}

// giver is the version whose field the page shows: the one in the page's
// language where it gives the field, else the original.
func (d *Doc) giver(has func(*content.Doc) bool) *content.Doc {
	if v := d.localised(); has(v) {
		return v
	}
	return d.original()
}

// fields are the fields a version may leave to the original, by their
// front matter names.
var fields = map[string]func(*content.Doc) bool{
	"type":        func(v *content.Doc) bool { return v.Type != "" },
	"region":      func(v *content.Doc) bool { return v.Region != "" },
	"holder":      func(v *content.Doc) bool { return v.Holder != "" },
	"address":     func(v *content.Doc) bool { return len(v.Address) > 0 },
	"url":         func(v *content.Doc) bool { return v.URL != "" },
	"publisher":   func(v *content.Doc) bool { return v.Publisher != "" },
	"authors":     func(v *content.Doc) bool { return len(v.Authors) > 0 },
	"file":        func(v *content.Doc) bool { return v.File != "" },
	"attachments": func(v *content.Doc) bool { return len(v.Attachments) > 0 },
	"date":        func(v *content.Doc) bool { return !v.Date.IsZero() || v.Year > 0 },
}

func (d *Doc) Type() string        { return d.giver(fields["type"]).Type }
func (d *Doc) Region() string      { return d.giver(fields["region"]).Region }
func (d *Doc) Holder() string      { return d.giver(fields["holder"]).Holder }
func (d *Doc) Address() []string   { return d.giver(fields["address"]).Address }
func (d *Doc) Publisher() string   { return d.giver(fields["publisher"]).Publisher }
func (d *Doc) Authors() []string   { return d.giver(fields["authors"]).Authors }
func (d *Doc) File() string        { return d.giver(fields["file"]).File }
func (d *Doc) ExternalURL() string { return d.giver(fields["url"]).URL }

// dated is the version whose date (or year) the page shows.
func (d *Doc) dated() *content.Doc { return d.giver(fields["date"]) }

// FieldLang is the language of the field a page shows (by its front
// matter name) where it is not the page's: "en" for what a Welsh version
// leaves to its English original; "" where they agree, or for an
// unknown name.
func (d *Doc) FieldLang(name string) string {
	has, ok := fields[name]
	if !ok {
		return ""
	}
	return d.langAttr(d.giver(has))
}
