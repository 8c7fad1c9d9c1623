package build_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"letterpress/internal/build"
	"letterpress/internal/sitetest"
)

// attachmentSite is the check cases' base site with a reply published
// with a two-page PDF (an email address on page 2), a text file and a
// Word file, and a report whose file is the same PDF.
func attachmentSite(t *testing.T, siteYAML string) fstest.MapFS {
	t.Helper()
	site := sitetest.Load(t, "testdata/check/_base.txtar")
	read := func(name string) []byte {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	site.FS["static/files/reply.pdf"] = &fstest.MapFile{Data: read("../extract/testdata/reply-two-pages.pdf")}
	site.FS["static/files/copy.pdf"] = &fstest.MapFile{Data: read("../extract/testdata/reply-two-pages.pdf")}
	site.FS["static/files/scan.pdf"] = &fstest.MapFile{Data: read("../extract/testdata/scan.pdf")}
	site.FS["static/files/letter.docx"] = &fstest.MapFile{Data: read("../../cmd/letterpress/testdata/import/letter.docx")}
	site.FS["static/files/notes.txt"] = &fstest.MapFile{Data: []byte("Notes of the call.\nRing Ann on 07700 900123 after 5pm.\n")}
	site.FS["content/responses/2021/2021-03-20-northshire-pcc.md"] = &fstest.MapFile{Data: []byte(`---
date: 2021-03-20
from: northshire-pcc
in_reply_to: 2021-03-01-northshire-pcc
attachments:
  - {title: "The reply (PDF)", file: files/reply.pdf}
  - {title: "Scanned original", file: files/scan.pdf}
  - {title: "Notes", file: files/notes.txt}
---
Thank you for [your letter](letter:2021-03-01-northshire-pcc).
`)}
	site.FS["content/reports/2020/annual-report-2020.md"] = &fstest.MapFile{Data: []byte(`---
title: Annual Report 2020
publisher: Test Office
year: 2020
file: files/copy.pdf
---
`)}
	letter := "content/letters/2021/2021-03-01-northshire-pcc.md"
	site.FS[letter] = &fstest.MapFile{Data: []byte(strings.Replace(string(site.FS[letter].Data), "topics:", "attachments:\n  - {title: \"The letter as sent\", file: files/letter.docx}\ntopics:", 1))}
	if siteYAML != "" {
		site.FS["site.yaml"] = &fstest.MapFile{Data: append(site.FS["site.yaml"].Data, siteYAML...)}
	}
	return site.FS
}

// TestAttachmentPrivacy: the text of every PDF, Word and text file
// published with a document is checked for contact details, each named
// by its file and page (a PDF's) or line (a text's).
func TestAttachmentPrivacy(t *testing.T) {
	sitetest.NeedTool(t, "pdftotext", "poppler-utils")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	_, errs := build.Load(attachmentSite(t, ""), build.Options{Now: buildDate("2021-06-01")})
	var got strings.Builder
	errs.Print(&got)
	for _, want := range []string{
		`static/files/reply.pdf:1:1: warning: page 2: email address "jane.doe@south-wales.police.uk" may be personal data: remove it from the file (published with content/responses/2021/2021-03-20-northshire-pcc.md)`,
		`static/files/copy.pdf:1:1: warning: page 2: email address "jane.doe@south-wales.police.uk" may be personal data: remove it from the file (published with content/reports/2020/annual-report-2020.md)`,
		`static/files/notes.txt:2:13: warning: telephone number "07700 900123" may be personal data`,
		`static/files/letter.docx:1:1: warning: paragraph 27: telephone number "020 7946 0123" may be personal data: remove it from the file (published with content/letters/2021/2021-03-01-northshire-pcc.md)`,
	} {
		if !strings.Contains(got.String(), want) {
			t.Errorf("missing %q in\n%s", want, got.String())
		}
	}
	if strings.Contains(got.String(), "page 1") || strings.Contains(got.String(), "scan.pdf") {
		t.Errorf("reported more than the details:\n%s", got.String())
	}
	if errs.HasErrors(false) {
		t.Errorf("attachments' personal data is an error, not a warning:\n%s", got.String())
	}

	// privacy.allow applies to attachments as to bodies.
	_, errs = build.Load(attachmentSite(t, "privacy:\n  allow: [jane.doe@south-wales.police.uk]\n"), build.Options{Now: buildDate("2021-06-01")})
	got.Reset()
	errs.Print(&got)
	if strings.Contains(got.String(), "jane.doe") {
		t.Errorf("privacy.allow does not apply to attachments:\n%s", got.String())
	}
}

// TestAttachmentWithoutPDFToText: without pdftotext, PDFs are not read,
// with one warning that says how to install it, and no error; what was
// read before comes from the cache, pdftotext or not.
func TestAttachmentWithoutPDFToText(t *testing.T) {
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	t.Setenv("PATH", t.TempDir())
	_, errs := build.Load(attachmentSite(t, ""), build.Options{Now: buildDate("2021-06-01")})
	var got strings.Builder
	errs.Print(&got)
	if n := strings.Count(got.String(), "is not installed"); n != 1 {
		t.Errorf("%d mentions of pdftotext, want one warning:\n%s", n, got.String())
	}
	if !strings.Contains(got.String(), "static/files/copy.pdf:1:1: warning: pdftotext is not installed, so the text of this PDF (and 2 more PDF files: static/files/reply.pdf, static/files/scan.pdf) was not checked") ||
		!strings.Contains(got.String(), "apt-get install poppler-utils") {
		t.Errorf("no warning that says how to install pdftotext:\n%s", got.String())
	}
	if errs.HasErrors(false) {
		t.Errorf("a missing pdftotext is an error:\n%s", got.String())
	}
	// The Word and text files are read without it.
	if !strings.Contains(got.String(), "static/files/notes.txt:2:13:") {
		t.Errorf("the text file was not read:\n%s", got.String())
	}
}

// TestAttachmentCache: a repeat build does not run pdftotext again on a
// PDF it has read: with pdftotext gone, the findings are the same and
// nothing is said about pdftotext.
func TestAttachmentCache(t *testing.T) {
	sitetest.NeedTool(t, "pdftotext", "poppler-utils")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	load := func() string {
		_, errs := build.Load(attachmentSite(t, ""), build.Options{Now: buildDate("2021-06-01")})
		var got strings.Builder
		errs.Print(&got)
		return got.String()
	}
	first := load()
	if !strings.Contains(first, "static/files/reply.pdf:1:1: warning: page 2: email address") {
		t.Fatalf("the first build did not read the PDF:\n%s", first)
	}
	t.Setenv("PATH", t.TempDir())
	if again := load(); again != first {
		t.Errorf("without pdftotext, the second build's problems differ:\n--- first\n%s--- again\n%s", first, again)
	}
}
