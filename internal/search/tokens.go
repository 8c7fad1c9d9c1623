package search

import (
	"bytes"
	"encoding/binary"
	"html"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold maps letters with diacritics to their base letter, so that "dwr"
// finds "dŵr" and "cafe" finds "café". search.js folds queries the same way.
var fold = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a',
	'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u',
	'ẁ': 'w', 'ẃ': 'w', 'ŵ': 'w', 'ẅ': 'w',
	'ỳ': 'y', 'ý': 'y', 'ŷ': 'y', 'ÿ': 'y',
	'ç': 'c', 'ñ': 'n',
}

var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("a an and are as at be by for from has have i in is it its of on or that the this to was were will with we our your you my me yn y yr a ac ar i o mae am ei eu") {
		stopwords[w] = true
		if len(w) > maxStopword {
			panic("stopword " + w + " is longer than maxStopword")
		}
	}
	// A multiplier that puts every stopword in a slot of its own.
	for m := uint32(2654435769); ; m += 2 {
		stopTable = [len(stopTable)]uint32{}
		ok := true
		for w := range stopwords {
			k := shortKey([]byte(w))
			if s := &stopTable[(k*m)>>stopShift]; *s == 0 {
				*s = k
			} else {
				ok = false
				break
			}
		}
		if ok {
			stopMul = m
			return
		}
	}
}

// maxStopword is the length in bytes of the longest stopword.
const maxStopword = 4

// The stopwords, as shortKey gives them, in a table without collisions (a perfect
// hash): a map lookup for every short word of every text was a
// noticeable part of the time spent on the index.
var (
	stopTable [256]uint32
	stopMul   uint32
)

const stopShift = 32 - 8 // log2(len(stopTable))

// shortKey packs a word of at most 4 bytes into a number, its first byte
// lowest. No term holds a zero byte, so no two words have one key.
func shortKey(t []byte) uint32 {
	switch len(t) {
	case 0:
		return 0
	case 1:
		return uint32(t[0])
	case 2:
		return uint32(t[0]) | uint32(t[1])<<8
	case 3:
		return uint32(t[0]) | uint32(t[1])<<8 | uint32(t[2])<<16
	}
	return binary.LittleEndian.Uint32(t)
}

// keepShort says whether a term of 2 to maxStopword bytes is kept: it is
// more than one character and not a stopword (which are all ASCII).
func keepShort(t []byte) bool {
	k := shortKey(t)
	if k&0x80808080 != 0 {
		return utf8.RuneCount(t) > 1
	}
	return stopTable[(k*stopMul)>>stopShift] != k
}

// tokens splits text into search terms: lower case, diacritics folded,
// letters and digits only, no stopwords or single characters. search.js
// does the same to queries.
func tokens(s string) []string { return appendTokens(nil, s) }

// appendTokens appends the terms of s to out.
func appendTokens(out []string, s string) []string {
	eachToken(s, func(t []byte) { out = append(out, string(t)) })
	return out
}

// eachToken calls f with each term of s, in a buffer f must not keep
// (looking a []byte up in a map of strings costs no allocation: a large
// site's text has tens of millions of words, and few distinct ones).
func eachToken[S string | []byte](s S, f func(t []byte)) {
	switch s := any(s).(type) {
	case []byte:
		eachTokenBytes(s, f)
	case string:
		eachTokenBytes([]byte(s), f)
	}
}

// asciiTerm says, for each ASCII byte, what it is in a term: itself
// lower-cased for a letter or digit, apostrophe for one (dropped inside
// words), 0 for a separator.
var asciiTerm = func() (t [utf8.RuneSelf]byte) {
	for c := range utf8.RuneSelf {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			t[c] = byte(c)
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c + 'a' - 'A')
		case c == '\'':
			t[c] = '\''
		}
	}
	return t
}()

// byteKind says, for each byte, whether it is a lower-case ASCII letter or
// digit (plainByte), an ASCII separator (sepByte), or neither: a capital,
// an apostrophe, or part of a character beyond ASCII. NUL separates words,
// as in search.js (a title written "a\0b" in YAML is found by "a" and by
// "b"); the tokenizer once took it for a letter, because asciiTerm[0] is 0.
var byteKind = func() (k [256]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case c == 0, asciiTerm[c] == 0:
			k[c] = sepByte
		case asciiTerm[c] == byte(c) && c != '\'':
			k[c] = plainByte
		}
	}
	return k
}()

const (
	plainByte = 1 + iota
	sepByte
)

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// plainBytes has the high bit of each byte of x (eight bytes of text) set
// when it is a plainByte (see byteKind), and no other bit.
func plainBytes(x uint64) uint64 {
	// With its high bit set, a byte less an ASCII character c does not
	// borrow from the next, and keeps its high bit if its low seven bits
	// are at least c.
	y := x | highBits
	letter := (y - 'a'*lowBits) &^ (y - ('z'+1)*lowBits)
	digit := (y - '0'*lowBits) &^ (y - ('9'+1)*lowBits)
	return (letter | digit) & highBits &^ x
}

