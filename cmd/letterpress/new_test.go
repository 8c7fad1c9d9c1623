package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"letterpress/internal/sitetest"
)

// newSite writes the check cases' base site (letters to northshire-pcc and
// eastshire-police, one reply) to a temporary folder, with extra txtar
// files on top.
func newSite(t *testing.T, extra string) string {
	t.Helper()
	base, err := os.ReadFile("../../internal/build/testdata/check/_base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sitetest.Parse(base, []byte(extra)).WriteDir(t, dir)
	return dir
}

// mustCreate runs `letterpress new ...` on dir, expects it to succeed and
// print path, checks the file's text, and checks that the site is still
// clean under --strict.
func mustCreate(t *testing.T, dir, path, want string, args ...string) {
	t.Helper()
	code, out, errs := run(t, append([]string{"new"}, append(args, "--site", dir)...)...)
	if code != 0 {
		t.Fatalf("new %v: exit %d\n%s", args, code, errs)
	}
	if out != filepath.Join(dir, path)+"\n" {
		t.Errorf("new %v printed %q, want the path %s", args, out, filepath.Join(dir, path))
	}
	data, err := os.ReadFile(filepath.Join(dir, path))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != want {
		t.Errorf("%s:\n%s\nwant:\n%s", path, data, want)
	}
	if code, out, _ := run(t, "check", "--strict", "--now", "2021-06-01", "--site", dir); code != 0 {
		t.Errorf("after new %v, check --strict: exit %d\n%s", args, code, out)
	}
}

func TestNewLetterAndItsReply(t *testing.T) {
	dir := newSite(t, "")
	letter := "content/letters/2021/2021-04-01-northshire-pcc.md"
	mustCreate(t, dir, letter, `---
title: "Re: \"victim care\" in 2021"
date: 2021-04-01
to:
  - northshire-pcc
topics:
  - victim-care
draft: true   # delete this line to publish
---
`, "letter", "--to", "northshire-pcc", "--title", `Re: "victim care" in 2021`, "--topics", "victim-care", "--now", "2021-04-01")

	// The reply: from the letter's only recipient, dated today, titled as
	// the site titles replies.
	mustCreate(t, dir, "content/responses/2021/2021-04-20-northshire-pcc.md", `---
title: "Response from Northshire Police and Crime Commissioner"
date: 2021-04-20
from: northshire-pcc
in_reply_to: 2021-04-01-northshire-pcc
draft: true   # delete this line to publish
---
`, "response", "--reply-to", "2021-04-01-northshire-pcc", "--now", "2021-04-20")

	// A path pasted from a file manager works as an id.
	mustCreate(t, dir, "content/responses/2021/2021-04-22-follow-up.md", `---
title: "Response from Northshire Police and Crime Commissioner"
date: 2021-04-22
from: northshire-pcc
in_reply_to: 2021-04-01-northshire-pcc
draft: true   # delete this line to publish
---
`, "response", "--reply-to", filepath.Join(dir, letter), "--date", "2021-04-22", "--slug", "follow-up", "--now", "2021-06-01")
}

func TestNewLetterToSeveral(t *testing.T) {
	dir := newSite(t, "")
	mustCreate(t, dir, "content/letters/2021/2021-05-02-eastshire-police-and-others.md", `---
title: "Letter to Eastshire Police and Northshire Police and Crime Commissioner"
date: 2021-05-02
to:
  - eastshire-police
  - northshire-pcc
draft: true   # delete this line to publish
---
`, "letter", "--to", "eastshire-police, northshire-pcc", "--date", "2021-05-02", "--now", "2021-06-01")
}

func TestNewResponseFromOneOfSeveral(t *testing.T) {
	dir := newSite(t, "")
	code, _, errs := run(t, "new", "response", "--reply-to", "2021-03-01-northshire-pcc", "--now", "2021-04-01", "--site", dir)
	if code != 2 || !strings.Contains(errs, "letter 2021-03-01-northshire-pcc went to 2 organisations (northshire-pcc, eastshire-police): say which replied with --from") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	mustCreate(t, dir, "content/responses/2021/2021-04-01-eastshire-police.md", `---
title: "Response from Eastshire Police"
date: 2021-04-01
from: eastshire-police
in_reply_to: 2021-03-01-northshire-pcc
draft: true   # delete this line to publish
---
`, "response", "--reply-to", "2021-03-01-northshire-pcc", "--from", "eastshire-police", "--now", "2021-04-01")
}

func TestNewReportAndOrg(t *testing.T) {
	dir := newSite(t, "")
	mustCreate(t, dir, "content/reports/2020/victim-care-review-2020.md", `---
title: "Victim Care Review"
publisher: "Test Office"
year: 2020
url: "https://example.org/review"
---
`, "report", "--title", "Victim Care Review", "--year", "2020", "--publisher", "Test Office", "--url", "https://example.org/review", "--now", "2021-06-01")
	mustCreate(t, dir, "content/reports/2021/review-2021.md", `---
title: "Review 2021"
date: 2021-02-03
---
`, "report", "--title", "Review 2021", "--date", "2021-02-03", "--now", "2021-06-01")
	mustCreate(t, dir, "content/organisations/westshire-police-crime-commissioner.md", `---
name: "Westshire Police & Crime Commissioner"
type: "Police and Crime Commissioner"
holder: "A. N. Other"
---
`, "org", "--name", "Westshire Police & Crime Commissioner", "--type", "Police and Crime Commissioner", "--holder", "A. N. Other")
	// The new organisation can be written to at once.
	mustCreate(t, dir, "content/letters/2021/2021-05-01-westshire-police-crime-commissioner.md", `---
title: "Letter to Westshire Police & Crime Commissioner"
date: 2021-05-01
to:
  - westshire-police-crime-commissioner
draft: true   # delete this line to publish
---
`, "letter", "--to", "westshire-police-crime-commissioner", "--now", "2021-05-01")
}

func TestNewWelshSiteTitlesRepliesInWelsh(t *testing.T) {
	dir := newSite(t, `-- site.yaml --
title: "Swyddfa"
base_url: https://example.org/
language: cy
owner: office
-- content/organisations/northshire-pcc.cy.md --
---
name: Comisiynydd Heddlu a Throseddu Gogleddsir
---
-- content/letters/2021/2021-03-01-northshire-pcc.md --
---
title: Llythyr
date: 2021-03-01
to: [northshire-pcc]
---
-- content/responses/2021/2021-03-20-northshire-pcc.md/ --
`)
	mustCreate(t, dir, "content/responses/2021/2021-03-20-northshire-pcc.md", `---
title: "Ymateb gan Comisiynydd Heddlu a Throseddu Gogleddsir"
date: 2021-03-20
from: northshire-pcc
in_reply_to: 2021-03-01-northshire-pcc
draft: true   # delete this line to publish
---
`, "response", "--reply-to", "2021-03-01-northshire-pcc", "--now", "2021-03-20")
}

// The date defaults to SOURCE_DATE_EPOCH when set, as for build and check.
func TestNewDateFromSourceDateEpoch(t *testing.T) {
	dir := newSite(t, "")
	t.Setenv("SOURCE_DATE_EPOCH", "1617321600") // 2021-04-02 00:00 UTC
	code, out, errs := run(t, "new", "response", "--reply-to", "2021-03-01-northshire-pcc", "--from", "eastshire-police", "--site", dir)
	if code != 0 || !strings.HasSuffix(out, "content/responses/2021/2021-04-02-eastshire-police.md\n") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
}

func TestNewRefusesToOverwrite(t *testing.T) {
	// A file that exists but does not load (here: bad YAML) is not a
	// document the site knows, and must not be overwritten either.
	const broken = "---\ntitle: [\n---\nKeep me.\n"
	dir := newSite(t, "-- content/letters/2021/2021-04-01-northshire-pcc.md --\n"+broken)
	code, out, errs := run(t, "new", "letter", "--to", "northshire-pcc", "--now", "2021-04-01", "--site", dir)
	if code != 1 || out != "" || !strings.Contains(errs, "2021-04-01-northshire-pcc.md already exists: not overwritten; give another --slug") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "content/letters/2021/2021-04-01-northshire-pcc.md"))
	if string(data) != broken {
		t.Errorf("the file was changed:\n%s", data)
	}

	// A document with the same id elsewhere in its kind's folder.
	dir = newSite(t, "-- content/organisations/old/westshire-pcc.md --\n---\nname: Westshire PCC\n---\n")
	code, _, errs = run(t, "new", "org", "--name", "Westshire PCC", "--site", dir)
	if code != 1 || !strings.Contains(errs, "there is already an organisation with id westshire-pcc (content/organisations/old/westshire-pcc.md): give another --id") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "content/organisations"))
	for _, e := range entries {
		if e.Name() == "westshire-pcc.md" || strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left %s behind", e.Name())
		}
	}
}

