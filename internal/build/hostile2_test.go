package build_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/diag"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// loadWith loads the base check site with files added (or replaced), at
// the usual build date.
func loadWith(t *testing.T, files map[string]string) []diag.FileError {
	t.Helper()
	base := sitetest.Load(t, "testdata/check/_base.txtar")
	fsys := fstest.MapFS{}
	for k, v := range base.FS {
		fsys[k] = v
	}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	_, errs := build.Load(fsys, build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)})
	return errs.Items()
}

// TestHostileMarkdown: bodies whose Markdown would keep goldmark busy for
// minutes, or fill gigabytes, are refused with one error at the place to
// fix, before they are read.
func TestHostileMarkdown(t *testing.T) {
	const head = "---\ntitle: Hostile\n---\n" // the body starts on line 4
	deeper := func(n int) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			b.WriteString(strings.Repeat("> ", i) + "x\n")
		}
		return b.String()
	}
	indented := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		return b.String()
	}
	tests := []struct {
		name, body, want string
	}{
		{"block quotes a line deeper each time", deeper(3000),
			":104:1: block quotes nested 101 deep (at most 100)"},
		{"block quotes 10000 deep on one line", "Intro.\n\n" + strings.Repeat("> ", 10000) + "deep\n",
			":6:1: block quotes nested 10000 deep (at most 100)"},
		{"lists 10000 deep on one line", strings.Repeat("- ", 10000) + "item\n",
			":4:1: lists nested 10000 deep (at most 100)"},
		{"lists nested by indentation", indented(300),
			":104:201: lists nested 101 deep (at most 100)"},
		{"15 MB of [", strings.Repeat("[", 15<<20),
			":4:101: more than 100 [ open at once in one paragraph"},
		{"15 MB of [](", strings.Repeat("[](", 5<<20),
			": links, footnote references or code spans here are left open"},
		{"unpaired emphasis", strings.Repeat("*a_ ", 100000),
			":4:1: this paragraph has 200000 brackets and emphasis marks"},
		{"a million lines", strings.Repeat("line\n", 1<<20),
			":250004:1: the body has more than 250000 lines and Markdown marks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const path = "content/pages/hostile.md"
			items := loadWith(t, map[string]string{path: head + tt.body})
			if len(items) != 1 {
				t.Fatalf("want one problem, got %d: %v", len(items), items)
			}
			got := items[0].Error()
			if items[0].Path != path || items[0].Line == 0 || !strings.Contains(got, tt.want) {
				t.Errorf("got  %s\nwant %s%s...", got, path, tt.want)
			}
		})
	}
}

// checkCase loads a case written as the check cases of testdata/check are
// (files, then a want section) on top of _base.txtar, and compares every
// problem reported with the want section.
func checkCase(t *testing.T, archive string) {
	t.Helper()
	base, err := os.ReadFile("testdata/check/_base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	site := sitetest.Parse(base, []byte(archive))
	_, errs := build.Load(site.FS, build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)})
	var got strings.Builder
	errs.Print(&got)
	if want := site.Extra["want"]; got.String() != want {
		t.Errorf("problems differ\n--- got\n%s--- want\n%s", got.String(), want)
	}
}

