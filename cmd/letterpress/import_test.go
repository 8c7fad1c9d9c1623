package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"letterpress/internal/sitetest"
)

var updateImport = flag.Bool("update-import", false, "write testdata/import/letter.want.md again")

// importSite is the check cases' base site with South Wales Police, to
// whom testdata/import/letter.docx is addressed, and the office as owner.
func importSite(t *testing.T) string {
	t.Helper()
	return newSite(t, `-- content/organisations/south-wales-police.md --
---
name: South Wales Police
type: Police force
---
`)
}

// TestImportLetter: a Word letter with footnotes, links, lists and a
// table becomes a draft letter whose Markdown is testdata/import/
// letter.want.md (go test -run TestImportLetter -update writes it): the
// date, recipient and title come from its heading, which leaves the body
// with the signature block; check finds no error in the site after.
func TestImportLetter(t *testing.T) {
	sitetest.NeedTool(t, "pandoc", "pandoc")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	dir := importSite(t)
	code, out, errs := run(t, "import", "testdata/import/letter.docx", "--site", dir, "--now", "2021-06-01")
	if code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errs)
	}
	path := filepath.Join(dir, "content/letters/2020/2020-10-13-south-wales-police.md")
	if out != path+"\n" {
		t.Errorf("import printed %q, want %q", out, path+"\n")
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if *updateImport {
		if err := os.WriteFile("testdata/import/letter.want.md", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/import/letter.want.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the imported letter differs from testdata/import/letter.want.md:\n%s", got)
	}
	for _, s := range []string{"Globe House", "Dame Sara Thornton", "020 7946 0123", "Re: Victim"} {
		if bytes.Contains(got, []byte(s)) {
			t.Errorf("the heading or the signature block (%q) is in the body", s)
		}
	}
	if code, out, _ := run(t, "check", "--now", "2021-06-01", "--site", dir); code != 0 || !strings.Contains(out, " 0 errors") {
		t.Errorf("check after import: exit %d\n%s", code, out)
	}
	// Again: refused, the file untouched.
	code, _, errs = run(t, "import", "testdata/import/letter.docx", "--site", dir, "--now", "2021-06-01")
	if code == 0 || !strings.Contains(errs, "already a letter with id 2020-10-13-south-wales-police") {
		t.Errorf("a second import: exit %d\n%s", code, errs)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, got) {
		t.Error("a second import changed the letter")
	}
}

// TestImportReply: a two-page PDF reply becomes a draft reply whose body
// is its text, the PDF its attachment, and the email address on its page
// 2 is reported at once, in the body and in the PDF with its page; check
// finds no error.
func TestImportReply(t *testing.T) {
	sitetest.NeedTool(t, "pdftotext", "poppler-utils")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	dir := importSite(t)
	pdf := "../../internal/extract/testdata/reply-two-pages.pdf"
	code, out, errs := run(t, "import", pdf, "--reply-to", "2021-03-01-northshire-pcc", "--from", "eastshire-police", "--date", "2021-03-25", "--site", dir, "--now", "2021-06-01")
	if code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errs)
	}
	md := "content/responses/2021/2021-03-25-eastshire-police.md"
	att := "static/files/responses/2021/2021-03-25-eastshire-police.pdf"
	if out != filepath.Join(dir, md)+"\n"+filepath.Join(dir, att)+"\n" {
		t.Errorf("import printed %q", out)
	}
	for _, want := range []string{
		md + ":",
		att + `:1:1: warning: page 2: email address "jane.doe@south-wales.police.uk" may be personal data`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("import did not report %q:\n%s", want, errs)
		}
	}
	orig, _ := os.ReadFile(pdf)
	if kept, err := os.ReadFile(filepath.Join(dir, att)); err != nil || !bytes.Equal(kept, orig) {
		t.Errorf("the PDF is not kept as it is (%v)", err)
	}
	got, err := os.ReadFile(filepath.Join(dir, md))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"from: eastshire-police\nin_reply_to: 2021-03-01-northshire-pcc\nattachments:\n  - title: \"The reply as received (PDF)\"\n    file: \"files/responses/2021/2021-03-25-eastshire-police.pdf\"\ndraft: true",
		"\n\nDear Commissioner,\n\nThank you for your letter of 13 October about victim care.\nWe have trained 240 officers as first responders this year.\n\n",
		"jane.doe@south-wales.police.uk.\n\nYours sincerely,\n\nChief Constable\n",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the reply lacks %q:\n%s", want, got)
		}
	}
	if code, out, _ := run(t, "check", "--now", "2021-06-01", "--site", dir); code != 0 || !strings.Contains(out, " 0 errors") {
		t.Errorf("check after import: exit %d\n%s", code, out)
	}
}

