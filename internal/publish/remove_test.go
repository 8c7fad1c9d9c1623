package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// tree writes n page folders (with an index.html each) under a few
// folders in dir, and returns the files' names.
func tree(t testing.TB, dir string, n int) []string {
	var names []string
	for i := range n {
		name := fmt.Sprintf("%s/page-%d/index.html", []string{"letters", "responses", "organisations/x/page"}[i%3], i)
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("<p>page</p>"), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	names = append(names, "index.html", "letters/index.html")
	for _, n := range names[len(names)-2:] {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

func TestRemoveListed(t *testing.T) {
	for _, c := range []struct {
		name string
		do   func(t *testing.T, dir string, names []string) []string
		left error
	}{
		{name: "every file named", do: func(_ *testing.T, _ string, names []string) []string { return names }},
		{name: "files not named", left: errLeft, do: func(t *testing.T, dir string, names []string) []string {
			for _, extra := range []string{"admin/x.js", "responses/page-1/extra.html", "extra.txt"} {
				p := filepath.Join(dir, extra)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			return names
		}},
		{name: "names of files that are gone", do: func(t *testing.T, dir string, names []string) []string {
			if err := os.RemoveAll(filepath.Join(dir, "responses", "page-4")); err != nil {
				t.Fatal(err)
			}
			return append(names, "nothing/here.html", "letters/none.html")
		}},
		{name: "a folder that is a link", left: errLeft, do: func(t *testing.T, dir string, names []string) []string {
			// Removing the tree must not remove what the link leads to.
			outside := filepath.Join(t.TempDir(), "outside")
			if err := os.MkdirAll(outside, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(outside, "index.html"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.RemoveAll(filepath.Join(dir, "letters", "page-0")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(dir, "letters", "page-0")); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if _, err := os.Stat(filepath.Join(outside, "index.html")); err != nil {
					t.Errorf("the file the link leads to was removed: %v", err)
				}
			})
			return names
		}},
		{name: "a bad name", left: errLeft, do: func(_ *testing.T, _ string, names []string) []string {
			return append(slices.Clone(names), "../outside")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "old")
			names := c.do(t, dir, tree(t, dir, 300))
			err := removeListed(dir, names)
			if err != c.left {
				t.Fatalf("removeListed: %v, want %v", err, c.left)
			}
			if err != nil {
				if err := removeAll(dir); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := os.Lstat(dir); !os.IsNotExist(err) {
				t.Fatalf("the tree is still there: %v", err)
			}
		})
	}
}

// BenchmarkRemove removes trees of 30,000 page folders by name and by
// reading their folders, and reports the CPU time (system and user) of
// each.
func BenchmarkRemove(b *testing.B) {
	base := os.Getenv("LETTERPRESS_BENCH_OUT")
	if base == "" {
		base = b.TempDir()
	}
	for _, c := range []struct {
		name string
		rm   func(dir string, names []string) error
	}{
		{"listed", removeListed},
		{"walked", func(dir string, _ []string) error { return removeAll(dir) }},
		{"os.RemoveAll", func(dir string, _ []string) error { return os.RemoveAll(dir) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				dir := filepath.Join(base, "letterpress-remove-bench")
				os.RemoveAll(dir)
				names := tree(b, dir, 30000)
				if os.Getenv("LETTERPRESS_BENCH_LINKED") != "" {
					// Most files of an old output are links to the new one's.
					kept := dir + "-new"
					os.RemoveAll(kept)
					for _, n := range names {
						p := filepath.Join(kept, n)
						os.MkdirAll(filepath.Dir(p), 0o755)
						if err := os.Link(filepath.Join(dir, n), p); err != nil {
							b.Fatal(err)
						}
					}
				}
				before := cputime()
				b.StartTimer()
				if err := c.rm(dir, names); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += cputime() - before
				b.StartTimer()
			}
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}
