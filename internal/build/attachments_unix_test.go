//go:build unix

package build_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"letterpress/internal/build"
	"letterpress/internal/sitetest"
)

// TestAttachmentNamedPipe: an attachment that is a named pipe is not
// read (reading it would wait for ever for something to write to it).
func TestAttachmentNamedPipe(t *testing.T) {
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	dir := t.TempDir()
	(&sitetest.Site{FS: attachmentSite(t, "")}).WriteDir(t, dir)
	pipe := filepath.Join(dir, "static", "files", "notes.txt")
	if err := os.Remove(pipe); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	done := make(chan struct{})
	go func() {
		build.Load(os.DirFS(dir), build.Options{Now: buildDate("2021-06-01")})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		// Let the blocked read go before failing.
		if f, err := os.OpenFile(pipe, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("check waits on an attachment that is a named pipe")
	}
}
