package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"letterpress/internal/publish"
	"letterpress/internal/sitetest"
)

// manifest records every file, folder and link under root: its type, and
// the hash of a file's content or a link's target. Reading every file is
// what "complete and readable" means.
func manifest(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			m[rel] = "link " + target
		case d.IsDir():
			m[rel] = "dir"
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			m[rel] = "file " + hex.EncodeToString(sum[:8])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// diffManifests describes how b differs from a, in a few lines.
func diffManifests(a, b map[string]string) string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if b[k] != a[k] {
			out = append(out, fmt.Sprintf("%s: %q → %q", k, a[k], b[k]))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[k]; !ok {
			out = append(out, fmt.Sprintf("%s: new %q", k, b[k]))
		}
	}
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("... %d more", len(out)-10))
	}
	return strings.Join(out, "\n")
}

// bigSite writes the check cases' base site with n more letters, enough
// for a build to take a while.
func bigSite(t *testing.T, dir string, n int) {
	t.Helper()
	sitetest.Load(t, "../../internal/build/testdata/check/_base.txtar").WriteDir(t, dir)
	body := strings.Repeat("The Commissioner asks for an account of the force's work with victims. ", 40)
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("content/letters/2021/2021-04-%02d-bulk-%04d.md", i%28+1, i))
		text := fmt.Sprintf("---\ntitle: Bulk letter %d\ndate: 2021-04-%02d\nto: [northshire-pcc]\n---\n%s\n\nSee [the report](report:annual-report-2020).\n", i, i%28+1, body)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// stale lists the temporary folders of builds beside out.
func stale(t *testing.T, out string) []string {
	t.Helper()
	var found []string
	for _, pat := range []string{".tmp-*", ".old-*"} {
		m, err := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+pat))
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, m...)
	}
	return found
}

