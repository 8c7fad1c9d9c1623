package publish_test

import (
	"io"
	"slices"
	"strings"
	"testing"

	"letterpress/internal/publish"
)

// stream writes data to name through the stage's Create, in pieces, as
// the open data files are written.
func stream(t *testing.T, s *publish.Stage, name, data string) {
	t.Helper()
	c, ok := any(s).(interface {
		Create(string) (io.WriteCloser, error)
	})
	if !ok {
		t.Fatal("a Stage takes no file as it is written (render.Streamer): a large file is collected whole in memory first")
	}
	w, err := c.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	for len(data) > 0 {
		n := min(len(data), 3)
		if _, err := io.WriteString(w, data[:n]); err != nil {
			t.Fatal(err)
		}
		data = data[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err == nil {
		t.Error("a file closed twice")
	}
}

// TestLiveStreams stages files as they are written, in a whole build and
// over the current files: they are served as files given whole to Write
// are, and one written again as it is is left alone.
func TestLiveStreams(t *testing.T) {
	l := publish.NewLive(t.TempDir())
	defer l.Close()
	s := l.Begin(true)
	stream(t, s, "data/letters.csv", "id,title\na,A\n")
	write(t, s, "index.html", "home")
	commit(t, s, nil, nil)
	if got := l.Names(); !slices.Equal(got, []string{"data/letters.csv", "index.html"}) || get(l, "data/letters.csv") != "id,title\na,A\n" {
		t.Fatalf("names %v, letters.csv %q", got, get(l, "data/letters.csv"))
	}

	before := inode(t, l, "data/letters.csv")
	s = l.Begin(false)
	stream(t, s, "data/letters.csv", "id,title\na,A\n") // as it is
	stream(t, s, "data/replies.csv", strings.Repeat("r", 100))
	write(t, s, "index.html", "home") // as it is
	if s.Len() != 1 {
		t.Fatalf("%d files staged, want 1 (two are unchanged)", s.Len())
	}
	commit(t, s, nil, nil)
	if inode(t, l, "data/letters.csv") != before {
		t.Error("a file streamed again as it was was replaced")
	}
	if get(l, "data/replies.csv") != strings.Repeat("r", 100) {
		t.Fatalf("replies.csv %q", get(l, "data/replies.csv"))
	}

	// Written whole, then streamed with new content, then whole as the
	// site has it: the last one counts.
	s = l.Begin(false)
	write(t, s, "data/letters.csv", "old")
	stream(t, s, "data/letters.csv", "id,title\nb,B\n")
	stream(t, s, "index.html", "home 2")
	write(t, s, "index.html", "home")
	commit(t, s, nil, nil)
	if get(l, "data/letters.csv") != "id,title\nb,B\n" || get(l, "index.html") != "home" {
		t.Fatalf("letters.csv %q, index.html %q", get(l, "data/letters.csv"), get(l, "index.html"))
	}

	s = l.Begin(false)
	if c, ok := any(s).(interface {
		Create(string) (io.WriteCloser, error)
	}); ok {
		if _, err := c.Create("../x"); err == nil {
			t.Error("a name leaving the site was created")
		}
	}
	s.Abort()
}
