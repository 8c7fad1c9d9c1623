package build_test

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// The files of the fuzzed site that the fuzzer writes; the rest is the
// check cases' base site.
const (
	fuzzLetter   = "content/letters/2021/2021-04-01-fuzz.md"
	fuzzResponse = "content/responses/2021/2021-04-02-fuzz.md"
	fuzzOrg      = "content/organisations/fuzz-org.md"
	fuzzPage     = "content/pages/fuzz.md"
)

// FuzzSite builds a whole small site into memory with a fuzzed site.yaml,
// letter, response, organisation and page: never a panic; every problem
// names a file of the site with a position inside it; a build without
// errors writes only plain paths, its HTML pages hold no event handler
// and no script URL, and it is the same without the compiled renderer.
func FuzzSite(f *testing.F) {
	base := sitetest.Load(f, "testdata/check/_base.txtar")
	siteYAML := base.FS["site.yaml"].Data
	f.Add(siteYAML,
		[]byte("---\ntitle: A letter <script>alert(1)</script>\ndate: 2021-04-01\nto: [northshire-pcc, {org: fuzz-org, name: \"\\\"><img onerror=x>\", role: r}]\ncites: [annual-report-2020]\ntopics: [victim-care]\naliases: [/old/]\n---\nSee [the reply](response:2021-04-02-fuzz) and [x](javascript:alert(1)).[^1]\n\n[^1]: [r](report:annual-report-2020)\n"),
		[]byte("---\ndate: 2021-04-02\nfrom: fuzz-org\nin_reply_to: 2021-04-01-fuzz\n---\nThanks for [the letter](letter:2021-04-01-fuzz).\n"),
		[]byte("---\nname: Fuzz <b>Org</b>\ntype: \"=cmd|' /C calc'!A0\"\naddress: [\"<script>\", \"javascript:x\"]\nurl: https://example.org/\"><x\n---\n"),
		[]byte("---\ntitle: Fuzz page\n---\n# Heading\n\n> quote\n"))
	f.Add([]byte("title: t\nbase_url: https://example.org/a/b/\nowner: fuzz-org\nlanguage: cy\n"),
		[]byte("---\ntitle: L\ndate: 2021-04-01\nto: fuzz-org\n---\n"),
		[]byte("---\ndate: 2021-05-01\nfrom: fuzz-org\nin_reply_to: [2021-04-01-fuzz]\nwithheld: Personal data\n---\n"),
		[]byte("---\nname: O\n---\n"),
		[]byte("---\ntitle: P\nlang: cy\n---\n"))
	f.Add([]byte(""), []byte("+++\n"), []byte("---\n"), []byte("\x00"), []byte("---\ntitle: &a [*a]\n---\n"))
	for _, name := range []string{"invalid-yaml", "letter-details", "unknown-references", "cycle", "warnings", "wrong-types"} {
		s := sitetest.Load(f, "testdata/check/_base.txtar", "testdata/check/"+name+".txtar")
		var docs [][]byte
		for _, p := range slices.Sorted(maps.Keys(s.FS)) {
			if file := s.FS[p]; strings.HasPrefix(p, "content/") && (base.FS[p] == nil || !bytes.Equal(file.Data, base.FS[p].Data)) {
				docs = append(docs, file.Data)
			}
		}
		for len(docs) < 4 {
			docs = append(docs, []byte("---\ntitle: x\n---\n"))
		}
		f.Add(s.FS["site.yaml"].Data, docs[0], docs[1], docs[2], docs[3])
	}
	now := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, site, letter, response, org, page []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base.FS {
			fsys[k] = v
		}
		files := map[string][]byte{"site.yaml": site, fuzzLetter: letter, fuzzResponse: response, fuzzOrg: org, fuzzPage: page}
		for name, data := range files {
			fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		}
		out := publish.NewMemory()
		_, errs := build.Build(fsys, letterpress.Defaults, out, build.Options{Now: now}, render.Options{})
		for _, e := range errs.Items() {
			src, ok := files[e.Path]
			if !ok {
				if _, inSite := fsys[e.Path]; !inSite && e.Path != "content" && !strings.HasPrefix(e.Path, "layouts") {
					t.Fatalf("problem names no file of the site: %v", e)
				}
				continue
			}
			if lines := bytes.Count(src, []byte{'\n'}) + 1; e.Line < 0 || e.Line > lines || e.Col < 0 {
				t.Fatalf("position outside %s (%d lines): %v", e.Path, lines, e)
			}
		}
		if errs.HasErrors(false) {
			return
		}
		names := out.Names()
		if len(names) == 0 {
			t.Fatal("a build without errors wrote nothing")
		}
		interpreted := publish.NewMemory()
		build.Build(fsys, letterpress.Defaults, interpreted, build.Options{Now: now}, render.Options{NoCompiled: true})
		if msg := compareOutputs(out.Files, interpreted.Files); msg != "" {
			t.Fatalf("the compiled renderer (first) and html/template (second) differ: %s", msg)
		}
		for _, n := range names {
			if !fs.ValidPath(n) || strings.Contains(n, "\\") {
				t.Fatalf("output name %q is not a plain path", n)
			}
			if strings.HasSuffix(n, ".html") {
				data, _ := out.Get(n)
				if msg := liveMarkup(data); msg != "" {
					t.Fatalf("%s: %s", n, msg)
				}
			}
		}
	})
}

// liveMarkup describes the first thing in an HTML page that could run
// script: an event handler, a script URL, or a script that is not one of
// the site's own files.
func liveMarkup(page []byte) string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return err.Error()
	}
	var found string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if found != "" {
			return
		}
		if n.Type == html.ElementNode {
			if n.Data == "script" {
				src := attr(n, "src")
				if src == "" || n.FirstChild != nil && strings.TrimSpace(n.FirstChild.Data) != "" && attr(n, "type") != "application/ld+json" {
					found = "inline script"
					return
				}
			}
			if n.Data == "iframe" || n.Data == "object" || n.Data == "embed" {
				found = "<" + n.Data + ">"
				return
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") {
					found = "event handler " + a.Key + "=" + a.Val
					return
				}
				if k == "href" || k == "src" || k == "action" || k == "formaction" || k == "poster" {
					v := strings.ToLower(strings.Map(func(r rune) rune {
						if r <= ' ' {
							return -1
						}
						return r
					}, a.Val))
					for _, bad := range []string{"javascript:", "vbscript:", "data:text", "data:application"} {
						if strings.HasPrefix(v, bad) {
							found = "live URL " + a.Key + "=" + a.Val
							return
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
