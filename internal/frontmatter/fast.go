package frontmatter

import (
	"bytes"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// fastParse reads the shapes front matter nearly always has, one field a
// line, into the nodes yaml.v3 would make of them: plain, single- and
// double-quoted one-line scalars without escapes, flow lists of such
// scalars, and block lists of them under an empty key. It returns nil for
// anything else (comments, escapes, nesting, multi-line scalars, tabs,
// carriage returns, numbers other than plain integers...), which yaml.v3
// then reads, so that every message and position stays yaml.v3's own.
//
// yaml.v3's Node decoding, with its many small allocations, was the largest
// part of loading a site; this reads a letter's front matter many times
// faster, allocating all the nodes together. FuzzFastParse checks
// that whatever it accepts gives the same nodes as yaml.v3 (kind, style,
// tag, value, line, column), and that yaml.v3 accepts it.
func fastParse(text []byte, a *arena) *yaml.Node {
	if !fastText(text) {
		return nil
	}
	lines := bytes.Count(text, []byte{'\n'}) + 1
	// A line holds a key and its value, or an item and the list it
	// starts; a flow list adds its items, one more than its commas.
	nodes := 2*lines + bytes.Count(text, []byte{'['}) + bytes.Count(text, []byte{','}) + 1
	if cap(a.nodes) < nodes {
		a.nodes = make([]yaml.Node, nodes)
	}
	// The Content of the root (a key and a value a line at most), then
	// of every list.
	if cap(a.ptrs) < nodes+2*lines {
		a.ptrs = make([]*yaml.Node, nodes+2*lines)
	}
	p := fastParser{nodes: a.nodes[:0:nodes], ptrs: a.ptrs[2*lines : 2*lines : nodes+2*lines]}
	fields := a.ptrs[: 0 : 2*lines]
	defer func() { a.used, a.usedPtrs = len(p.nodes), 2*lines+len(p.ptrs) }()
	root := p.node(yaml.MappingNode, 0, "!!map", "", 0, 0)
	line := 0
	for rest := text; len(rest) > 0; {
		l, next := cutLineFast(rest)
		line++
		rest = next
		if len(l) == 0 {
			continue
		}
		k := keyLen(l)
		if k == 0 || k == len(l) || l[k] != ':' || k > 1000 {
			return nil
		}
		key := fieldName(l[:k])
		if tag, ok := plainTag(key); !ok || tag != "!!str" {
			return nil
		}
		kn := p.node(yaml.ScalarNode, 0, "!!str", key, line, 1)
		if root.Line == 0 {
			root.Line, root.Column = line, 1
		}
		var vn *yaml.Node
		if k+1 == len(l) {
			// An empty value: a block list must follow.
			vn, rest = p.blockList(rest, &line)
		} else {
			if l[k+1] != ' ' {
				return nil
			}
			i := k + 1
			for i < len(l) && l[i] == ' ' {
				i++
			}
			if i == len(l) {
				return nil
			}
			if l[i] == '[' {
				vn = p.flowList(l, i, line)
			} else {
				var end int
				vn, end = p.scalar(l, i, line, false)
				if vn != nil && !onlySpaces(l[end:]) {
					vn = nil
				}
			}
		}
		if kn == nil || vn == nil || len(fields)+2 > cap(fields) {
			return nil
		}
		fields = append(fields, kn, vn)
	}
	if root.Line == 0 {
		return nil
	}
	root.Content = fields
	return root
}

// arena holds the nodes of one document, reused once the document is
// decoded (see Fields.Release).
type arena struct {
	nodes          []yaml.Node
	ptrs           []*yaml.Node
	used, usedPtrs int // how much the last fastParse used
}

var arenas = sync.Pool{New: func() any { return new(arena) }}

// release clears the nodes the last fastParse made (their strings are the
// caller's now) and gives the arena back to be reused.
func (a *arena) release() {
	clear(a.nodes[:a.used])
	clear(a.ptrs[:a.usedPtrs])
	a.used, a.usedPtrs = 0, 0
	arenas.Put(a)
}

// fieldName returns the contract's field names without allocating them.
func fieldName(b []byte) string {
	switch string(b) {
	case "title":
		return "title"
	case "date":
		return "date"
	case "to":
		return "to"
	case "from":
		return "from"
	case "in_reply_to":
		return "in_reply_to"
	case "cites":
		return "cites"
	case "topics":
		return "topics"
	case "response_due":
		return "response_due"
	case "received":
		return "received"
	case "summary":
		return "summary"
	case "name":
		return "name"
	case "type":
		return "type"
	case "region":
		return "region"
	case "url":
		return "url"
	case "publisher":
		return "publisher"
	case "year":
		return "year"
	}
	return string(b)
}

type fastParser struct {
	nodes []yaml.Node  // every node, allocated at once
	ptrs  []*yaml.Node // every Content slice, allocated at once
}

// node adds a node; nil if the estimate of how many there are was short
// (it cannot be, see fastParse).
func (p *fastParser) node(kind yaml.Kind, style yaml.Style, tag, value string, line, col int) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		return nil
	}
	p.nodes = append(p.nodes, yaml.Node{Kind: kind, Style: style, Tag: tag, Value: value, Line: line, Column: col})
	return &p.nodes[len(p.nodes)-1]
}

