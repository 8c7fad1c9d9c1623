package buildcache

import (
	"os"
	"testing"
)

// BenchmarkReadManifest reads the manifest at $LETTERPRESS_MANIFEST (one
// that a build of a large site wrote: see BenchmarkRepeat).
func BenchmarkReadManifest(b *testing.B) {
	path := os.Getenv("LETTERPRESS_MANIFEST")
	if path == "" {
		b.Skip("LETTERPRESS_MANIFEST is not set")
	}
	for b.Loop() {
		m, err := Read(path)
		if err != nil || m == nil {
			b.Fatal(m, err)
		}
	}
}
