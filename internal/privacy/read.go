package privacy

import (
	"bytes"
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A reading is a source text as a reader of the published page sees it,
// with the way back to the source: what is scanned for contact details is
// the reading, and what is reported is where each came from in the file.
//
// The reading undoes what hides a detail from a search of the source but
// not from a reader:
//
//   - HTML character references: &#64; &#x40; &commat; &nbsp; ...
//   - Markdown backslash escapes: \@ \. \_ ...
//   - YAML escapes in double-quoted front matter: \x40 \u0040 \U00000040
//   - percent-encoding, as in link targets: mailto:jane%40example.org
//   - emphasis, strikethrough and code-span markers, which are not shown:
//     jane.**doe**@example.org, 020 `7946` 0000 (an underscore between two
//     letters or digits is part of a word, as in Markdown, and stays)
//   - "[at]" and "[dot]", also in round or curly brackets, in any case,
//     with the spaces around them: name [at] example [dot] org
//   - Unicode compatibility forms (NFKC): full-width ＠ and digits, the
//     no-break, thin and narrow no-break spaces; every other space
//     separator reads as a space, every dash (and the minus sign) as a
//     hyphen, and invisible format characters (zero-width space, soft
//     hyphen...) as nothing.
//
// Each of these is read once, as a browser does: "&amp;#64;" reads as
// "&#64;", not "@".
type reading struct {
	text []byte
	// segs are the parts of the source that read differently, in order.
	// Between them the text is the source's bytes, one for one.
	segs []seg
	// last is the end of the last seg in text (where the bytes read one
	// for one begin).
	last int
	buf  []byte // scratch for see
}

// seg says that src[s0:s1] reads as text[n0:n1] (nothing when n0 == n1).
type seg struct{ n0, n1, s0, s1 int }

// read makes the reading of src.
func read(src []byte) *reading {
	r := &reading{text: make([]byte, 0, len(src))}
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf && !special[c] {
			r.text = append(r.text, c)
			i++
			continue
		}
		switch c {
		case '&':
			if n, out := entityAt(src, i); n > 0 {
				r.token(i, i+n, r.see(out))
				i += n
				continue
			}
		case '\\':
			if n, out := escapeAt(src, i); n > 0 {
				r.token(i, i+n, r.see(out))
				i += n
				continue
			}
		case '%':
			if n, out := percentAt(src, i); n > 0 {
				r.token(i, i+n, r.see(out))
				i += n
				continue
			}
		case '[', '(', '{':
			if n, out := bracketWordAt(src, i); n > 0 {
				// The spaces before the word go with it.
				start := i
				for len(r.text) > r.last && isBlank(r.text[len(r.text)-1]) {
					r.text = r.text[:len(r.text)-1]
					start--
				}
				end := i + n
				for end < len(src) && isBlank(src[end]) {
					end++
				}
				r.token(start, end, []byte{out})
				i = end
				continue
			}
		case '*', '~', '`':
			end := i + 1
			for end < len(src) && src[end] == c {
				end++
			}
			r.token(i, end, nil)
			i = end
			continue
		case '_':
			end := i + 1
			for end < len(src) && src[end] == '_' {
				end++
			}
			if inWord(src, i, end) {
				// snake_case: part of the word.
				r.text = append(r.text, src[i:end]...)
			} else {
				r.token(i, end, nil)
			}
			i = end
			continue
		default:
			n, out, _ := r.segment(src, i)
			if bytes.Equal(out, src[i:i+n]) {
				r.text = append(r.text, out...)
			} else {
				r.token(i, i+n, out)
			}
			i += n
			continue
		}
		r.text = append(r.text, c)
		i++
	}
	return r
}

// special marks the ASCII bytes read does more than copy.
var special = func() (t [utf8.RuneSelf]bool) {
	for _, c := range []byte("&\\%[({*~`_") {
		t[c] = true
	}
	return t
}()

// token records that src[s0:s1] reads as out.
func (r *reading) token(s0, s1 int, out []byte) {
	n0 := len(r.text)
	r.text = append(r.text, out...)
	r.segs = append(r.segs, seg{n0: n0, n1: len(r.text), s0: s0, s1: s1})
	r.last = len(r.text)
}

// see is what a reader sees of b: its NFKC form, with every space
// separator a space, every dash and the minus sign a hyphen, and format
// characters left out. The result is valid until the next call.
func (r *reading) see(b []byte) []byte {
	nb := norm.NFKC.Append(r.buf[:0], b...)
	out := nb[:0] // nothing seen is longer than what it was read from
	for i := 0; i < len(nb); {
		ru, n := utf8.DecodeRune(nb[i:])
		switch {
		case ru < utf8.RuneSelf:
			out = append(out, byte(ru))
		case unicode.Is(unicode.Zs, ru):
			out = append(out, ' ')
		case ru == '\u2212' || unicode.Is(unicode.Pd, ru):
			out = append(out, '-')
		case unicode.Is(unicode.Cf, ru):
		default:
			out = append(out, nb[i:i+n]...)
		}
		i += n
	}
	r.buf = nb
	return out
}

