package build_test

import (
	"testing"
	"testing/fstest"

	"golang.org/x/text/unicode/norm"
)

// Files whose names differ only in case (or in Unicode normalisation) are
// one file on macOS and Windows: a build there would overwrite one with
// the other. It is an error on every system, naming both, so that a site
// built and tested on Linux fails as it would on a Mac.
func TestCaseCollisions(t *testing.T) {
	pdf := &fstest.MapFile{Data: []byte("%PDF-1.4\n")}
	t.Run("static files", func(t *testing.T) {
		fsys := baseMap(t)
		fsys["static/files/Report.pdf"] = pdf
		fsys["static/files/report.pdf"] = pdf
		expect(t, problems(t, fsys, true),
			"static/files/report.pdf:1:1: the address /files/report.pdf differs only in case from /files/Report.pdf (static/files/Report.pdf): on macOS and Windows, whose file systems ignore such differences, the two are one and a build there would overwrite one with the other; rename one of them\n")
	})
	t.Run("folders", func(t *testing.T) {
		fsys := baseMap(t)
		fsys["static/Files/a.pdf"] = pdf
		fsys["static/files/b.pdf"] = pdf
		expect(t, problems(t, fsys, true),
			"static/files/b.pdf:1:1: the folder /files/ differs only in case from /Files/ (static/Files/a.pdf): on macOS and Windows, whose file systems ignore such differences, the two are one and a build there would overwrite one with the other; rename one of them\n")
	})
	t.Run("normalisation", func(t *testing.T) {
		fsys := baseMap(t)
		nfc, nfd := norm.NFC.String("static/files/café.pdf"), norm.NFD.String("static/files/café.pdf")
		fsys[nfc] = pdf
		fsys[nfd] = pdf
		expect(t, problems(t, fsys, true),
			nfc+":1:1: the address "+nfc[len("static"):]+" differs only in how its accents are encoded (Unicode NFC or NFD) from "+nfd[len("static"):]+" ("+nfd+"): on macOS and Windows, whose file systems ignore such differences, the two are one and a build there would overwrite one with the other; rename one of them\n")
	})
	t.Run("documents", func(t *testing.T) {
		fsys := baseMap(t)
		fsys["content/pages/Contact.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Contact\n---\nWrite to us.\n")}
		fsys["content/pages/contact.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Contact us\n---\nWrite to us.\n")}
		expect(t, problems(t, fsys, false),
			"content/pages/Contact.md:1:1: file name \"Contact.md\" breaks the id rule (lower-case a-z, 0-9 and - only), and content/pages/contact.md already has the id \"contact\": merge the two files, or give this one another name\n")
	})
	t.Run("no collision", func(t *testing.T) {
		fsys := baseMap(t)
		fsys["static/files/Report-2020.pdf"] = pdf
		fsys["static/files/report-2021.pdf"] = pdf
		expect(t, problems(t, fsys, true), "")
	})
}
