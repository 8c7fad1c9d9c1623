package extract

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write the test fixtures in testdata/ again")

// writePDF makes a PDF of pages of text, each line of a page a line of
// Helvetica: the least a PDF with a text layer holds.
func writePDF(pages [][]string) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	n := len(pages)
	// 1 catalog, 2 pages, 3 font, then a page and its content for each.
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	var kids []string
	for i := range n {
		kids = append(kids, fmt.Sprintf("%d 0 R", 4+2*i))
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	for i, lines := range pages {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
		var s strings.Builder
		s.WriteString("BT /F1 12 Tf 72 770 Td 16 TL\n")
		for _, l := range lines {
			l = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l)
			fmt.Fprintf(&s, "(%s) Tj T*\n", l)
		}
		s.WriteString("ET")
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", s.Len(), s.String()))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// twoPageReply is the text of testdata/reply-two-pages.pdf: a reply
// whose officer's email address is on page 2.
var twoPageReply = [][]string{
	{
		"South Wales Police",
		"Police Headquarters, Bridgend",
		"",
		"20 November 2020",
		"",
		"Dear Commissioner,",
		"",
		"Thank you for your letter of 13 October about victim care.",
		"We have trained 240 officers as first responders this year.",
	},
	{
		"Referrals are recorded in our crime system and reviewed monthly.",
		"",
		"For questions, contact our lead officer at jane.doe@south-wales.police.uk.",
		"",
		"Yours sincerely,",
		"Chief Constable",
	},
}

// TestFixtures keeps the committed PDFs what writePDF makes (go test
// -run TestFixtures -update writes them again).
func TestFixtures(t *testing.T) {
	for name, pages := range map[string][][]string{
		"testdata/reply-two-pages.pdf": twoPageReply,
		"testdata/scan.pdf":            {{}},
		"testdata/withheld.pdf":        {{"Zorblattachment: the words of a reply that is withheld."}},
	} {
		want := writePDF(pages)
		if *update {
			if err := os.WriteFile(name, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what writePDF makes: run go test -run TestFixtures -update ./internal/extract", name)
		}
	}
}
