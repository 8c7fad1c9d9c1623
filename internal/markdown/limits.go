package markdown

import (
	"bytes"
	"fmt"
)

// Limits on a body's Markdown, checked before goldmark reads it.
//
// goldmark's time and memory grow with a body's structure, not only its
// size, and for some shapes faster than the size: block quotes or lists
// nested on one line cost the square of their depth; every "]" with a
// "[" open walks the paragraph's lines; unpaired emphasis marks are
// compared with every mark before them; a link target, link title or
// code span left open is searched for to the end of its line or
// paragraph, again for every one; and each mark, line and list item
// becomes a node of some hundred bytes. A file of a few megabytes of
// "[" or "> > >" took time and memory out of all proportion to its size.
//
// So a body is measured first, in one pass over its bytes, and refused
// with an error at the place it goes past a limit: each limit is an
// upper bound of what goldmark does there, set far above anything a
// letter, reply or report reaches (the repository's own content and the
// generated corpus use a small fraction of each), and low enough that a
// body at every limit at once still converts in a time and memory a
// build can bear. The measures over-estimate rather than miss
// work: where the scan cannot tell whether goldmark starts a new
// paragraph, it counts the two as one.
const (
	// MaxNesting is how deep block quotes and lists may nest, counted
	// on one line: its > and list markers, and the indentation that
	// keeps it inside lists begun above.
	MaxNesting = 100
	// MaxOpenBrackets is how many "[" may be open (not yet closed by a
	// "]") at once in one paragraph.
	MaxOpenBrackets = 100
	// MaxMarks is how many lines, list and quote markers, and marks
	// that goldmark makes a node of ([ ] * _ ~ ` ' " < > | ! #, and
	// runs of -- and ...) a body may hold: a bound on its memory.
	MaxMarks = 250_000
	// MaxMatching bounds the work of matching brackets and emphasis
	// marks: the sum, over paragraphs, of marks × (marks + lines). One
	// paragraph of a few lines may hold some 20,000 marks.
	MaxMatching = 400_000_000
	// MaxScanned bounds the bytes goldmark reads looking for the end of
	// link targets and titles, footnote references, link labels and code
	// spans, summed over the body.
	MaxScanned = 32 << 20
)

// TooComplex is the error Convert returns, before goldmark reads a body,
// when the body goes past one of the limits above.
type TooComplex struct {
	Offset int // byte offset in the body of the place to fix
	Msg    string
}

func (e *TooComplex) Error() string { return e.Msg }

// CheckLimits measures body against the limits and returns the first it
// goes past, or nil.
func CheckLimits(body []byte) *TooComplex {
	s := limitScan{b: body}
	return s.run()
}

type limitScan struct {
	b        []byte
	marks    int
	matching int64
	scanned  int64
	// the deepest nesting and the most brackets open seen
	nesting, brackets int
	// cursors answer "the next byte of a class at or after x" in
	// amortised constant time for queries that move forward.
	space, target, title, closeAngle, closeSquare, bracket cursor
	quote, apos, paren                                     cursor
}

