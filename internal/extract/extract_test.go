package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"letterpress/internal/sitetest"
)

func TestPDFPages(t *testing.T) {
	tool := sitetest.NeedTool(t, "pdftotext", "poppler-utils")
	data, err := os.ReadFile("testdata/reply-two-pages.pdf")
	if err != nil {
		t.Fatal(err)
	}
	x := &Extractor{PDFToText: tool, CacheDir: t.TempDir()}
	text, err := x.Read(context.Background(), "reply.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(text.Pages) != 2 || !text.Paged {
		t.Fatalf("got %d pages (paged %v), want 2: %q", len(text.Pages), text.Paged, text.Pages)
	}
	if strings.Contains(text.Pages[0], "jane.doe@") || !strings.Contains(text.Pages[1], "jane.doe@south-wales.police.uk") {
		t.Errorf("the email address is not on page 2 alone: %q", text.Pages)
	}
	if text.Empty() {
		t.Error("a PDF with text is read as empty")
	}

	// The second read comes from the cache: it works with pdftotext gone.
	x.PDFToText = filepath.Join(t.TempDir(), "no-such-pdftotext")
	again, err := x.Read(context.Background(), "copy.pdf", data)
	if err != nil {
		t.Fatalf("a PDF read before was not taken from the cache: %v", err)
	}
	if strings.Join(again.Pages, "\f") != strings.Join(text.Pages, "\f") {
		t.Errorf("the cache gave %q, pdftotext %q", again.Pages, text.Pages)
	}
}

func TestScanIsEmpty(t *testing.T) {
	tool := sitetest.NeedTool(t, "pdftotext", "poppler-utils")
	data, err := os.ReadFile("testdata/scan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	text, err := (&Extractor{PDFToText: tool}).Read(context.Background(), "scan.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if !text.Empty() {
		t.Errorf("a PDF without a text layer has text: %q", text.Pages)
	}
}

func TestMissingPDFToText(t *testing.T) {
	data, err := os.ReadFile("testdata/reply-two-pages.pdf")
	if err != nil {
		t.Fatal(err)
	}
	_, err = (&Extractor{CacheDir: t.TempDir()}).Read(context.Background(), "reply.pdf", data)
	if !errors.Is(err, ErrMissing) {
		t.Errorf("without pdftotext: %v, want ErrMissing", err)
	}
}

func TestNotAPDF(t *testing.T) {
	tool := sitetest.NeedTool(t, "pdftotext", "poppler-utils")
	_, err := (&Extractor{PDFToText: tool}).Read(context.Background(), "x.pdf", []byte("%PDF-1.4 but nothing else\n%%EOF\n"))
	if err == nil || !strings.Contains(err.Error(), "pdftotext cannot read it") {
		t.Errorf("got %v, want pdftotext's refusal", err)
	}
	_, err = (&Extractor{}).Read(context.Background(), "x.pdf", []byte("<html>"))
	if err == nil || !strings.Contains(err.Error(), "it is not a whole PDF") {
		t.Errorf("got %v, want a refusal without pdftotext", err)
	}
}

func TestTextPages(t *testing.T) {
	text, err := (&Extractor{}).Read(context.Background(), "notes.TXT", []byte("one\fcall 01632 960123\f"))
	if err != nil {
		t.Fatal(err)
	}
	if len(text.Pages) != 2 || text.Pages[1] != "call 01632 960123" {
		t.Errorf("got %q", text.Pages)
	}
}

func TestDocxText(t *testing.T) {
	data, err := os.ReadFile("../../cmd/letterpress/testdata/import/letter.docx")
	if err != nil {
		t.Fatal(err)
	}
	text, err := (&Extractor{}).Read(context.Background(), "letter.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	s := text.String()
	for _, want := range []string{"Dear Chief Constable,", "Tel: 020 7946 0123", "Please reply by 10 November 2020."} {
		if !strings.Contains(s, want) {
			t.Errorf("the text of the Word file lacks %q:\n%s", want, s)
		}
	}
	if _, err := (&Extractor{}).Read(context.Background(), "x.docx", []byte("PK nonsense")); err == nil {
		t.Error("a broken .docx was read")
	}
}
