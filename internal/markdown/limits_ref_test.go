package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// The limits' scan as it was before it passed over text with a table
// (runRef, paragraphRef, lineEndRef: a byte at a time), to check that
// the faster one measures every body exactly as it did.

func (s *limitScan) runRef() *TooComplex {
	b := s.b
	pos := 0
	for pos < len(b) {
		// A paragraph (or what may be one): its first line, then the
		// lines up to one that certainly ends it or starts another.
		start, lines := pos, 0
		for pos < len(b) {
			le := lineEndRef(b, pos)
			l := analyse(b, pos, le)
			if l.markers > 0 {
				// A line without markers opens nothing: it is inside
				// no more containers than a line above opened.
				s.nesting = max(s.nesting, l.depth)
				if l.depth > MaxNesting {
					return s.tooDeep(l)
				}
			}
			if l.blank && lines > 0 || l.opens && lines > 0 {
				break
			}
			// goldmark's work and memory for a line grow with the
			// containers it is in.
			if l.blank {
				s.marks += l.depth
			} else {
				s.marks += 1 + l.depth
			}
			if s.marks > MaxMarks {
				return s.tooManyMarks(pos)
			}
			if l.blank {
				pos = min(le+1, len(b))
				start = pos
				continue
			}
			lines++
			pos = min(le+1, len(b))
			if l.heading {
				break
			}
		}
		if lines == 0 {
			break
		}
		if e := s.paragraphRef(start, pos, lines); e != nil {
			return e
		}
	}
	return nil
}

// paragraphRef measures the text b[start:end] of lines lines, which may be
// one paragraph or several.
func (s *limitScan) paragraphRef(start, end, lines int) *TooComplex {
	b := s.b
	var open [MaxOpenBrackets]int // where each open [ is
	depth := 0
	// For matching: brackets and emphasis runs, and how many of them
	// may open or close something (all but _ inside a word).
	marks, active := 0, 0
	// Backtick runs that may open a code span, by length: how many are
	// waiting for a closing run of that length, and the sum of their
	// offsets.
	var ticks map[int]*[2]int64
	waiting := func(n int) *[2]int64 {
		if ticks == nil {
			ticks = make(map[int]*[2]int64)
		}
		w := ticks[n]
		if w == nil {
			w = new([2]int64)
			ticks[n] = w
		}
		return w
	}
	scan := func(off int, n int64) *TooComplex {
		s.scanned += n
		if s.scanned > MaxScanned {
			return &TooComplex{Offset: off, Msg: fmt.Sprintf(
				"links, footnote references or code spans here are left open, or run on, so far that reading them would take too long (more than %d MB searched in all): close each link target with ), each label with ] and each code span with as many backticks as opened it (or, for a long run of quotes, shorten it)",
				MaxScanned>>20)}
		}
		return nil
	}
	for i := start; i < end; i++ {
		c := b[i]
		switch c {
		case '\n':
			continue
		case '\\':
			if i+1 < end && b[i+1] == '`' {
				// An escaped backtick opens no code span with it, but
				// closes one as a run of all its backticks.
				j := i + 1
				for j < end && b[j] == '`' {
					j++
				}
				if e := s.backticks(i+1, j, true, waiting, scan); e != nil {
					return e
				}
				s.marks++
				i = j - 1
				continue
			}
			if i+1 < end && isPunct(b[i+1]) {
				i++
			}
			continue
		case '`':
			j := i
			for j < end && b[j] == '`' {
				j++
			}
			if e := s.backticks(i, j, false, waiting, scan); e != nil {
				return e
			}
			s.marks++
			i = j - 1
			continue
		case '[':
			s.marks++
			marks++
			active++
			if depth == MaxOpenBrackets {
				return &TooComplex{Offset: i, Msg: fmt.Sprintf(
					"more than %d [ open at once in one paragraph: close each with ], or write the ones that are text as \\[",
					MaxOpenBrackets)}
			}
			open[depth] = i
			depth++
			s.brackets = max(s.brackets, depth)
			if i+1 < end && b[i+1] == '^' {
				// A footnote reference is looked for to the end of the
				// line.
				if e := scan(i, int64(s.closeSquare.next(b, i+2, end, isSquareOrEOL)-i)); e != nil {
					return e
				}
			}
		case ']':
			s.marks++
			marks++
			active++
			if depth == 0 {
				continue
			}
			depth--
			// goldmark copies the label to look it up, and then looks
			// for the link's target or second label.
			if e := scan(i, int64(i-open[depth])); e != nil {
				return e
			}
			if i+1 < end {
				switch b[i+1] {
				case '(':
					if e := s.linkTarget(i, end, scan); e != nil {
						return e
					}
				case '[':
					if e := scan(i, int64(s.bracket.next(b, i+2, end, isBracket)-i)); e != nil {
						return e
					}
				}
			}
		case '*', '_', '~':
			j := i
			for j < end && b[j] == c {
				j++
			}
			s.marks++
			marks++
			if c != '_' || i == start || j == end || !isAlnum(b[i-1]) || !isAlnum(b[j]) {
				active++
			}
			i = j - 1
		case '\'', '"':
			// The typographer reads the rest of a run of quotes at each
			// quote in it.
			j := i
			for j < end && b[j] == c {
				j++
			}
			n := int64(j - i)
			if e := scan(i, n*(n+1)/2); e != nil {
				return e
			}
			s.marks += j - i
			i = j - 1
		case '<', '>', '|', '!', '#':
			s.marks++
		case '@':
			// An autolink (an e-mail address, www., http://) is a few
			// nodes.
			s.marks += 2
		case ':':
			if i+2 < end && b[i+1] == '/' && b[i+2] == '/' {
				s.marks += 2
			}
		case 'w':
			if i+3 < end && b[i+1] == 'w' && b[i+2] == 'w' && b[i+3] == '.' {
				s.marks += 2
			}
		case '=':
			// A setext heading's underline.
			if i == start || b[i-1] == '\n' {
				s.marks++
			}
		case '-', '.':
			// The typographer makes a dash of each -- or ---, an
			// ellipsis of each ...
			if i+1 < end && b[i+1] == c {
				j := i
				for j < end && b[j] == c {
					j++
				}
				s.marks += (j - i + 1) / 2
				i = j - 1
			}
		}
		if s.marks > MaxMarks {
			return s.tooManyMarks(i)
		}
	}
	// Code spans never closed are looked for to the end of the paragraph.
	for _, w := range ticks {
		if w[0] > 0 {
			if e := scan(end-1, w[0]*int64(end)-w[1]); e != nil {
				return e
			}
		}
	}
	// Each mark that may close something is compared with the marks
	// before it; each bracket walks the paragraph's lines.
	s.matching += int64(active) * int64(marks+lines)
	if s.matching > MaxMatching {
		return &TooComplex{Offset: start, Msg: fmt.Sprintf(
			"this paragraph has %d brackets and emphasis marks ([ ] * _ ~) over %d lines: with the ones before, too many to match up (at most %d marks × (marks + lines) in a document, so some 20,000 in a paragraph): split it with blank lines, or write marks that are text as \\*",
			active, lines, MaxMatching)}
	}
	return nil
}