// TestImportScan: a PDF without a text layer is attached, with a body
// left empty and a message saying so; nothing is invented.
func TestImportScan(t *testing.T) {
	sitetest.NeedTool(t, "pdftotext", "poppler-utils")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	dir := importSite(t)
	code, _, errs := run(t, "import", "../../internal/extract/testdata/scan.pdf", "--reply-to", "2021-03-01-northshire-pcc", "--from", "northshire-pcc", "--date", "2021-04-02", "--site", dir, "--now", "2021-06-01")
	if code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "has no text layer (it is a scan)") || !strings.Contains(errs, "OCR") {
		t.Errorf("no message about the scan:\n%s", errs)
	}
	got, err := os.ReadFile(filepath.Join(dir, "content/responses/2021/2021-04-02-northshire-pcc.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(got), "draft: true   # delete this line to publish\n---\n") {
		t.Errorf("the body of a scan's reply is not empty:\n%s", got)
	}
}

// TestImportWithoutTools: without pandoc or pdftotext, import says how to
// install them and writes nothing.
func TestImportWithoutTools(t *testing.T) {
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	t.Setenv("PATH", t.TempDir())
	dir := importSite(t)
	code, _, errs := run(t, "import", "testdata/import/letter.docx", "--site", dir)
	for _, want := range []string{"testdata/import/letter.docx: converting", "apt-get install pandoc", "brew install pandoc", "winget install"} {
		if code == 0 || !strings.Contains(errs, want) {
			t.Errorf("without pandoc: exit %d, no %q:\n%s", code, want, errs)
		}
	}
	code, _, errs = run(t, "import", "../../internal/extract/testdata/reply-two-pages.pdf", "--reply-to", "2021-03-01-northshire-pcc", "--from", "northshire-pcc", "--site", dir)
	for _, want := range []string{"needs pdftotext", "apt-get install poppler-utils", "brew install poppler", "choco install poppler"} {
		if code == 0 || !strings.Contains(errs, want) {
			t.Errorf("without pdftotext: exit %d, no %q:\n%s", code, want, errs)
		}
	}
	for _, d := range []string{"content/letters/2020", "static/files"} {
		if _, err := os.Stat(filepath.Join(dir, d)); err == nil {
			t.Errorf("%s was written", d)
		}
	}
}

// TestImportNoAddressee: when no line of the heading is an
// organisation's name, import suggests the nearest and writes nothing.
func TestImportNoAddressee(t *testing.T) {
	sitetest.NeedTool(t, "pandoc", "pandoc")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	dir := newSite(t, `-- content/organisations/south-wales-polis.md --
---
name: South Wales Polis
---
`)
	code, _, errs := run(t, "import", "testdata/import/letter.docx", "--site", dir)
	want := `"South Wales Police" is not an organisation's name; did you mean "South Wales Polis" (--to south-wales-polis)?`
	if code != exitUsage || !strings.Contains(errs, want) || !strings.Contains(errs, "--to ORG") {
		t.Errorf("exit %d, want %d and %q:\n%s", code, exitUsage, want, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/letters/2020")); err == nil {
		t.Error("a letter was written")
	}
}

// TestImportRefuses: files of other kinds, a PDF without --reply-to and a
// slug that would leave content/ are refused, naming what to do.
func TestImportRefuses(t *testing.T) {
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	dir := importSite(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"letter.doc"}, "letter.doc: import reads letters from Word (.docx) or OpenDocument (.odt) files"},
		{[]string{"../../internal/extract/testdata/scan.pdf"}, "say which letter it answers with --reply-to"},
		{[]string{"testdata/import/letter.docx", "--to", "south-wales-police", "--slug", "../../x"}, `--slug "../../x" breaks the id rule`},
		{[]string{"missing.docx"}, "missing.docx: no such file or directory"},
		{[]string{"a.docx", "b.docx"}, "import one file at a time"},
	} {
		code, _, errs := run(t, append([]string{"import"}, append(c.args, "--site", dir)...)...)
		if code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("import %v: exit %d, want %q:\n%s", c.args, code, c.want, errs)
		}
	}
}

