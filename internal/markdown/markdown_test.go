package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"letterpress/internal/content"
	"letterpress/internal/sitetest"
)

type fakeResolver map[string]Target

func (f fakeResolver) Resolve(k content.Kind, id string) (Target, bool) {
	t, ok := f[k.Prefix()+":"+id]
	return t, ok
}

var resolver = fakeResolver{
	"report:annual-2020": {URL: "/reports/annual-2020/", Title: "Annual Report 2020"},
	"org:gwent-pcc":      {URL: "/organisations/gwent-pcc/", Title: "Gwent PCC"},
}

func convert(t *testing.T, src string) *Result {
	t.Helper()
	res, err := New("en").Convert([]byte(src), resolver)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestCrossReferences(t *testing.T) {
	res := convert(t, "See [the report](report:annual-2020) and [Gwent](org:gwent-pcc \"Own title\").\n\nAlso [gone](letter:nope).\n")
	html := string(res.HTML)
	for _, want := range []string{
		`<a href="/reports/annual-2020/" title="Annual Report 2020">the report</a>`,
		`<a href="/organisations/gwent-pcc/" title="Own title">Gwent</a>`,
		`Also gone.`, // an unresolved link keeps its text and loses its href
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if len(res.Refs) != 3 || !res.Refs[0].Resolved || !res.Refs[1].Resolved || res.Refs[2].Resolved {
		t.Fatalf("refs = %+v", res.Refs)
	}
	if res.Refs[0].Offset != 4 || res.Refs[2].Offset != strings.Index("See [the report](report:annual-2020) and [Gwent](org:gwent-pcc \"Own title\").\n\nAlso [gone]", "[gone]") {
		t.Errorf("offsets = %d, %d", res.Refs[0].Offset, res.Refs[2].Offset)
	}
}

func TestUnsafeMarkupNeverPublished(t *testing.T) {
	res := convert(t, "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](data:text/html;base64,PHNjcmlwdD4=) ![i](javascript:alert(1))\n")
	html := string(res.HTML)
	for _, bad := range []string{"<script", "onerror", "javascript:", "JaVaScRiPt", "data:text/html", `href=""`} {
		if strings.Contains(html, bad) {
			t.Errorf("output contains %q:\n%s", bad, html)
		}
	}
	if len(res.BadLinks) != 4 {
		t.Errorf("bad links = %+v", res.BadLinks)
	}
}

func TestEmptyLinksAndSummary(t *testing.T) {
	res := convert(t, "Dear Alun,\n\nMy [Strategic Plan](#) sets out *five* priorities.[^1]\n\n[^1]: A note.\n")
	if got := string(res.HTML); strings.Contains(got, `href="#"`) {
		t.Errorf("empty link published: %s", got)
	}
	if res.Summary != "My Strategic Plan sets out five priorities." {
		t.Errorf("summary = %q", res.Summary)
	}
	if res.Footnotes != 1 || res.FirstFootnote < 0 {
		t.Errorf("footnotes = %d at %d", res.Footnotes, res.FirstFootnote)
	}
	if !strings.Contains(string(res.HTML), "Back to reference 1") {
		t.Errorf("footnote backlink has no accessible text: %s", res.HTML)
	}
}

func TestGFMAndTypographer(t *testing.T) {
	res := convert(t, "# Next steps\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\" -- dash https://example.org\n")
	html := string(res.HTML)
	for _, want := range []string{`<h2 id="next-steps">`, "<table>", "<del>old</del>", "&ldquo;quoted&rdquo;", "&ndash;", `<a href="https://example.org">`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
}

// Table columns are aligned by class: a style attribute would be blocked
// by the site's Content-Security-Policy.
func TestTableAlignmentByClass(t *testing.T) {
	res, err := New("en").Convert([]byte("| Force | Days |\n|:---|---:|\n| Eastshire | 12 |\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := string(res.HTML)
	for _, want := range []string{`<th class="align-left">Force</th>`, `<th class="align-right">Days</th>`, `<td class="align-right">12</td>`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	if strings.Contains(got, "style=") {
		t.Errorf("a style attribute in\n%s", got)
	}
}

// TestPlainConverter: bodies in which no autolink can start convert to the
// same HTML without GFM's autolink extension (Convert skips it for them).
// The cases are what the extension's triggers (a space, *, _, ~ and ( ) meet
// at line ends, in emphasis, tables, footnotes and hard breaks; then every
// body of the repository's site and of a generated one.
func TestPlainConverter(t *testing.T) {
	bodies := []string{
		"foo bar \nbaz", "foo bar  \nbaz", "foo\\\nbar", "a *b* _c_ ~~d~~ (e) ~f~", " lead\n  and trail  ",
		"* item\n* item *em*\n\n1. one (two)\n", "| a | b |\n|:--|--:|\n| *x* | (y) |\n", "> quote ~~x~~\n> more  \n",
		"Text.[^1] more (see [^2])\n\n[^1]: Note *one*.\n[^2]: Note (two)\n", "word\t tab\u00a0nbsp \u2003em",
		"\"Quotes\" -- and --- dashes... 'single'", "[link](report:annual-2020) and [x](org:gwent-pcc \"t\")",
		"**bold**_under_*star*", "( ( ( nested ) ) )", "~~~\ncode ~ *\n~~~\n", "    indented  \n", "[redacted: a reason] and [x]",
		"#Heading *one*\n\nPara", "- [ ] task (a)\n- [x] done *b*\n", "a\r\nb \r\nc  \r\n", "_ * ~ (",
	}
	root := filepath.Join("..", "..", "content")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if data, err := os.ReadFile(p); err == nil {
				bodies = append(bodies, string(data))
			}
		}
		return nil
	})
	if !testing.Short() {
		gen := sitetest.Generated(t, 200)
		_ = filepath.WalkDir(filepath.Join(gen, "content"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				if data, err := os.ReadFile(p); err == nil {
					if parts := bytes.SplitN(data, []byte("\n---\n"), 2); len(parts) == 2 {
						data = parts[1]
					}
					bodies = append(bodies, string(data))
				}
			}
			return nil
		})
	}
	plain := 0
	for _, lang := range []string{"en", "cy"} {
		m := New(lang)
		for _, b := range bodies {
			if !mayAutolink([]byte(b)) {
				plain++
			}
			samePlain(t, m, []byte(b))
		}
	}
	t.Logf("%d of %d bodies convert without autolinks", plain/2, len(bodies))
	if plain == 0 {
		t.Fatal("no body without a possible autolink: the test compares nothing")
	}
}

// FuzzSpaceCollapser: the summary's text collapses white space exactly as
// strings.Fields and strings.Join would, however it is split into writes
// (of whole characters).
func FuzzSpaceCollapser(f *testing.F) {
	for _, s := range []string{"", " ", "a", " a  b\t\nc ", "\u00a0x\u0085y\u2003z\u3000", "é è\xff \xe2\x80", "a\u200bb"} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, s string, cut int) {
		var w spaceCollapser
		cut = min(max(cut, 0), len(s))
		for cut > 0 && cut < len(s) && !utf8.RuneStart(s[cut]) {
			cut-- // text nodes hold whole characters
		}
		w.add([]byte(s[:cut]))
		w.add([]byte(s[cut:]))
		if got, want := string(w.buf), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
	})
}

