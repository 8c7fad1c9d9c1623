package main

import (
	"os"
	"testing"
)

// TestMain keeps the build manifests of the tests' builds (and of the
// programs they run) out of the user's cache folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "letterpress-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("LETTERPRESS_CACHE", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
