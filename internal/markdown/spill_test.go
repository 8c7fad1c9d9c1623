package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
)

// result is a converted Result holding html in a reused buffer, as
// Convert leaves it for Keep.
func result(html []byte) *Result {
	buf := bufs.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Write(html)
	return &Result{HTML: buf.Bytes(), buf: buf}
}

func body(i, n int) []byte {
	b := []byte(fmt.Sprintf("<p>body %d</p>", i))
	for len(b) < n {
		b = append(b, byte('a'+(i+len(b))%26))
	}
	return b
}

// Bodies kept in a Spill read back whole and unchanged, whether their
// batch is written yet or not, from several goroutines at once, bodies
// larger than a batch included; each reads back as often as asked.
func TestSpillReadsBack(t *testing.T) {
	s, err := NewSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sizes := rand.New(rand.NewPCG(3, 4))
	const n = 2000
	want := make([][]byte, n)
	for i := range want {
		size := sizes.IntN(6000)
		if i%500 == 7 {
			size = 3 * spillBatch / 2
		}
		want[i] = body(i, size)
	}
	got := make([]*Result, n)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < n; i += 4 {
				got[i] = result(want[i])
				s.Keep(got[i])
				// A body kept earlier by this goroutine, read while
				// others keep theirs.
				if j := i - 4*(i%7); j >= 0 {
					if b := got[j].Bytes(); !bytes.Equal(b, want[j]) {
						t.Errorf("body %d read back while keeping: %d bytes, want %d", j, len(b), len(want[j]))
					}
				}
			}
		})
	}
	wg.Wait()
	if s.written == 0 || len(s.pending) == 0 {
		t.Fatalf("the test wants some batches written and one pending: written %d, pending %d", s.written, len(s.pending))
	}
	for range 2 {
		for i, r := range got {
			if r.HTML != nil || r.spill != s {
				t.Fatalf("body %d not in the spill", i)
			}
			if b := r.AppendBytes([]byte("x")); !bytes.Equal(b[1:], want[i]) || b[0] != 'x' {
				t.Fatalf("body %d read back: %d bytes, want %d", i, len(b)-1, len(want[i]))
			}
		}
	}
}

// A batch that cannot be written keeps its bodies in memory, and so does
// everything kept after it.
func TestSpillWriteFails(t *testing.T) {
	s, err := NewSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s.f.Close() // every write fails
	var want [][]byte
	var got []*Result
	for i := 0; i < 3*spillBatch/4000; i++ {
		want = append(want, body(i, 4000))
		got = append(got, result(want[i]))
		s.Keep(got[i])
	}
	if s.err == nil || len(s.failed) != 1 {
		t.Fatalf("the write did not fail: %v, %d failed batches", s.err, len(s.failed))
	}
	runtime.GC()
	for i, r := range got {
		if b := r.Bytes(); !bytes.Equal(b, want[i]) {
			t.Fatalf("body %d after the failed write: %d bytes, want %d", i, len(b), len(want[i]))
		}
	}
}

// BenchmarkSpillKeep keeps the bodies of 30,000 documents of a few
// kilobytes each (a 10k site's), reporting the thread's CPU time
// (the writes' system time included).
func BenchmarkSpillKeep(b *testing.B) {
	bodies := make([][]byte, 30000)
	sizes := rand.New(rand.NewPCG(1, 2))
	for i := range bodies {
		bodies[i] = body(i, 2000+sizes.IntN(8000))
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := threadCPU()
	for b.Loop() {
		s, err := NewSpill(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		for _, h := range bodies {
			s.Keep(result(h))
		}
		s.Close()
	}
	reportThreadCPU(b, start)
}
