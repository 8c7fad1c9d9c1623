package main

import (
	"context"
	"fmt"
	"io"

	"letterpress/internal/build"
)

func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	sf := addSiteFlags(fs)
	strict := fs.Bool("strict", false, "treat warnings as errors")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fsys, date, err := sf.open(true)
	if err != nil {
		return err
	}
	_, errs := build.Load(fsys, build.Options{Now: date})
	errs.Print(stdout)
	fmt.Fprintf(stdout, "%s: %s\n", *sf.dir, errs.Summary())
	if errs.HasErrors(*strict) {
		return errContent
	}
	return nil
}
