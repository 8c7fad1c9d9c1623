package build_test

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/diag"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// cancelAfter is an output that cancels the build's context once it has
// taken n files.
type cancelAfter struct {
	n      int64
	cancel context.CancelFunc
	taken  atomic.Int64
	mem    *publish.Memory
}

func (c *cancelAfter) Write(name string, data []byte) error {
	if c.taken.Add(1) == c.n {
		c.cancel()
	}
	return c.mem.Write(name, data)
}

// TestBuildStops checks that a build whose Options.Context is done stops:
// before it starts (nothing is written) and in the middle of writing the
// pages (few more files are written), each time reporting Stopped, an
// error, so that no caller publishes its output.
func TestBuildStops(t *testing.T) {
	site := sitetest.Load(t, "testdata/check/_base.txtar")
	now := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	stoppedWith := func(t *testing.T, errs *diag.List) {
		t.Helper()
		if !errs.HasErrors(false) || !slices.ContainsFunc(errs.Items(), func(e diag.FileError) bool { return e.Msg == build.Stopped }) {
			t.Errorf("a stopped build does not say so: %v", errs)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	mem := publish.NewMemory()
	_, errs := build.Build(site.FS, letterpress.Defaults, mem, build.Options{Now: now, Context: ctx}, render.Options{})
	stoppedWith(t, errs)
	if len(mem.Files) > 0 {
		t.Errorf("a build stopped before it started wrote %d files", len(mem.Files))
	}

	// The whole site, for comparison.
	all := publish.NewMemory()
	if _, errs := build.Build(site.FS, letterpress.Defaults, all, build.Options{Now: now}, render.Options{}); errs.HasErrors(false) {
		t.Fatal(errs)
	}
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	out := &cancelAfter{n: 5, cancel: cancel, mem: publish.NewMemory()}
	_, errs = build.Build(site.FS, letterpress.Defaults, out, build.Options{Now: now, Context: ctx}, render.Options{})
	stoppedWith(t, errs)
	// Each core finishes the job it is running.
	if got := len(out.mem.Files); got >= len(all.Files)/2 {
		t.Errorf("stopped after 5 files, the build wrote %d of %d", got, len(all.Files))
	}
	t.Logf("stopped after 5 files: %d of %d written", len(out.mem.Files), len(all.Files))
}
