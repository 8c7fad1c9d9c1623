package frontmatter

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"letterpress/internal/diag"

	"letterpress/internal/sitetest"
)

// FuzzSplitParse: any bytes are split and their front matter read field by
// field, as content and config do, without a panic; every problem has a
// position inside the file and a UTF-8 message; the body is a suffix of the
// file; every value converts to something encoding/json can write.
func FuzzSplitParse(f *testing.F) {
	for _, s := range []string{
		"", "---", "---\n---\n", "---\ntitle: x\n---\nbody\n",
		"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody",
		"+++\ntitle = 1\n+++\n", "{\"title\": 1}\n",
		"---\ntitle: &a x\nsummary: *a\n---\n",
		"---\ntitle: a\ntitle: b\n---\n",
		"---\ndate: 2020-02-30\nto: [a, {org: b, name: c}]\n---\n",
		"---\n\t- x\n---\n", "---\ntitle: [\n---\n", "---\n: :\n---\n",
		"---\ntopics: {a: b, a: c}\nyear: 2020\ndraft: yes\n---\n",
		"---\n" + strings.Repeat("[", 100) + "\n---\n",
		"---\nk: !!binary aGVsbG8=\nj: !custom 3\n---\n",
		"---\nx: 0x1F\ny: 1e999\nz: .inf\n---\n",
		"---\ntitle: x\n...\nbody",
		"---\n\u0085\u0085\n---", "---\ntitle: \"a\u2028b\"\nx: \u2029[\n---\n",
	} {
		f.Add([]byte(s))
	}
	// The repository's own documents, as written by people.
	sitetest.AddSiteFiles(f, false)
	f.Fuzz(func(t *testing.T, src []byte) {
		errs := &diag.List{}
		file, ok := Split("a.md", src, errs)
		lines := bytes.Count(src, []byte{'\n'}) + 1
		check := func() {
			for _, e := range errs.Items() {
				if e.Path != "a.md" || e.Line < 0 || e.Line > lines || e.Col < 0 {
					t.Fatalf("position outside the file (%d lines): %+v", lines, e)
				}
				if !utf8.ValidString(e.Msg) || e.Msg == "" {
					t.Fatalf("bad message %q", e.Msg)
				}
			}
		}
		if !ok {
			if !errs.HasErrors(false) {
				t.Fatal("Split refused the file without saying why")
			}
			check()
			return
		}
		if !bytes.HasSuffix(file.Src, file.Body) || file.BodyOffset+len(file.Body) != len(file.Src) {
			t.Fatalf("body is not the end of the file: offset %d, %d bytes of %d", file.BodyOffset, len(file.Body), len(file.Src))
		}
		fields := Parse("a.md", file.YAML, file.YAMLLine, errs)
		for _, k := range fields.Keys() {
			_ = fields.Pos(k)
			_ = fields.KeyPos(k)
		}
		for _, k := range []string{"title", "date", "to", "topics", "year", "draft", "x"} {
			_ = fields.String(k)
			_, _ = fields.Date(k)
			_, _ = fields.Int(k)
			_ = fields.Bool(k)
			for _, it := range fields.List(k, true) {
				if m, ok := fields.ItemMap("a recipient", it, "org", "name"); ok {
					_, _, _ = m.String("org")
				}
				_, _ = fields.ItemString(k, it)
			}
			_, _ = fields.Strings(k, true)
			_, _, _ = fields.StringMap(k)
		}
		fields.Require("page", "title")
		if _, err := json.Marshal(fields.Unused()); err != nil {
			t.Fatalf("front matter values cannot be written as JSON: %v", err)
		}
		check()
	})
}
