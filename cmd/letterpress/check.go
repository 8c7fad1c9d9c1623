package main

import (
	"context"
	"fmt"
	"io"

	"letterpress/internal/build"
)

func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	site := fs.String("site", ".", "the site `directory` (holding site.yaml and content/)")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	now := nowFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	date, err := now.date()
	if err != nil {
		return err
	}
	fsys, err := siteFS(*site)
	if err != nil {
		return err
	}
	_, errs := build.Load(fsys, build.Options{Now: date})
	errs.Print(stdout)
	fmt.Fprintf(stdout, "%s: %s\n", *site, errs.Summary())
	if errs.HasErrors(*strict) {
		return errContent
	}
	return nil
}
