package build_test

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/render"
)

// withheldMarkers are the words of the bodies and summaries of the
// withheld replies of testdata/build/withheld.txtar (in either language).
var withheldMarkers = []string{
	"quuxbodyen", "quuxsummaryen", "quuxbodycy", "quuxsummarycy",
	"plughbodyen", "plughsummaryen", "plughbodycy", "plughsummarycy",
	"xyzzybodyen", "xyzzybodycy", "quuxattachment", "plughattachment",
}

// TestWithheldNowhere builds a site whose withheld replies (withheld in
// English only, in Welsh only, in both) have bodies, summaries and
// attachments of marker words, with the compiled renderer and with the templates, and reads
// every byte of every file of the output (pages, feeds, sitemap, open
// data, the search index's terms, records and excerpts, decoded where
// they are encoded) for the markers. A published reply's words, found in
// the same places, show that the search would see them.
func TestWithheldNowhere(t *testing.T) {
	fsys := loadBuildCase(t, "withheld").FS
	opts := build.Options{Now: buildDate("2021-06-01")}
	if msg := compareOutputs(buildFiles(t, fsys, opts, render.Options{}), buildFiles(t, fsys, opts, render.Options{NoCompiled: true})); msg != "" {
		t.Errorf("the compiled renderer and the templates differ: %s", msg)
	}
	// A site's own list entry that shows the summary field itself.
	custom := maps.Clone(fsys)
	card, err := fs.ReadFile(letterpress.Defaults, "layouts/partials/card.html")
	if err != nil {
		t.Fatal(err)
	}
	custom["layouts/partials/card.html"] = &fstest.MapFile{Data: append(card, "<p>{{.Doc.Summary}}</p>\n"...)}
	for _, c := range []struct {
		name  string
		fsys  fs.FS
		ropts render.Options
	}{{"compiled", fsys, render.Options{}}, {"templates", fsys, render.Options{NoCompiled: true}}, {"a site's card showing .Summary", custom, render.Options{}}} {
		t.Run(c.name, func(t *testing.T) {
			out := buildFiles(t, c.fsys, opts, c.ropts)
			for _, name := range []string{"feed.xml", "feed.json", "sitemap.xml", "data/responses.json", "data/letters.json", "data/correspondence.csv", "search/index/meta.json", "organisations/northshire-pcc/feed.xml"} {
				if _, ok := out[name]; !ok {
					t.Fatalf("the output has no %s: the scan would miss what it holds", name)
				}
			}
			found := map[string][]string{} // marker -> files
			for _, name := range slices.Sorted(maps.Keys(out)) {
				for _, m := range markersIn(name, out[name], append(slices.Clone(withheldMarkers), "frobnicbody", "frobnicsummary", "frobniccymraeg", "frobnicattachment")) {
					found[m] = append(found[m], name)
				}
			}
			for _, m := range withheldMarkers {
				if files := found[m]; files != nil {
					t.Errorf("%q, of a withheld reply, is published in %s", m, strings.Join(files, ", "))
				}
			}
			// The control: a published reply's words are found in its page,
			// the search index, the feeds and the open data.
			for m, want := range map[string][]string{
				"frobnicbody":    {"responses/2021-03-25-northshire-pcc-again/index.html", "search/index/"},
				"frobniccymraeg": {"cy/responses/2021-03-25-northshire-pcc-again/index.html", "search/index/"},
				"frobnicsummary": {"feed.xml", "feed.json", "data/responses.json", "responses/index.html", "index.html"},
				// The file, and the link to it.
				"frobnicattachment": {"files/frobnicattachment.pdf", "responses/2021-03-25-northshire-pcc-again/index.html", "data/responses.json"},
			} {
				for _, w := range want {
					if !slices.ContainsFunc(found[m], func(f string) bool { return f == w || strings.HasSuffix(w, "/") && strings.HasPrefix(f, w) }) {
						t.Errorf("%q, of a published reply, is not found in %s (found in %v): the scan does not see it", m, w, found[m])
					}
				}
			}

			// A file a published letter attaches too is published.
			if _, ok := out["files/questions.pdf"]; !ok {
				t.Error("files/questions.pdf, which a published letter attaches, is not published")
			}

			// Each version's page gives a reason and no body, and every
			// recipient's status is withheld.
			site := builtSite(out)
			for page, reason := range map[string]string{
				"/responses/2021-03-10-northshire-pcc/":       "It names a victim who has not consented to publication.",
				"/cy/responses/2021-03-10-northshire-pcc/":    "It names a victim who has not consented to publication.",
				"/responses/2021-03-12-eastshire-police/":     "Mae'n enwi swyddog heb ei ganiatâd.",
				"/cy/responses/2021-03-12-eastshire-police/":  "Mae'n enwi swyddog heb ei ganiatâd.",
				"/responses/2021-03-14-westshire-pcc/":        "Legal proceedings are under way.",
				"/cy/responses/2021-03-14-westshire-pcc/":     "Mae achos cyfreithiol ar y gweill.",
				"/responses/2021-03-25-northshire-pcc-again/": "",
			} {
				text := htmlText(site.main(t, page))
				if reason != "" && !strings.Contains(text, reason) {
					t.Errorf("%s does not give the reason %q: %q", page, reason, text)
				}
				if reason == "" && !strings.Contains(text, "Frobnicbody") {
					t.Errorf("%s does not show its body: %q", page, text)
				}
			}
			var letters []struct {
				ID         string
				Recipients []struct{ Org, Status, Reply string }
			}
			if err := json.Unmarshal(out["data/letters.json"], &letters); err != nil {
				t.Fatal(err)
			}
			for _, l := range letters {
				if l.ID != "2021-03-01-advocates" {
					continue
				}
				for _, r := range l.Recipients {
					if r.Status != "withheld" {
						t.Errorf("%s's reply %s has status %q, want withheld (one of its versions is)", r.Org, r.Reply, r.Status)
					}
				}
			}
			var responses []struct{ ID, Withheld, Summary string }
			if err := json.Unmarshal(out["data/responses.json"], &responses); err != nil {
				t.Fatal(err)
			}
			for _, r := range responses {
				if want := r.ID != "2021-03-25-northshire-pcc-again"; (r.Withheld != "") != want {
					t.Errorf("responses.json: %s withheld = %q, want it given: %v", r.ID, r.Withheld, want)
				}
			}
		})
	}
}

