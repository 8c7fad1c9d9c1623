package build_test

import (
	"letterpress/internal/trace"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
)

// BenchmarkRepeat is what `letterpress build` does into an output that an
// earlier build made, after one reply's body changed (as scripts/bench.sh
// -repeat times it): the incremental build, the swap and the manifest.
// The corpus is copied once (the copy is edited) under
// $LETTERPRESS_BENCH_OUT or a temporary folder.
//
//	LETTERPRESS_REPEAT_PROFILE=cpu.prof go test ./internal/build -run XXX -bench Repeat/n=10000 -benchtime 5x
//
// LETTERPRESS_REPEAT_PROFILE is a CPU profile of the repeat builds alone.
func BenchmarkRepeat(b *testing.B) { corpusDirs(b, benchRepeat) }

func benchRepeat(b *testing.B, corpus string) {
	tmp := benchOut(b, "letterpress-repeat-")
	site := filepath.Join(tmp, "site")
	if err := os.CopyFS(site, os.DirFS(corpus)); err != nil {
		b.Fatal(err)
	}
	out, manifest := filepath.Join(tmp, "public"), filepath.Join(tmp, "cache", "manifest")
	var reply string
	_ = filepath.WalkDir(filepath.Join(site, "content", "responses"), func(p string, d os.DirEntry, err error) error {
		if err == nil && reply == "" && !d.IsDir() && strings.HasSuffix(p, ".md") {
			reply = p
		}
		return err
	})
	root, err := os.OpenRoot(site)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	once := func(first bool) {
		dir, err := publish.NewDir(out)
		if err != nil {
			b.Fatal(err)
		}
		inc := &build.Incremental{Manifest: manifest, Program: []byte("repeat benchmark")}
		_, errs := inc.Build(root.FS(), letterpress.Defaults, dir, build.Options{Now: benchNow}, render.Options{})
		noErrors(b, errs)
		if err := dir.Commit(); err != nil {
			b.Fatal(err)
		}
		if err := inc.Save(); err != nil {
			b.Fatal(err)
		}
		if !first {
			b.ReportMetric(float64(inc.Converted), "converted")
			b.ReportMetric(float64(dir.Linked()), "unchanged")
			b.ReportMetric(float64(dir.Reread()), "reread")
			if dir.Recycled() {
				b.ReportMetric(1, "recycled")
			} else {
				b.ReportMetric(0, "recycled")
			}
		}
	}
	// The first build, into an empty folder, as the command's first
	// (not --no-cache: it records what the third build needs to recycle
	// the output of the first).
	once(true)
	// The test's -cpuprofile would include the cold build.
	if p := os.Getenv("LETTERPRESS_REPEAT_PROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			b.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			b.Fatal(err)
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	i := 0
	var cpu time.Duration // of the repeat builds
	defer func() {
		if i > 0 {
			b.ReportMetric(cpu.Seconds()/float64(i), "cpu-s/op")
		}
	}()
	for b.Loop() {
		b.StopTimer()
		i++
		f, err := os.OpenFile(reply, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		f.WriteString("\nEdited for the benchmark, run " + strconv.Itoa(i) + ".\n")
		f.Close()
		b.StartTimer()
		before := trace.CPUTime()
		once(false)
		cpu += trace.CPUTime() - before
	}
}
