package build_test

import (
	"os"
	"testing"
	"time"

	"letterpress/internal/build"
)

// BenchmarkLoad loads, checks and computes the graph of the generated corpus
// in $LETTERPRESS_CORPUS (for example /tmp/site10k from
// go -C ../shared/tools/gencorpus run . -n 10000 -out /tmp/site10k).
func BenchmarkLoad(b *testing.B) {
	dir := os.Getenv("LETTERPRESS_CORPUS")
	if dir == "" {
		b.Skip("set LETTERPRESS_CORPUS to a generated site")
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_, errs := build.Load(root.FS(), build.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
		if errs.HasErrors(false) {
			b.Fatal(errs)
		}
	}
}