// TestImportODT: an OpenDocument letter is imported as a Word one is,
// without the raw HTML pandoc would write for its headings' anchors.
func TestImportODT(t *testing.T) {
	sitetest.NeedTool(t, "pandoc", "pandoc")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	dir := importSite(t)
	code, _, errs := run(t, "import", "testdata/import/letter.odt", "--slug", "from-odt", "--site", dir, "--now", "2021-06-01")
	if code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errs)
	}
	got, err := os.ReadFile(filepath.Join(dir, "content/letters/2020/2020-10-13-from-odt.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"to:\n  - south-wales-police\n", "title: \"Victim care in South Wales\"", "\n## Our questions\n", "[Modern Slavery Statutory Guidance](https://www.gov.uk/", "[^1]: Home Office"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the letter lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(string(got), "<span") {
		t.Errorf("raw HTML in the letter:\n%s", got)
	}
	if code, out, _ := run(t, "check", "--now", "2021-06-01", "--site", dir); code != 0 || !strings.Contains(out, " 0 errors") {
		t.Errorf("check after import: exit %d\n%s", code, out)
	}
}

// TestImportStaysInside: import writes nothing outside the site's
// content/ and static/ folders, even where a symbolic link leads out.
func TestImportStaysInside(t *testing.T) {
	sitetest.NeedTool(t, "pdftotext", "poppler-utils")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	dir := importSite(t)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "static")); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, "import", "../../internal/extract/testdata/reply-two-pages.pdf", "--reply-to", "2021-03-01-northshire-pcc", "--from", "northshire-pcc", "--date", "2021-04-02", "--site", dir)
	if code == 0 || !strings.Contains(errs, "symbolic link") {
		t.Errorf("import through a link out of the site: exit %d\n%s", code, errs)
	}
	entries, _ := os.ReadDir(outside)
	if len(entries) > 0 {
		t.Errorf("import wrote %d files outside the site", len(entries))
	}
	if _, err := os.Stat(filepath.Join(dir, "content/responses/2021/2021-04-02-northshire-pcc.md")); err == nil {
		t.Error("the reply was written without its PDF")
	}
}

// TestImportNearMiss: a heading line close to an organisation's name
// that is not its name is said, and not taken as a recipient.
func TestImportNearMiss(t *testing.T) {
	sitetest.NeedTool(t, "pandoc", "pandoc")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	dir := newSite(t, `-- content/organisations/south-wales-police.md --
---
name: South Wales Police
---
-- content/organisations/police-hq.md --
---
name: Police Headquarter
---
`)
	code, _, errs := run(t, "import", "testdata/import/letter.docx", "--site", dir, "--now", "2021-06-01")
	if code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, `"Police Headquarters" is close to "Police Headquarter" (police-hq) but is not its name, so it is not a recipient`) {
		t.Errorf("no note of the near miss:\n%s", errs)
	}
	got, err := os.ReadFile(filepath.Join(dir, "content/letters/2020/2020-10-13-south-wales-police.md"))
	if err != nil || !strings.Contains(string(got), "to:\n  - south-wales-police\ndraft") {
		t.Errorf("the recipients are not south-wales-police alone (%v):\n%s", err, got)
	}
}
