package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"letterpress/internal/gencorpus"
	"letterpress/internal/sitetest"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// The repository's own site must always be clean.
func TestCheckThisRepository(t *testing.T) {
	code, out, _ := run(t, "check", "--site", "../..", "--strict")
	if code != 0 || !strings.HasSuffix(out, "../..: 0 errors, 0 warnings\n") {
		t.Fatalf("check of this repository: exit %d\n%s", code, out)
	}
}

func TestCheckExitStatus(t *testing.T) {
	base, err := os.ReadFile("../../internal/build/testdata/check/_base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	write := func(t *testing.T, extra string) string {
		dir := t.TempDir()
		sitetest.Parse(base, []byte(extra)).WriteDir(t, dir)
		return dir
	}
	clean := write(t, "")
	warned := write(t, "-- content/pages/links.md --\n---\ntitle: Links\n---\nSee [this](#).\n")
	broken := write(t, "-- content/pages/broken.md --\n---\ntitle: [\n---\n-- content/pages/more.md --\n---\ntitle: More\n---\nSee [x](report:nope).\n")

	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   []string // lines that must appear
		stderrRE string
	}{
		{"clean", []string{"check", "--site", clean}, 0, []string{clean + ": 0 errors, 0 warnings"}, ""},
		{"warnings pass", []string{"check", "--site", warned}, 0, []string{
			"content/pages/links.md:4:5: warning: link leads nowhere (target \"#\"): it is published as plain text; give it a real target, such as report:ID or https://...",
			warned + ": 0 errors, 1 warning"}, ""},
		{"warnings fail under --strict", []string{"check", "--strict", "--site", warned}, 1, []string{warned + ": 0 errors, 1 warning"}, ""},
		{"errors, all of them", []string{"check", "--site", broken}, 1, []string{
			"content/pages/broken.md:2:8: invalid YAML in front matter: the [ opened here is never closed (close it with ])",
			"content/pages/more.md:4:5: link to report:nope: no report with id \"nope\" (add content/reports/nope.md, or fix the id)",
			broken + ": 2 errors, 0 warnings"}, ""},
		{"no such site", []string{"check", "--site", filepath.Join(clean, "nope")}, 2, nil, `--site .*: .*no such file`},
		{"bad flag", []string{"check", "--bogus"}, 2, nil, `flag provided but not defined: -bogus`},
		{"bad date", []string{"check", "--now", "2021-02-30", "--site", clean}, 2, nil, `"2021-02-30" is not a real date`},
		{"stray argument", []string{"check", "extra"}, 2, nil, `unexpected argument "extra"`},
		{"unknown command", []string{"bulid"}, 2, nil, `unknown command "bulid"`},
		{"no command", nil, 2, nil, `usage: letterpress <command>`},
		{"help", []string{"check", "-h"}, 0, nil, `-site directory`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errs)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			for _, want := range tt.stdout {
				if !slices.Contains(lines, want) {
					t.Errorf("stdout lacks %q\nstdout:\n%s", want, out)
				}
			}
			if tt.stderrRE != "" && !regexp.MustCompile(tt.stderrRE).MatchString(errs) {
				t.Errorf("stderr does not match %q:\n%s", tt.stderrRE, errs)
			}
		})
	}
}

// TestCheckGeneratedSite checks a site made by the corpus generator:
// clean as generated, then with ten mistakes injected, each reported at the
// position where it was made.
func TestCheckGeneratedSite(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus")
	}
	dir := t.TempDir()
	if _, err := gencorpus.Write(dir, 120, 1); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "check", "--site", dir, "--now", "2026-12-01", "--strict")
	if code != 0 {
		t.Fatalf("generated site is not clean: exit %d\n%s", code, out)
	}

	files := func(kind string) []string {
		var out []string
		filepath.WalkDir(filepath.Join(dir, "content", kind), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		slices.Sort(out)
		return out
	}
	letters, responses, reports, orgs := files("letters"), files("responses"), files("reports"), files("organisations")

	var want []string
	// inject replaces the first match of re in file with repl, and expects
	// msg at the position of the match's first group (or of the match).
	inject := func(file, re, repl, msg string) {
		t.Helper()
		p := filepath.Join(dir, file)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		loc := regexp.MustCompile(re).FindSubmatchIndex(src)
		if loc == nil {
			t.Fatalf("%s: no match for %s", file, re)
		}
		at := loc[0]
		if len(loc) > 2 {
			at = loc[2]
		}
		line := bytes.Count(src[:at], []byte("\n")) + 1
		col := at - (bytes.LastIndexByte(src[:at], '\n') + 1) + 1
		expanded := regexp.MustCompile(re).ReplaceAll(src[loc[0]:loc[1]], []byte(repl))
		src = slices.Concat(src[:loc[0]], expanded, src[loc[1]:])
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
		if msg != "" {
			want = append(want, file+":"+itoa(line)+":"+itoa(col)+": "+msg)
		}
	}
	inject(letters[0], `(?m)^to: \[([a-z0-9-]+)`, "to: [${1}x", "to: no organisation with id")
	inject(letters[1], `(?m)^date: (\d{4})-\d\d-\d\d`, "date: ${1}-02-30", `"date": "`)
	inject(letters[2], `(?m)^cites: \[([a-z0-9-]+)`, "cites: [${1}-typo", "cites: no report with id")
	inject(letters[3], `(?m)^topics: \[([a-z-]+)`, "topics: [slavery", `topics: "slavery" is not a topic in site.yaml`)
	inject(letters[4], `(\[)[^\]]*\]\(report:([a-z0-9-]+)\)`, "[a link](report:no-such-report)", "link to report:no-such-report: no report with id")
	inject(responses[0], `(?m)^from: ([a-z0-9-]+)`, "from: nobody-at-all", `from: no organisation with id "nobody-at-all"`)
	inject(responses[1], `(?m)^in_reply_to: ([a-z0-9-]+)`, "in_reply_to: 1999-01-01-nothing", `in_reply_to: no letter with id "1999-01-01-nothing"`)
	inject(reports[0], `(?m)^title: .*\n`, "", "")
	want = append(want, reports[0]+":1:1: missing required field \"title\": every report needs one")
	inject("content/pages/about.md", `(?m)^---\n\n`, "\n", "")
	want = append(want, "content/pages/about.md:1:1: front matter is never closed")
	inject(orgs[5], `(?m)^name: (.*)\n`, "name: $1\n\tbad: tab\n", "")
	want = append(want, orgs[5]+":3:1: invalid YAML in front matter: found character that cannot start any token")

	code, out, _ = run(t, "check", "--site", dir, "--now", "2026-12-01")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, w := range want {
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, w) }) {
			t.Errorf("no line starting %q", w)
		}
	}
	if got := len(lines) - 1; got != len(want) {
		t.Errorf("%d problems reported, want %d:\n%s", got, len(want), out)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// The build's closing line counts in English: "1 letter", not "1 letters".
func TestBuildSummaryCounts(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	code, stdout, stderr := run(t, "build", "--site", "../..", "--out", out, "--now", "2026-12-06")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	if !regexp.MustCompile(`^built 1 letter, 0 replies, \d+ reports, \d+ organisations: \d+ files `).MatchString(stdout) {
		t.Errorf("summary %q", stdout)
	}
}
