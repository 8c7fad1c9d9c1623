package search

import (
	"bytes"
	"html"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"letterpress/internal/content"
	"letterpress/internal/markdown"
	"letterpress/internal/sitetest"
)

// appendHTMLText is the plain statement of a body's text, against which
// htmlText is checked: it appends the text of rendered HTML to dst, tags
// dropped, entities decoded, each run of white space one space, none at
// either end (see htmlChars).
func appendHTMLText(dst, b []byte) []byte {
	for _, c := range htmlChars(b) {
		dst = append(dst, c...)
	}
	return dst
}

// htmlChars is the text of rendered HTML, a character at a time, each a
// character of a piece of text between two tags (or a byte of one that
// is not UTF-8). A tag separates words, except the tags of plainInline; a
// footnote's link (class footnote-ref or footnote-backref) is dropped with
// its text, to its </a>.
func htmlChars(b []byte) []string {
	var dst []string
	space := false // a space is due before the next character
	text := func(s []byte) {
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRune(s[i:])
			if unicode.IsSpace(r) {
				space = true
			} else {
				if space && len(dst) > 0 {
					dst = append(dst, " ")
				}
				space = false
				dst = append(dst, string(s[i:i+n]))
			}
			i += n
		}
	}
	for i := 0; i < len(b); {
		if b[i] == '<' {
			end := bytes.IndexByte(b[i:], '>')
			if end < 0 {
				break
			}
			tag := string(b[i+1 : i+end])
			i += end + 1
			// The name: ASCII letters and digits, lower-cased.
			name := strings.TrimPrefix(tag, "/")
			if k := strings.IndexFunc(name, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') }); k >= 0 {
				name = name[:k]
			}
			name = strings.ToLower(name)
			switch {
			case name == "a" && tag[0] != '/' && (strings.Contains(tag, `class="footnote-ref"`) || strings.Contains(tag, `class="footnote-backref"`)):
				if k := bytes.Index(b[i:], []byte("</a>")); k >= 0 {
					i += k + len("</a>")
				} else {
					i = len(b)
				}
			case !slices.Contains(plainInline, name):
				space = true // a tag separates words
			}
			continue
		}
		end := bytes.IndexByte(b[i:], '<')
		if end < 0 {
			end = len(b) - i
		}
		seg := b[i : i+end]
		if bytes.IndexByte(seg, '&') >= 0 {
			text([]byte(html.UnescapeString(string(seg))))
		} else {
			text(seg)
		}
		i += end
	}
	return dst
}

// plainInline are the elements within a line of text, whose tags do not
// separate words.
var plainInline = strings.Fields("a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup time u var wbr")

// checkHTMLText checks that htmlText finds in b the terms, and the start,
// of appendHTMLText's text.
func checkHTMLText(t *testing.T, h *htmlText, b []byte) {
	t.Helper()
	chars := htmlChars(b)
	text := []byte(strings.Join(chars, ""))
	var want []string
	eachToken(text, func(w []byte) { want = append(want, string(w)) })
	for _, n := range []int{passageLen + 1, 0, 1, 2, 3, 7, 40} {
		var got []string
		start := h.scan(b, n, func(w []byte) { got = append(got, string(w)) })
		if !slices.Equal(got, want) {
			t.Fatalf("terms of %q:\ngot  %q\nwant %q", b, got, want)
		}
		if w := strings.Join(chars[:min(n, len(chars))], ""); string(start) != w {
			t.Fatalf("first %d characters of %q: got %q, want %q", n, b, start, w)
		}
	}
	if got, want := appendUnescaped([]byte("x"), b), "x"+html.UnescapeString(string(b)); string(got) != want {
		t.Fatalf("appendUnescaped(%q) = %q, want %q", b, got, want)
	}
}

// htmlPieces are what the random HTML of TestHTMLTextMatchesReference is
// made of: tags, broken tags, entities known and not, every kind of white
// space, curly apostrophes, Welsh letters and bytes that are not UTF-8.
var htmlPieces = []string{
	"<p>", "</p>", "<a href=\"/x/\" title=\"a &amp; b\">", "</a>", "<br>", "<", ">", "<em", "/>", "<!-- c -->",
	"<em>", "</em>", "<STRONG>", "</strong>", "<sup id=\"fnref:1\">", "</sup>", "<a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">",
	"<a href=\"#fnref:1\" class=\"footnote-backref\">", "<span class=\"x\">", "</span>", "<li>", "<h2>", "<strongest>", "</",
	"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#34;", "&#160;", "&nbsp;", "&rsquo;", "&lsquo;", "&ldquo;",
	"&rdquo;", "&ndash;", "&mdash;", "&hellip;", "&laquo;", "&raquo;", "&", "&;", "&amp", "&rsquo", "&#39",
	"&#x27;", "&#0;", "&#128;", "&#xD800;", "&notit;", "&not", "&ampx;", "&AMP;", "&hellip ;", "&#;", "&&amp;",
	"a", "b", "Z", "9", "the", "of", "yn", "mae", "an", "its", "Dŵr", "café", "Ŵ", "ŷ", "ẅ", "â", "don't",
	"O’Brien", "’", "'", "é", "É", "ß", "İ", "日本", "Ω", "x1",
	" ", "  ", "\n", "\t", "\r\n", "\v", "\f", ",", ".", "-", "\u00a0", "\u0085", "\u2028", "\u2003", "\u3000",
	"\u200b", "\xff", "\xe2", "\xe2\x80", "\x80", "\xc3", "\xa9", "\xf0\x9f", "\xed\xa0\x80", "\uFFFD",
}

