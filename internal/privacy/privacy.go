package privacy

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what a finding looks like.
type Kind int

const (
	Email Kind = iota
	Phone
	Postcode
)

func (k Kind) String() string {
	switch k {
	case Email:
		return "email address"
	case Phone:
		return "telephone number"
	default:
		return "postcode"
	}
}

// Finding is one contact detail in a text.
type Finding struct {
	Kind       Kind
	Start, End int    // byte offsets of the detail in the text
	Text       string // the text there, as written
	// Seen is the detail as a reader sees it: Text with its character
	// references, escapes, percent-encoding, emphasis markers and
	// Unicode compatibility forms read (see reading). Most often, Text.
	Seen string
}

// Scan returns every email address, UK telephone number and full UK
// postcode in src, in order: those in src as it is written, and those a
// reader sees (see reading), each at the bytes of src it was read from.
// Where the two overlap, the longer is kept (the one as written if they are
// the same bytes), so nothing found in the text as written is lost. The
// reasons of redaction marks are scanned like any text: they are
// published.
func Scan(src []byte) []Finding {
	out, needsReading := scan(src, true)
	for i, f := range out {
		out[i].Text = string(src[f.Start:f.End])
		out[i].Seen = out[i].Text
	}
	if !needsReading {
		return out
	}
	r := read(src)
	seen, _ := scan(r.text, false)
	if len(seen) == 0 {
		return out
	}
	for i, f := range seen {
		seen[i].Seen = string(r.text[f.Start:f.End])
		seen[i].Start, seen[i].End = r.start(f.Start), r.end(f.End)
		seen[i].Text = string(src[seen[i].Start:seen[i].End])
	}
	return merge(out, seen)
}

// merge keeps the longest of each run of overlapping findings, in order,
// the one as written when as long.
func merge(written, seen []Finding) []Finding {
	all := append(written, seen...)
	sortFindings(all)
	out := all[:0]
	for _, f := range all {
		if n := len(out); n > 0 && f.Start < out[n-1].End {
			if f.End-f.Start > out[n-1].End-out[n-1].Start {
				out[n-1] = f
			}
			continue
		}
		out = append(out, f)
	}
	return out
}

// scanText finds the details in text as it is written, with their
// offsets (and no Text).
func scanText(src []byte) []Finding {
	out, _ := scan(src, false)
	return out
}

// Classes of bytes for scan.
const (
	classPhone = 1 << iota // a number can start with it
	classDigit             // an inward code can
	classGate              // gate marks it
)

var classes = func() (t [256]uint8) {
	for c := range t {
		if phoneStart(byte(c)) {
			t[c] |= classPhone
		}
		if isDigit(byte(c)) {
			t[c] |= classDigit
		}
		if gate[c] {
			t[c] |= classGate
		}
	}
	return t
}()

func phoneStart(c byte) bool { return c == '+' || c == '0' || c == '(' }

// scan finds the details in text as it is written, with their offsets, in
// one pass over its bytes (most are none of the few that can start
// anything) and a search for each '@'. With withGate set it also answers
// needsReading, in the same pass.
func scan(src []byte, withGate bool) (out []Finding, needsReading bool) {
	for _, m := range findEmails(src) {
		if isEmail(src, m[0], m[1]) {
			out = append(out, Finding{Kind: Email, Start: m[0], End: m[1]})
		}
	}
	var r reading
	phoneEnd, postcodeEnd, gateNext := 0, 0, 0
	for i := 0; i < len(src); i++ {
		k := classes[src[i]]
		if k == 0 {
			continue
		}
		if k&classPhone != 0 && i >= phoneEnd {
			if end, ok := phoneAt(src, i); ok {
				out = append(out, Finding{Kind: Phone, Start: i, End: end})
				phoneEnd = end
			}
		}
		if k&classDigit != 0 && i+2 < len(src) && isUpper(src[i+1]) && isUpper(src[i+2]) && i >= postcodeEnd {
			// A digit followed by two capitals, as every inward code is
			// (and no outward code has): a postcode ends with it and
			// starts at most six bytes before it (the longest outward
			// code and a no-break space). The regular expression is slow
			// over a whole letter; here it runs over those bytes only.
			l := max(postcodeEnd, i-6)
			for _, m := range postcodeRE.FindAllIndex(src[l:i+3], -1) {
				if l+m[1] == i+3 {
					postcodeEnd = l + m[1]
					if boundary(src, l+m[0], l+m[1]) {
						out = append(out, Finding{Kind: Postcode, Start: l + m[0], End: l + m[1]})
					}
				}
			}
		}
		if k&classGate != 0 && withGate && !needsReading && i >= gateNext {
			needsReading, gateNext = r.gateAt(src, i)
		}
	}
	// Sort by offset: emails were found first.
	sortFindings(out)
	return out, needsReading
}

