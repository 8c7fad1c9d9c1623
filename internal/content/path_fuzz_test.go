package content

import (
	"fmt"
	"path"
	"strings"
	"testing"
	"unicode/utf8"

	"letterpress/internal/config"
	"letterpress/internal/diag"
)

// FuzzPaths: whatever a file name or a front matter path says, an id that
// is accepted follows the id rule, a page URL stays a plain site path, and
// a static path that is accepted stays under static/.
func FuzzPaths(f *testing.F) {
	for _, s := range []string{
		"content/letters/2020/2020-10-13-x.md", "content/letters/x.cy.md",
		"content/pages/_draft.md", "content/pages/.x.md", "content/../etc/passwd.md",
		"content/letters/../../x.md", "content/letters/A B.md", "content/letters/x.cy.cy.md",
		"content/letters/.md", "content/letters//x.md", "/abs/content/letters/x.md",
		"content/LETTERS/x.md", "content/letters/x.MD", "content/letters/é.md",
		"files/x.pdf", "../x.pdf", "/static/files/x.pdf", "static/../x", "files/./x",
		"C:\\x.pdf", "https://x/y.pdf", "files/x\x00.pdf", "..", ".", "",
	} {
		f.Add(s)
	}
	cfg := config.Parse([]byte("title: t\nbase_url: https://example.org/\nowner: o\n"), &diag.List{})
	f.Fuzz(func(t *testing.T, p string) {
		if src, ok := ParsePath(p); ok {
			if !ValidID(src.ID) {
				t.Fatalf("ParsePath(%q) accepted id %q", p, src.ID)
			}
			if !strings.HasPrefix(p, Dir+"/"+src.Kind.Dir()+"/") {
				t.Fatalf("ParsePath(%q) gave kind %v", p, src.Kind)
			}
			for _, welsh := range []bool{false, true} {
				u := URLPath(src.Kind, src.ID, welsh)
				if !strings.HasPrefix(u, "/") || !strings.HasSuffix(u, "/") || path.Clean(u)+"/" != u || strings.Contains(u, "..") {
					t.Fatalf("URLPath(%v, %q) = %q is not a plain site path", src.Kind, src.ID, u)
				}
			}
		}
		if s := SuggestID(p); s != "" && !ValidID(s) {
			t.Fatalf("SuggestID(%q) = %q breaks the id rule", p, s)
		}
		if ValidID(p) && SuggestID(p) != strings.Trim(p, "-") && !strings.Contains(p, "--") {
			t.Fatalf("SuggestID(%q) = %q changes a valid id", p, SuggestID(p))
		}
		// The same string as an attachment and a report file (a file that
		// is not UTF-8 is refused before its front matter is read).
		if !utf8.ValidString(p) {
			return
		}
		for _, kind := range []Kind{Letter, Report} {
			src := "---\ntitle: t\ndate: 2020-01-01\nto: [o]\nfile: " + yamlQuote(p) + "\nattachments:\n  - {title: t, file: " + yamlQuote(p) + "}\n---\n"
			errs := &diag.List{}
			d := Decode("content/x/a.md", kind, "a", false, []byte(src), cfg, errs)
			if d == nil {
				continue
			}
			files := []string{d.File}
			for _, a := range d.Attachments {
				files = append(files, a.File)
			}
			for _, file := range files {
				if file == "" {
					continue
				}
				joined := path.Join(StaticDir, file)
				if !strings.HasPrefix(joined, StaticDir+"/") || strings.Contains(file, "\\") || strings.HasPrefix(file, "/") {
					t.Fatalf("path %q accepted as %q, which leaves static/", p, file)
				}
			}
		}
	})
}

// yamlQuote writes s as a double-quoted YAML string.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
