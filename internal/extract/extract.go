package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// Text is the text of a file.
type Text struct {
	// Pages holds the text of each page, page n at Pages[n-1]; a file
	// without pages (a Word file) has one.
	Pages []string
	// Paged is set when Pages are the file's pages (a PDF's, or a text's
	// parts between form feeds).
	Paged bool
}

// Empty reports whether the text holds nothing but white space: a scanned
// PDF, whose pages are pictures without a text layer.
func (t *Text) Empty() bool {
	for _, p := range t.Pages {
		if strings.TrimSpace(p) != "" {
			return false
		}
	}
	return true
}

// String is the whole text, pages joined by blank lines.
func (t *Text) String() string { return strings.Join(t.Pages, "\n\n") }

// ErrMissing is returned for a PDF when pdftotext is not installed.
var ErrMissing = errors.New("pdftotext is not installed")

// InstallHelp says how to install pdftotext.
const InstallHelp = "install poppler's pdftotext (Debian/Ubuntu: sudo apt-get install poppler-utils; macOS: brew install poppler; Windows: choco install poppler, or winget install oschwartz10612.Poppler)"

// Limits on what is read: a file is refused past them rather than holding
// the build up.
const (
	maxText    = 64 << 20 // characters of text from one file
	pdfTimeout = 2 * time.Minute
)

// Extractor reads files' text. Its zero value reads Word and text files
// only; New finds pdftotext and the cache folder.
type Extractor struct {
	// PDFToText is the pdftotext program, "" if it is not installed.
	PDFToText string
	// CacheDir keeps what pdftotext gave, by the content of the PDF; ""
	// for no cache.
	CacheDir string
}

// New returns an Extractor that runs the pdftotext on $PATH and keeps
// its output in $LETTERPRESS_CACHE/extract, else in the user's cache
// folder (letterpress/extract); nowhere with LETTERPRESS_CACHE=off (a
// machine that keeps nothing between builds).
func New() *Extractor {
	x := &Extractor{}
	if p, err := exec.LookPath("pdftotext"); err == nil {
		x.PDFToText = p
	}
	if dir := os.Getenv("LETTERPRESS_CACHE"); dir == "off" {
		// No cache.
	} else if dir != "" {
		x.CacheDir = filepath.Join(dir, "extract")
	} else if dir, err := os.UserCacheDir(); err == nil {
		x.CacheDir = filepath.Join(dir, "letterpress", "extract")
	}
	return x
}

// Reads reports whether the extractor reads files named like name (by its
// extension): .pdf, .docx and .txt.
func Reads(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf", ".docx", ".txt":
		return true
	}
	return false
}

// IsPDF reports whether name ends in .pdf.
func IsPDF(name string) bool { return strings.EqualFold(filepath.Ext(name), ".pdf") }

// Read returns the text of data, a file named name (the extension says
// how to read it). For a PDF without pdftotext, the error is ErrMissing.
func (x *Extractor) Read(ctx context.Context, name string, data []byte) (*Text, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return x.pdf(ctx, data)
	case ".docx":
		s, err := docxText(data)
		if err != nil {
			return nil, err
		}
		return &Text{Pages: []string{s}}, nil
	case ".txt":
		if len(data) > maxText {
			return nil, fmt.Errorf("it is over %d MB", maxText>>20)
		}
		return pages(strings.ToValidUTF8(string(data), "\uFFFD")), nil
	}
	return nil, fmt.Errorf("cannot read the text of a %s file", filepath.Ext(name))
}

// pages splits text at form feeds, as pdftotext ends each page with one.
func pages(s string) *Text {
	s = strings.TrimSuffix(s, "\f")
	return &Text{Pages: strings.Split(s, "\f"), Paged: true}
}

// cacheVersion changes when what is kept for a PDF changes.
const cacheVersion = "pdftotext-1\n"

func (x *Extractor) pdf(ctx context.Context, data []byte) (*Text, error) {
	// A PDF has its header within its first 1024 bytes and its end mark
	// within its last 1024; a file without them is not given to pdftotext
	// (so what is said of it does not depend on whether it is installed).
	if !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) || !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
		return nil, errors.New("it is not a whole PDF: a PDF starts with %PDF- and ends with %%EOF")
	}
	sum := sha256.Sum256(append([]byte(cacheVersion), data...))
	key := hex.EncodeToString(sum[:])
	var cached string
	if x.CacheDir != "" {
		cached = filepath.Join(x.CacheDir, key[:2], key+".txt")
		if b, err := os.ReadFile(cached); err == nil {
			return pages(string(b)), nil
		}
	}
	if x.PDFToText == "" {
		return nil, ErrMissing
	}
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	// "-" and "-": the PDF on standard input, the text on standard output.
	cmd := exec.CommandContext(ctx, x.PDFToText, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var out limitedBuffer
	out.max = maxText
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if out.over {
			return nil, fmt.Errorf("its text is over %d MB", maxText>>20)
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("pdftotext took longer than %s to read it", pdfTimeout)
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		msg, _, _ = strings.Cut(msg, "\n")
		return nil, fmt.Errorf("pdftotext cannot read it (%s): is it a PDF?", msg)
	}
	text := strings.ToValidUTF8(out.String(), "\uFFFD")
	if cached != "" {
		writeCache(cached, text)
	}
	return pages(text), nil
}

// writeCache keeps text at path, written whole or not at all (a repeat
// build runs pdftotext again if it cannot).
func writeCache(path, text string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// limitedBuffer keeps at most max bytes and fails the write past them.
type limitedBuffer struct {
	bytes.Buffer
	max  int
	over bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		b.over = true
		return 0, errors.New("too much text")
	}
	return b.Buffer.Write(p)
}

// docxText is the text of a Word file: its body, then its footnotes and
// endnotes, a line for each paragraph.
func docxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", errors.New("it is not a Word (.docx) file: it is not a zip archive")
	}
	var b strings.Builder
	found := false
	for _, part := range []string{"word/document.xml", "word/footnotes.xml", "word/endnotes.xml"} {
		for _, f := range zr.File {
			if f.Name != part {
				continue
			}
			found = true
			rc, err := f.Open()
			if err != nil {
				return "", fmt.Errorf("cannot read its %s: %v", part, err)
			}
			err = wordXMLText(io.LimitReader(rc, maxText), &b)
			rc.Close()
			if err != nil {
				return "", fmt.Errorf("cannot read its %s: %v", part, err)
			}
		}
	}
	if !found {
		return "", errors.New("it is not a Word (.docx) file: it has no word/document.xml")
	}
	return b.String(), nil
}

// wordXMLText writes the text of WordprocessingML: w:t runs, tabs and
// breaks, a new line at the end of each paragraph.
func wordXMLText(r io.Reader, b *strings.Builder) error {
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	dec := xml.NewDecoder(r)
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != w {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				b.WriteByte('\t')
			case "br", "cr":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			if t.Name.Space != w {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText && utf8.Valid(t) {
				b.Write(t)
			}
		}
	}
}
