package sitefs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// On Linux a regular file in a folder is opened with plain system calls
// (openIn), not as an *os.File, and reads, describes itself and closes
// as the *os.File os.Root opens would.
func TestDirectOpen(t *testing.T) {
	dir, f := site(t)
	name := "content/letters/2024/a.md"
	opened, err := f.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := opened.(*file); !ok {
		t.Fatalf("opened as %T, not with plain system calls", opened)
	}
	got, err := opened.Stat()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Name() != want.Name() || got.Size() != want.Size() || got.Mode() != want.Mode() || !got.ModTime().Equal(want.ModTime()) || got.IsDir() {
		t.Errorf("Stat: %s %d %v %v %v, os.Stat: %s %d %v %v", got.Name(), got.Size(), got.Mode(), got.ModTime(), got.IsDir(), want.Name(), want.Size(), want.Mode(), want.ModTime())
	}
	if st, ok := got.Sys().(*syscall.Stat_t); !ok || st.Ino != want.Sys().(*syscall.Stat_t).Ino {
		t.Errorf("Sys: %#v", got.Sys())
	}
	b, err := io.ReadAll(opened)
	if err != nil || string(b) != "letter a" {
		t.Errorf("read %q, %v", b, err)
	}
	if n, err := opened.Read(make([]byte, 4)); n != 0 || err != io.EOF {
		t.Errorf("read at the end: %d, %v", n, err)
	}
	p := make([]byte, 3)
	if n, err := opened.(io.ReaderAt).ReadAt(p, 2); n != 3 || err != nil || string(p) != "tte" {
		t.Errorf("ReadAt: %d %q %v", n, p, err)
	}
	if err := opened.Close(); err != nil {
		t.Fatal(err)
	}
	if err := opened.Close(); !errors.Is(err, fs.ErrClosed) {
		t.Errorf("second Close: %v", err)
	}
	if _, err := opened.Read(p); !errors.Is(err, fs.ErrClosed) {
		t.Errorf("Read after Close: %v", err)
	}
}

// What is not a regular file is opened as os.Root opens it: a folder
// (which lists), a link inside the site (followed), a named pipe
// (whose opening does not hang here, as it would with a writer
// missing, only because a writer is there).
func TestIndirectOpen(t *testing.T) {
	dir, f := site(t)
	d, err := f.Open("content/letters/2024")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := d.(fs.ReadDirFile); !ok {
		t.Fatalf("a folder opened as %T", d)
	}
	d.Close()
	if err := os.Symlink("a.md", filepath.Join(dir, "content/letters/2024/link.md")); err != nil {
		t.Fatal(err)
	}
	l, err := f.Open("content/letters/2024/link.md")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := l.(*file); ok {
		t.Error("a link was opened directly")
	}
	if b, _ := io.ReadAll(l); string(b) != "letter a" {
		t.Errorf("through the link: %q", b)
	}
	l.Close()
	fifo := filepath.Join(dir, "content/letters/2024/pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	// A named pipe is refused at once, not opened (the direct open's
	// non-blocking look at it would let a writer waiting on the pipe write
	// into it, and os.Root's blocking open would then wait for ever for
	// another writer), even with a writer waiting on it.
	writer := make(chan []byte, 1)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			w.Write([]byte("piped"))
			w.Close()
		}
		writer <- nil
	}()
	done := make(chan error)
	go func() {
		p, err := f.Open("content/letters/2024/pipe.md")
		if err == nil {
			p.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNamedPipe) {
			t.Errorf("opening a named pipe: %v, want %v", err, ErrNamedPipe)
		}
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != "content/letters/2024/pipe.md" {
			t.Errorf("the error names %v, not the pipe's path", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("opening a named pipe hung")
	}
	// The writer is not left waiting for a reader for ever.
	if r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
		select {
		case <-writer:
		case <-time.After(10 * time.Second):
		}
		r.Close()
	}
}

func BenchmarkOpenRead(b *testing.B) {
	_, f := site(b)
	buf := make([]byte, 0, 64)
	for b.Loop() {
		opened, err := f.Open("content/letters/2024/a.md")
		if err != nil {
			b.Fatal(err)
		}
		opened.Stat()
		n, _ := opened.Read(buf[:cap(buf)])
		opened.Read(buf[n:cap(buf)])
		opened.Close()
	}
}
