package publish_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"letterpress/internal/publish"
	"letterpress/internal/sitetest"
)

func commit(t *testing.T, s *publish.Stage, keep map[string]bool, dirs []string) {
	t.Helper()
	if err := s.Commit(keep, dirs); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, s *publish.Stage, name, data string) {
	t.Helper()
	if err := s.Write(name, []byte(data)); err != nil {
		t.Fatal(err)
	}
}

func get(l *publish.Live, name string) string {
	b, ok := l.Get(name)
	if !ok {
		return "<none>"
	}
	return string(b)
}

func TestLiveStages(t *testing.T) {
	parent := t.TempDir()
	l := publish.NewLive(parent)
	defer l.Close()
	if _, ok := l.Get("index.html"); ok {
		t.Fatal("a file before the first build")
	}
	s := l.Begin(true)
	write(t, s, "index.html", "home")
	write(t, s, "letters/a/index.html", "a")
	write(t, s, "search/index/x.json", "x")
	write(t, s, "search/index/y.json", "y")
	if _, ok := l.Get("index.html"); ok {
		t.Fatal("a staged file is served before its commit")
	}
	commit(t, s, nil, nil)
	if got := l.Names(); !slices.Equal(got, []string{"index.html", "letters/a/index.html", "search/index/x.json", "search/index/y.json"}) {
		t.Fatalf("names %v", got)
	}
	if get(l, "letters/a/index.html") != "a" || get(l, "letters") != "<none>" || get(l, "../lock") != "<none>" {
		t.Fatal("wrong files served")
	}

	// A failed build changes nothing.
	s = l.Begin(false)
	write(t, s, "index.html", "broken")
	s.Abort()
	if get(l, "index.html") != "home" {
		t.Fatal("an aborted stage changed a file")
	}

	// Over the current files; with keep, what is not kept goes, and a
	// folder written whole loses what it lacks.
	before := inode(t, l, "letters/a/index.html")
	s = l.Begin(false)
	write(t, s, "index.html", "home 2")
	write(t, s, "letters/a/index.html", "a") // as it is: left alone
	write(t, s, "letters/b/index.html", "b")
	write(t, s, "search/index/x.json", "x2")
	if s.Len() != 3 {
		t.Fatalf("%d files staged, want 3 (one is unchanged)", s.Len())
	}
	commit(t, s, map[string]bool{"index.html": true, "letters/a/index.html": true, "letters/b/index.html": true, "search/index/": true}, nil)
	if got := l.Names(); !slices.Equal(got, []string{"index.html", "letters/a/index.html", "letters/b/index.html", "search/index/x.json"}) {
		t.Fatalf("names %v", got)
	}
	if inode(t, l, "letters/a/index.html") != before {
		t.Error("a file written again as it was was replaced")
	}
	if get(l, "index.html") != "home 2" || get(l, "search/index/x.json") != "x2" {
		t.Fatal("the commit is not served")
	}

	// Without keep, nothing goes but what a folder written whole lacks.
	s = l.Begin(false)
	write(t, s, "letters/a/index.html", "a2")
	commit(t, s, nil, []string{"search/index/"})
	if len(l.Names()) != 4 {
		t.Fatalf("names %v", l.Names())
	}
	s = l.Begin(false)
	write(t, s, "search/index/z.json", "z")
	commit(t, s, nil, []string{"search/index/"})
	if got := l.Names(); !slices.Equal(got, []string{"index.html", "letters/a/index.html", "letters/b/index.html", "search/index/z.json"}) {
		t.Fatalf("names %v", got)
	}

	// A whole build replaces everything.
	s = l.Begin(true)
	write(t, s, "index.html", "home 3")
	commit(t, s, nil, nil)
	if got := l.Names(); !slices.Equal(got, []string{"index.html"}) || get(l, "index.html") != "home 3" {
		t.Fatalf("names %v", got)
	}
	if err := s.Write("../x", nil); err == nil {
		t.Fatal("a name leaving the site was written")
	}

	dir := l.Dir()
	if !strings.HasPrefix(filepath.Base(dir), publish.LivePrefix) || filepath.Dir(dir) != parent {
		t.Fatalf("folder %s", dir)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the folder is still there after Close: %v", err)
	}
	if _, ok := l.Get("index.html"); ok {
		t.Fatal("a file served after Close")
	}
}

func inode(t *testing.T, l *publish.Live, name string) uint64 {
	t.Helper()
	f, err := l.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	return sitetest.InodeOf(info)
}

// A page read while builds replace it is always one whole version.
func TestLiveNeverServesHalfAFile(t *testing.T) {
	l := publish.NewLive(t.TempDir())
	defer l.Close()
	page := func(c byte) []byte { return bytes.Repeat([]byte{c}, 1<<20) }
	s := l.Begin(true)
	s.Write("big/index.html", page('a'))
	commit(t, s, nil, nil)
	var stop atomic.Bool
	var wg sync.WaitGroup
	var reads atomic.Int64
	for range 4 {
		wg.Go(func() {
			for !stop.Load() {
				b, ok := l.Get("big/index.html")
				if !ok || len(b) != 1<<20 || bytes.Count(b, b[:1]) != len(b) {
					t.Errorf("read a page of %d bytes that is not one version (ok %v)", len(b), ok)
					return
				}
				reads.Add(1)
			}
		})
	}
	for i := range 200 {
		s := l.Begin(i%10 == 9) // now and then a whole build
		s.Write("big/index.html", page(byte('b'+i%20)))
		if err := s.Commit(nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	wg.Wait()
	if reads.Load() == 0 {
		t.Fatal("no reads")
	}
}

// The folder of a process that was killed is removed by the next Live;
// the folder of one that is alive is not.
func TestLiveRemovesKilledFolder(t *testing.T) {
	if os.Getenv("LETTERPRESS_LIVE_HELPER") != "" {
		l := publish.NewLive(os.Getenv("LETTERPRESS_LIVE_HELPER"))
		s := l.Begin(true)
		s.Write("index.html", []byte("x"))
		s.Commit(nil, nil)
		fmt.Println(l.Dir())
		time.Sleep(time.Minute) // until killed
		return
	}
	parent := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLiveRemovesKilledFolder$")
	cmd.Env = append(os.Environ(), "LETTERPRESS_LIVE_HELPER="+parent)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	dir, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	dir = strings.TrimSpace(dir)
	alive := publish.NewLive(parent)
	defer alive.Close()
	alive.Begin(true).Commit(nil, nil)
	publish.RemoveStaleLive(parent)
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("a live process's folder was removed: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	publish.RemoveStaleLive(parent)
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("a killed process's folder is still there: %v", err)
	}
	if _, err := os.Stat(alive.Dir()); err != nil {
		t.Fatalf("this process's folder was removed: %v", err)
	}
	// And a new Live removes it by itself.
	cmd = exec.Command(os.Args[0], "-test.run=^TestLiveRemovesKilledFolder$")
	cmd.Env = append(os.Environ(), "LETTERPRESS_LIVE_HELPER="+parent)
	out, _ = cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	dir, _ = bufio.NewReader(out).ReadString('\n')
	dir = strings.TrimSpace(dir)
	cmd.Process.Kill()
	cmd.Wait()
	next := publish.NewLive(parent)
	next.Begin(true).Commit(nil, nil)
	next.Close() // waits for the removal it started
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the next Live left a killed process's folder: %v", err)
	}
}