func randomHTML(rng *rand.Rand, pieces int) []byte {
	var b []byte
	for range rng.IntN(pieces) {
		b = append(b, htmlPieces[rng.IntN(len(htmlPieces))]...)
	}
	return b
}

func TestHTMLTextMatchesReference(t *testing.T) {
	var h htmlText
	cases := []string{
		"", " ", "<", ">", "&", "a<b", "a<b>c", "wo<b>rd</b>s", " <p> lead and trail </p> ", "a\u00a0b",
		"don&rsquo;t", "don&#39;t", "O&rsquo;Brien", "&lt;p&gt;", "x &amp y", "&notit; &notin;", "caf&eacute;",
		"\xe2<b>\x80\xa6", "\xe2 \x80\xa6", "\xe2\x80", "a\xe2\u00a0b", strings.Repeat("abc ", 100),
		strings.Repeat("ŵ", 300), strings.Repeat("\xff", 300), strings.Repeat("<i>x</i>", 300),
	}
	for _, c := range cases {
		checkHTMLText(t, &h, []byte(c))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		checkHTMLText(t, &h, randomHTML(rng, 16))
	}
	// Long ones, whose start is cut.
	for range 500 {
		checkHTMLText(t, &h, randomHTML(rng, 400))
	}
}

type noResolver struct{}

func (noResolver) Resolve(content.Kind, string) (markdown.Target, bool) {
	return markdown.Target{URL: "/x/", Title: "X"}, true
}

// TestHTMLTextOfBodies checks htmlText on the rendered bodies of a
// generated site, in both languages.
func TestHTMLTextOfBodies(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a site")
	}
	gen := sitetest.Generated(t, 200)
	var bodies [][]byte
	_ = filepath.WalkDir(filepath.Join(gen, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if data, err := os.ReadFile(p); err == nil {
				if parts := bytes.SplitN(data, []byte("\n---\n"), 2); len(parts) == 2 {
					data = parts[1]
				}
				bodies = append(bodies, data)
			}
		}
		return nil
	})
	if len(bodies) < 200 {
		t.Fatalf("only %d bodies in the generated site", len(bodies))
	}
	var h htmlText
	entityBodies := 0
	for _, lang := range []string{"en", "cy"} {
		m := markdown.New(lang)
		for _, body := range bodies {
			res, err := m.Convert(body, noResolver{})
			if err != nil {
				t.Fatal(err)
			}
			b := res.Bytes()
			if bytes.IndexByte(b, '&') >= 0 {
				entityBodies++
			}
			checkHTMLText(t, &h, b)
		}
	}
	t.Logf("%d bodies, %d with entities", len(bodies), entityBodies/2)
}

