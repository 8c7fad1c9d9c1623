package build_test

import (
	"strings"
	"testing"

	"letterpress/internal/build"
	"letterpress/internal/sitetest"
)

// TestPrivacyEveryKind: every kind of document, English and Welsh, front
// matter and body, is checked for personal contact details as a reader
// sees them, and the reasons of redaction marks are too. The problems are
// compared line for line with the case's want section, as TestCheckCases
// does (-update rewrites it).
func TestPrivacyEveryKind(t *testing.T) {
	const file = "testdata/privacy/every-kind.txtar"
	site := sitetest.Load(t, "testdata/check/_base.txtar", file)
	want, ok := site.Extra["want"]
	if !ok && !*update {
		t.Fatalf("%s has no want section", file)
	}
	_, errs := build.Load(site.FS, build.Options{Now: buildDate("2021-06-01")})
	var got strings.Builder
	errs.Print(&got)
	if *update {
		rewriteWant(t, file, got.String())
		return
	}
	if got.String() != want {
		t.Errorf("problems differ\n--- got\n%s--- want\n%s", got.String(), want)
	}
	// Each kind is there, and so is each language.
	for _, path := range []string{
		"content/letters/", "content/responses/", "content/reports/", "content/organisations/northshire-pcc.md:",
		"content/organisations/northshire-pcc.cy.md:", "content/pages/about.md:", "content/pages/about.cy.md:",
	} {
		if !strings.Contains(want, "\n"+path) && !strings.HasPrefix(want, path) {
			t.Errorf("nothing reported in %s", path)
		}
	}
	if errs.HasErrors(false) || !errs.HasErrors(true) {
		t.Errorf("privacy warnings: HasErrors(false)=%v, HasErrors(true)=%v; want false, true", errs.HasErrors(false), errs.HasErrors(true))
	}
}