// TestKilledBuildKeepsPreviousOutput builds a site with the compiled
// command, then starts builds of a changed site and SIGKILLs each once its
// temporary folder has appeared, until one has been killed mid-way: the
// previous output must be there, complete and unchanged; the next build
// must remove the killed build's temporary folder and publish the change.
func TestKilledBuildKeepsPreviousOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and a site of 1,500 letters")
	}
	bin := filepath.Join(t.TempDir(), "letterpress")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := t.TempDir()
	bigSite(t, site, 1500)
	out := filepath.Join(t.TempDir(), "public")
	build := func() *exec.Cmd {
		return exec.Command(bin, "build", "--site", site, "--out", out, "--now", "2021-06-01")
	}
	if b, err := build().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	previous := manifest(t, out)
	if _, ok := previous[publish.Marker]; !ok || len(previous) < 1500 {
		t.Fatalf("first build wrote %d files, without the marker?", len(previous))
	}

	about := filepath.Join(site, "content/pages/about.md")
	inode := func() uint64 {
		info, err := os.Stat(out)
		if err != nil {
			return 0
		}
		return sitetest.InodeOf(info)
	}
	killedMidway, killedWriting, killedRemoving := 0, 0, 0
	for attempt := 0; attempt < 40 && (killedMidway < 4 || killedWriting < 2); attempt++ {
		// Change the site, so that a build that got through would show.
		if err := os.WriteFile(about, fmt.Appendf(nil, "---\ntitle: About\n---\nVersion %d.\n", attempt), 0o644); err != nil {
			t.Fatal(err)
		}
		before := inode()
		cmd := build()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		// Kill once the temporary folder appears, once pages are being
		// written into it, or once the new output is in place (while the
		// previous one, now in the temporary folder, is being removed).
		started := func() bool {
			if attempt%3 == 2 {
				return inode() != before
			}
			tmp := stale(t, out)
			if len(tmp) == 0 {
				return false
			}
			if attempt%3 == 0 {
				return true
			}
			_, err := os.Stat(filepath.Join(tmp[0], "letters"))
			return err == nil
		}
		deadline := time.Now().Add(time.Minute) // a hang guard
		for !started() && time.Now().Before(deadline) {
			select {
			case err := <-exited:
				exited <- err
				deadline = time.Now()
			default:
				time.Sleep(500 * time.Microsecond)
			}
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
		err := <-exited
		got := manifest(t, out)
		ws, _ := err.(*exec.ExitError)
		killed := ws != nil && ws.Sys().(syscall.WaitStatus).Signaled()
		switch {
		case killed && diffManifests(previous, got) == "":
			if tmp := stale(t, out); len(tmp) > 0 {
				// Killed mid-way, and the previous output is intact.
				killedMidway++
				if _, err := os.Stat(filepath.Join(tmp[0], "letters")); err == nil {
					killedWriting++
				}
			}
		case killed || err == nil:
			// The build got as far as swapping the new output in: it
			// must be the whole new site, as a fresh build makes it.
			ref := filepath.Join(t.TempDir(), "ref")
			if b, err := exec.Command(bin, "build", "--site", site, "--out", ref, "--now", "2021-06-01").CombinedOutput(); err != nil {
				t.Fatalf("reference build: %v\n%s", err, b)
			}
			if d := diffManifests(manifest(t, ref), got); d != "" {
				t.Fatalf("attempt %d: the output is neither the previous build nor the new one:\n%s", attempt, d)
			}
			if killed && len(stale(t, out)) > 0 {
				// Killed while removing the previous output: the next
				// build removes what is left of it.
				killedRemoving++
			}
			previous = got
		default:
			t.Fatalf("attempt %d: build failed: %v", attempt, err)
		}
	}
	if killedWriting == 0 {
		t.Fatalf("no build was killed while writing pages in 30 attempts (%d killed before)", killedMidway)
	}
	t.Logf("%d builds killed mid-way, %d of them while writing pages; %d killed while removing the previous output", killedMidway, killedWriting, killedRemoving)

	if b, err := build().CombinedOutput(); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, b)
	}
	if s := stale(t, out); len(s) > 0 {
		t.Fatalf("the next build left the killed builds' folders: %v", s)
	}
	page, err := os.ReadFile(filepath.Join(out, "about/index.html"))
	if err != nil || !strings.Contains(string(page), "Version ") {
		t.Fatalf("the next build did not publish the change: %v", err)
	}
}

