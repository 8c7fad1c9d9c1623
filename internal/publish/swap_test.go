package publish

import (
	"bufio"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The output is replaced in one step where the system can exchange two
// folders (Linux, macOS on APFS), and by two renames elsewhere (Windows,
// other file systems). These tests force the two renames on Linux, so
// that the fallback is tested where CI runs.

// forceRenames makes Commit rename twice until the test ends.
func forceRenames(t *testing.T) {
	t.Helper()
	saved := exchange
	exchange = func(string, string) error { return errors.ErrUnsupported }
	t.Cleanup(func() { exchange = saved })
}

// put builds files into out, tracking them, and commits.
func put(t *testing.T, out string, files map[string]string) map[string]FileInfo {
	t.Helper()
	d, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	d.Track()
	for name, data := range files {
		if err := d.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		d.Abort()
		t.Fatal(err)
	}
	return d.Files()
}

// files reads every file under dir (the Marker aside).
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == Marker {
			return nil
		}
		data, err := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// leftovers lists the folders beside out that builds make and remove.
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	var found []string
	for _, pat := range []string{".tmp-*", ".old-*"} {
		m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+pat))
		found = append(found, m...)
	}
	return found
}

var (
	v1 = map[string]string{"index.html": "one", "letters/a/index.html": "a1", "letters/b/index.html": "b"}
	v2 = map[string]string{"index.html": "two", "letters/a/index.html": "a2", "letters/c/index.html": "c"}
)

// TestCommitByRenames: with the exchange unavailable, Commit replaces the
// output by two renames, for a first build, a rebuild, and a rebuild that
// links the previous output's files and keeps it beside the new one.
func TestCommitByRenames(t *testing.T) {
	forceRenames(t)
	out := filepath.Join(t.TempDir(), "public")
	put(t, out, v1)
	if got := files(t, out); !maps.Equal(got, v1) {
		t.Fatalf("first build: %v", got)
	}
	recorded := put(t, out, v2)
	if got := files(t, out); !maps.Equal(got, v2) {
		t.Fatalf("rebuild: %v", got)
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Fatalf("left %v", l)
	}

	// A repeat build: every file linked from the previous output, which
	// is kept beside the new one.
	d, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	d.Track()
	d.KeepPrevious()
	for name, info := range recorded {
		if err := d.Link(name, info); err != nil {
			t.Fatalf("link %s: %v", name, err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := files(t, out); !maps.Equal(got, v2) {
		t.Fatalf("repeat build: %v", got)
	}
	if got := files(t, sparePath(out)); !maps.Equal(got, v2) {
		t.Fatalf("the kept output: %v", got)
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Fatalf("left %v", l)
	}
}

// TestKilledBetweenRenames kills a build (SIGKILL, in a child process)
// between Commit's two renames, when no output is in place: the next
// build puts the previous output back, whole, before anything else, and
// then replaces it as usual. Before, the next build removed the old
// output as a killed build's leftover, and the site was lost.
func TestKilledBetweenRenames(t *testing.T) {
	if out := os.Getenv("PUBLISH_KILL_BETWEEN"); out != "" {
		exchange = func(string, string) error { return errors.ErrUnsupported }
		betweenRenames = func() {
			os.Stdout.WriteString("between\n")
			p, _ := os.FindProcess(os.Getpid())
			p.Kill()
			time.Sleep(time.Minute)
		}
		d, err := NewDir(out)
		if err != nil {
			os.Stdout.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		for name, data := range v2 {
			if err := d.Write(name, []byte(data)); err != nil {
				os.Stdout.WriteString(err.Error() + "\n")
				os.Exit(1)
			}
		}
		err = d.Commit()
		os.Stdout.WriteString("not killed between the renames: " + fmt.Sprint(err) + "\n")
		os.Exit(1)
	}
	forceRenames(t)
	out := filepath.Join(t.TempDir(), "public")
	put(t, out, v1)
	before := files(t, out)

	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledBetweenRenames$")
	cmd.Env = append(os.Environ(), "PUBLISH_KILL_BETWEEN="+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	err = cmd.Wait()
	if line != "between\n" || err == nil {
		t.Fatalf("the child: %q, %v", line, err)
	}
	if _, err := os.Lstat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("killed between the renames, yet the output is there (%v): the test did not reach the window", err)
	}
	if l := leftovers(t, out); len(l) != 2 {
		t.Fatalf("beside the output: %v, want the new build and the old output", l)
	}

	// The next build puts the previous output back as it starts: a build
	// that fails leaves it there.
	d, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := files(t, out); !maps.Equal(got, before) {
		t.Fatalf("after the next build started, the output is %v, want the previous output %v", got, before)
	}
	d.Abort()
	if got := files(t, out); !maps.Equal(got, before) {
		t.Fatalf("after a failed build, the output is %v", got)
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Fatalf("left %v", l)
	}
	put(t, out, v2)
	if got := files(t, out); !maps.Equal(got, v2) {
		t.Fatalf("the build after: %v", got)
	}
}

// TestUntrustedStamps: where change times are not trusted (macOS,
// Windows, file systems Linux does not vouch for), every file of the
// previous output is read to be checked before it is linked, a file
// changed with its size and times restored is caught, and the kept
// output is not recycled in place.
func TestUntrustedStamps(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	put(t, out, v1)
	d, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	d.Track()
	d.KeepPrevious()
	for name, data := range v1 {
		if err := d.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	recorded := d.Files()
	var names []string
	for n := range recorded {
		names = append(names, n)
	}

	// Change a file by hand, keeping its size and modification time.
	p := filepath.Join(out, "letters", "b", "index.html")
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("B"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}

	d, err = NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	d.stamps = false
	d.Track()
	spare, err := OutputIdentity(sparePath(out))
	if err != nil {
		t.Fatal(err)
	}
	if d.Recycle(spare, names, nil) {
		t.Fatal("recycled the kept output without trusted change times")
	}
	for name, info := range recorded {
		err := d.Link(name, info)
		if name == "letters/b/index.html" {
			if !errors.Is(err, ErrChanged) {
				t.Fatalf("the file changed by hand: %v, want ErrChanged", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("link %s: %v", name, err)
		}
	}
	if d.Reread() != len(recorded) {
		t.Fatalf("read %d files to check them, want all %d", d.Reread(), len(recorded))
	}
	// Nor is the output it replaces kept for a next build that could not
	// recycle it either.
	d.KeepPrevious()
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(sparePath(out)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("kept the previous output at %s (%v) where it cannot be recycled", sparePath(out), err)
	}
}

// TestOutputSafetyByRenames runs the output's safety tests again in a
// child process with LETTERPRESS_SWAP=renames, as on Windows: a build
// that fails or is refused leaves the previous output as it was, whichever
// way the output is replaced.
func TestOutputSafetyByRenames(t *testing.T) {
	if os.Getenv("LETTERPRESS_SWAP") == "renames" {
		if Swap() != "two renames" {
			t.Fatalf("LETTERPRESS_SWAP=renames, yet the swap is %s", Swap())
		}
		return // the child: the other tests are what it runs
	}
	cmd := exec.Command(os.Args[0], "-test.count=1", "-test.run=^(TestOutputSafetyByRenames|TestCheckOut|TestMarkerAloneNeverLicenses|TestDescribedOutput|TestDiskFull|TestCommitByRenames|TestUntrustedStamps)$")
	cmd.Env = append(os.Environ(), "LETTERPRESS_SWAP=renames")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the output's safety tests, with two renames: %v\n%s", err, out)
	}
}
