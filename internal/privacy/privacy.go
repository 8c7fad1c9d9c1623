// Package privacy finds contact details that may be personal data in the
// text of letters and replies: email addresses, UK telephone numbers and
// full UK postcodes. Replies are written by outside bodies and often end
// with a named officer's direct line or email; the office must not publish
// those by accident.
//
// The scanner works on the raw file text (front matter and body), so every
// finding has an exact byte offset in the file. It skips redaction marks
// ([redacted] and [redacted: reason], see Redaction) and anything a site
// lists in site.yaml's privacy.allow.
//
// It is a heuristic tuned to miss little while staying quiet about the
// numbers letters are full of: dates, report and ISBN numbers, money,
// times, version numbers and web addresses.
package privacy

import (
	"bytes"
	"regexp"
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
	Start, End int    // byte offsets of the match in the text
	Text       string // the text matched
}

// Scan returns every email address, UK telephone number and full UK
// postcode in src, in order, leaving out those inside a redaction mark.
func Scan(src []byte) []Finding {
	var out []Finding
	redacted := Redactions(src)
	inRedaction := func(start, end int) bool {
		for _, r := range redacted {
			if start < r[1] && end > r[0] {
				return true
			}
		}
		return false
	}
	add := func(k Kind, start, end int) {
		if !inRedaction(start, end) {
			out = append(out, Finding{Kind: k, Start: start, End: end, Text: string(src[start:end])})
		}
	}
	// The regular expressions are slow over a whole letter; most letters
	// have no '@' and no inward code (a digit and two capitals), so a
	// byte scan first decides whether they run at all.
	var emails, postcodes [][]int
	if bytes.IndexByte(src, '@') >= 0 {
		emails = emailRE.FindAllIndex(src, -1)
	}
	if mayHoldPostcode(src) {
		postcodes = postcodeRE.FindAllIndex(src, -1)
	}
	for _, m := range emails {
		if isEmail(src, m[0], m[1]) {
			add(Email, m[0], m[1])
		}
	}
	for i := 0; i < len(src); i++ {
		if c := src[i]; c != '+' && c != '0' && c != '(' {
			continue
		}
		if end, ok := phoneAt(src, i); ok {
			add(Phone, i, end)
			i = end - 1
		}
	}
	for _, m := range postcodes {
		if boundary(src, m[0], m[1]) {
			add(Postcode, m[0], m[1])
		}
	}
	// Sort by offset: three passes found them in three runs.
	sortFindings(out)
	return out
}

func sortFindings(f []Finding) {
	for i := 1; i < len(f); i++ {
		for j := i; j > 0 && f[j].Start < f[j-1].Start; j-- {
			f[j], f[j-1] = f[j-1], f[j]
		}
	}
}

// ---------------------------------------------------------------------------
// Email addresses.

var emailRE = regexp.MustCompile(`[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b`)

// fileExtensions end names such as logo@2x.png, which look like addresses.
var fileExtensions = map[string]bool{
	"png": true, "jpg": true, "jpeg": true, "gif": true, "svg": true, "webp": true, "avif": true,
	"pdf": true, "css": true, "js": true, "html": true, "md": true, "txt": true,
}

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
// no-break space or a hyphen.
func skipSep(src []byte, p int) int {
	switch {
	case p < len(src) && (src[p] == ' ' || src[p] == '-'):
		return p + 1
	case hasPrefix(src, p, "\u00a0"):
		return p + len("\u00a0")
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

// mayHoldPostcode reports whether src has a digit followed by two capital
// letters, as every postcode's inward code is.
func mayHoldPostcode(src []byte) bool {
	for i := 0; i+2 < len(src); i++ {
		if isDigit(src[i]) && isUpper(src[i+1]) && isUpper(src[i+2]) {
			return true
		}
	}
	return false
}

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
		found := Scan([]byte(strings.ToUpper(e)))
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
// equal: an address in lower case, a number as its national digits
// (02079460000), a postcode in capitals without spaces.
func Normal(f Finding) string {
	switch f.Kind {
	case Email:
		return strings.ToLower(f.Text)
	case Phone:
		var b strings.Builder
		t := f.Text
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
		}, f.Text)
	}
}