func eachTokenBytes(s []byte, f func(t []byte)) { appendEachToken(nil, s, f) }

// appendEachToken is eachTokenBytes with a buffer for the terms that need
// changing, returned for the next call (a body's text is tokenised a piece
// at a time).
func appendEachToken(buf, s []byte, f func(t []byte)) []byte {
	emit := func(t []byte) {
		// Most words are longer than any stopword, and than one character.
		if n := len(t); n > maxStopword || n > 1 && keepShort(t) {
			f(t)
		}
	}
	for i := 0; i < len(s); {
		// Most words are lower-case ASCII letters and digits ended by an
		// ASCII separator: they are terms as they stand, without a copy.
		j := i
		for j+8 <= len(s) {
			// Eight bytes at a time, while there are eight.
			if p := plainBytes(le64(s[j:])); p != highBits {
				j += bits.TrailingZeros64(^p&highBits) / 8
				break
			}
			j += 8
		}
		if j+8 > len(s) {
			for j < len(s) && byteKind[s[j]] == plainByte {
				j++
			}
		}
		if j == len(s) || byteKind[s[j]] == sepByte {
			if j > i {
				emit(s[i:j])
			}
			i = j + 1
			continue
		}
		// Otherwise the word is made in buf, up to its separator.
		buf = append(buf[:0], s[i:j]...)
		i = j
	word:
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				i++
				switch t := asciiTerm[c]; t {
				case 0:
					break word
				case '\'':
				default:
					buf = append(buf, t)
				}
				continue
			}
			r, n := utf8.DecodeRune(s[i:])
			i += n
			r = unicode.ToLower(r)
			if f, ok := fold[r]; ok {
				r = f
			}
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				buf = utf8.AppendRune(buf, r)
			case r == '’':
			default:
				break word
			}
		}
		if len(buf) > 0 {
			emit(buf)
		}
	}
	return buf
}

// htmlText reads the text of rendered HTML (tags dropped, entities
// decoded, each run of white space one space, none at either end: see
// appendHTMLText in the tests) without making all of it. A tag separates
// words unless it is one of inlineTag's (a link, emphasis), which sit
// within a line of text: "<em>wash</em>es" is "washes", and a link's
// text is followed by its full stop with no space between. A footnote's
// reference number and its way back (noteLink) are not text at all.
// Only the start of the text is copied (for the passage results show),
// and the words of a run of text that inline tags divide.
type htmlText struct {
	dec   []byte // text between two tags, its entities decoded
	run   []byte // the text of a run divided by inline tags, so far
	word  []byte // a term being made (see appendEachToken)
	start []byte // the start of the text
}

// scan calls f with each term of the text of rendered HTML b, in order, in
// a buffer f must not keep, and returns the first n characters of the text,
// in a buffer the next scan reuses.
func (h *htmlText) scan(b []byte, n int, f func(t []byte)) []byte {
	h.start, h.run = h.start[:0], h.run[:0]
	runes := 0     // characters in start
	space := false // a space is due before the next character
	// pend is the text since the last tag, its terms not yet made: most
	// runs of text are between two tags that separate words, and their
	// terms are made where they stand.
	var pend []byte
	for i := 0; i < len(b); {
		if b[i] == '<' {
			end := bytes.IndexByte(b[i:], '>')
			if end < 0 {
				break
			}
			tag := b[i+1 : i+end]
			i += end + 1
			switch tagKind(tag) {
			case noteLink:
				if k := bytes.Index(b[i:], closeA); k >= 0 {
					i += k + len(closeA)
				} else {
					i = len(b)
				}
				fallthrough
			case inlineTag:
				if len(pend) > 0 {
					h.run = append(h.run, pend...)
					pend = nil
				}
			default:
				h.words(pend, f)
				pend = nil
				space = true
			}
			continue
		}
		end := bytes.IndexByte(b[i:], '<')
		if end < 0 {
			end = len(b) - i
		}
		seg := b[i : i+end]
		i += end
		if bytes.IndexByte(seg, '&') >= 0 {
			h.dec = appendUnescaped(h.dec[:0], seg)
			seg = h.dec
		}
		pend = seg
		if runes < n {
			h.start, runes, space = appendTextPrefix(h.start, seg, runes, n, space)
		}
	}
	h.words(pend, f)
	return h.start
}

// words calls f with the terms of the run of text so far, ended by pend,
// and starts the next.
func (h *htmlText) words(pend []byte, f func(t []byte)) {
	if len(h.run) > 0 {
		h.run = append(h.run, pend...)
		h.word = appendEachToken(h.word, h.run, f)
		h.run = h.run[:0]
	} else if len(pend) > 0 {
		h.word = appendEachToken(h.word, pend, f)
	}
}

var closeA = []byte("</a>")