// TestHostileDates: every date field of every kind takes the years 1900
// to 2200 only, and a reply cannot be due before its letter is sent.
func TestHostileDates(t *testing.T) {
	checkCase(t, `Dates outside 1900-01-01 to 2200-12-31, in every date field of every
kind, and a response_due before the letter's date. (0000-01-01 and
9999-12-31 once built silently, and made a statistics page of 37 MB.)
-- content/letters/2021/2021-04-01-x.md --
---
title: A letter from the year 0
date: 0000-01-01
to: [northshire-pcc]
response_due: 9999-12-31
---
-- content/letters/2021/2021-04-02-x.md --
---
title: A letter due before it was sent
date: 2021-04-02
to: [northshire-pcc]
response_due: 2021-04-01
---
-- content/letters/2021/2021-04-03-x.md --
---
title: The last day that may be
date: 2200-12-31
to: [northshire-pcc]
response_due: 2200-12-31
---
-- content/responses/2021/2021-04-04-x.md --
---
date: 1899-12-31
from: northshire-pcc
in_reply_to: 2021-03-01-northshire-pcc
received: 2201-01-01
---
-- content/reports/2020/old.md --
---
title: An old report
year: 1899
---
-- content/reports/2020/new.md --
---
title: A report from the future
date: 2201-01-01
---
-- content/reports/2020/first.md --
---
title: The first year that may be
year: 1900
---
-- content/organisations/dated.md --
---
name: A dated organisation
date: 9999-12-31
---
-- content/pages/dated.md --
---
title: A dated page
date: 0001-01-01
---
-- want --
content/letters/2021/2021-04-01-x.md:3:7: "date": "0000-01-01" is outside the years 1900 to 2200 that dates may be in: check the year
content/letters/2021/2021-04-01-x.md:5:15: "response_due": "9999-12-31" is outside the years 1900 to 2200 that dates may be in: check the year
content/letters/2021/2021-04-02-x.md:5:15: response_due 2021-04-01 is before the letter's date 2021-04-02: a reply cannot be due before the letter is sent
content/organisations/dated.md:3:7: "date": "9999-12-31" is outside the years 1900 to 2200 that dates may be in: check the year
content/pages/dated.md:3:7: "date": "0001-01-01" is outside the years 1900 to 2200 that dates may be in: check the year
content/reports/2020/new.md:3:7: "date": "2201-01-01" is outside the years 1900 to 2200 that dates may be in: check the year
content/reports/2020/old.md:3:7: year 1899 is outside the years 1900 to 2200 that dates may be in: check it
content/responses/2021/2021-04-04-x.md:2:7: "date": "1899-12-31" is outside the years 1900 to 2200 that dates may be in: check the year
content/responses/2021/2021-04-04-x.md:5:11: "received": "2201-01-01" is outside the years 1900 to 2200 that dates may be in: check the year
`)
}

// TestHostileControlCharacters: escape sequences and bidirectional
// overrides in a file name, a link's target or a field's value reach the
// terminal escaped, whichever message quotes them.
func TestHostileControlCharacters(t *testing.T) {
	base, err := os.ReadFile("testdata/check/_base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	site := sitetest.Parse(base)
	site.FS["content/pages/clear\x1b[2J\u202eam.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Name\n---\n")}
	site.FS["content/pages/evil.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"Evil\"\nlang: \"\\e]0;pwned\\a\"\ntopics: [\"\\u202Eevil\"]\n---\n" +
		"See [this](<report:a\x1b[2Jb\u202ec\u0085d>).\n")}
	_, errs := build.Load(site.FS, build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)})
	var out strings.Builder
	errs.Print(&out)
	printed := out.String()
	if i := strings.IndexFunc(printed, func(r rune) bool {
		return r != '\n' && (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e || r == 0xfffd)
	}); i >= 0 {
		t.Errorf("a control character was printed at byte %d:\n%q", i, printed)
	}
	for _, want := range []string{
		`content/pages/clear\x1b[2J\u202eam.md:1:1: `,
		`content/pages/evil.md:6:5: link to report:a\x1b[2Jb\u202ec\u0085d: no report`,
		`content/pages/evil.md:3:7: lang must be en or cy, not "\x1b]0;pwned\a"`,
		`content/pages/evil.md:4:10: topics: "\u202eevil" is not a topic`,
	} {
		if !strings.Contains(printed, want) {
			t.Errorf("printed problems lack %s\n%s", want, printed)
		}
	}
}

