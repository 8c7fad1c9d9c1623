package frontmatter

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// yaml.v3 names the line of its "context" (where the quoted value or the
// [ list began) in a message, unless that is the document's first line,
// when it names the line where the scanner gave up instead: an unclosed
// quote in the first field is reported at the end of the front matter.
// It never gives a column. Where it names another line than the mistake,
// the mistake is found here by reading the text as YAML's scanner does,
// closely enough for the common causes: a quote or a [ or { left open,
// a tab in the indentation.

// A cause is a mistake found in the text: its byte offset and what to say.
type cause struct {
	off int
	msg string
}

// quoteMessage reports whether yaml.v3's message comes from scanning a
// quoted value, which ran into the end of the text or a --- line.
func quoteMessage(msg string) bool {
	return msg == "found unexpected end of stream" || msg == "found unexpected document indicator"
}

// diagnose finds the mistake behind yaml.v3's error msg, reported at
// file line yamlLine (0 when yaml.v3 named none), when yaml.v3 points
// elsewhere or says too little.
func (fs *Fields) diagnose(msg string, yamlLine int) (cause, bool) {
	text := fs.text
	fileLine := func(off int) int { return PosIn(fs.path, text, off).Line + fs.line0 }
	if yamlLine == 0 {
		yamlLine = fs.line0 + 1 // none: both marks were on the first line
	}
	if strings.Contains(msg, "tab character") {
		// yaml.v3 names the line of the block the tab breaks, which may
		// be above the tab: find the tab from there on.
		from := max(yamlLine-fs.line0, 1)
		if off, ok := indentTab(text, from); ok && fileLine(off) != yamlLine {
			return cause{off, "this line is indented with a tab, which YAML does not allow: indent with spaces"}, true
		}
		return cause{}, false
	}
	op, ok := firstUnclosed(text)
	if !ok {
		return cause{}, false
	}
	line := fileLine(op.off)
	var accept bool
	switch {
	case op.early > 0:
		// Text after a closed quoted value is an error on its line;
		// yaml.v3 may name the line of the block around it.
		accept = line <= yamlLine || strings.HasPrefix(msg, "did not find expected")
		if accept {
			return cause{op.early, op.message(PosIn(fs.path, text, op.off).Col)}, true
		}
	case op.ch == '"' || op.ch == '\'':
		// A quoted value running to the end is this one (or one before
		// it that the scanner closed at a later value's opening quote).
		accept = quoteMessage(msg) || line <= yamlLine
	default:
		// On its own line yaml.v3 already says it misses the ] or }.
		accept = line < yamlLine
	}
	if !accept && line > yamlLine && closes(text, op) {
		accept = true
	}
	if !accept {
		return cause{}, false
	}
	return cause{op.off, op.message(0)}, true
}

