package build_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"letterpress/internal/build"
	"letterpress/internal/diag"
	"letterpress/internal/sitetest"
)

// TestHostileInput feeds files no editor should write but someone will:
// each must give an error (or load), never a panic, and every problem must
// name the file and, where it is about the text, a line.
func TestHostileInput(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 64<<10)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	deepYAML := "---\ntitle: x\nsummary: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n---\n"
	deepMap := "---\ntitle: x\n" + func() string {
		var b strings.Builder
		for i := range 200 {
			b.WriteString(strings.Repeat(" ", i) + "k:\n")
		}
		return b.String()
	}() + "---\n"
	laughs := "---\ntitle: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n"
	big := "---\ntitle: Big\n---\n" + strings.Repeat("A long line of text in a very long reply. ", 10<<20/43) + "\n"
	huge := "---\ntitle: Huge\n---\n" + strings.Repeat("x", 17<<20)
	deepQuotes := "---\ntitle: Quotes\n---\n" + strings.Repeat("> ", 10000) + "deep\n"
	deepList := "---\ntitle: List\n---\n" + strings.Repeat("- ", 10000) + "item\n"
	binary := append([]byte("\x89PNG\r\n\x1a\n"), random[:1000]...)

	tests := []struct {
		name   string
		src    string
		errors bool // must report an error
	}{
		{"empty", "", true},
		{"only dashes", "---", true},
		{"only dashes twice", "---\n---\n", true},
		{"random bytes", string(random), true},
		{"binary", string(binary), true},
		{"front matter of random bytes", "---\n" + string(random) + "\n---\n", true},
		{"deep YAML nesting", deepYAML, true},
		{"deep YAML maps", deepMap, true},
		{"billion laughs", laughs, true},
		{"10 MB body", big, false},
		{"17 MB file", huge, true},
		{"10000 nested block quotes", deepQuotes, true},
		{"10000 nested list items", deepList, true},
		{"lone carriage returns", "---\rtitle: x\r---\r", true},
		{"NUL in front matter", "---\ntitle: a\x00b\n---\n", true},
	}
	base := sitetest.Load(t, "testdata/check/_base.txtar")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range base.FS {
				fsys[k] = v
			}
			const path = "content/pages/hostile.md"
			fsys[path] = &fstest.MapFile{Data: []byte(tt.src)}
			start := time.Now()
			_, errs := build.Load(fsys, build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)})
			t.Logf("loaded in %v", time.Since(start)) // reported, never asserted
			items := errs.Items()
			var mine []diag.FileError
			for _, e := range items {
				if e.Path != path {
					t.Errorf("problem outside the hostile file: %v", e)
				}
				if e.Severity == diag.Error {
					mine = append(mine, e)
				}
			}
			if tt.errors && len(mine) == 0 {
				t.Fatalf("no error reported")
			}
			if !tt.errors && len(mine) > 0 {
				t.Fatalf("unexpected errors: %v", mine)
			}
			for _, e := range mine {
				if e.Line == 0 && !bytes.Contains([]byte(e.Msg), []byte("MB")) {
					t.Errorf("error without a line: %v", e)
				}
			}
		})
	}
}
