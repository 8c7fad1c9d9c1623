//go:build unix

package build_test

import (
	"io/fs"
	"letterpress/internal/trace"
	"strings"
	"sync"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/diag"
	"letterpress/internal/render"
	"letterpress/internal/search"
)

// indexOutput discards what it is given, noting when the search index's
// last file was written (and the process's CPU time then) and the size of
// each of its parts.
type indexOutput struct {
	mu    sync.Mutex
	last  time.Time
	cpu   time.Duration
	files int
	parts map[string]int // bytes, by the index's folder (d, t, v) or file
}

func (o *indexOutput) Write(name string, data []byte) error {
	rest, ok := strings.CutPrefix(name, search.Dir)
	if !ok {
		return nil
	}
	part, _, _ := strings.Cut(rest, "/")
	o.mu.Lock()
	defer o.mu.Unlock()
	o.last, o.cpu = time.Now(), trace.CPUTime()
	o.files++
	o.parts[part] += len(data)
	return nil
}

// BenchmarkSearchIndex times the search index of each corpus (see
// corpora): the render's start to the index's last file (the index is
// made first, alone, before any page), in seconds (index-s) and in CPU
// seconds (index-cpu-s, steadier on a busy machine). It reports the
// index's files and the megabytes of each part: the document details
// (d-MB), the terms' records (t-MB) and the vocabulary (v-MB).
//
//	go test ./internal/build -run XXX -bench SearchIndex -benchtime 3x
func BenchmarkSearchIndex(b *testing.B) {
	corpora(b, func(b *testing.B, fsys fs.FS) {
		g, errs := build.Load(fsys, build.Options{Now: benchNow})
		noErrors(b, errs)
		var index, cpu time.Duration
		for b.Loop() {
			out := &indexOutput{parts: map[string]int{}}
			errs := &diag.List{}
			r := render.New(fsys, letterpress.Defaults, render.Options{}, errs)
			start, startCPU := time.Now(), trace.CPUTime()
			r.Render(g, out, errs)
			noErrors(b, errs)
			index += out.last.Sub(start)
			cpu += out.cpu - startCPU
			b.ReportMetric(float64(out.files), "files")
			for _, p := range []string{"d", "t", "v"} {
				b.ReportMetric(float64(out.parts[p])/1e6, p+"-MB")
			}
		}
		b.ReportMetric(index.Seconds()/float64(b.N), "index-s")
		b.ReportMetric(cpu.Seconds()/float64(b.N), "index-cpu-s")
	})
}