// sortFindings puts f in order of offset, keeping the order of those at the
// same offset.
func sortFindings(f []Finding) {
	slices.SortStableFunc(f, func(a, b Finding) int { return a.Start - b.Start })
}

// ---------------------------------------------------------------------------
// Email addresses.

var emailRE = regexp.MustCompile(`[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b`)

// fileExtensions end names such as logo@2x.png, which look like addresses.
var fileExtensions = map[string]bool{
	"png": true, "jpg": true, "jpeg": true, "gif": true, "svg": true, "webp": true, "avif": true,
	"pdf": true, "css": true, "js": true, "html": true, "md": true, "txt": true,
}

// findEmails returns what emailRE.FindAllIndex(src, -1) does. The regular
// expression is slow over a whole letter (it is tried at every byte), so
// it runs only around each '@': over the characters an address can have
// on either side of it, and the one after them (for its \b).
func findEmails(src []byte) [][]int {
	var out [][]int
	last := 0 // the end of the last match: FindAll goes on from there
	for p := bytes.IndexByte(src, '@'); p >= 0; {
		if p >= last {
			l := p
			for l > last && isLocal(src[l-1]) {
				l--
			}
			r := p + 1
			for r < len(src) && isDomain(src[r]) {
				r++
			}
			if m := emailRE.FindIndex(src[l:min(r+1, len(src))]); m != nil {
				out = append(out, []int{l + m[0], l + m[1]})
				last = l + m[1]
			}
		}
		q := bytes.IndexByte(src[p+1:], '@')
		if q < 0 {
			break
		}
		p += 1 + q
	}
	return out
}

// isLocal reports whether c can be in the local part of an address (before
// the '@'), as emailRE has it; isDomain, in the domain.
func isLocal(c byte) bool {
	return isDomain(c) || c == '_' || c == '%' || c == '+' || c == '\''
}

func isDomain(c byte) bool { return isLetter(c) || isDigit(c) || c == '.' || c == '-' }

func isEmail(src []byte, start, end int) bool {
	if start > 0 {
		switch src[start-1] {
		case '/', '.', '@':
			// A path in a web address (https://medium.com/team/bob@x.com),
			// or the tail of something longer that is not an address.
			return false
		}
	}
	if end < len(src) && src[end] == '@' {
		return false
	}
	m := string(src[start:end])
	tld := m[strings.LastIndexByte(m, '.')+1:]
	return !fileExtensions[strings.ToLower(tld)]
}

// ---------------------------------------------------------------------------
// Telephone numbers.

// phoneAt reads a UK telephone number starting at src[i], in any of the
// forms people write: 020 7946 0000, (020) 7946 0000, 01632 960000,
// 07700 900000, 07700900000, +44 20 7946 0000, +44 (0)20 7946 0000,
// 0044 20 7946 0000, 020-7946-0000. It returns the end of the number.
//
// To stay quiet about dates, reference numbers and ISBNs, a number must
// stand alone (no letter, digit or - / . before it), have 10 or 11 digits in
// its national form, start 01, 02, 03, 05, 07, 08 or 09, open with a group
// of at least three digits (two after +44) and continue in groups of at
// least two, each separated by a single space or hyphen.
func phoneAt(src []byte, i int) (int, bool) {
	if i > 0 {
		r, _ := utf8.DecodeLastRune(src[:i])
		if isWord(r) || strings.ContainsRune("-/.+_@=#&%£$€,", r) {
			return 0, false
		}
	}
	p := i
	var digits []byte // national form, starting 0
	firstMin := 3
	switch {
	case hasPrefix(src, p, "+44"):
		p += 3
		digits = []byte{'0'}
		firstMin = 2
	case hasPrefix(src, p, "0044"):
		p += 4
		digits = []byte{'0'}
		firstMin = 2
	}
	if len(digits) > 0 {
		// +44 20 ..., +44 (0)20 ..., +44(0) 20 ...
		p = skipSep(src, p)
		if hasPrefix(src, p, "(0)") {
			p += 3
			p = skipSep(src, p)
			firstMin = 2
		}
		if p >= len(src) || src[p] < '1' || src[p] > '9' {
			return 0, false
		}
	}
	// The first group, perhaps in brackets: (020) or (01632).
	bracket := len(digits) == 0 && p < len(src) && src[p] == '('
	if bracket {
		p++
	}
	start := p
	for p < len(src) && isDigit(src[p]) {
		p++
	}
	group := src[start:p]
	if bracket {
		if p >= len(src) || src[p] != ')' {
			return 0, false
		}
		p++
	}
	digits = append(digits, group...)
	if len(group) < firstMin || digits[0] != '0' {
		return 0, false
	}
	end := p
	// Further groups.
	for {
		q := skipSep(src, end)
		if q == end && !bracket {
			break
		}
		bracket = false
		gs := q
		for q < len(src) && isDigit(src[q]) {
			q++
		}
		if q == gs {
			break
		}
		if q-gs < 2 {
			return 0, false
		}
		digits = append(digits, src[gs:q]...)
		end = q
		if len(digits) > 11 {
			return 0, false
		}
	}
	if end < len(src) {
		r, _ := utf8.DecodeRune(src[end:])
		if isWord(r) {
			return 0, false
		}
		// 020 7946 0000-1: part of something longer.
		if (r == '-' || r == '/') && end+1 < len(src) && isDigit(src[end+1]) {
			return 0, false
		}
	}
	if n := len(digits); n < 10 || n > 11 {
		return 0, false
	}
	switch digits[1] {
	case '1', '2', '3', '5', '7', '8', '9':
	default:
		return 0, false
	}
	return end, true
}