// markersIn returns the markers that data, the file name, holds: in its
// bytes, or once decoded (gzip, the strings and keys of JSON, base64 in
// those strings, HTML and XML character references), case-insensitively.
func markersIn(name string, data []byte, markers []string) []string {
	var texts [][]byte
	var add func(b []byte, depth int)
	add = func(b []byte, depth int) {
		texts = append(texts, bytes.ToLower(b))
		if depth > 3 {
			return
		}
		if bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
			if zr, err := gzip.NewReader(bytes.NewReader(b)); err == nil {
				if plain, err := io.ReadAll(zr); err == nil {
					add(plain, depth+1)
				}
			}
		}
		if bytes.ContainsRune(b, '&') {
			texts = append(texts, bytes.ToLower([]byte(html.UnescapeString(string(b)))))
		}
		var v any
		if json.Unmarshal(b, &v) == nil {
			var walk func(v any)
			walk = func(v any) {
				switch v := v.(type) {
				case string:
					texts = append(texts, bytes.ToLower([]byte(v)))
					if dec, err := base64.StdEncoding.DecodeString(v); err == nil {
						add(dec, depth+1)
					}
				case []any:
					for _, x := range v {
						walk(x)
					}
				case map[string]any:
					for k, x := range v {
						walk(k)
						walk(x)
					}
				}
			}
			walk(v)
		}
	}
	add(data, 0)
	texts = append(texts, bytes.ToLower([]byte(name)))
	var out []string
	for _, m := range markers {
		if slices.ContainsFunc(texts, func(t []byte) bool { return bytes.Contains(t, []byte(m)) }) {
			out = append(out, m)
		}
	}
	return out
}

// TestWithheldLater publishes a reply, then withholds it in its Welsh
// version only and builds again as the command does (reusing what it can
// of the first build's output): nothing of its body or summary is left
// in any file, in either language.
func TestWithheldLater(t *testing.T) {
	site := loadBuildCase(t, "withheld")
	dir := t.TempDir()
	site.WriteDir(t, dir)
	out, manifest := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "manifest")
	opts := build.Options{Now: buildDate("2021-06-01")}
	read := func() map[string][]byte {
		files := map[string][]byte{}
		_ = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(out, p)
				files[filepath.ToSlash(rel)], _ = os.ReadFile(p)
			}
			return nil
		})
		return files
	}
	markers := []string{"frobnicbody", "frobnicsummary", "frobniccymraeg", "frobnicattachment"}
	found := func(files map[string][]byte) map[string][]string {
		f := map[string][]string{}
		for name, data := range files {
			for _, m := range markersIn(name, data, markers) {
				f[m] = append(f[m], name)
			}
		}
		return f
	}
	buildInto(t, dir, out, manifest, opts, false)
	if f := found(read()); len(f) != len(markers) {
		t.Fatalf("the published reply's words are not all published: %v", f)
	}
	welsh := filepath.Join(dir, "content/responses/2021/2021-03-25-northshire-pcc-again.cy.md")
	src, err := os.ReadFile(welsh)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(welsh, bytes.Replace(src, []byte("in_reply_to: 2021-03-20-follow-up\n"), []byte("in_reply_to: 2021-03-20-follow-up\nwithheld: \"Mae'n enwi person.\"\n"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	r := buildInto(t, dir, out, manifest, opts, false)
	if r.linked == 0 {
		t.Error("the second build reused nothing: it does not test reuse")
	}
	for m, files := range found(read()) {
		t.Errorf("%q, of a reply now withheld, is still published in %s", m, strings.Join(files, ", "))
	}
}
