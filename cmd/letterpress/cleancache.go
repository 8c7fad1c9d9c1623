package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"

	"letterpress/internal/buildcache"
	"letterpress/internal/extract"
)

// runCleanCache empties the build cache: the manifests repeat builds
// reuse (one for each of the few output folders built into last; see
// buildcache.Prune), and the text read from attached PDFs (extract). Only
// speed is lost: the next build into any folder is a cold one.
func runCleanCache(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("clean-cache", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if cacheOff() {
		fmt.Fprintln(stdout, "no build cache is kept (LETTERPRESS_CACHE=off): nothing to remove")
		return nil
	}
	dir, err := buildcache.Dir()
	if err != nil {
		return fmt.Errorf("no build cache folder (set LETTERPRESS_CACHE to one): %w", err)
	}
	files, freed, err := buildcache.Clear(dir)
	fmt.Fprintf(stdout, "removed %s (%.1f MB) from %s\n", count(files, "file", "files"), float64(freed)/1e6, dir)
	if err != nil {
		return err
	}
	// The text of attached files, kept by the SHA-256 of each.
	texts := filepath.Join(filepath.Dir(dir), "extract")
	if x := extract.New(); x.CacheDir != "" {
		texts = x.CacheDir
	}
	files, freed, err = removeTree(texts)
	if files > 0 || err != nil {
		fmt.Fprintf(stdout, "removed %s (%.1f MB) from %s\n", count(files, "file", "files"), float64(freed)/1e6, texts)
	}
	return err
}

// removeTree removes a folder and everything in it, counting its files.
func removeTree(dir string) (files int, size int64, err error) {
	walkErr := filepath.WalkDir(dir, func(_ string, d iofs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				files++
				size += info.Size()
			}
		}
		return nil
	})
	if errors.Is(walkErr, iofs.ErrNotExist) {
		return 0, 0, nil
	}
	if walkErr != nil {
		return files, size, walkErr
	}
	return files, size, os.RemoveAll(dir)
}
