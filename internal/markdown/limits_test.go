package markdown

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLimitsRefuse: each shape goldmark reads slowly, or into much
// memory, is refused before it reads it, at the place to fix.
func TestLimitsRefuse(t *testing.T) {
	deeper := func(n int) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			b.WriteString(strings.Repeat("> ", i) + "x\n")
		}
		return b.String()
	}
	indented := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}
	codeRuns := func(n int) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			b.WriteString(strings.Repeat("`", i) + "a")
		}
		return b.String()
	}
	tests := []struct {
		name string
		body string
		at   int    // byte offset of the error
		want string // in the message
	}{
		{"quotes on one line", "Text.\n\n" + strings.Repeat("> ", 1000) + "deep\n", 7, "block quotes nested 1000 deep (at most 100)"},
		{"quotes a line deeper each time", deeper(3000), len(deeper(100)), "block quotes nested 101 deep (at most 100)"},
		{"bullets on one line", strings.Repeat("- ", 5000) + "x\n", 0, "lists nested 5000 deep (at most 100)"},
		{"numbers on one line", strings.Repeat("1. ", 200) + "x\n", 0, "lists nested 200 deep (at most 100)"},
		{"quotes and lists", strings.Repeat("> - ", 60) + "x\n", 0, "block quotes and lists nested 120 deep"},
		{"lists by indentation", indented(300), len(indented(100)) + 2*100, "lists nested 101 deep"},
		{"15 MB of [", strings.Repeat("[", 15<<20), 100, "more than 100 [ open at once in one paragraph"},
		{"nested brackets", strings.Repeat("[", 5000) + "a" + strings.Repeat("]", 5000), 100, "more than 100 [ open"},
		{"15 MB of [](", strings.Repeat("[](", 5<<20), -1, "left open, or run on"},
		{"link targets never closed", strings.Repeat("[a](", 1<<20), -1, "left open, or run on"},
		{"footnote references never closed", strings.Repeat("[^", 99) + strings.Repeat("a", 1<<20), -1, "left open, or run on"},
		{"code spans never closed", codeRuns(5000), -1, "code spans"},
		{"a run of quotes", "Quote: " + strings.Repeat("\"", 10000), 7, "a long run of quotes"},
		{"unpaired emphasis", strings.Repeat("*a_ ", 100000), 0, "brackets and emphasis marks ([ ] * _ ~)"},
		{"lines and marks", strings.Repeat("a\n", MaxMarks+10), 2 * MaxMarks, "more than 250000 lines and Markdown marks"},
		{"list items", strings.Repeat("- x\n", MaxMarks), -1, "lines and Markdown marks"},
		{"apostrophes", strings.Repeat("it's ", MaxMarks+1), -1, "lines and Markdown marks"},
		{"e-mail addresses", strings.Repeat("a@b.co ", MaxMarks), -1, "lines and Markdown marks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.body)
			_, err := New("en").Convert(body, resolver)
			tc, ok := errors.AsType[*TooComplex](err)
			if !ok {
				t.Fatalf("err = %v, want a *TooComplex", err)
			}
			if !strings.Contains(tc.Msg, tt.want) {
				t.Errorf("message %q does not say %q", tc.Msg, tt.want)
			}
			if tt.at >= 0 && tc.Offset != tt.at {
				t.Errorf("at byte %d, want %d (%q)", tc.Offset, tt.at, excerpt(body, tc.Offset))
			}
			if tc.Offset < 0 || tc.Offset > len(body) {
				t.Errorf("at byte %d, outside the body of %d", tc.Offset, len(body))
			}
		})
	}
}

func excerpt(b []byte, off int) string {
	return string(b[max(off-10, 0):min(off+10, len(b))])
}