// TestHostileAliases: an alias that is a pattern of Netlify's _redirects
// (it would send every page elsewhere), the home page, or an address the
// site publishes itself (a document's page, a list, a topic, in either
// language), or the alias of two pages, is refused at the alias.
func TestHostileAliases(t *testing.T) {
	checkCase(t, `-- content/pages/takeover.md --
---
title: Takeover
aliases:
  - /
  - /*
  - /:splat
  - /old/*
  - /page?id=5
  - /page#top
  - "/tab\tbed/"
  - "/evil\u202e/"
  - /%2e%2e/etc/
  - /a//b/
  - /kept/
---
-- content/pages/shadows.md --
---
title: Shadows
aliases:
  - /letters/
  - /search
  - /statistics/index.html
  - /awaiting-reply/
  - /cy/letters/
  - /topics/victim-care/
  - /letters/2021-03-01-northshire-pcc/
  - /about/
  - /shadows/
  - /kept
  - /twice/
  - /twice/
---
-- want --
content/pages/shadows.md:4:5: alias "/letters/" is /letters/, which the site publishes itself: the redirect would hide it; an alias must be an old address that no page, list or file of the site has
content/pages/shadows.md:5:5: alias "/search" is /search/, which the site publishes itself: the redirect would hide it; an alias must be an old address that no page, list or file of the site has
content/pages/shadows.md:6:5: alias "/statistics/index.html" is /statistics/, which the site publishes itself: the redirect would hide it; an alias must be an old address that no page, list or file of the site has
content/pages/shadows.md:7:5: alias "/awaiting-reply/" is /awaiting-reply/, which the site publishes itself: the redirect would hide it; an alias must be an old address that no page, list or file of the site has
content/pages/shadows.md:8:5: alias "/cy/letters/" is /cy/letters/, which the site publishes itself: the redirect would hide it; an alias must be an old address that no page, list or file of the site has
content/pages/shadows.md:9:5: alias "/topics/victim-care/" is /topics/victim-care/, which the site publishes itself: the redirect would hide it; an alias must be an old address that no page, list or file of the site has
content/pages/shadows.md:10:5: alias "/letters/2021-03-01-northshire-pcc/" is /letters/2021-03-01-northshire-pcc/, which the site publishes itself: the redirect would hide it; an alias must be an old address that no page, list or file of the site has
content/pages/shadows.md:11:5: alias "/about/" is /about/, which the site publishes itself: the redirect would hide it; an alias must be an old address that no page, list or file of the site has
content/pages/shadows.md:12:5: alias "/shadows/" is this page's own address: remove it (an alias is an old address that should lead here)
content/pages/shadows.md:15:5: alias "/twice/" is also an alias at content/pages/shadows.md:14:5: an old address can lead to one page only
content/pages/takeover.md:4:5: alias "/" would send the home page elsewhere: an alias is an old address of this page, such as /letters/old-name/
content/pages/takeover.md:5:5: alias "/*" has * or :, which Netlify's _redirects reads as a wildcard or a placeholder matching many addresses: must be a site path starting with /, such as /letters/old-name/, every character as it is
content/pages/takeover.md:6:5: alias "/:splat" has * or :, which Netlify's _redirects reads as a wildcard or a placeholder matching many addresses: must be a site path starting with /, such as /letters/old-name/, every character as it is
content/pages/takeover.md:7:5: alias "/old/*" has * or :, which Netlify's _redirects reads as a wildcard or a placeholder matching many addresses: must be a site path starting with /, such as /letters/old-name/, every character as it is
content/pages/takeover.md:8:5: alias "/page?id=5" has ? or #: an alias is a path only, without a query or a fragment, such as /letters/old-name/
content/pages/takeover.md:9:5: alias "/page#top" has ? or #: an alias is a path only, without a query or a fragment, such as /letters/old-name/
content/pages/takeover.md:10:5: alias "/tab\tbed/" must be a site path starting with /, such as /letters/old-name/
content/pages/takeover.md:11:5: alias "/evil\u202e/" must be a site path starting with /, such as /letters/old-name/, without spaces, quotes or control characters (write them percent-encoded, as %20)
content/pages/takeover.md:12:5: alias "/%2e%2e/etc/" must be a site path starting with /, such as /letters/old-name/, without empty, . or .. steps
content/pages/takeover.md:13:5: alias "/a//b/" must be a site path starting with /, such as /letters/old-name/, without empty, . or .. steps
content/pages/takeover.md:14:5: alias "/kept/" is also an alias at content/pages/shadows.md:13:5: an old address can lead to one page only
`)
}

// TestHostileAliasFiles: an alias that is the address of a file the site
// makes (a static file, a feed, robots.txt, _redirects itself) is refused
// when the site is built.
func TestHostileAliasFiles(t *testing.T) {
	fsys := baseMap(t)
	fsys["static/files/report.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.4\n")}
	fsys["content/pages/files.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Files\naliases:\n  - /files/report.pdf\n  - /feed.xml\n  - /robots.txt\n  - /_redirects\n  - /old-files/\n---\n")}
	out := publish.NewMemory()
	_, errs := build.Build(fsys, letterpress.Defaults, out, build.Options{Now: catalogueNow}, render.Options{})
	var got strings.Builder
	errs.Print(&got)
	const tail = ", which the site publishes itself: the redirect would hide it; an alias must be an old address that no page, list or file of the site has\n"
	want := `content/pages/files.md:4:5: alias "/files/report.pdf" is /files/report.pdf` + tail +
		`content/pages/files.md:5:5: alias "/feed.xml" is /feed.xml` + tail +
		`content/pages/files.md:6:5: alias "/robots.txt" is /robots.txt` + tail +
		`content/pages/files.md:7:5: alias "/_redirects" is /_redirects` + tail
	if got.String() != want {
		t.Errorf("problems differ\n--- got\n%s--- want\n%s", got.String(), want)
	}
}