// fastText reports whether text holds only characters yaml.v3 reads
// without complaint and that cannot start anything fastParse does not
// handle: printable characters (as yaml.v3 defines them) other than the
// tab and the carriage return, and no NEL, U+2028 or U+2029 (line breaks
// to YAML).
func fastText(text []byte) bool {
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' || (c >= 0x20 && c <= 0x7e) {
			i++
			continue
		}
		if c < 0x80 {
			return false
		}
		r, n := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError || n < 2 || n > 3 || r == 0x2028 || r == 0x2029 || !printable(text[i:]) {
			return false
		}
		i += n
	}
	return true
}

// printable is yaml.v3's test of a character (is_printable) for a
// two- or three-byte UTF-8 sequence at the start of b.
func printable(b []byte) bool {
	switch {
	case b[0] == 0xc2:
		return b[1] >= 0xa0
	case b[0] > 0xc2 && b[0] < 0xed:
		return true
	case b[0] == 0xed:
		return b[1] < 0xa0
	case b[0] == 0xee:
		return true
	case b[0] == 0xef:
		return len(b) >= 3 && !(b[1] == 0xbb && b[2] == 0xbf) && !(b[1] == 0xbf && (b[2] == 0xbe || b[2] == 0xbf))
	}
	return false
}

func cutLineFast(b []byte) (line, rest []byte) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

// keyLen is the length of the field name l starts with: a letter or _,
// then letters, digits, _ and -.
func keyLen(l []byte) int {
	if len(l) == 0 || !(isLetter(l[0]) || l[0] == '_') {
		return 0
	}
	i := 1
	for i < len(l) && (isLetter(l[i]) || isDigit(l[i]) || l[i] == '_' || l[i] == '-') {
		i++
	}
	return i
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

func onlySpaces(b []byte) bool {
	for _, c := range b {
		if c != ' ' {
			return false
		}
	}
	return true
}

// col is the column yaml.v3 gives byte offset i of line l: characters
// count one each.
func col(l []byte, i int) int { return utf8.RuneCount(l[:i]) + 1 }

// scalar reads the scalar at l[i:] (inFlow: inside [ ]) and returns its
// node and where it ends; nil if it is not one fastParse handles.
func (p *fastParser) scalar(l []byte, i, line int, inFlow bool) (*yaml.Node, int) {
	switch q := l[i]; q {
	case '"', '\'':
		j := bytes.IndexByte(l[i+1:], q)
		if j < 0 {
			return nil, 0
		}
		inner := l[i+1 : i+1+j]
		end := i + 2 + j
		if bytes.IndexByte(inner, '\\') >= 0 || (end < len(l) && l[end] == q) {
			return nil, 0
		}
		style := yaml.DoubleQuotedStyle
		if q == '\'' {
			style = yaml.SingleQuotedStyle
		}
		return p.node(yaml.ScalarNode, style, "!!str", string(inner), line, col(l, i)), end
	}
	end := len(l)
	if inFlow {
		end = i + bytes.IndexAny(l[i:], ",]")
		if end < i {
			return nil, 0
		}
	}
	v := bytes.TrimRight(l[i:end], " ")
	if len(v) == 0 || bytes.Contains(v, []byte(": ")) || bytes.Contains(v, []byte(" #")) || v[len(v)-1] == ':' {
		return nil, 0
	}
	// In a flow list, only plain words (ids, mostly) take the fast path:
	// yaml.v3 reads indicators there ("?", "&", "!" ...) in ways of its own.
	if inFlow && bytes.ContainsFunc(v, func(r rune) bool {
		return !(r < 0x80 && (isLetter(byte(r)) || isDigit(byte(r))) || r >= 0x80 && unicode.IsLetter(r) || r == ' ' || r == '-' || r == '_' || r == '.' || r == '/')
	}) {
		return nil, 0
	}
	s := string(v)
	tag, ok := plainTag(s)
	if !ok {
		return nil, 0
	}
	return p.node(yaml.ScalarNode, 0, tag, s, line, col(l, i)), end
}

// plainTag is the tag yaml.v3 resolves a plain scalar to, for those that
// start with a letter or a slash (text, true/false, null), a date or a
// plain whole number; ok is false for anything else.
func plainTag(s string) (tag string, ok bool) {
	c := s[0]
	switch {
	case isLetter(c):
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool", true
		case "null", "Null", "NULL":
			return "!!null", true
		}
		return "!!str", true
	case c == '/':
		return "!!str", true
	case isDigit(c):
		// yaml.v3 tries a date, then a number; ids that start with a date
		// (2019-02-12-ehrc) are neither.
		if strings.ContainsFunc(s, func(r rune) bool { return !(r < 0x80 && (isLetter(byte(r)) || isDigit(byte(r)) || r == '-')) }) {
			return "", false
		}
		if _, err := time.Parse("2006-1-2", s); err == nil {
			return "!!timestamp", true
		}
		if isDateShape(s) {
			return "!!str", true // an impossible date
		}
		if !strings.ContainsFunc(s, func(r rune) bool { return !isDigit(byte(r)) }) {
			if len(s) > 18 || (c == '0' && len(s) > 1) {
				return "", false
			}
			return "!!int", true
		}
		// With a hyphen after the first character, and a letter other than
		// e or E (1e-5 is a number), no number or date can be read; but
		// yaml.v3 reads what follows 0b, 0o (and 0x) as a number of its
		// own, sign included: "0b-0" is an int. Those are left to it.
		if c == '0' && len(s) > 1 && isLetter(s[1]) {
			return "", false
		}
		if strings.IndexByte(s[1:], '-') >= 0 && strings.ContainsFunc(s, func(r rune) bool { return isLetter(byte(r)) && r|0x20 != 'e' }) {
			return "!!str", true
		}
	}
	return "", false
}