// new writes only under the site's content/ folder, even when a folder
// there is a symbolic link that leads out of it.
func TestNewNeverWritesOutsideContent(t *testing.T) {
	dir := newSite(t, "")
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "content/responses/2021")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	code, _, errs := run(t, "new", "response", "--reply-to", "2021-03-01-northshire-pcc", "--from", "eastshire-police", "--now", "2021-04-01", "--site", dir)
	if code == 0 {
		t.Errorf("new wrote through a link out of content/: stderr:\n%s", errs)
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("files written outside the site: %v", entries)
	}
}

func TestNewMistakes(t *testing.T) {
	dir := newSite(t, "")
	tests := []struct {
		name     string
		args     []string
		code     int
		stderrRE string
	}{
		{"no kind", []string{"new"}, 2, `say what to create: letter, response, report or org`},
		{"unknown kind", []string{"new", "leter"}, 2, `cannot create "leter": say letter, response, report or org; did you mean "letter"\?`},
		{"help", []string{"new", "-h"}, 0, `letterpress new response --reply-to LETTER_ID`},
		{"kind help", []string{"new", "letter", "-h"}, 0, `(?s)usage: letterpress new letter --to.*-to ids`},
		{"letter without --to", []string{"new", "letter"}, 2, `--to is required: the ids of the organisations the letter goes to, such as --to eastshire-police`},
		{"unknown recipient", []string{"new", "letter", "--to", "northshire-pc"}, 2, `--to: no organisation with id "northshire-pc"; did you mean "northshire-pcc"\?`},
		{"unknown recipient, no near miss", []string{"new", "letter", "--to", "nobody"}, 2, `--to: no organisation with id "nobody" \(add it with letterpress new org --name "..." first\)`},
		{"recipient twice", []string{"new", "letter", "--to", "northshire-pcc,northshire-pcc"}, 2, `--to names "northshire-pcc" twice`},
		{"unknown topic", []string{"new", "letter", "--to", "northshire-pcc", "--topics", "victim-cares"}, 2, `--topics: "victim-cares" is not a topic in site.yaml; did you mean "victim-care"\? \(topics: victim-care, prevention\)`},
		{"bad slug", []string{"new", "letter", "--to", "northshire-pcc", "--slug", "On Care"}, 2, `--slug "On Care" breaks the id rule: use lower-case a-z, 0-9 and - only, such as "on-care"`},
		{"bad date", []string{"new", "letter", "--to", "northshire-pcc", "--date", "2021-02-30"}, 2, `invalid value "2021-02-30" for flag -date: "2021-02-30" is not a real date`},
		{"response without letter", []string{"new", "response"}, 2, `--reply-to is required`},
		{"unknown letter", []string{"new", "response", "--reply-to", "2021-03-01-northshire"}, 2, `--reply-to: no letter with id "2021-03-01-northshire"; did you mean "2021-03-01-northshire-pcc"\?`},
		{"unknown sender", []string{"new", "response", "--reply-to", "2021-03-01-northshire-pcc", "--from", "eastshire-polic"}, 2, `--from: no organisation with id "eastshire-polic"; did you mean "eastshire-police"\?`},
		{"reply before letter", []string{"new", "response", "--reply-to", "2021-03-01-northshire-pcc", "--from", "eastshire-police", "--date", "2021-02-28"}, 2, `--date 2021-02-28 is before the letter's date 2021-03-01: a reply cannot come first`},
		{"report without title", []string{"new", "report"}, 2, `--title is required`},
		{"report year and date", []string{"new", "report", "--title", "X", "--year", "2020", "--date", "2020-01-01"}, 2, `give --year or --date, not both`},
		{"report bad year", []string{"new", "report", "--title", "X", "--year", "20"}, 2, `--year must have four digits, not 20`},
		{"report bad url", []string{"new", "report", "--title", "X", "--url", "example.org"}, 2, `--url "example.org" must be a web address starting with https://`},
		{"org without name", []string{"new", "org"}, 2, `--name is required`},
		{"org bad id", []string{"new", "org", "--name", "X", "--id", "X_Y"}, 2, `--id "X_Y" breaks the id rule`},
		{"stray argument", []string{"new", "org", "--name", "X", "extra"}, 2, `unexpected argument "extra"`},
		{"no site", []string{"new", "org", "--name", "X", "--site", filepath.Join(dir, "nope")}, 2, `--site .*: .*no such file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if tt.name != "no site" && len(args) > 1 && !strings.HasPrefix(args[1], "-") {
				args = append(args, "--site", dir, "--now", "2021-04-01")
			}
			code, out, errs := run(t, args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errs)
			}
			if !regexp.MustCompile(tt.stderrRE).MatchString(errs) {
				t.Errorf("stderr does not match %q:\n%s", tt.stderrRE, errs)
			}
			if tt.code != 0 && out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
		})
	}
	if code, out, _ := run(t, "check", "--strict", "--site", dir, "--now", "2021-06-01"); code != 0 {
		t.Errorf("a mistake changed the site:\n%s", out)
	}
}