// What a tag is to the text (see htmlText).
const (
	blockTag  = iota // separates words
	inlineTag        // sits within a line of text
	noteLink         // a footnote's reference number or way back: dropped with its text
)

// tagKind says what the tag whose text (between < and >) is tag is to the
// text.
func tagKind(tag []byte) int {
	name := tag
	if len(name) > 0 && name[0] == '/' {
		name = name[1:]
	}
	// The name, lower-cased: at most the length of the longest inline
	// one ("strong"), or it is not one.
	var lower [6]byte
	k := 0
	for ; k < len(name); k++ {
		c := name[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		} else if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			break
		}
		if k == len(lower) {
			return blockTag
		}
		lower[k] = c
	}
	switch string(lower[:k]) {
	case "a":
		if tag[0] != '/' && (bytes.Contains(tag, []byte(`class="footnote-ref"`)) || bytes.Contains(tag, []byte(`class="footnote-backref"`))) {
			return noteLink
		}
		return inlineTag
	case "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q",
		"s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr":
		return inlineTag
	}
	return blockTag
}

// appendTextPrefix appends text s to dst, which holds runes characters of
// a text, white space collapsed (a space due before the next character if
// space), until dst holds n characters; it returns dst, runes and space.
func appendTextPrefix(dst, s []byte, runes, n int, space bool) ([]byte, int, bool) {
	for i := 0; i < len(s) && runes < n; {
		c, size := s[i], 1
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' {
				space = true
				i++
				continue
			}
		} else {
			var r rune
			if r, size = utf8.DecodeRune(s[i:]); unicode.IsSpace(r) {
				space = true
				i += size
				continue
			}
		}
		if space && len(dst) > 0 {
			dst = append(dst, ' ')
			if runes++; runes == n {
				break
			}
		}
		space = false
		// A character of s, or one byte that is not one (as it stands in
		// dst, where a space or the end follows it, it is not one either).
		if size == 1 {
			dst = append(dst, c)
		} else {
			dst = append(dst, s[i:i+size]...)
		}
		runes++
		i += size
	}
	return dst, runes, space
}

// entities are the character references rendered bodies hold, each with
// what html.UnescapeString makes of it: a piece of text whose references
// are all here is decoded without a new string.
var entities = map[string]string{}

func init() {
	for _, e := range strings.Fields("&amp; &lt; &gt; &quot; &#39; &#34; &#160; &nbsp; &lsquo; &rsquo; &ldquo; &rdquo; &ndash; &mdash; &hellip; &laquo; &raquo;") {
		entities[e] = html.UnescapeString(e)
	}
}

// appendUnescaped appends s to dst, its character references decoded, as
// html.UnescapeString does.
func appendUnescaped(dst, s []byte) []byte {
	at := len(dst)
	for i := 0; i < len(s); {
		k := bytes.IndexByte(s[i:], '&')
		if k < 0 {
			return append(dst, s[i:]...)
		}
		dst = append(dst, s[i:i+k]...)
		i += k
		// A known reference ends at the first ';' after its '&' (within
		// the longest one's length), and html.UnescapeString reads it so:
		// letters or '#' and digits, then ';'.
		if e := bytes.IndexByte(s[i:min(len(s), i+maxEntity)], ';'); e > 0 {
			if r, ok := entities[string(s[i:i+e+1])]; ok {
				dst = append(dst, r...)
				i += e + 1
				continue
			}
		}
		return append(dst[:at], html.UnescapeString(string(s))...)
	}
	return dst
}

// maxEntity is the length of the longest of entities.
const maxEntity = len("&hellip;")

// decodeRune is utf8.DecodeRune for a string or a []byte.
func decodeRune[S string | []byte](s S) (rune, int) {
	switch s := any(s).(type) {
	case string:
		return utf8.DecodeRuneInString(s)
	case []byte:
		return utf8.DecodeRune(s)
	}
	return utf8.RuneError, 1
}

// passage is the text a search result's passage is taken from: the
// summary, if any, then the text, cut to passageLen characters (only the
// start of the text is copied). search.js shows the part of it around
// the first word found, or its start.
func passage(summary, text string) string {
	t := prefixRunes(text, passageLen+1)
	switch {
	case summary == "":
		return truncateRunes(t, passageLen)
	case t == "":
		return truncateRunes(summary, passageLen)
	}
	return truncateRunes(prefixRunes(summary, passageLen+1)+" "+t, passageLen)
}

// prefixRunes is the first n characters of s.
func prefixRunes[S string | []byte](s S, n int) S {
	end := 0
	for count := 0; end < len(s) && count < n; count++ {
		if s[end] < utf8.RuneSelf {
			end++
			continue
		}
		_, size := decodeRune(s[end:])
		end += size
	}
	return s[:end]
}

func truncateRunes(s string, n int) string {
	cut := prefixRunes(s, n)
	if len(cut) == len(s) {
		return s
	}
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		return cut[:i] + "…"
	}
	return cut + "…"
}