// closes reports whether the text becomes valid YAML when op is closed at
// the end of its line: then op is the mistake, whatever yaml.v3 said.
func closes(text []byte, op opener) bool {
	end := bytes.IndexByte(text[op.off:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += op.off
	}
	if end > op.off && text[end-1] == '\r' {
		end--
	}
	fixed := make([]byte, 0, len(text)+len(op.closers))
	fixed = append(fixed, text[:end]...)
	fixed = append(fixed, op.closers...)
	fixed = append(fixed, text[end:]...)
	var n yaml.Node
	return yaml.Unmarshal(fixed, &n) == nil
}

// indentTab returns the offset of the first tab in the indentation of a
// line of text, from line from (1-based) on.
func indentTab(text []byte, from int) (int, bool) {
	off := 0
	for n := 1; off < len(text); n++ {
		line, _, _ := bytes.Cut(text[off:], []byte{'\n'})
		if n >= from {
			for i, c := range line {
				if c == '\t' {
					return off + i, true
				}
				if c != ' ' {
					break
				}
			}
		}
		off += len(line) + 1
	}
	return 0, false
}

// An opener is a quote, [ or { that the text leaves open; closers closes
// it and the lists around it, innermost first. Or it is a quote that a
// quote inside the value closes too early, at offset early.
type opener struct {
	off     int
	ch      byte
	closers []byte
	early   int
}

func (op opener) message(col int) string {
	if op.early > 0 {
		if op.ch == '\'' {
			return fmt.Sprintf("this ' ends the value quoted at column %d, but the value goes on: inside '...' write an apostrophe as '' (or quote the value with \")", col)
		}
		return fmt.Sprintf("this \" ends the value quoted at column %d, but the value goes on: inside \"...\" write a quote as \\\" (or quote the value with ')", col)
	}
	if op.ch == '"' || op.ch == '\'' {
		return "the quote opened here is never closed (close it with " + string(op.ch) + ")"
	}
	what := map[byte]string{']': "[", '}': "{"}
	m := "the " + string(op.ch) + " opened here is never closed (close it with " + string(op.closers[0])
	for _, c := range op.closers[1:] {
		m += ", then the " + what[c] + " around it with " + string(c)
	}
	return m + ")"
}

// fieldRE matches a line (after its indentation) that starts a field or a
// list item: what follows a value left open when it was not meant to go on.
var fieldRE = regexp.MustCompile(`^(-( |\t|$)|[^\s#'"\[\]{},:][^#]*?:( |\t|$)|"[^"]*":( |\t|$)|'[^']*':( |\t|$))`)

// firstUnclosed reads text as YAML's scanner does, far enough to find the
// first quote, [ or { that is never closed. A value may go on over lines
// indented more than its field; a line back at the field's indentation
// that starts another field (or a --- line, or the end) means the value
// was left open where it began. Block scalars (| and >) and plain values
// going on over more-indented lines are skipped.
func firstUnclosed(text []byte) (opener, bool) {
	lines := splitLines(text)
	var stack []opener // open [ and {
	flowOwner := 0     // the indentation a [ or { must go on beyond
	skip := -1         // lines indented more than this continue a value
	for li := 0; li < len(lines); li++ {
		l := lines[li]
		ind := indentOf(l.text)
		if isBlank(l.text) {
			continue
		}
		if skip >= 0 {
			if ind > skip {
				continue
			}
			skip = -1
		}
		if docMarker(l.text) {
			stack = stack[:0]
			continue
		}
		if len(stack) > 0 && ind <= flowOwner && fieldRE.Match(l.text[ind:]) {
			return closersOf(stack), true
		}
		owner := ind // the column of the field or item the next value belongs to
		atValue := true
		pos := ind
		for pos < len(l.text) {
			c := l.text[pos]
			flow := len(stack) > 0
			if c == ' ' || c == '\t' {
				pos++
				continue
			}
			if c == '#' && (pos == 0 || l.text[pos-1] == ' ' || l.text[pos-1] == '\t') {
				break // a comment
			}
			if flow {
				switch c {
				case '[', '{':
					stack = append(stack, opener{off: l.start + pos, ch: c})
					atValue = true
				case ']', '}':
					top := stack[len(stack)-1]
					if c != matching(top.ch) {
						return closersOf(stack), true
					}
					stack = stack[:len(stack)-1]
					atValue = false
				case ',', '?':
					atValue = true
				case ':':
					atValue = true
				case '"', '\'':
					if !atValue {
						pos = plainEnd(l.text, pos, true)
						continue
					}
					end, ok := scanQuoted(lines, li, pos, flowOwner)
					if !ok {
						return closersOf(append(stack, opener{off: l.start + pos, ch: c})), true
					}
					if goesOn(lines[end.line].text, end.pos+1, ":,]}") {
						return opener{off: l.start + pos, ch: c, early: lines[end.line].start + end.pos}, true
					}
					li, pos = end.line, end.pos
					l = lines[li]
					atValue = false
				default:
					pos = plainEnd(l.text, pos, true)
					atValue = false
					continue
				}
				pos++
				continue
			}
			// Block context.
			if !atValue {
				if c == ':' && separated(l.text, pos+1) {
					atValue = true
				}
				if c != ':' {
					break // something after a quoted value: YAML's own message covers it
				}
				pos++
				continue
			}
			tok := pos
			switch {
			case (c == '-' || c == '?' || c == ':') && separated(l.text, pos+1):
				owner = pos
				pos++
			case c == '[' || c == '{':
				stack = append(stack, opener{off: l.start + pos, ch: c})
				flowOwner = owner
				pos++
			case c == '|' || c == '>':
				skip = owner
				pos = len(l.text)
			case c == '&' || c == '!' || c == '*':
				for pos < len(l.text) && l.text[pos] != ' ' && l.text[pos] != '\t' {
					pos++
				}
			case c == '"' || c == '\'':
				end, ok := scanQuoted(lines, li, pos, owner)
				if !ok {
					return closersOf([]opener{{off: l.start + pos, ch: c}}), true
				}
				if end.line == li {
					owner = tok // in case it is a key
				}
				if goesOn(lines[end.line].text, end.pos+1, ":") {
					return opener{off: l.start + pos, ch: c, early: lines[end.line].start + end.pos}, true
				}
				li, pos = end.line, end.pos+1
				l = lines[li]
				atValue = false
			default:
				end := plainEnd(l.text, pos, false)
				if end < len(l.text) && l.text[end] == ':' {
					owner = tok // a key: its value belongs to it
					pos = end + 1
					continue
				}
				// A plain value: more-indented lines below go on with it.
				skip = owner
				pos = len(l.text)
			}
		}
	}
	if len(stack) > 0 {
		return closersOf(stack), true
	}
	return opener{}, false
}

// goesOn reports whether text follows a quoted value ending before
// position i of line, other than blanks and then one of the characters
// that may follow one (a comment's # only after a blank).
func goesOn(line []byte, i int, may string) bool {
	j := i
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		j++
	}
	switch {
	case j == len(line):
		return false
	case line[j] == '#':
		return j == i
	}
	return strings.IndexByte(may, line[j]) < 0
}

