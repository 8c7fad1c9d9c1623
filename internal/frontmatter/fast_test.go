package frontmatter

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"letterpress/internal/sitetest"
)

// fastCases are front matter texts of the shapes fastParse reads, and
// near misses it must leave to yaml.v3.
var fastCases = []string{
	"title: \"Follow-up letter to Equality and Human Rights Commission\"\ndate: 2019-03-16\nto: [ehrc]\nin_reply_to: 2019-02-12-ehrc\ncites: [a-b, c]\ntopics: [international]\nresponse_due: 2019-03-30\n",
	"date: 2019-06-17\nfrom: west-yorkshire-pcc\nin_reply_to: 2019-05-08-batch\ntopics: [victim-care]\n",
	"name: Home Office\ntype: government\nurl: https://www.gov.uk/home-office\naddress: [\"2 Marsham Street\", \"London SW1P 4DF\"]\n",
	"title: 'single'\nyear: 2018\ndraft: true\nwithheld: No\nx: null\ny: False\nz: yes\n",
	"to:\n  - ehrc\n  - \"home-office\"\n  - 'x'\ntitle: a\n",
	"to:\n- a\n- b\n",
	"aliases: [/letters/old/, /x]\n",
	"title: Ymateb gan Gomisiynydd yr Heddlu a Throseddu — ŵ ŷ â ’\n",
	"title: \"Caf\u00e9 \u2019s\"\ntopics: [caf\u00e9, b]\n",
	"a: [ a , b ]\nb: []\nc: [ ]\n",
	"date: 2020-02-30\nd: 2020-13-45\ne: 2020-2-3\n",
	"n: 0\nm: 007\nk: 123456789012345678901\nj: 1_000\n",
	"title: a: b\n", "title: a #c\n", "title: a:\n", "title:a\n",
	"title: \"a\\\"b\"\n", "title: 'it''s'\n", "title: \"a\" b\n",
	"title: [a, b,]\n", "title: [a, [b]]\n", "title: [a: b]\n", "title: {a: b}\n",
	"title:\n", "title:\n\nx: y\n", "to:\n  - a\n   - b\n", "to:\n  - a\n  b\n",
	"to:\n  - org: a\n    name: b\n", "to:\n  -\n", "to:\n  - - a\n",
	"title: x\n  more\n", "title: x\n\n\ny: z", "\n\ntitle: x\n", "", "\n",
	"title: \t\n", "title: x\r\n", "title: &a x\n", "title: *a\n", "title: !!str x\n",
	"title: |\n  x\n", "title: >\n  x\n", "true: x\n", "null: x\n", "on: x\n", "y: x\n",
	"title: \U0001F600\n", "title: \"\u00a0\"\n", "title: \ufeffx\n", "title: x\u0085y\n",
	"t-i_t: x\n_k: v\n", "title: -x\n", "title: .5\n", "title: ~\n", "title: <<\n",
	"title: a  b   \n", "title: \"  a  \"   \n", "title: C# and F#\n", "url: http://a.b/c?d=e&f#g\n",
	"title: x\ntitle: y\n", "key: [\"a, b\", 'c']\n", "k: [\"a\"b]\n", "k: [a\"]\n",
}

// FuzzFastParse: whatever fastParse reads, yaml.v3 reads too, into the
// same nodes.
func FuzzFastParse(f *testing.F) {
	for _, c := range fastCases {
		f.Add([]byte(c))
	}
	sitetest.AddSiteFiles(f, false)
	f.Fuzz(func(t *testing.T, text []byte) {
		if file, err := frontMatterOf(text); err == nil {
			text = file
		}
		compareFast(t, text)
	})
}

// frontMatterOf returns the front matter of a whole document (the seeds
// from the site are whole files).
func frontMatterOf(src []byte) ([]byte, error) {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return nil, fmt.Errorf("no front matter")
	}
	fm, _, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return nil, fmt.Errorf("no end")
	}
	return append(fm, '\n'), nil
}

func compareFast(t *testing.T, text []byte) {
	t.Helper()
	// Arenas are reused: a node left from another document would show.
	a := arenas.Get().(*arena)
	defer a.release()
	fast := fastParse(text, a)
	if fast == nil {
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		t.Fatalf("fastParse read %q, which yaml.v3 refuses: %v", text, err)
	}
	if len(doc.Content) != 1 {
		t.Fatalf("fastParse read %q, which yaml.v3 finds empty", text)
	}
	if diff := diffNodes(fast, doc.Content[0], "root"); diff != "" {
		t.Fatalf("fastParse and yaml.v3 differ on %q:\n%s", text, diff)
	}
}

func diffNodes(a, b *yaml.Node, path string) string {
	strip := func(n *yaml.Node) string {
		c := *n
		c.Content = nil
		return fmt.Sprintf("%#v", c)
	}
	if sa, sb := strip(a), strip(b); sa != sb {
		return fmt.Sprintf("%s: fast %+v\n  yaml.v3 %+v", path, sa, sb)
	}
	if len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: %d children, yaml.v3 %d", path, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if d := diffNodes(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// TestFastParse checks the cases, that the common shapes do take the fast
// path, and, where $LETTERPRESS_CORPUS names a site, every document of it.
func TestFastParse(t *testing.T) {
	for _, c := range fastCases {
		compareFast(t, []byte(c))
	}
	for _, c := range fastCases[:10] {
		if fastParse([]byte(c), new(arena)) == nil {
			t.Errorf("fastParse left %q to yaml.v3", c)
		}
	}
	dir := os.Getenv("LETTERPRESS_CORPUS")
	if dir == "" {
		return
	}
	var n, fast int
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fm, err := frontMatterOf(src)
		if err != nil {
			return nil
		}
		n++
		if fastParse(fm, new(arena)) != nil {
			fast++
		}
		compareFast(t, fm)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d of %d documents took the fast path", fast, n)
}
