package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"letterpress/internal/build"
	"letterpress/internal/diag"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	sf := addSiteFlags(fs)
	strict := fs.Bool("strict", false, "treat warnings as errors")
	format := fs.String("format", "text", "how to print the problems: `text` (path:line:col: message), github (GitHub Actions annotations) or json (one array)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !slices.Contains(diag.Formats, *format) {
		return usageError{fmt.Sprintf("--format %q: want %s", *format, strings.Join(diag.Formats, ", "))}
	}
	fsys, date, err := sf.open(true)
	if err != nil {
		return err
	}
	_, errs := build.Load(fsys, build.Options{Now: date, Context: ctx})
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "%s: %v: the check stopped\n", *sf.dir, context.Cause(ctx))
		return errStopped
	}
	if err := errs.PrintFormat(stdout, *format); err != nil {
		return err
	}
	// The JSON array is the whole of stdout, for the tools that read it.
	summary := stdout
	if *format == "json" {
		summary = stderr
	}
	fmt.Fprintf(summary, "%s: %s\n", *sf.dir, errs.Summary())
	if errs.HasErrors(*strict) {
		return errContent
	}
	return nil
}
