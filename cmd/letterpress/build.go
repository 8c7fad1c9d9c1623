package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/buildcache"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/publish"
	"letterpress/internal/render"
)

// buildMemoryLimit is a build's soft memory limit (see
// runtime/debug.SetMemoryLimit) unless GOMEMLIMIT is set.
const buildMemoryLimit = 2816 << 20

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	sf := addSiteFlags(fs)
	out := fs.String("out", "public", "the output `directory`, replaced when the build succeeds")
	drafts := fs.Bool("drafts", false, "publish drafts too")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	baseURL := fs.String("base-url", "", "override site.yaml's base_url (for deploy previews)")
	noCache := fs.Bool("no-cache", false, "build everything again, reusing nothing of the previous build into --out")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *baseURL != "" {
		u, err := url.Parse(*baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError{fmt.Sprintf("--base-url %q is not an absolute http(s) URL", *baseURL)}
		}
	}
	fsys, date, err := sf.open(true)
	if err != nil {
		return err
	}
	// An --out that a build would destroy the site (or more) with is
	// refused before anything is touched.
	if err := publish.CheckOut(*out, *sf.dir); err != nil {
		var fe *publish.FolderError
		if errors.As(err, &fe) {
			return usageError{err.Error()}
		}
		return err
	}
	// A build keeps the whole site's documents, graph and jobs (gigabytes
	// live on a very large site) and the collector lets the heap grow to
	// twice what is live (GOGC=100): past buildMemoryLimit, collect
	// harder instead, so that a site somewhat larger than the largest
	// measured still builds in little more than the limit. The limit is
	// set just above what the largest site measured peaks at without one:
	// a lower limit nearly doubled the time spent collecting. Smaller
	// sites never reach it. GOMEMLIMIT overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
	start := time.Now()
	// One build at a time into one output: a second waits for the first
	// (which removes what it finds of builds into it that were killed).
	lock, err := publish.LockOut(ctx, *out, func() {
		fmt.Fprintf(stderr, "waiting for another build into %s to finish\n", *out)
	})
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintf(stderr, "%s: %v while waiting for another build into %s to finish; %s left as it was\n", *sf.dir, context.Cause(ctx), *out, *out)
			return errStopped
		}
		return fmt.Errorf("cannot lock %s against other builds: %w", *out, err)
	}
	// The build runs beside: once ctx is done (Ctrl-C, SIGTERM) it stops
	// at the next check, throws its output away and returns; if it has
	// not after stopGrace, the command returns without it (and main
	// exits, which leaves the output as a killed build does: whole).
	type outcome struct {
		g    *graph.Graph
		errs *diag.List
		dir  *publish.Dir
		inc  *build.Incremental
		err  error
	}
	done := make(chan outcome, 1)
	var state buildState
	go func() {
		defer lock.Unlock()
		var o outcome
		o.dir, o.inc, o.g, o.errs, o.err = buildInto(ctx, &state, *out, fsys, *noCache, build.Options{Now: date, Drafts: *drafts, BaseURL: *baseURL, Context: ctx}, *strict, stderr)
		done <- o
	}()
	var o outcome
	stopTrace := context.AfterFunc(ctx, func() { stoppedAt.Store(time.Now().UnixNano()) })
	defer stopTrace()
	select {
	case o = <-done:
	case <-ctx.Done():
		select {
		case o = <-done:
		case <-time.After(stopGrace):
			where := "has not started putting the new output in place; " + *out + " is left as it was"
			if state.committing.Load() {
				where = "was putting the new output in place: " + *out + " is the previous output or the new one, whole"
			}
			fmt.Fprintf(stderr, "%s: %v: the build %s; its temporary files are removed by the next build\n", *sf.dir, context.Cause(ctx), where)
			return errStopped
		}
	}
	switch {
	case o.err == errStopped && o.dir != nil:
		fmt.Fprintf(stderr, "%s: %v after the new output was put in place: %s is the new build, but its build manifest is not kept (the next build is a cold one)\n", *sf.dir, context.Cause(ctx), *out)
		return errStopped
	case o.err == errStopped:
		fmt.Fprintf(stderr, "%s: %v: the build stopped; %s is left as it was\n", *sf.dir, context.Cause(ctx), *out)
		return errStopped
	case o.err != nil:
		return o.err
	case o.errs.HasErrors(*strict):
		fmt.Fprintf(stderr, "%s: %s; %s left as it was\n", *sf.dir, o.errs.Summary(), *out)
		return errContent
	}
	g, errs, dir, inc := o.g, o.errs, o.dir, o.inc
	if err := inc.Save(); err != nil {
		if publish.IsDiskFull(err) {
			fmt.Fprintf(stderr, "warning: no space left on the device holding the build cache (%s): the next build will be a cold one; free some space\n", filepath.Dir(inc.Manifest))
		} else {
			fmt.Fprintf(stderr, "warning: cannot keep the build manifest (the next build will be a cold one): %v\n", err)
		}
	}
	// The cache keeps the manifests of the few folders built into last.
	if inc.NoManifest {
		// No cache is kept.
	} else if _, err := buildcache.Prune(filepath.Dir(inc.Manifest), inc.Manifest); err != nil {
		fmt.Fprintf(stderr, "warning: cannot remove old build manifests (letterpress clean-cache removes them all): %v\n", err)
	}
	files, size := dir.Stats()
	linked := dir.Linked()
	fmt.Fprintf(stdout, "built %s, %s, %s, %s: %s (%d written, %d unchanged), %.1f MB in %s, in %v (%s)\n",
		count(len(g.Letters), "letter", "letters"), count(len(g.Responses), "reply", "replies"), count(len(g.Reports), "report", "reports"),
		count(len(g.Organisations), "organisation", "organisations"), count(files, "file", "files"),
		files-linked, linked, float64(size)/1e6, *out, time.Since(start).Round(time.Millisecond), errs.Summary())
	return nil
}

