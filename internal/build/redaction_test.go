package build_test

import (
	"bytes"
	"testing"

	"golang.org/x/net/html"

	"letterpress/internal/build"
	"letterpress/internal/sitetest"
)

// TestRedactionPublished builds the privacy check case and looks at the
// reply as a reader would: each [redacted] mark is an element a screen
// reader announces as redacted (with the reason), and the page keeps no
// trace of the mark's syntax outside it. The build passes with the privacy
// warnings, and fails under --strict.
func TestRedactionPublished(t *testing.T) {
	site := sitetest.Load(t, "testdata/check/_base.txtar", "testdata/check/privacy.txtar")
	opts := build.Options{Now: buildDate("2021-06-01")}
	out := buildInMemory(t, site.FS, opts)
	main := out.main(t, "/responses/2021-03-20-northshire-pcc/")
	marks := htmlFind(main, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "span" && htmlAttrOr(n, "class") == "redacted"
	})
	var said []string
	for _, m := range marks {
		hidden := htmlFind(m, func(n *html.Node) bool { return htmlAttrOr(n, "class") == "visually-hidden" })
		if len(hidden) != 1 {
			t.Fatalf("redaction mark without its words for screen readers")
		}
		said = append(said, htmlText(m))
	}
	if len(said) != 2 || said[0] != "[redacted: a second officer's direct line]" || said[1] != "[redacted]" {
		t.Errorf("redactions read as %q", said)
	}
	_, data := pageStylesheet(t, out, out.page(t, "/responses/2021-03-20-northshire-pcc/"))
	if !bytes.Contains(data, []byte(".redacted {")) {
		t.Error("the stylesheet does not style .redacted")
	}

	_, errs := build.Load(site.FS, opts)
	if errs.HasErrors(false) || !errs.HasErrors(true) {
		t.Errorf("privacy warnings: HasErrors(false)=%v, HasErrors(true)=%v; want false, true", errs.HasErrors(false), errs.HasErrors(true))
	}
}
