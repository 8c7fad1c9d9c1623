package build_test

import (
	"io/fs"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/render"
)

// corpus opens the generated site in $LETTERPRESS_CORPUS, or skips.
func corpus(b *testing.B) fs.FS {
	dir := os.Getenv("LETTERPRESS_CORPUS")
	if dir == "" {
		b.Skip("set LETTERPRESS_CORPUS to a generated site")
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	return root.FS()
}

// BenchmarkLoad loads, checks and computes the graph of the generated corpus
// in $LETTERPRESS_CORPUS (for example /tmp/site10k from
// go -C ../shared/tools/gencorpus run . -n 10000 -out /tmp/site10k).
func BenchmarkLoad(b *testing.B) {
	fsys := corpus(b)
	for b.Loop() {
		_, errs := build.Load(fsys, build.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
		if errs.HasErrors(false) {
			b.Fatal(errs)
		}
	}
}

// discard counts what a build writes without keeping it.
type discard struct{ n, bytes atomic.Int64 }

func (d *discard) Write(name string, data []byte) error {
	d.n.Add(1)
	d.bytes.Add(int64(len(data)))
	return nil
}

// BenchmarkBuild renders the whole corpus in $LETTERPRESS_CORPUS without
// writing it anywhere: load, markdown, graph and render.
func BenchmarkBuild(b *testing.B) {
	fsys := corpus(b)
	for b.Loop() {
		var out discard
		_, errs := build.Build(fsys, letterpress.Defaults, &out, build.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}, render.Options{})
		if errs.HasErrors(false) {
			b.Fatal(errs)
		}
		b.ReportMetric(float64(out.n.Load()), "files")
		b.ReportMetric(float64(out.bytes.Load())/1e6, "MB")
	}
}

// BenchmarkGraph recomputes the graph of the corpus in $LETTERPRESS_CORPUS
// from loaded documents: what the preview server does after a save.
func BenchmarkGraph(b *testing.B) {
	g, _ := build.Load(corpus(b), build.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	for b.Loop() {
		var errs diag.List
		graph.Build(g.Config, g.Site, g.Bodies, graph.Options{Now: g.Now}, &errs)
	}
}