// segment reads the character at src[i], which is not ASCII, with the
// marks that combine with it: n bytes, which read as out. A space reads as
// a space wherever it is (no rule here tells a space from another);
// anything else reads differently only where that matters: when out holds
// a letter, a digit or '@' or is a full stop (not an ellipsis, which is
// three), when src[i] is next to a digit (a dash or a bracket between the
// groups of a number), or when it is invisible (a format character, which
// joins what is on either side of it). matters says whether it does.
func (r *reading) segment(src []byte, i int) (n int, out []byte, matters bool) {
	ru, n := utf8.DecodeRune(src[i:])
	if ru == utf8.RuneError && n <= 1 {
		return 1, src[i : i+1], false
	}
	if b := norm.NFKC.NextBoundary(src[i:], true); b > n {
		n = b
	}
	seg := src[i : i+n]
	space, format := unicode.Is(unicode.Zs, ru), unicode.Is(unicode.Cf, ru)
	if !space && !format && ru != '\u2212' && !unicode.Is(unicode.Pd, ru) && norm.NFKC.QuickSpan(seg) == n {
		return n, seg, false
	}
	out = r.see(seg)
	if bytes.Equal(out, seg) {
		return n, seg, false
	}
	nearDigit := i > 0 && isDigit(src[i-1]) || i+n < len(src) && isDigit(src[i+n])
	switch {
	case format:
		return n, out, true
	case space && len(out) == 1:
		return n, out, nearDigit
	case nearDigit || string(out) == "." || bytes.ContainsFunc(out, func(r rune) bool { return r < utf8.RuneSelf && (isDigit(byte(r)) || isLetter(byte(r)) || r == '@') }):
		return n, out, true
	}
	return n, seg, false
}

// start is the offset in the source of the text from text[n] on.
func (r *reading) start(n int) int {
	k := sort.Search(len(r.segs), func(k int) bool { return r.segs[k].n0 > n }) - 1
	if k < 0 {
		return n
	}
	s := r.segs[k]
	if n < s.n1 {
		return s.s0
	}
	return s.s1 + n - s.n1
}

// end is the offset in the source of the end of the text up to text[n].
func (r *reading) end(n int) int {
	k := sort.Search(len(r.segs), func(k int) bool { return r.segs[k].n0 >= n }) - 1
	if k < 0 {
		return n
	}
	s := r.segs[k]
	if n <= s.n1 {
		return s.s1
	}
	return s.s1 + n - s.n1
}

// entityAt reads an HTML character reference at src[i] ('&'): &#64;,
// &#x40; or a named one, with its semicolon (Markdown requires it).
func entityAt(src []byte, i int) (int, []byte) {
	j := i + 1
	switch {
	case j < len(src) && src[j] == '#':
		j++
		hex := j < len(src) && (src[j] == 'x' || src[j] == 'X')
		if hex {
			j++
		}
		d := j
		for j < len(src) && j-d < 8 && (isDigit(src[j]) || hex && isHex(src[j])) {
			j++
		}
		if j == d {
			return 0, nil
		}
	case j < len(src) && isLetter(src[j]):
		for j < len(src) && j-i < 40 && (isLetter(src[j]) || isDigit(src[j])) {
			j++
		}
	default:
		return 0, nil
	}
	if j >= len(src) || src[j] != ';' {
		return 0, nil
	}
	ref := string(src[i : j+1])
	out := html.UnescapeString(ref)
	if out == ref {
		return 0, nil
	}
	return j + 1 - i, []byte(out)
}

// escapeAt reads a backslash escape at src[i]: Markdown's, of any ASCII
// punctuation character, or YAML's \xHH, \uHHHH and \UHHHHHHHH.
func escapeAt(src []byte, i int) (int, []byte) {
	if i+1 >= len(src) {
		return 0, nil
	}
	c := src[i+1]
	if strings.IndexByte(asciiPunct, c) >= 0 {
		return 2, src[i+1 : i+2]
	}
	var digits int
	switch c {
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	default:
		return 0, nil
	}
	if i+2+digits > len(src) {
		return 0, nil
	}
	var ru rune
	for _, h := range src[i+2 : i+2+digits] {
		if !isHex(h) {
			return 0, nil
		}
		ru = ru<<4 | rune(hexVal(h))
	}
	if !utf8.ValidRune(ru) {
		return 0, nil
	}
	return 2 + digits, utf8.AppendRune(nil, ru)
}

