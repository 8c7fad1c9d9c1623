package markdown

import (
	"strings"
	"testing"

	"letterpress/internal/content"
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
