package slab

import (
	"strings"
	"sync"
	"unsafe"
)

// slabBytes is about the size of each allocation.
const slabBytes = 8 << 10

// Of hands out Ts.
type Of[T any] struct {
	mu   sync.Mutex
	free []T
}

// size is the number of Ts in a slab: at least 16.
func (s *Of[T]) size() int {
	var t T
	return max(16, slabBytes/max(1, int(unsafe.Sizeof(t))))
}

// New returns a new, zero T.
func (s *Of[T]) New() *T {
	s.mu.Lock()
	if len(s.free) == 0 {
		s.free = make([]T, s.size())
	}
	p := &s.free[0]
	s.free = s.free[1:]
	s.mu.Unlock()
	return p
}

// List returns an empty slice with room for n Ts and no more (appending
// past them copies). A list of more than an eighth of a slab is allocated
// on its own.
func (s *Of[T]) List(n int) []T {
	size := s.size()
	if n > size/8 {
		return make([]T, 0, n)
	}
	s.mu.Lock()
	if len(s.free) < n {
		s.free = make([]T, size)
	}
	l := s.free[:0:n]
	s.free = s.free[n:]
	s.mu.Unlock()
	return l
}

// textBytes is the size of each allocation of Text.
const textBytes = 16 << 10

// Text hands out strings. A strings.Builder only ever appends, so the
// bytes of a string it gave out never change.
type Text struct {
	mu sync.Mutex
	b  strings.Builder
}

// Join returns strings.Join(parts, "").
func (t *Text) Join(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n == 0 || n > textBytes/8 {
		return strings.Join(parts, "") // (one part: that part)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	start := t.reserve(n)
	for _, p := range parts {
		t.b.WriteString(p)
	}
	return t.b.String()[start:]
}

// String returns string(b).
func (t *Text) String(b []byte) string {
	if len(b) == 0 || len(b) > textBytes/8 {
		return string(b)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	start := t.reserve(len(b))
	t.b.Write(b)
	return t.b.String()[start:]
}

// reserve makes room for n more bytes and returns where they start.
func (t *Text) reserve(n int) int {
	if t.b.Cap()-t.b.Len() < n {
		t.b = strings.Builder{}
		t.b.Grow(textBytes)
	}
	return t.b.Len()
}