// closersOf reports the innermost of the open things in stack, with what
// closes it and every one around it.
func closersOf(stack []opener) opener {
	op := stack[len(stack)-1]
	op.closers = nil
	for i := len(stack) - 1; i >= 0; i-- {
		op.closers = append(op.closers, matching(stack[i].ch))
	}
	return op
}

func matching(c byte) byte {
	switch c {
	case '[':
		return ']'
	case '{':
		return '}'
	}
	return c
}

// separated reports whether position i of line is a blank or its end (an
// indicator such as - or : counts only when followed by one).
func separated(line []byte, i int) bool {
	return i >= len(line) || line[i] == ' ' || line[i] == '\t'
}

// plainEnd returns where a plain value starting at i ends: at ": " (or a
// ":" ending the line), at " #", at the end of the line, and in a flow
// list also at , [ ] { }.
func plainEnd(line []byte, i int, flow bool) int {
	for ; i < len(line); i++ {
		switch c := line[i]; {
		case c == ':' && (separated(line, i+1) || flow && strings.IndexByte(",[]{}", line[i+1]) >= 0):
			return i
		case c == '#' && i > 0 && (line[i-1] == ' ' || line[i-1] == '\t'):
			return i
		case flow && strings.IndexByte(",[]{}", c) >= 0:
			return i
		}
	}
	return i
}

type textLine struct {
	start int    // offset of the line in the text
	text  []byte // without the line break (and a \r before it)
}

func splitLines(text []byte) []textLine {
	var lines []textLine
	for off := 0; off < len(text); {
		line, _, _ := bytes.Cut(text[off:], []byte{'\n'})
		lines = append(lines, textLine{off, bytes.TrimSuffix(line, []byte{'\r'})})
		off += len(line) + 1
	}
	return lines
}

func indentOf(line []byte) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n
}

func isBlank(line []byte) bool {
	return len(bytes.Trim(line, " \t")) == 0
}

func docMarker(line []byte) bool {
	return (bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("..."))) && separated(line, 3)
}

type textPos struct{ line, pos int }

// scanQuoted finds the quote closing the one at lines[li].text[pos]. The
// value may go on over lines, but not past a --- line, the end of the
// text, or a line indented no more than owner that starts a field.
func scanQuoted(lines []textLine, li, pos, owner int) (textPos, bool) {
	q := lines[li].text[pos]
	pos++
	for {
		l := lines[li].text
		for ; pos < len(l); pos++ {
			switch {
			case q == '"' && l[pos] == '\\':
				pos++ // the escaped character (or the line break)
			case l[pos] == q && q == '\'' && pos+1 < len(l) && l[pos+1] == '\'':
				pos++ // '' is a quote inside single quotes
			case l[pos] == q:
				return textPos{li, pos}, true
			}
		}
		li++
		if li >= len(lines) {
			return textPos{}, false
		}
		next := lines[li].text
		if docMarker(next) {
			return textPos{}, false
		}
		if ind := indentOf(next); !isBlank(next) && ind <= owner && fieldRE.Match(next[ind:]) {
			return textPos{}, false
		}
		pos = 0
	}
}