// TestLimitsAccept: what letters are made of stays far inside the limits:
// the repository's own documents, the deepest and densest Markdown a long
// document plausibly has, and the shapes the limits are near.
func TestLimitsAccept(t *testing.T) {
	var nested strings.Builder
	for i := range 20 {
		nested.WriteString(strings.Repeat("  ", i) + "- item with [a link](report:x) and *emphasis*\n")
	}
	bigTable := "| a | b |\n|---|---|\n" + strings.Repeat("| [x](letter:y) | **bold** |\n", 3000)
	tests := map[string]string{
		"ten quotes deep":       strings.Repeat("> ", 10) + "quoted\n",
		"nested lists":          nested.String(),
		"long body":             strings.Repeat("A long line of text in a very long reply. ", 10<<20/43) + "\n",
		"a long report":         strings.Repeat("The Commissioner's [report](report:x) said \"*this*\" — and `that`.\n\n", 10000),
		"a large table":         bigTable,
		"many footnotes":        strings.Repeat("Text.[^1] ", 5000) + "\n\n[^1]: A note.\n",
		"deeply indented code":  "```\n" + strings.Repeat(strings.Repeat(" ", 150)+"- code\n", 100) + "```\n",
		"many reference links":  strings.Repeat("[a][r] ", 1000) + "\n\n" + strings.Repeat("[r]: /x\n", 500),
		"unclosed bracket text": strings.Repeat("see [1 and [2 ", 40) + "\n",
		"snake_case in a table": "| id |\n|---|\n" + strings.Repeat("| foo_bar_baz_qux |\n", 5000),
	}
	for name, body := range tests {
		if e := CheckLimits([]byte(body)); e != nil {
			t.Errorf("%s: refused at %d: %s", name, e.Offset, e.Msg)
		}
	}
	root := filepath.Join("..", "..", "content")
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		s := limitScan{b: src}
		if e := s.run(); e != nil {
			t.Errorf("%s: refused at %d: %s", p, e.Offset, e.Msg)
		}
		// Far inside each limit.
		if s.nesting*10 > MaxNesting || s.brackets*10 > MaxOpenBrackets || s.marks*10 > MaxMarks || s.matching*10 > MaxMatching || s.scanned*10 > MaxScanned {
			t.Errorf("%s: nesting %d, brackets %d, marks %d, matching %d, scanned %d: more than a tenth of a limit", p, s.nesting, s.brackets, s.marks, s.matching, s.scanned)
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("read %d files of %s: %v", n, root, err)
	}
}

// TestLimitsParagraphs: the scan takes two paragraphs for one only where
// goldmark does, so that a paragraph cannot be cut into pieces that each
// pass. Lines goldmark reads as the same paragraph's text (indented four
// spaces, or an ordered item not numbered 1, or a bullet without text)
// are counted with it.
func TestLimitsParagraphs(t *testing.T) {
	// 12,000 marks: one such paragraph, or two, are allowed; one of
	// 24,000 is not.
	marks := strings.Repeat("*a_ ", 6000)
	for name, sep := range map[string]string{
		"indented bullet":      "\n    - ",
		"numbered 2":           "\n2. ",
		"bullet without space": "\n-x ",
		"tab before >":         "\n\t>\n",
		"indented heading":     "\n    # ",
	} {
		body := marks + sep + marks
		if CheckLimits([]byte(body)) == nil {
			t.Errorf("%s: one paragraph of 24,000 marks was taken as two", name)
		}
	}
	for name, sep := range map[string]string{
		"blank line":   "\n\n",
		"bullet":       "\n- ",
		"numbered 1":   "\n1. ",
		"quote blank":  "\n>\n",
		"heading":      "\n# h\n",
		"quote bullet": "\n> * ",
	} {
		body := marks + sep + marks
		if e := CheckLimits([]byte(body)); e != nil {
			t.Errorf("%s: two paragraphs of 12,000 marks refused: %s", name, e.Msg)
		}
	}
}

// TestLimitsOffsets: an error's offset is inside the body, whatever the
// body, and the check never panics (see also FuzzConvert).
func TestLimitsOffsets(t *testing.T) {
	for _, body := range []string{"", "\n", ">", "-", "1.", "[", "]", "`", "\\", "\\`", "](", "[](<", "[^", "\r\n>\r\n", "[" + strings.Repeat("]", 3)} {
		for _, b := range [][]byte{[]byte(body), bytes.Repeat([]byte(body), 300)} {
			if e := CheckLimits(b); e != nil && (e.Offset < 0 || e.Offset > len(b)) {
				t.Errorf("%q: offset %d outside %d bytes", b, e.Offset, len(b))
			}
		}
	}
}

// FuzzLimits: CheckLimits never panics, and a body it refuses is refused
// at an offset inside it, by Convert too.
func FuzzLimits(f *testing.F) {
	for _, s := range []string{
		"", "> > > x", "- - 1. x", "[[[a]]]", "[a](b \"c\")", "`a` ``b``", "\\`x`", "[^1] [^x", "*a_ ~b~",
		"    - code\n\n1. a\n2. b", "# h\n> q\n>\n", "it's \"quoted\" -- ... www.x.org a@b.co http://x",
		strings.Repeat("> ", 120) + "x", strings.Repeat("[", 120), strings.Repeat("[](", 200),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		e := CheckLimits(body)
		if e == nil {
			return
		}
		if e.Offset < 0 || e.Offset > len(body) || e.Msg == "" {
			t.Fatalf("refused at %d of %d: %q", e.Offset, len(body), e.Msg)
		}
		if _, err := New("en").Convert(body, resolver); err == nil || err.Error() != e.Msg {
			t.Fatalf("Convert: %v, CheckLimits: %v", err, e)
		}
	})
}