// TestStopwordTable: keepShort agrees with stopwords for every term of 2
// to maxStopword bytes.
func TestStopwordTable(t *testing.T) {
	check := func(w string) {
		t.Helper()
		want := utf8.RuneCountInString(w) > 1 && !stopwords[w]
		if got := keepShort([]byte(w)); got != want {
			t.Fatalf("keepShort(%q) = %v, want %v", w, got, want)
		}
	}
	for w := range stopwords {
		if len(w) > 1 {
			check(w)
		}
		for i := 2; i < len(w); i++ {
			check(w[:i])
		}
	}
	// Every term of 2 or 3 ASCII letters and digits, and random ones of 4
	// and of other characters.
	const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	for _, a := range alnum {
		for _, b := range alnum {
			check(string(a) + string(b))
			for _, c := range alnum {
				check(string(a) + string(b) + string(c))
			}
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	letters := []rune(alnum + "éŵßΩ日")
	for range 100000 {
		var w []byte
		for len(w) < 2 || len(w) <= maxStopword && rng.IntN(3) > 0 {
			w = utf8.AppendRune(w, letters[rng.IntN(len(letters))])
		}
		if len(w) <= maxStopword {
			check(string(w))
		}
	}
}

func TestEntitiesFit(t *testing.T) {
	for e, r := range entities {
		if len(e) > maxEntity || strings.IndexByte(e, ';') != len(e)-1 || r == e {
			t.Errorf("entity %q (%q) does not fit appendUnescaped", e, r)
		}
	}
}

// generatedBodies are the rendered bodies of a generated site of n letters.
func generatedBodies(tb testing.TB, n int) [][]byte {
	gen := sitetest.Generated(tb, n)
	var out [][]byte
	_ = filepath.WalkDir(filepath.Join(gen, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if data, err := os.ReadFile(p); err == nil {
				if parts := bytes.SplitN(data, []byte("\n---\n"), 2); len(parts) == 2 {
					data = parts[1]
				}
				res, err := markdown.New("en").Convert(data, noResolver{})
				if err != nil {
					tb.Fatal(err)
				}
				out = append(out, res.Bytes())
			}
		}
		return nil
	})
	return out
}

// BenchmarkSearchText: a body's terms and start, as the search index
// takes them, with a map lookup for each term as the index makes.
func BenchmarkSearchText(b *testing.B) {
	bodies := generatedBodies(b, 1000)
	size := 0
	for _, body := range bodies {
		size += len(body)
	}
	b.Run("reference", func(b *testing.B) {
		var text []byte
		b.SetBytes(int64(size))
		for b.Loop() {
			m := map[string]*int{}
			for _, body := range bodies {
				text = appendHTMLText(text[:0], body)
				eachToken(text, func(t []byte) { lookupTerm(m, t) })
				_ = string(prefixRunes(text, passageLen+1))
			}
		}
	})
	b.Run("scan", func(b *testing.B) {
		var h htmlText
		b.SetBytes(int64(size))
		for b.Loop() {
			m := map[string]*int{}
			for _, body := range bodies {
				_ = string(h.scan(body, passageLen+1, func(t []byte) { lookupTerm(m, t) }))
			}
		}
	})
	b.Run("table", func(b *testing.B) {
		var h htmlText
		b.SetBytes(int64(size))
		for b.Loop() {
			m := newTermTable[*termList]()
			for _, body := range bodies {
				_ = string(h.scan(body, passageLen+1, func(t []byte) {
					l, h := m.get(t)
					if l == nil {
						l = newTermList()
						m.add(t, h, l)
					}
					l.n++
				}))
			}
		}
	})
}

func lookupTerm(m map[string]*int, t []byte) {
	p := m[string(t)]
	if p == nil {
		p = new(int)
		m[string(t)] = p
	}
	*p++
}

// TestTermTable: termTable finds what a map finds, as it grows, for terms
// of every length, many alike.
func TestTermTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	m := newTermTable[*termList]()
	want := map[string]*termList{}
	alphabet := []byte("ab\xc5\xb5")
	for i := range 200000 {
		w := make([]byte, rng.IntN(20))
		for j := range w {
			w[j] = alphabet[rng.IntN(len(alphabet))]
		}
		if i%3 == 0 {
			w = []byte("term" + string(rune('a'+i%26)) + strings.Repeat("x", i%17))
		}
		l, h := m.get(w)
		if l != want[string(w)] {
			t.Fatalf("get(%q) = %p, want %p", w, l, want[string(w)])
		}
		if h != termHash(w) {
			t.Fatalf("get(%q) hash %x, want %x", w, h, termHash(w))
		}
		if l == nil {
			l = &termList{}
			if s := m.add(w, h, l); s != string(w) {
				t.Fatalf("add(%q) = %q", w, s)
			}
			want[string(w)] = l
		}
	}
	if len(m.terms) != len(want) {
		t.Fatalf("%d terms, want %d", len(m.terms), len(want))
	}
	for _, e := range m.terms {
		if want[e.term] != e.v {
			t.Fatalf("term %q has the wrong list", e.term)
		}
	}
	t.Logf("%d terms in %d slots", len(m.terms), len(m.slots))
}

// TestPlainBytes: plainBytes agrees with byteKind for every byte at every
// place among eight.
func TestPlainBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for at := range 8 {
		for c := range 256 {
			for range 20 {
				var b [8]byte
				for k := range b {
					b[k] = byte(rng.IntN(256))
				}
				b[at] = byte(c)
				want := uint64(0)
				for k, c := range b {
					if byteKind[c] == plainByte {
						want |= 0x80 << (8 * k)
					}
				}
				if got := plainBytes(le64(b[:])); got != want {
					t.Fatalf("plainBytes(%q) = %x, want %x", b, got, want)
				}
			}
		}
	}
}

// TestPrefixRunes: prefixRunes cuts where ranging over the string counts
// characters (a byte that is not UTF-8 counting as one).
func TestPrefixRunes(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for range 5000 {
		s := string(randomHTML(rng, 12))
		for _, n := range []int{0, 1, 2, 3, 5, 8, 13, 40, passageLen + 1} {
			want, count := s, 0
			for i := range s {
				if count == n {
					want = s[:i]
					break
				}
				count++
			}
			if got := prefixRunes(s, n); got != want {
				t.Fatalf("prefixRunes(%q, %d) = %q, want %q", s, n, got, want)
			}
			if got := prefixRunes([]byte(s), n); string(got) != want {
				t.Fatalf("prefixRunes([]byte(%q), %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}
