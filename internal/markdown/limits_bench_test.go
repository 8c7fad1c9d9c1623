package markdown

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// corpusBodies reads the Markdown files of a generated corpus
// (LETTERPRESS_CORPUS, or tools/gencorpus's 1,000-letter one if it is
// there), whole: front matter is text to CheckLimits and goldmark too.
func corpusBodies(tb testing.TB) [][]byte {
	dir := os.Getenv("LETTERPRESS_CORPUS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "letterpress-corpus", "n1000")
	}
	var bodies [][]byte
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if b, err := os.ReadFile(p); err == nil {
				bodies = append(bodies, b)
			}
		}
		return nil
	})
	if len(bodies) == 0 {
		tb.Skip("no corpus: go run ./tools/gencorpus, or set LETTERPRESS_CORPUS")
	}
	return bodies
}

func BenchmarkCheckLimits(b *testing.B) {
	bodies := corpusBodies(b)
	n := 0
	for _, body := range bodies {
		n += len(body)
	}
	b.SetBytes(int64(n))
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := threadCPU()
	for b.Loop() {
		for _, body := range bodies {
			if e := CheckLimits(body); e != nil {
				b.Fatal(e.Msg)
			}
		}
	}
	// The thread's CPU time: on a shared machine, steadier than the wall
	// time the benchmark measures.
	reportThreadCPU(b, start)
}