// count is n with the noun in its English singular or plural.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// stoppedAt is when the command's context was cancelled, for
// LETTERPRESS_TRACE.
var stoppedAt atomic.Int64

// traceStop prints, with LETTERPRESS_TRACE set, how long after the
// signal what happened happened.
func traceStop(w io.Writer, what string) {
	if os.Getenv("LETTERPRESS_TRACE") == "" {
		return
	}
	if t := stoppedAt.Load(); t != 0 {
		fmt.Fprintf(w, "stop: %s %v after the signal\n", what, time.Since(time.Unix(0, t)).Round(time.Millisecond))
	}
}

// stopGrace is how long a stopped build may take to throw its output
// away before the command returns without it.
const stopGrace = 600 * time.Millisecond

// buildState is what the command's goroutine may read of a build running
// beside it.
type buildState struct {
	committing atomic.Bool // the new output is being put in place
}

// buildInto builds the site into a new folder and, if it has no errors
// (warnings too with strict), puts it in place of out. It prints the
// problems. A build stopped by ctx returns errStopped, having thrown its
// folder away.
//
// A build stopped once its output was in place returns errStopped with
// the folder (and nothing else).
func buildInto(ctx context.Context, state *buildState, out string, fsys fs.FS, noCache bool, opts build.Options, strict bool, stderr io.Writer) (*publish.Dir, *build.Incremental, *graph.Graph, *diag.List, error) {
	dir, err := publish.NewDir(out)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	inc, err := incremental(out, noCache)
	if err != nil {
		dir.Abort()
		return nil, nil, nil, nil, err
	}
	g, errs := inc.Build(fsys, letterpress.Defaults, dir, opts, render.Options{})
	if ctx.Err() != nil {
		traceStop(stderr, "the build returned")
		go inc.Discard() // the manifest being written, if it was started
		dir.Abort()
		traceStop(stderr, "its temporary folder was removed")
		return nil, nil, nil, nil, errStopped
	}
	errs.Print(stderr)
	if errs.HasErrors(strict) {
		dir.Abort()
		inc.Discard()
		return dir, inc, g, errs, nil
	}
	if os.Getenv("LETTERPRESS_TEST_PAUSE") == "swap" {
		// For the tests of stopping: wait for the signal just before the
		// new output is put in place.
		fmt.Fprintln(stderr, "paused before the swap")
		select {
		case <-ctx.Done():
		case <-time.After(time.Minute):
		}
	}
	if ctx.Err() != nil {
		go inc.Discard()
		dir.Abort()
		return nil, nil, nil, nil, errStopped
	}
	state.committing.Store(true)
	if err := dir.Commit(); err != nil {
		dir.Abort()
		inc.Discard()
		return nil, nil, nil, nil, err
	}
	if ctx.Err() != nil {
		go inc.Discard()
		return dir, nil, nil, nil, errStopped
	}
	return dir, inc, g, errs, nil
}

// incremental sets up a build that reuses what the previous build into out
// made. Its manifest is kept in the user's cache folder
// ($XDG_CACHE_HOME/letterpress, or ~/.cache/letterpress), or under
// $LETTERPRESS_CACHE when set; with LETTERPRESS_CACHE=off none is read
// or kept (see cacheOff).
func incremental(out string, cold bool) (*build.Incremental, error) {
	if cacheOff() {
		return &build.Incremental{Cold: true, NoManifest: true}, nil
	}
	manifest, err := buildcache.ManifestPath(out)
	if err != nil {
		return nil, fmt.Errorf("no folder for the build manifest (set LETTERPRESS_CACHE to one): %w", err)
	}
	program, err := buildcache.ProgramID()
	if err != nil {
		// Without knowing which program wrote a manifest, none is safe to use.
		program, cold = nil, true
	}
	return &build.Incremental{Manifest: manifest, Cold: cold, Program: program}, nil
}

// cacheOff reports whether LETTERPRESS_CACHE=off says that this machine
// keeps nothing between builds (a deploy service's fresh build image,
// netlify.toml): a build then reuses nothing and writes no manifest,
// which no later build would find. A cache folder named off is given as
// ./off.
func cacheOff() bool { return os.Getenv("LETTERPRESS_CACHE") == "off" }
