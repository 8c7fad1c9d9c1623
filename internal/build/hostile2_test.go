package build_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"letterpress/internal/build"
	"letterpress/internal/diag"
	"letterpress/internal/sitetest"
)

// loadWith loads the base check site with files added (or replaced), at
// the usual build date.
func loadWith(t *testing.T, files map[string]string) []diag.FileError {
	t.Helper()
	base := sitetest.Load(t, "testdata/check/_base.txtar")
	fsys := fstest.MapFS{}
	for k, v := range base.FS {
		fsys[k] = v
	}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	_, errs := build.Load(fsys, build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)})
	return errs.Items()
}

// TestHostileMarkdown: bodies whose Markdown would keep goldmark busy for
// minutes, or fill gigabytes, are refused with one error at the place to
// fix, before they are read.
func TestHostileMarkdown(t *testing.T) {
	const head = "---\ntitle: Hostile\n---\n" // the body starts on line 4
	deeper := func(n int) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			b.WriteString(strings.Repeat("> ", i) + "x\n")
		}
		return b.String()
	}
	indented := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		return b.String()
	}
	tests := []struct {
		name, body, want string
	}{
		{"block quotes a line deeper each time", deeper(3000),
			":104:1: block quotes nested 101 deep (at most 100)"},
		{"block quotes 10000 deep on one line", "Intro.\n\n" + strings.Repeat("> ", 10000) + "deep\n",
			":6:1: block quotes nested 10000 deep (at most 100)"},
		{"lists 10000 deep on one line", strings.Repeat("- ", 10000) + "item\n",
			":4:1: lists nested 10000 deep (at most 100)"},
		{"lists nested by indentation", indented(300),
			":104:201: lists nested 101 deep (at most 100)"},
		{"15 MB of [", strings.Repeat("[", 15<<20),
			":4:101: more than 100 [ open at once in one paragraph"},
		{"15 MB of [](", strings.Repeat("[](", 5<<20),
			": links, footnote references or code spans here are left open"},
		{"unpaired emphasis", strings.Repeat("*a_ ", 100000),
			":4:1: this paragraph has 200000 brackets and emphasis marks"},
		{"a million lines", strings.Repeat("line\n", 1<<20),
			":250004:1: the body has more than 250000 lines and Markdown marks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const path = "content/pages/hostile.md"
			items := loadWith(t, map[string]string{path: head + tt.body})
			if len(items) != 1 {
				t.Fatalf("want one problem, got %d: %v", len(items), items)
			}
			got := items[0].Error()
			if items[0].Path != path || items[0].Line == 0 || !strings.Contains(got, tt.want) {
				t.Errorf("got  %s\nwant %s%s...", got, path, tt.want)
			}
		})
	}
}