// FuzzSummary: the summary is cut from the paragraph's bytes as it was
// from a string of the whole paragraph (strings.ToLower to recognise a
// salutation, then a cut at a sentence or word boundary).
func FuzzSummary(f *testing.F) {
	for _, s := range []string{"", "Dear Alun,", "DEAR ALUN,", "Annwyl Gomisiynydd,", "dear\u00a0x", "Dİar x", "d\xffear x",
		strings.Repeat("A sentence. ", 40), strings.Repeat("wörd ", 80), strings.Repeat("x", 400) + "\xff", strings.Repeat("a, ", 120)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		oldSalutation := s == "" || (strings.HasPrefix(strings.ToLower(s), "dear ") || strings.HasPrefix(strings.ToLower(s), "annwyl ")) && utf8.RuneCountInString(s) < 80
		if got := isSalutation([]byte(s)); got != oldSalutation {
			t.Fatalf("isSalutation(%q) = %v, want %v", s, got, oldSalutation)
		}
		if got, want := string(appendSummary([]byte("x"), []byte(s))), "x"+oldTrimSummary(s); got != want {
			t.Fatalf("appendSummary(%q) = %q, want %q", s, got, want)
		}
	})
}

// oldTrimSummary is how the summary was cut, from a string.
func oldTrimSummary(t string) string {
	if utf8.RuneCountInString(t) <= summaryRunes {
		return t
	}
	var s string
	if utf8.ValidString(t) {
		end := 0
		for range summaryRunes {
			_, n := utf8.DecodeRuneInString(t[end:])
			end += n
		}
		s = t[:end]
	} else {
		s = string([]rune(t)[:summaryRunes])
	}
	if i := strings.LastIndex(s, ". "); i > summaryRunes/2 {
		return s[:i+1]
	}
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i > 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, ",;:") + "…"
}