// skipSep skips one separator between groups of a number: a space, a
// hyphen or a full stop.
func skipSep(src []byte, p int) int {
	if p < len(src) && (src[p] == ' ' || src[p] == '-' || src[p] == '.') {
		return p + 1
	}
	return p
}

func hasPrefix(src []byte, p int, s string) bool {
	return p <= len(src) && strings.HasPrefix(string(src[p:min(len(src), p+len(s))]), s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWord(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// ---------------------------------------------------------------------------
// Postcodes.

// postcodeRE is a full UK postcode (outward and inward code), in capitals,
// with the letters each position allows; GIR 0AA is Girobank's.
var postcodeRE = regexp.MustCompile(`(?:[A-PR-UWYZ](?:[0-9][0-9]?|[A-HK-Y][0-9][0-9]?|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])|GIR)(?: |\x{00a0})?[0-9][ABD-HJLNP-UW-Z]{2}`)

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// boundary reports whether src[start:end] stands alone as a word.
func boundary(src []byte, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRune(src[:start])
		if isWord(r) || r == '-' || r == '/' {
			return false
		}
	}
	if end < len(src) {
		r, _ := utf8.DecodeRune(src[end:])
		if isWord(r) || r == '-' || r == '/' {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------------
// The allow list.

// Allow is a set of contact details that may be published: the office's
// own, listed in site.yaml's privacy.allow. Entries match however they are
// written: email addresses in any case, numbers with any spacing and with
// or without +44, postcodes with or without the space.
type Allow struct {
	set map[string]bool
}

// NewAllow makes the set from site.yaml's list.
func NewAllow(entries []string) *Allow {
	a := &Allow{set: map[string]bool{}}
	for _, e := range entries {
		// As written, and in capitals for postcodes written in lower
		// case.
		found := append(Scan([]byte(e)), Scan([]byte(strings.ToUpper(e)))...)
		if len(found) == 0 {
			a.set[strings.ToLower(strings.TrimSpace(e))] = true
		}
		for _, f := range found {
			a.set[Normal(f)] = true
		}
	}
	return a
}

// Allowed reports whether f is on the list.
func (a *Allow) Allowed(f Finding) bool {
	return a != nil && a.set[Normal(f)]
}

// Normal is the form in which two spellings of the same detail compare
// equal: as seen (Finding.Seen), an address in lower case, a number as its
// national digits (02079460000), a postcode in capitals without spaces.
func Normal(f Finding) string {
	switch f.Kind {
	case Email:
		return strings.ToLower(f.Seen)
	case Phone:
		var b strings.Builder
		t := f.Seen
		if strings.HasPrefix(t, "+44") || strings.HasPrefix(t, "0044") {
			t = strings.TrimPrefix(strings.TrimPrefix(t, "+44"), "0044")
			t = strings.Replace(t, "(0)", "", 1)
			b.WriteByte('0')
		}
		for i := 0; i < len(t); i++ {
			if isDigit(t[i]) {
				b.WriteByte(t[i])
			}
		}
		return b.String()
	default:
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return unicode.ToUpper(r)
		}, f.Seen)
	}
}
