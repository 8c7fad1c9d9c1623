package markdown

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"letterpress/internal/sitetest"
)

// FuzzConvert: the cross-reference transform on any body never panics,
// records every reference and bad link inside the body, and never
// publishes a script, an event handler or a script URL, whatever the
// links say.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"", "[a](report:annual-2020)", "[a](org:gwent-pcc \"t\")", "[gone](letter:nope)",
		"[x](javascript:alert(1)) [y](JaVaScRiPt:x) [z](data:text/html,<b>) ![i](data:image/png;base64,AA==)",
		"[x](#) [y]() [z](reprot:a) <javascript:alert(1)> <https://x.org>",
		"<script>alert(1)</script><img src=x onerror=alert(1)>",
		"# H\n\n> > > [a](report:annual-2020)\n\n- [b](org:gwent-pcc)\n  - [c](letter:x)",
		"Text.[^1]\n\n[^1]: [r](report:annual-2020)\n",
		"[a][r]\n\n[r]: report:annual-2020\n", "[a](<report:annual 2020>)",
		"| a | b |\n|---|---|\n| [x](org:gwent-pcc) | ![y](javascript:x) |\n",
		"[![img](report:annual-2020)](org:gwent-pcc)", "[[a](org:gwent-pcc)](report:annual-2020)",
		"[a](report:)", "[a](:x)", "[a](report:annual-2020#x?y)", "&#106;avascript:x [a](&#106;avascript:alert(1))",
		"Dear Alun,\n\nFirst paragraph.\n",
	} {
		f.Add([]byte(s))
	}
	// The repository's own documents, as written by people.
	sitetest.AddSiteFiles(f, true)
	conv := []*Markdown{New("en"), New("cy")}
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := conv[len(body)%2].Convert(body, resolver)
		if err != nil {
			return // goldmark reported it; the build turns it into a diagnostic
		}
		for _, r := range res.Refs {
			if r.Offset < 0 || r.Offset > len(body) {
				t.Fatalf("reference at %d outside the body (%d bytes)", r.Offset, len(body))
			}
		}
		for _, b := range res.BadLinks {
			if b.Offset < 0 || b.Offset > len(body) {
				t.Fatalf("bad link at %d outside the body (%d bytes)", b.Offset, len(body))
			}
		}
		if res.FirstFootnote > len(body) || (res.Footnotes > 0) != (res.FirstFootnote >= 0) {
			t.Fatalf("footnotes %d, first at %d", res.Footnotes, res.FirstFootnote)
		}
		checkInert(t, res.HTML)
		samePlain(t, conv[len(body)%2], body)
	})
}

// samePlain fails if body, in which no autolink can start, converts
// differently without the autolink extension (see mayAutolink).
func samePlain(t *testing.T, m *Markdown, body []byte) {
	t.Helper()
	if mayAutolink(body) {
		return
	}
	a, errA := convertWith(m.md, body, resolver)
	b, errB := convertWith(m.plain, body, resolver)
	if (errA == nil) != (errB == nil) {
		t.Fatalf("%q: with autolinks %v, without %v", body, errA, errB)
	}
	if errA != nil {
		return
	}
	// With autolinks, text is split at every space, and only the last
	// piece of a line has its trailing white space trimmed: "a\t \n" keeps
	// its tab. Browsers show both the same.
	trailing := regexp.MustCompile(`[ \t\r\v\f]+([\n<])`)
	if !bytes.Equal(trailing.ReplaceAll(a.HTML, []byte("$1")), trailing.ReplaceAll(b.HTML, []byte("$1"))) || !reflect.DeepEqual(a.Refs, b.Refs) || !reflect.DeepEqual(a.BadLinks, b.BadLinks) || a.Summary != b.Summary || a.Footnotes != b.Footnotes || a.FirstFootnote != b.FirstFootnote {
		t.Fatalf("%q converts differently without autolinks:\n%s\n%s", body, a.HTML, b.HTML)
	}
}

// checkInert fails if the HTML holds anything that runs: a script, a
// frame, an event handler, or a link or source with a script URL.
func checkInert(t *testing.T, out []byte) {
	t.Helper()
	check := func(tag string, attrs []html.Attribute) {
		switch tag {
		case "script", "iframe", "object", "embed", "style", "base", "form", "meta", "link":
			t.Fatalf("<%s> in the output:\n%s", tag, out)
		}
		for _, a := range attrs {
			k := strings.ToLower(a.Key)
			if strings.HasPrefix(k, "on") {
				t.Fatalf("event handler %s=%q in the output:\n%s", a.Key, a.Val, out)
			}
			if k == "href" || k == "src" || k == "action" || k == "formaction" || k == "xlink:href" {
				v := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1
					}
					return r
				}, a.Val))
				if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text") || strings.HasPrefix(v, "data:application") {
					t.Fatalf("live script URL %s=%q in the output:\n%s", a.Key, a.Val, out)
				}
			}
		}
	}
	// Every tag as a browser's tokenizer reads it. This needs no tree, so
	// it holds however deep quotes and lists nest.
	z := html.NewTokenizer(bytes.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			tok := z.Token()
			check(tok.Data, tok.Attr)
		}
	}
	// And the tree a browser builds, which can move and re-parent
	// elements. x/net/html, like Blink, refuses to nest more than 512
	// elements; "> > > …" 600 deep does that, and is still inert.
	nodes, err := html.ParseFragment(bytes.NewReader(out), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		if strings.Contains(err.Error(), "open stack of elements exceeds") {
			return
		}
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			check(n.Data, n.Attr)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
}