// lineEndRef is lineEnd a byte at a time.
func lineEndRef(b []byte, i int) int {
	for i < len(b) && b[i] != '\n' {
		i++
	}
	return i
}

// checkBoth measures body with both scans and reports how they differ.
func checkBoth(body []byte) string {
	a, b := limitScan{b: body}, limitScan{b: body}
	ea, eb := a.run(), b.runRef()
	a.b, b.b = nil, nil
	if fmt.Sprint(ea) != fmt.Sprint(eb) || !reflect.DeepEqual(a, b) {
		return fmt.Sprintf("scan %+v %v, reference %+v %v", a, ea, b, eb)
	}
	return ""
}

// TestLimitsMatchReference: on every body of a generated corpus, and on
// bodies made of the marks the scan counts mixed with text, the scan
// ends in the state the reference ends in, refusing the same bodies at
// the same places.
func TestLimitsMatchReference(t *testing.T) {
	pieces := []string{"a", "word ", "w", "ww", "www.", "http://x", ":", "@", "\n", "\n\n", "\n=", "==", "-", "--", "---", ".", "..", "...",
		"\\", "\\`", "`", "``", "[", "]", "](", "](<", "[^", "]]", "*", "_", "~", "'", "\"", "''", "<", ">", "|", "!", "#", "> ", "- ", "1. ", "    ", "\t", "é", "\r\n", "(", ")", "\"t\"", " "}
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 20000 {
		var b bytes.Buffer
		for range 1 + n%200 {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if d := checkBoth(b.Bytes()); d != "" {
			t.Fatalf("%q: %s", b.Bytes(), d)
		}
	}
	for _, body := range [][]byte{bytes.Repeat([]byte("#"), MaxMarks+1), bytes.Repeat([]byte("[a]"), MaxMarks), bytes.Repeat([]byte("](x "), 200000)} {
		if d := checkBoth(body); d != "" {
			t.Fatalf("%.40q...: %s", body, d)
		}
	}
	if testing.Short() {
		return
	}
	for _, body := range corpusBodies(t) {
		if d := checkBoth(body); d != "" {
			t.Fatalf("%.80q...: %s", body, d)
		}
	}
}

// FuzzLimitsMatchReference is TestLimitsMatchReference on any body.
func FuzzLimitsMatchReference(f *testing.F) {
	f.Add([]byte("it's \"quoted\" -- ... www.x.org a@b.co http://x [a](b 'c') `x` \\`y"))
	f.Fuzz(func(t *testing.T, body []byte) {
		if d := checkBoth(body); d != "" {
			t.Fatal(d)
		}
	})
}
