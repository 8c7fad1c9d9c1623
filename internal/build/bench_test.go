package build_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/par"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// The benchmarks time each stage of a build, and a whole build, on the
// generated corpora of 1,000 and 10,000 letters (about 3,100 and 30,000
// documents; generated once by internal/gencorpus into
// $TMPDIR/letterpress-corpus/VERSION/nN-s1, see gencorpus.Cached):
//
//	go test ./internal/build -run XXX -bench . -benchtime 3x
//	go test ./internal/build -run XXX -bench 'Build$/n=10000' -benchtime 3x -cpuprofile cpu.prof
//
// LETTERPRESS_BENCH_SIZES chooses the corpora ("1000", "1000,100000");
// LETTERPRESS_CORPUS runs them on one site folder instead;
// LETTERPRESS_BENCH_OUT is where BenchmarkWrite writes (default a
// temporary folder: give /dev/shm to leave the disk out). Compare runs with
// benchstat. scripts/bench.sh times the whole command against the floor.

var benchNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// corpora runs f as a sub-benchmark on each corpus.
func corpora(b *testing.B, f func(b *testing.B, fsys fs.FS)) {
	corpusDirs(b, func(b *testing.B, dir string) { f(b, openCorpus(b, dir)) })
}

// corpusDirs is corpora giving each corpus's folder.
func corpusDirs(b *testing.B, f func(b *testing.B, dir string)) {
	if dir := os.Getenv("LETTERPRESS_CORPUS"); dir != "" {
		b.Run(filepath.Base(dir), func(b *testing.B) { f(b, dir) })
		return
	}
	sizes := "1000,10000"
	if s := os.Getenv("LETTERPRESS_BENCH_SIZES"); s != "" {
		sizes = s
	}
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			b.Fatalf("LETTERPRESS_BENCH_SIZES: %v", err)
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { f(b, sitetest.Generated(b, n)) })
	}
}

// benchOut makes a folder for a benchmark's output under
// $LETTERPRESS_BENCH_OUT (or a temporary folder), removed at the end.
func benchOut(b *testing.B, prefix string) string {
	base := os.Getenv("LETTERPRESS_BENCH_OUT")
	if base == "" {
		base = b.TempDir()
	}
	out, err := os.MkdirTemp(base, prefix)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(out) })
	return out
}

func openCorpus(b *testing.B, dir string) fs.FS {
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { root.Close() })
	return root.FS()
}

func noErrors(b *testing.B, errs *diag.List) {
	b.Helper()
	if errs.HasErrors(false) {
		var s strings.Builder
		errs.Print(&s)
		b.Fatal(s.String())
	}
}

// BenchmarkLoad reads and decodes every document (front matter, no
// Markdown).
func BenchmarkLoad(b *testing.B) {
	corpora(b, func(b *testing.B, fsys fs.FS) {
		for b.Loop() {
			errs := &diag.List{}
			content.Load(fsys, config.Load(fsys, errs), errs)
			noErrors(b, errs)
		}
	})
}

// BenchmarkMarkdown renders every body (with the links resolved and the
// privacy check), from documents loaded once.
func BenchmarkMarkdown(b *testing.B) {
	corpora(b, func(b *testing.B, fsys fs.FS) {
		errs := &diag.List{}
		cfg := config.Load(fsys, errs)
		site := content.Load(fsys, cfg, errs)
		noErrors(b, errs)
		// Converting lets each source go: give it back every time.
		type src struct{ src, body []byte }
		docs := site.All()
		srcs := make([]src, len(docs))
		var size int64
		for i, d := range docs {
			srcs[i] = src{d.Src, d.Body}
			size += int64(len(d.Body))
		}
		b.SetBytes(size)
		for b.Loop() {
			for i, d := range docs {
				d.Src, d.Body = srcs[i].src, srcs[i].body
			}
			errs := &diag.List{}
			build.RenderBodies(site, cfg, errs)
			noErrors(b, errs)
		}
	})
}

// BenchmarkGraph computes the graph from loaded documents and bodies:
// also what the preview server does after a save that changes relations.
func BenchmarkGraph(b *testing.B) {
	corpora(b, func(b *testing.B, fsys fs.FS) {
		g, errs := build.Load(fsys, build.Options{Now: benchNow})
		noErrors(b, errs)
		for b.Loop() {
			var errs diag.List
			graph.Build(g.Config, g.Site, g.Bodies, graph.Options{Now: g.Now}, &errs)
		}
	})
}

// discard counts what a build writes without keeping it.
type discard struct{ n, bytes atomic.Int64 }

func (d *discard) Write(name string, data []byte) error {
	d.n.Add(1)
	d.bytes.Add(int64(len(data)))
	return nil
}

// BenchmarkRender renders every file of the site (pages, lists, feeds,
// search index, open data, statistics) from a graph computed once,
// writing nowhere.
func BenchmarkRender(b *testing.B) {
	corpora(b, func(b *testing.B, fsys fs.FS) {
		g, errs := build.Load(fsys, build.Options{Now: benchNow})
		noErrors(b, errs)
		for b.Loop() {
			var out discard
			errs := &diag.List{}
			r := render.New(fsys, letterpress.Defaults, render.Options{}, errs)
			r.Render(g, &out, errs)
			noErrors(b, errs)
			b.ReportMetric(float64(out.n.Load()), "files")
			b.ReportMetric(float64(out.bytes.Load())/1e6, "MB")
		}
	})
}

// BenchmarkWrite writes a rendered site into a new output folder and swaps
// it in, as letterpress build does, under $LETTERPRESS_BENCH_OUT (or a
// temporary folder).
func BenchmarkWrite(b *testing.B) {
	corpora(b, func(b *testing.B, fsys fs.FS) {
		site := publish.NewMemory()
		_, errs := build.Build(fsys, letterpress.Defaults, site, build.Options{Now: benchNow}, render.Options{})
		noErrors(b, errs)
		names := site.Names()
		var size int64
		for _, n := range names {
			size += int64(len(site.Files[n]))
		}
		b.SetBytes(size)
		public := filepath.Join(benchOut(b, "letterpress-bench-"), "public")
		for b.Loop() {
			dir, err := publish.NewDir(public)
			if err != nil {
				b.Fatal(err)
			}
			var failed atomic.Value
			par.For(len(names), func(i int) {
				if err := dir.Write(names[i], site.Files[names[i]]); err != nil {
					failed.Store(err)
				}
			})
			if err, _ := failed.Load().(error); err != nil {
				b.Fatal(err)
			}
			if err := dir.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(names)), "files")
	})
}

// BenchmarkBuild is a whole build (load, Markdown, graph, render) writing
// nowhere; peak-MiB is the process's peak resident memory so far.
func BenchmarkBuild(b *testing.B) {
	corpora(b, func(b *testing.B, fsys fs.FS) {
		for b.Loop() {
			var out discard
			_, errs := build.Build(fsys, letterpress.Defaults, &out, build.Options{Now: benchNow}, render.Options{})
			noErrors(b, errs)
			b.ReportMetric(float64(out.n.Load()), "files")
			b.ReportMetric(float64(out.bytes.Load())/1e6, "MB")
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-sys-MiB")
	})
}
