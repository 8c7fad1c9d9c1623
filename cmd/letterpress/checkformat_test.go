package main

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"letterpress/internal/sitetest"
)

// formatSite is the check cases' base site with a file whose name breaks
// the id rule (a problem with the whole file), one with a warning and one
// with an error at a position.
func formatSite(t *testing.T) string {
	t.Helper()
	base, err := os.ReadFile("../../internal/build/testdata/check/_base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sitetest.Parse(base, []byte(
		"-- content/pages/Bad Name.md --\n---\ntitle: Bad\n---\n"+
			"-- content/pages/links.md --\n---\ntitle: Links\n---\nSee [this](#).\n"+
			"-- content/pages/more.md --\n---\ntitle: More\n---\nSee [x](report:nope).\n")).WriteDir(t, dir)
	return dir
}

func TestCheckFormatText(t *testing.T) {
	dir := formatSite(t)
	code, out, _ := run(t, "check", "--site", dir, "--format", "text")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	want := "content/pages/Bad Name.md:1:1: file name \"Bad Name.md\" breaks the id rule (lower-case a-z, 0-9 and - only): rename it to bad-name.md\n" +
		"content/pages/links.md:4:5: warning: link leads nowhere (target \"#\"): it is published as plain text; give it a real target, such as report:ID or https://...\n" +
		"content/pages/more.md:4:5: link to report:nope: no report with id \"nope\" (add content/reports/nope.md, or fix the id)\n" +
		dir + ": 2 errors, 1 warning\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	// text is the default.
	if _, def, _ := run(t, "check", "--site", dir); def != out {
		t.Errorf("--format text differs from the default:\n%s\n%s", out, def)
	}
}

func TestCheckFormatGitHub(t *testing.T) {
	dir := formatSite(t)
	code, out, _ := run(t, "check", "--site", dir, "--format", "github", "--strict")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	wantLines := []string{
		"::error file=content/pages/Bad Name.md,line=1,col=1::file name \"Bad Name.md\" breaks the id rule (lower-case a-z, 0-9 and - only): rename it to bad-name.md",
		"::warning file=content/pages/links.md,line=4,col=5::link leads nowhere (target \"#\"): it is published as plain text; give it a real target, such as report:ID or https://...",
		"::error file=content/pages/more.md,line=4,col=5::link to report:nope: no report with id \"nope\" (add content/reports/nope.md, or fix the id)",
		dir + ": 2 errors, 1 warning",
	}
	if strings.Join(lines, "\n") != strings.Join(wantLines, "\n") {
		t.Errorf("got\n%s\nwant\n%s", out, strings.Join(wantLines, "\n"))
	}
}

func TestCheckFormatJSON(t *testing.T) {
	dir := formatSite(t)
	code, out, errOut := run(t, "check", "--site", dir, "--format", "json")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	type problem struct {
		Path     string `json:"path"`
		Line     int    `json:"line"`
		Col      int    `json:"col"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	var got []problem
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("stdout is not a JSON array of problems: %v\n%s", err, out)
	}
	if dec.More() {
		t.Errorf("stdout holds more than the array:\n%s", out)
	}
	want := []problem{
		{"content/pages/Bad Name.md", 1, 1, "error", "file name \"Bad Name.md\" breaks the id rule (lower-case a-z, 0-9 and - only): rename it to bad-name.md"},
		{"content/pages/links.md", 4, 5, "warning", "link leads nowhere (target \"#\"): it is published as plain text; give it a real target, such as report:ID or https://..."},
		{"content/pages/more.md", 4, 5, "error", "link to report:nope: no report with id \"nope\" (add content/reports/nope.md, or fix the id)"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), out)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if errOut != dir+": 2 errors, 1 warning\n" {
		t.Errorf("stderr %q, want the summary", errOut)
	}
	// A clean site is an empty array.
	base, _ := os.ReadFile("../../internal/build/testdata/check/_base.txtar")
	clean := t.TempDir()
	sitetest.Parse(base).WriteDir(t, clean)
	if code, out, _ := run(t, "check", "--site", clean, "--format", "json"); code != 0 || out != "[]\n" {
		t.Errorf("clean site: exit %d, stdout %q", code, out)
	}
}

func TestCheckFormatUnknown(t *testing.T) {
	code, _, errOut := run(t, "check", "--site", formatSite(t), "--format", "xml")
	if code != exitUsage || !strings.Contains(errOut, `--format "xml": want text, github, json`) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// A check whose context is done (Ctrl-C) stops, prints no problems and
// says so, with the status of an interrupted command.
func TestCheckStopped(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(interrupted{os.Interrupt})
	var out, errOut strings.Builder
	code := Run(ctx, []string{"check", "--site", formatSite(t)}, &out, &errOut)
	if code != 130 || out.Len() > 0 || !strings.Contains(errOut.String(), "stopped by Ctrl-C (SIGINT): the check stopped") {
		t.Errorf("exit %d\nstdout %q\nstderr %q", code, out.String(), errOut.String())
	}
}
