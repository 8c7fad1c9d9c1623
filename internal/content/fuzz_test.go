package content

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"unicode/utf8"

	"letterpress/internal/config"
	"letterpress/internal/diag"
)

// FuzzDecode: any bytes give a document or errors, never a panic, and every
// position lies inside the file.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"", "---\n---\n", "---\ntitle: x\n---\nbody",
		"\xef\xbb\xbf---\r\ntitle: x\r\nto: [a, {org: b, name: c}]\r\n---\r\n",
		"---\ntitle: &a x\nsummary: *a\n---\n", "+++\ntitle = 1\n+++\n",
		"---\ndate: 2020-02-30\nto: a\ncites: {a: b}\nattachments: [{title: t, file: ../x}]\n---\n",
		"---\n\t- x\n---\n", "---\ntitle: [\n---\n", "---\n: :\n---\n",
	} {
		f.Add([]byte(s))
	}
	cfg := config.Parse([]byte("title: t\nbase_url: https://example.org/\nowner: o\n"), &diag.List{})
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, kind := range Kinds {
			errs := &diag.List{}
			d := Decode("content/x/a.md", kind, "a", false, src, cfg, errs)
			if d == nil && !errs.HasErrors(false) {
				t.Fatalf("%v: no document and no error", kind)
			}
			lines := 1
			for _, c := range src {
				if c == '\n' {
					lines++
				}
			}
			// What a repeat build keeps of it is the same document.
			if d != nil {
				settings := decodeSettings(cfg)
				if e := encodeDecoded(d, errs.Items(), settings); e != nil {
					got, problems, ok := decodeCached(e, d.Path, d.Sum, settings)
					if ok {
						got.fromSource(src, nil)
					}
					want := *d
					want.Src, want.Body = nil, nil
					// (fmt, for a NaN in .Params)
					if !ok || !reflect.DeepEqual(*got, want) && fmt.Sprintf("%#v", *got) != fmt.Sprintf("%#v", want) || !slices.Equal(problems, errs.Items()) {
						t.Fatalf("%v: kept as\n%#v %v\nnot\n%#v %v", kind, got, problems, want, errs.Items())
					}
				}
			}
			for _, e := range errs.Items() {
				if e.Line < 0 || e.Line > lines+1 || e.Col < 0 {
					t.Fatalf("%v: position outside the file (%d lines): %v", kind, lines, e)
				}
				if !utf8.ValidString(e.Msg) {
					t.Fatalf("message is not UTF-8: %q", e.Msg)
				}
			}
		}
	})
}