// TestNothingWrittenOutsideOut builds sites whose content tries to reach
// outside the output, and checks that nothing changes anywhere but in
// --out: not in the site, not beside the output, not where a link points.
func TestNothingWrittenOutsideOut(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	elsewhere := filepath.Join(root, "elsewhere")
	out := filepath.Join(root, "build", "public")
	sitetest.Load(t, "../../internal/build/testdata/check/_base.txtar").WriteDir(t, site)
	for _, d := range []string{elsewhere, filepath.Join(site, "static/files"), filepath.Join(site, "static/docs")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(elsewhere, "keep.txt"), []byte("outside the site"), 0o644)
	os.WriteFile(filepath.Join(site, "static/files/reply.pdf"), []byte("%PDF-1.4"), 0o644)
	// A link inside the site is published as the file it points to.
	os.Symlink("../files/reply.pdf", filepath.Join(site, "static/docs/reply.pdf"))

	// An earlier output holding links out of it: a build must replace
	// them, never write through them.
	if b := runOut(t, "build", "--site", site, "--out", out, "--now", "2021-06-01"); b != 0 {
		t.Fatal("first build failed")
	}
	os.Symlink(elsewhere, filepath.Join(out, "letters-link"))
	os.RemoveAll(filepath.Join(out, "about"))
	os.Symlink(elsewhere, filepath.Join(out, "about"))
	os.RemoveAll(filepath.Join(out, "organisations", "northshire-pcc"))
	os.Symlink(elsewhere, filepath.Join(out, "organisations", "northshire-pcc"))

	hostile := map[string]string{
		"content/pages/escape.md": "---\ntitle: Escape\naliases: [/../../escape/, \"/x\\n/../../y\"]\n---\n",
		"content/letters/2021/2021-04-01-x.md": "---\ntitle: L\ndate: 2021-04-01\nto: [northshire-pcc]\nattachments:\n" +
			"  - {title: a, file: ../../elsewhere/keep.txt}\n  - {title: b, file: " + filepath.Join(elsewhere, "keep.txt") + "}\n  - {title: c, file: files/reply.pdf}\n---\n",
		"content/pages/..md":         "---\ntitle: Dots\n---\n",
		"content/pages/a..b.md":      "---\ntitle: Dots\n---\n",
		"content/pages/%2e%2e.md":    "---\ntitle: Encoded\n---\n",
		"content/reports/abs.md":     "---\ntitle: Abs\nfile: /etc/passwd\nurl: file:///etc/passwd\n---\n",
		"content/organisations/x.md": "---\nname: X\nurl: https://example.org/../../\n---\n",
	}
	for name, text := range hostile {
		os.WriteFile(filepath.Join(site, filepath.FromSlash(name)), []byte(text), 0o644)
	}
	os.Symlink(elsewhere, filepath.Join(site, "content/pages/elsewhere"))
	os.Symlink(filepath.Join(elsewhere, "keep.txt"), filepath.Join(site, "static/files/keep.txt"))

	before := manifest(t, root)
	if code := runOut(t, "build", "--site", site, "--out", out, "--now", "2021-06-01"); code != 1 {
		t.Fatalf("a build of hostile content exited %d, want 1", code)
	}
	if d := diffManifests(before, manifest(t, root)); d != "" {
		t.Fatalf("a failed build changed files:\n%s", d)
	}

	// Without the content that is refused, the build succeeds, and only
	// --out changes.
	for name := range hostile {
		os.Remove(filepath.Join(site, filepath.FromSlash(name)))
	}
	os.Remove(filepath.Join(site, "content/pages/elsewhere"))
	os.Remove(filepath.Join(site, "static/files/keep.txt"))
	// The output replaced is kept beside the new one (.public.previous),
	// links out of it and all, and the build after recycles it unless it
	// finds it changed: it must not write through those links either.
	outRel, _ := filepath.Rel(root, out)
	spareRel := filepath.Join(filepath.Dir(outRel), "."+filepath.Base(outRel)+".previous")
	ours := func(k string) bool {
		for _, o := range []string{outRel, spareRel} {
			if k == o || strings.HasPrefix(k, o+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
	for i, edit := range []string{"", "\nA new paragraph.\n"} {
		if edit != "" {
			f, err := os.OpenFile(filepath.Join(site, "content/pages/about.md"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString(edit)
			f.Close()
		}
		before = manifest(t, root)
		if code := runOut(t, "build", "--site", site, "--out", out, "--now", "2021-06-01"); code != 0 {
			t.Fatalf("build %d exited %d", i, code)
		}
		after := manifest(t, root)
		for k, v := range after {
			if before[k] != v && !ours(k) && !strings.HasPrefix(k, filepath.Join("site", "content")) {
				t.Errorf("build %d changed outside --out: %s", i, k)
			}
		}
		for k := range before {
			if _, ok := after[k]; !ok && !ours(k) {
				t.Errorf("build %d removed outside --out: %s", i, k)
			}
		}
		if after[filepath.Join(outRel, "about")] != "dir" || after[filepath.Join(outRel, "docs", "reply.pdf")] == "" || after[filepath.Join(outRel, "letters-link")] != "" {
			t.Errorf("build %d: the new output is not a plain folder of the site's files: about %q, docs/reply.pdf %q, letters-link %q", i,
				after[filepath.Join(outRel, "about")], after[filepath.Join(outRel, "docs", "reply.pdf")], after[filepath.Join(outRel, "letters-link")])
		}
	}
}

func runOut(t *testing.T, args ...string) int {
	t.Helper()
	code, _, stderr := run(t, args...)
	t.Logf("letterpress %s: exit %d\n%s", args[0], code, stderr)
	return code
}
