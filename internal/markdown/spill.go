package markdown

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"sync"
)

// Spill holds rendered bodies in a temporary file instead of memory. A
// one-shot build renders every body before it can write any page (the
// graph needs every body's links first), then reads each body back once
// or twice (its page, the search index): keeping them all in memory was
// most of what a large build held. The
// file is unlinked as soon as it is made, so nothing is left behind
// whatever happens to the process, and its pages are the kernel's to keep
// in the page cache or drop.
//
// Bodies are written a batch at a time (spillBatch bytes): each write to
// a file costs a system call and, on a journalling file system, an
// update of the file's times, which a body of a few kilobytes at a time
// paid thirty thousand times at 10,000 letters. A body whose batch is not
// yet written is read from the batch.
type Spill struct {
	f  *os.File
	mu sync.Mutex
	// end is the offset after all that was kept; the bytes from written
	// on are in pending.
	end, written int64
	pending      []byte
	// failed holds the batches that could not be written, whose bodies
	// are read from memory (as those kept after the first failure are).
	failed []failedBatch
	err    error
}

type failedBatch struct {
	at   int64
	data []byte
}

// spillBatch is how many bytes of bodies a Spill gathers before it
// writes them.
const spillBatch = 1 << 20

// NewSpill makes an unlinked temporary file in dir ("" for the system's
// temporary folder).
func NewSpill(dir string) (*Spill, error) {
	f, err := os.CreateTemp(dir, "letterpress-bodies-")
	if err != nil {
		return nil, err
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, err
	}
	return &Spill{f: f}, nil
}

// Keep moves r's HTML to the file; r.Bytes reads it back. If the write
// fails, or s is nil, the HTML stays in memory, in a slice of its own
// size. A converted Result is made to be kept: until then its HTML is in
// a buffer that conversions reuse, and which Keep gives back.
func (s *Spill) Keep(r *Result) {
	if s == nil || len(r.HTML) == 0 {
		r.own()
		return
	}
	s.mu.Lock()
	if s.err != nil {
		s.mu.Unlock()
		r.own()
		return
	}
	off := s.end
	s.end += int64(len(r.HTML))
	if s.pending == nil {
		s.pending = make([]byte, 0, spillBatch+len(r.HTML))
	}
	s.pending = append(s.pending, r.HTML...)
	if len(s.pending) >= spillBatch {
		// Written with the lock held: a body of this batch is read from
		// it until it is in the file.
		if _, err := s.f.WriteAt(s.pending, s.written); err != nil {
			s.err = err
			s.failed = append(s.failed, failedBatch{s.written, s.pending})
		}
		s.written, s.pending = s.end, s.pending[:0]
		if s.err != nil {
			s.pending = nil
		}
	}
	s.mu.Unlock()
	r.spill, r.off, r.n = s, off, len(r.HTML)
	r.HTML = nil
	if r.buf != nil {
		bufs.Put(r.buf)
		r.buf = nil
	}
}

// own copies the HTML out of the reused buffer, which goes back to be
// reused: every body of a site is kept until its page is written, so it
// must take exactly its bytes, not a growing buffer's spare capacity
// (which doubled what a large site held).
func (r *Result) own() {
	if r.buf == nil {
		return
	}
	r.HTML = bytes.Clone(r.HTML)
	bufs.Put(r.buf)
	r.buf = nil
}

// inMemory copies the kept bytes at off into b if they are not in the
// file: in the batch not yet written, or in one that could not be.
func (s *Spill) inMemory(b []byte, off int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if off >= s.written {
		copy(b, s.pending[off-s.written:])
		return true
	}
	for _, f := range s.failed {
		if off >= f.at && off < f.at+int64(len(f.data)) {
			copy(b, f.data[off-f.at:])
			return true
		}
	}
	return false
}

// Close releases the file. Results kept in it can no longer be read.
func (s *Spill) Close() error {
	if s == nil {
		return nil
	}
	return s.f.Close()
}

// Bytes returns the rendered HTML, reading it back from a Spill if it was
// moved there (a new slice each time: the caller may keep it or let it go).
func (r *Result) Bytes() []byte {
	if r.redo != nil {
		b, err := r.redo()
		if err != nil {
			// Only a file changed or removed during the build gets here;
			// the page that asked fails with the reason.
			panic(err.Error())
		}
		return b
	}
	if r.spill == nil {
		return r.HTML
	}
	return r.AppendBytes(make([]byte, 0, r.n))
}

// AppendBytes appends the rendered HTML to dst: Bytes without a new slice
// for each body, for a caller that reads every body in turn.
func (r *Result) AppendBytes(dst []byte) []byte {
	if r.redo != nil {
		return append(dst, r.Bytes()...)
	}
	if r.spill == nil {
		return append(dst, r.HTML...)
	}
	dst = slices.Grow(dst, r.n)
	b := dst[len(dst) : len(dst)+r.n]
	if r.spill.inMemory(b, r.off) {
		return dst[:len(dst)+r.n]
	}
	if _, err := r.spill.f.ReadAt(b, r.off); err != nil {
		// The file is ours and unlinked: only a failing disk gets here.
		panic(fmt.Sprintf("reading a rendered body back: %v", err))
	}
	return dst[:len(dst)+r.n]
}

// Redo makes r's HTML be made again by convert each time it is asked for,
// rather than kept: a build that reused what an earlier build found in a
// body (its links, summary, footnotes) converts it only if a page that
// shows it is rendered.
func (r *Result) Redo(convert func() ([]byte, error)) {
	r.HTML, r.spill, r.redo = nil, nil, convert
}
