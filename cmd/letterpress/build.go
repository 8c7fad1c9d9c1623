package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	sf := addSiteFlags(fs)
	out := fs.String("out", "public", "the output `directory`, replaced when the build succeeds")
	drafts := fs.Bool("drafts", false, "publish drafts too")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	baseURL := fs.String("base-url", "", "override site.yaml's base_url (for deploy previews)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *baseURL != "" {
		u, err := url.Parse(*baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError{fmt.Sprintf("--base-url %q is not an absolute http(s) URL", *baseURL)}
		}
	}
	fsys, date, err := sf.open()
	if err != nil {
		return err
	}
	start := time.Now()
	dir, err := publish.NewDir(*out)
	if err != nil {
		return err
	}
	g, errs := build.Build(fsys, letterpress.Defaults, dir, build.Options{Now: date, Drafts: *drafts, BaseURL: *baseURL}, render.Options{})
	errs.Print(stderr)
	if errs.HasErrors(*strict) || ctx.Err() != nil {
		dir.Abort()
		fmt.Fprintf(stderr, "%s: %s; %s left as it was\n", *sf.dir, errs.Summary(), *out)
		return errContent
	}
	if err := dir.Commit(); err != nil {
		dir.Abort()
		return err
	}
	files, size := dir.Stats()
	fmt.Fprintf(stdout, "built %d letters, %d replies, %d reports, %d organisations: %d files, %.1f MB in %s, in %v (%s)\n",
		len(g.Letters), len(g.Responses), len(g.Reports), len(g.Organisations), files, float64(size)/1e6, *out, time.Since(start).Round(time.Millisecond), errs.Summary())
	return nil
}