// line is what the start of a line says about its containers.
type line struct {
	markers int // > and list markers
	quotes  int
	depth   int // upper bound of the containers the line is inside
	first   int // offset of the first marker
	// For paragraphs: blank is a line that ends one (white space, or
	// > markers only); opens is a line that starts a new one (a list
	// item with text, or a heading); heading, one that ends at once.
	blank, opens, heading bool
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

// markerEnds reports whether a list marker that ends before i is
// followed by white space or the end of the line (at le).
func markerEnds(b []byte, i, le int) bool {
	return i >= le || b[i] == ' ' || b[i] == '\t' || b[i] == '\r'
}

// analyse reads the container markers at the start of the line b[ls:le].
func analyse(b []byte, ls, le int) line {
	var l line
	l.first = -1
	// For depth: every marker, whatever its indentation (a marker
	// indented as code over-counts, which is safe); each container a
	// line continues by indentation alone takes at least two columns of
	// it. The one space after each marker belongs to the marker.
	white := 0
	i := ls
	for {
		gap := 0
		for i < le && (b[i] == ' ' || b[i] == '\t') {
			if b[i] == '\t' {
				gap += 4
			} else {
				gap++
			}
			i++
		}
		if l.markers > 0 {
			gap = max(gap-1, 0)
		}
		white += gap
		if i >= le {
			break
		}
		c := b[i]
		n := 0
		switch {
		case c == '>':
			n = 1
			l.quotes++
		case (c == '-' || c == '+' || c == '*') && markerEnds(b, i+1, le):
			n = 1
		case c >= '0' && c <= '9':
			j := i
			for j < le && j-i < 10 && b[j] >= '0' && b[j] <= '9' {
				j++
			}
			if j-i <= 9 && j < le && (b[j] == '.' || b[j] == ')') && markerEnds(b, j+1, le) {
				n = j + 1 - i
			}
		}
		if n == 0 {
			break
		}
		if l.first < 0 {
			l.first = i
		}
		l.markers++
		i += n
	}
	l.depth = l.markers + white/2

	// For paragraphs: only what certainly ends or starts one, as
	// goldmark reads it: markers after at most three spaces (more make
	// code, or text that continues the paragraph).
	i = ls
	for {
		gap := 0
		for i < le && b[i] == ' ' {
			gap++
			i++
		}
		if gap > 3 {
			return l
		}
		if i < le && b[i] == '>' {
			i++
			if i < le && b[i] == ' ' {
				i++
			}
			continue
		}
		break
	}
	rest := b[i:le]
	if isBlank(rest) {
		l.blank = true
		return l
	}
	switch c := rest[0]; {
	case c == '-' || c == '+' || c == '*':
		l.opens = len(rest) > 2 && (rest[1] == ' ' || rest[1] == '\t') && !isBlank(rest[2:])
	case c == '1':
		l.opens = len(rest) > 3 && (rest[1] == '.' || rest[1] == ')') && (rest[2] == ' ' || rest[2] == '\t') && !isBlank(rest[3:])
	case c == '#':
		j := 0
		for j < len(rest) && rest[j] == '#' {
			j++
		}
		if j <= 6 && (j == len(rest) || rest[j] == ' ' || rest[j] == '\t' || rest[j] == '\r') {
			l.opens, l.heading = true, true
		}
	}
	return l
}

func isBlank(p []byte) bool {
	for _, c := range p {
		if !isWhite(c) {
			return false
		}
	}
	return true
}

func lineEnd(b []byte, i int) int {
	if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(b)
}

// special holds the bytes paragraph looks at: the others are text, which
// it passes over.
var special = func() (t [256]byte) {
	for _, c := range []byte("\\`[]*_~'\"<>|!#@:w=-.") {
		t[c] = 1
	}
	return t
}()

func (s *limitScan) run() *TooComplex {
	b := s.b
	pos := 0
	for pos < len(b) {
		// A paragraph (or what may be one): its first line, then the
		// lines up to one that certainly ends it or starts another.
		start, lines := pos, 0
		for pos < len(b) {
			le := lineEnd(b, pos)
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
		if e := s.paragraph(start, pos, lines); e != nil {
			return e
		}
	}
	return nil
}

func (s *limitScan) tooDeep(l line) *TooComplex {
	what := "block quotes and lists"
	switch l.quotes {
	case 0:
		what = "lists"
	case l.markers:
		what = "block quotes"
	}
	return &TooComplex{Offset: l.first, Msg: fmt.Sprintf(
		"%s nested %d deep (at most %d): no letter needs so many; if the marks are text, put a backslash before the first",
		what, l.depth, MaxNesting)}
}

func (s *limitScan) tooManyMarks(off int) *TooComplex {
	return &TooComplex{Offset: off, Msg: fmt.Sprintf(
		"the body has more than %d lines and Markdown marks (list items, [ ] * _ ` ' \" < > | and the like) by here, more than a document may hold: split it, or publish it as an attachment under static/",
		MaxMarks)}
}

// paragraph measures the text b[start:end] of lines lines, which may be
// one paragraph or several.
func (s *limitScan) paragraph(start, end, lines int) *TooComplex {
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
		if special[c] == 0 {
			continue
		}
		switch c {
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

// backticks accounts for the run of backticks b[i:j]: it closes the code
// spans waiting for a run of its length, and opens one (one shorter if
// its first backtick is escaped).
func (s *limitScan) backticks(i, j int, escaped bool, waiting func(int) *[2]int64, scan func(int, int64) *TooComplex) *TooComplex {
	n := j - i
	if w := waiting(n); w[0] > 0 {
		if e := scan(i, w[0]*int64(i)-w[1]); e != nil {
			return e
		}
		w[0], w[1] = 0, 0
	}
	if escaped {
		n--
	}
	if n > 0 {
		w := waiting(n)
		w[0]++
		w[1] += int64(i)
	}
	return nil
}

// linkTarget accounts for goldmark's reading of a link's target and title
// after the "](" at i.
func (s *limitScan) linkTarget(i, end int, scan func(int, int64) *TooComplex) *TooComplex {
	b := s.b
	d := s.target.next(b, i+2, end, isNotWhite) // the target
	var e int                                   // where the target ends
	if d < end && b[d] == '<' {
		e = s.closeAngle.next(b, d+1, end, isAngleOrEOL)
	} else {
		e = s.space.next(b, d, end, isWhite)
	}
	t := s.title.next(b, e, end, isNotWhite) // the title
	n := t - i
	if t < end {
		switch b[t] {
		case '"':
			n = s.quote.next(b, t+1, end, func(c byte) bool { return c == '"' }) - i
		case '\'':
			n = s.apos.next(b, t+1, end, func(c byte) bool { return c == '\'' }) - i
		case '(':
			n = s.paren.next(b, t+1, end, func(c byte) bool { return c == '(' || c == ')' }) - i
		}
	}
	return scan(i, int64(n))
}

func isNotWhite(c byte) bool { return !isWhite(c) }
func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
func isAngleOrEOL(c byte) bool  { return c == '>' || c == '\n' }
func isSquareOrEOL(c byte) bool { return c == ']' || c == '\n' }
func isBracket(c byte) bool     { return c == '[' || c == ']' }

// isPunct is CommonMark's ASCII punctuation, which a backslash escapes.
func isPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// cursor finds the next byte of a class, remembering its last answer:
// for queries that move forward through a paragraph the bytes are read
// once in all.
type cursor struct {
	from, at, end int
	valid         bool
}

// next returns the offset of the first byte at or after x, before end,
// for which is is true, or end.
func (c *cursor) next(b []byte, x, end int, is func(byte) bool) int {
	if x >= end {
		return end
	}
	if c.valid && c.end == end && x >= c.from && x <= c.at {
		return c.at
	}
	i := x
	for i < end && !is(b[i]) {
		i++
	}
	*c = cursor{from: x, at: i, end: end, valid: true}
	return i
}