// asciiPunct is what a Markdown backslash escapes.
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// percentAt reads a run of percent-encoded bytes at src[i] that make
// UTF-8 text: %40, %EF%BC%A0.
func percentAt(src []byte, i int) (int, []byte) {
	var out []byte
	j := i
	for j+2 < len(src) && src[j] == '%' && isHex(src[j+1]) && isHex(src[j+2]) {
		out = append(out, hexVal(src[j+1])<<4|hexVal(src[j+2]))
		j += 3
	}
	if len(out) == 0 || !utf8.Valid(out) {
		return 0, nil
	}
	return j - i, out
}

// bracketWordAt reads "[at]" or "[dot]" at src[i], in any case, in square,
// round or curly brackets, with or without spaces inside; out is '@' or
// '.'.
func bracketWordAt(src []byte, i int) (n int, out byte) {
	var closing byte
	switch src[i] {
	case '[':
		closing = ']'
	case '(':
		closing = ')'
	default:
		closing = '}'
	}
	j := i + 1
	for j < len(src) && isBlank(src[j]) {
		j++
	}
	switch {
	case hasPrefixFold(src[j:], "at"):
		out, j = '@', j+2
	case hasPrefixFold(src[j:], "dot"):
		out, j = '.', j+3
	default:
		return 0, 0
	}
	for j < len(src) && isBlank(src[j]) {
		j++
	}
	if j >= len(src) || src[j] != closing {
		return 0, 0
	}
	return j + 1 - i, out
}

func hasPrefixFold(b []byte, s string) bool {
	return len(b) >= len(s) && bytes.EqualFold(b[:len(s)], []byte(s))
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isHex(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }

func hexVal(c byte) byte {
	if isDigit(c) {
		return c - '0'
	}
	return c | 0x20 - 'a' + 10
}

// inWord reports whether the underscores src[i:end] are inside a word,
// between letters or digits, where Markdown does not take them for
// emphasis (snake_case).
func inWord(src []byte, i, end int) bool {
	if i == 0 || end >= len(src) {
		return false
	}
	before, _ := utf8.DecodeLastRune(src[:i])
	after, _ := utf8.DecodeRune(src[end:])
	return isAlnum(before) && isAlnum(after)
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ---------------------------------------------------------------------------
// Whether a text needs reading.

// needsReading reports whether the reading of src could hold a contact
// detail that src itself does not show as one. Most text does not: it has
// no '@' (without which no email address is read), no character reference,
// escape, percent-encoding or "[at]", no emphasis marker near a digit, and
// no character outside ASCII that reads as a digit, a letter, '@' or '.'
// or, next to a digit, as a space or hyphen. Such text is scanned as it is.
// (Scan asks gateAt as it scans, which is the same.)
func needsReading(src []byte) bool {
	var r reading
	for i := 0; i < len(src); {
		if !gate[src[i]] {
			i++
			continue
		}
		matters, next := r.gateAt(src, i)
		if matters {
			return true
		}
		i = next
	}
	return false
}

// gateAt reports whether what starts at src[i], a byte gate marks, could
// read as part of a contact detail that src does not show, and where to
// look next.
func (r *reading) gateAt(src []byte, i int) (matters bool, next int) {
	switch c := src[i]; c {
	case '@', '\\':
		return true, i + 1
	case '&':
		return i+1 < len(src) && (src[i+1] == '#' || isLetter(src[i+1])), i + 1
	case '%':
		return i+2 < len(src) && isHex(src[i+1]) && isHex(src[i+2]), i + 1
	case '[', '(', '{':
		n, _ := bracketWordAt(src, i)
		return n > 0, i + 1
	case '*', '~', '`':
		return digitNear(src, i, i+1), i + 1
	case '_':
		end := i + 1
		for end < len(src) && src[end] == '_' {
			end++
		}
		return !inWord(src, i, end) && digitNear(src, i, end), end
	}
	// (A byte order mark at the start is not text.)
	if i == 0 && bytes.HasPrefix(src, []byte("\ufeff")) {
		return false, len("\ufeff")
	}
	n, _, matters := r.segment(src, i)
	return matters, i + n
}

// gate marks the bytes needsReading looks at: those of the ASCII
// characters the reading changes, and every byte of the others.
var gate = func() (t [256]bool) {
	for _, c := range []byte("@\\&%[({*~`_") {
		t[c] = true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// digitNear reports whether there is a digit within six bytes of the
// markers at src[i:end]: there is in every number and postcode they could
// be in or next to ("_GIR 0AA", "**020** 7946 0000", "_____AA00AA").
func digitNear(src []byte, i, end int) bool {
	for j := max(0, i-6); j < min(len(src), end+6); j++ {
		if isDigit(src[j]) {
			return true
		}
	}
	return false
}
