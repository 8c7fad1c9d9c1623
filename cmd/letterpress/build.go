package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"letterpress"
	"letterpress/internal/build"
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
	// A build keeps the whole site's documents, graph and jobs (1.1 GiB
	// live at 100,000 letters) and the collector lets the heap grow to
	// twice what is live (GOGC=100): past buildMemoryLimit, collect
	// harder instead, so that a site of more than 100,000 letters still
	// builds in under 3 GiB. At 100,000 letters a build peaks at 2.6 GiB
	// resident without a limit; at 2.5 GiB the limit cost 9.5 s of
	// collecting instead of about 5. Smaller sites never reach it.
	// GOMEMLIMIT overrides it.
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
			return fmt.Errorf("stopped while waiting for another build into %s to finish; %s left as it was", *out, *out)
		}
		return fmt.Errorf("cannot lock %s against other builds: %w", *out, err)
	}
	defer lock.Unlock()
	dir, err := publish.NewDir(*out)
	if err != nil {
		return err
	}
	inc, err := incremental(*out, *noCache)
	if err != nil {
		dir.Abort()
		return err
	}
	g, errs := inc.Build(fsys, letterpress.Defaults, dir, build.Options{Now: date, Drafts: *drafts, BaseURL: *baseURL}, render.Options{})
	errs.Print(stderr)
	if errs.HasErrors(*strict) || ctx.Err() != nil {
		dir.Abort()
		inc.Discard()
		fmt.Fprintf(stderr, "%s: %s; %s left as it was\n", *sf.dir, errs.Summary(), *out)
		return errContent
	}
	if err := dir.Commit(); err != nil {
		dir.Abort()
		inc.Discard()
		return err
	}
	if err := inc.Save(); err != nil {
		if publish.IsDiskFull(err) {
			fmt.Fprintf(stderr, "warning: no space left on the device holding the build cache (%s): the next build will be a cold one; free some space\n", filepath.Dir(inc.Manifest))
		} else {
			fmt.Fprintf(stderr, "warning: cannot keep the build manifest (the next build will be a cold one): %v\n", err)
		}
	}
	// The cache keeps the manifests of the few folders built into last.
	if _, err := build.PruneCache(filepath.Dir(inc.Manifest), inc.Manifest); err != nil {
		fmt.Fprintf(stderr, "warning: cannot remove old build manifests (letterpress clean-cache removes them all): %v\n", err)
	}
	files, size := dir.Stats()
	linked := dir.Linked()
	fmt.Fprintf(stdout, "built %d letters, %d replies, %d reports, %d organisations: %d files (%d written, %d unchanged), %.1f MB in %s, in %v (%s)\n",
		len(g.Letters), len(g.Responses), len(g.Reports), len(g.Organisations), files, files-linked, linked, float64(size)/1e6, *out, time.Since(start).Round(time.Millisecond), errs.Summary())
	return nil
}

// incremental sets up a build that reuses what the previous build into out
// made. Its manifest is kept in the user's cache folder
// ($XDG_CACHE_HOME/letterpress, or ~/.cache/letterpress), or under
// $LETTERPRESS_CACHE when set.
func incremental(out string, cold bool) (*build.Incremental, error) {
	manifest, err := build.DefaultManifest(out)
	if err != nil {
		return nil, fmt.Errorf("no folder for the build manifest (set LETTERPRESS_CACHE to one): %w", err)
	}
	program, err := build.ProgramID()
	if err != nil {
		// Without knowing which program wrote a manifest, none is safe to use.
		program, cold = nil, true
	}
	return &build.Incremental{Manifest: manifest, Cold: cold, Program: program}, nil
}
