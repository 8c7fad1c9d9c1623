// Package esc writes strings as html/template's escapers do (see
// $GOROOT/src/html/template: html.go, url.go), for the compiled renderer
// (internal/render's fast_gen.go). The generator (internal/gen) maps the
// escaper calls html/template inserts into the layouts' parse trees to
// these; TestEscapersMatchHTMLTemplate and FuzzEscapers compare them with
// html/template.
package esc

// htmlEsc is html/template's htmlReplacementTable (html.go): the bytes
// escaped in text and in quoted attribute values. htmlReplacer works by
// rune, but only runes below len(htmlEsc) are replaced, and in UTF-8 such
// a byte is always a rune of its own (an invalid byte decodes to U+FFFD,
// which is left alone): working by byte gives the same output.
var htmlEsc = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// AppendEsc appends s as html/template's htmlEscaper (text, <title>) and
// attrEscaper (quoted attribute values other than URLs) write a string.
func AppendEsc(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; escapes[c] {
			b = append(b, s[last:i]...)
			b = append(b, htmlEsc[c]...)
			last = i + 1
		}
	}
	return append(b, s[last:]...)
}

// escapes marks the bytes htmlEsc replaces: a byte table, not the
// strings', is what the loop over every title and summary looks at.
var escapes = func() (t [256]bool) {
	for c, e := range htmlEsc {
		t[c] = e != ""
	}
	return t
}()

// urlKeep marks the bytes urlNormalizer leaves as they are (url.go,
// processURLOnto with norm): RFC 3986's unreserved characters and the
// reserved ones that structure a URL; '%' is kept only before two hex
// digits.
var urlKeep = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "!#$&*+,/:;=?@[]-._~" {
		t[c] = true
	}
	return t
}()

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// AppendURL appends s as html/template writes a value that is the whole of
// a URL-valued attribute (href="{{.}}"): urlFilter (a scheme other than
// http, https or mailto becomes #ZgotmplZ), then urlNormalizer
// (percent-encoding what a URL may not hold), then attrEscaper (of which
// only '&' and '+' survive normalizing).
func AppendURL(b []byte, s string) []byte {
	if !safeURL(s) {
		return append(b, "#ZgotmplZ"...)
	}
	return AppendURLNorm(b, s)
}

// AppendURLNorm appends s as html/template writes a value in a URL-valued
// attribute after its start (href="/x/{{.}}"): urlNormalizer, then
// attrEscaper.
func AppendURLNorm(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '&':
			b = append(b, "&amp;"...)
		case c == '+':
			b = append(b, "&#43;"...)
		case urlKeep[c]:
			b = append(b, c)
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			b = append(b, c)
		default:
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}

// safeURL is html/template's isSafeURL: a relative URL, or one whose
// scheme is http, https or mailto (in any case).
func safeURL(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '/':
			return true
		case ':':
			p := s[:i]
			return equalFold(p, "http") || equalFold(p, "https") || equalFold(p, "mailto")
		}
	}
	return true
}

// equalFold is strings.EqualFold for a lower-case ASCII word w.
func equalFold(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// urlQueryKeep marks the bytes urlEscaper leaves as they are: RFC 3986's
// unreserved characters.
var urlQueryKeep = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
	}
	return t
}()

// AppendURLQuery appends s as html/template writes a value in a URL's
// query or fragment (href="#{{.}}"): urlEscaper percent-encodes every
// byte but the unreserved ones, which leaves attrEscaper nothing to do.
func AppendURLQuery(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		if c := s[i]; urlQueryKeep[c] {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}
