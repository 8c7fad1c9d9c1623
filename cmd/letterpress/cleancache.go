package main

import (
	"context"
	"fmt"
	"io"

	"letterpress/internal/build"
)

// runCleanCache empties the build cache: the manifests repeat builds
// reuse (one for each of the few output folders built into last; see
// build.PruneCache). Only speed is lost: the next build into any folder
// is a cold one.
func runCleanCache(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("clean-cache", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	dir, err := build.CacheDir()
	if err != nil {
		return fmt.Errorf("no build cache folder (set LETTERPRESS_CACHE to one): %w", err)
	}
	files, freed, err := build.ClearCache(dir)
	fmt.Fprintf(stdout, "removed %d files (%.1f MB) from %s\n", files, float64(freed)/1e6, dir)
	return err
}