// isDateShape reports whether s is NNNN-NN-NN.
func isDateShape(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != 4 && i != 7 && !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// flowList reads a list written [a, b] that ends its line, l[i] being "[".
func (p *fastParser) flowList(l []byte, i, line int) *yaml.Node {
	seq := p.node(yaml.SequenceNode, yaml.FlowStyle, "!!seq", "", line, col(l, i))
	if seq == nil {
		return nil
	}
	start := len(p.ptrs)
	j := skipSpaces(l, i+1)
	if j < len(l) && l[j] == ']' {
		j++
	} else {
		for {
			if j == len(l) {
				return nil
			}
			item, end := p.scalar(l, j, line, true)
			if item == nil || len(p.ptrs) == cap(p.ptrs) {
				return nil
			}
			p.ptrs = append(p.ptrs, item)
			j = skipSpaces(l, end)
			if j == len(l) {
				return nil
			}
			if l[j] == ']' {
				j++
				break
			}
			if l[j] != ',' {
				return nil
			}
			j = skipSpaces(l, j+1)
			if j < len(l) && l[j] == ']' {
				return nil // a trailing comma
			}
		}
	}
	if !onlySpaces(l[j:]) {
		return nil
	}
	seq.Content = p.ptrs[start:len(p.ptrs):len(p.ptrs)]
	return seq
}

func skipSpaces(l []byte, i int) int {
	for i < len(l) && l[i] == ' ' {
		i++
	}
	return i
}

// blockList reads the lines "- item" (all indented alike) that follow an
// empty value, advancing *line past them; nil if there are none or one is
// not a scalar fastParse handles.
func (p *fastParser) blockList(rest []byte, line *int) (*yaml.Node, []byte) {
	var seq *yaml.Node
	start := len(p.ptrs)
	indent := -1
	for len(rest) > 0 {
		l, next := cutLineFast(rest)
		n := skipSpaces(l, 0)
		if indent < 0 {
			indent = n
		}
		if n != indent || n+1 >= len(l) || l[n] != '-' || l[n+1] != ' ' {
			break
		}
		*line++
		if seq == nil {
			seq = p.node(yaml.SequenceNode, 0, "!!seq", "", *line, n+1)
			if seq == nil {
				return nil, nil
			}
		}
		i := skipSpaces(l, n+2)
		if i == len(l) || l[i] == '[' || l[i] == '-' {
			return nil, nil
		}
		item, end := p.scalar(l, i, *line, false)
		if item == nil || !onlySpaces(l[end:]) || len(p.ptrs) == cap(p.ptrs) {
			return nil, nil
		}
		p.ptrs = append(p.ptrs, item)
		rest = next
	}
	if seq == nil {
		return nil, nil
	}
	seq.Content = p.ptrs[start:len(p.ptrs):len(p.ptrs)]
	return seq, rest
}
