package serve_test

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/render"
	"letterpress/internal/serve"
)

// BenchmarkSaveToReload measures, on a copy of the generated corpus in
// $LETTERPRESS_CORPUS, the time from writing a file to the reload event
// reaching an open page (watcher, debounce, incremental rebuild, event),
// for three kinds of edit: a reply's body, a letter's recipients and an
// organisation's name. Besides ns/op (the mean) it reports the median, the
// time the first build took (startup-s) and the process's peak resident
// memory so far (peak-MB, from /proc).
func BenchmarkSaveToReload(b *testing.B) {
	src := os.Getenv("LETTERPRESS_CORPUS")
	if src == "" {
		b.Skip("set LETTERPRESS_CORPUS to a generated site")
	}
	dir := b.TempDir()
	if out, err := exec.Command("cp", "-r", src+"/.", dir).CombinedOutput(); err != nil {
		b.Fatalf("copy: %v %s", err, out)
	}
	p := &preview{t: &testing.T{}, dir: dir}
	start := time.Now()
	p.session = build.NewSession(os.DirFS(dir), letterpress.Defaults, build.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Drafts: true}, render.Options{Head: serve.ReloadScript, NoSearchIndex: true})
	startup := time.Since(start)
	defer p.session.Close()
	if p.session.Errors.HasErrors(false) {
		b.Fatal(p.session.Errors)
	}
	logw := io.Discard
	if os.Getenv("LETTERPRESS_BENCH_LOG") != "" {
		logw = os.Stderr
	}
	p.srv = serve.New(p.session, logw)
	w, err := serve.NewWatcher(dir, serve.Debounce)
	if err != nil {
		b.Fatal(err)
	}
	go func() {
		for batch := range w.Batches {
			p.srv.Rebuild(batch)
		}
	}()
	defer w.Close()
	states := make(chan serve.State, 16)
	p.srv.Subscribe(states)

	first := func(pattern string) string {
		matches, _ := filepath.Glob(filepath.Join(dir, pattern))
		slices.Sort(matches)
		return matches[len(matches)/2]
	}
	response := first("content/responses/2022/*.md")
	letter := first("content/letters/2022/*-pcc-*.md")
	org := filepath.Join(dir, "content/organisations/kent-pcc.md")

	edits := []struct {
		name, file, a, b string
	}{
		{"response-body", response, "Dear Commissioner,", "Dear Commissioner, thank you."},
		{"letter-to", letter, "to: [", "to: [home-office, "},
		{"org-name", org, `name: "Kent Police and Crime Commissioner"`, `name: "Kent Police and Crime Commissioner (renamed)"`},
	}
	for _, e := range edits {
		orig, err := os.ReadFile(e.file)
		if err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(string(orig), e.a) {
			b.Fatalf("%s: %s has no %q", e.name, e.file, e.a)
		}
		edited := []byte(strings.Replace(string(orig), e.a, e.b, 1))
		b.Run(e.name, func(b *testing.B) {
			var times []time.Duration
			for i := 0; b.Loop(); i++ {
				data := edited
				if i%2 == 1 {
					data = orig
				}
				start := time.Now()
				if err := os.WriteFile(e.file, data, 0o644); err != nil {
					b.Fatal(err)
				}
				st := <-states
				times = append(times, time.Since(start))
				if len(st.Errors) > 0 {
					b.Fatal(st.Errors)
				}
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
			b.ReportMetric(startup.Seconds(), "startup-s")
			if kb := peakKB(); kb > 0 {
				b.ReportMetric(float64(kb)/1024, "peak-MB")
			}
		})
		os.WriteFile(e.file, orig, 0o644)
		<-states
	}
}

// peakKB is the process's peak resident memory (VmHWM), 0 if unknown.
func peakKB() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
			return kb
		}
	}
	return 0
}
