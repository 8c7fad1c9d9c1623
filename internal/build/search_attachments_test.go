package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"letterpress"
	"letterpress/internal/browsertest"
	"letterpress/internal/build"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

// TestSearchAttachments: the words of a PDF published with a reply find
// it, in a result of its own that links to the file and says the match
// is in the attachment; a withheld reply's PDF is not indexed.
func TestSearchAttachments(t *testing.T) {
	sitetest.NeedTool(t, "pdftotext", "poppler-utils")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	fsys := attachmentSite(t, "")
	withheld, err := os.ReadFile("../extract/testdata/withheld.pdf")
	if err != nil {
		t.Fatal(err)
	}
	fsys["static/files/withheld.pdf"] = &fstest.MapFile{Data: withheld}
	fsys["content/responses/2021/2021-03-22-eastshire-police.md"] = &fstest.MapFile{Data: []byte(`---
date: 2021-03-22
from: eastshire-police
in_reply_to: 2021-03-01-northshire-pcc
withheld: "It names a victim."
attachments: [{title: "The reply", file: files/withheld.pdf}]
---
`)}
	out := publish.NewMemory()
	_, errs := build.Build(fsys, letterpress.Defaults, out, build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}, render.Options{})
	if errs.HasErrors(false) {
		t.Fatal(errs)
	}
	ix := readWordsIndex(t, out)
	// "monthly" is on page 2 of the PDF, in no body.
	if got := ix.urls(t, "month"); strings.Join(got, " ") != "/files/copy.pdf /files/reply.pdf" {
		t.Errorf("the PDFs' words lead to %v, want the two PDFs", got)
	}
	var meta struct{ Docs, Shard int }
	readJSON(t, out, "search/index/meta.json", &meta)
	found := false
	for n := 0; n*meta.Shard < meta.Docs; n++ {
		var shard []struct{ U, T, K, A, X string }
		readJSON(t, out, "search/index/d/"+strconv.Itoa(n)+".json", &shard)
		for _, d := range shard {
			if d.U != "/files/reply.pdf" {
				continue
			}
			found = true
			if d.A != "In the attachment “The reply (PDF)”" || d.K != "response" || d.T != "Response from Northshire Police and Crime Commissioner" || !strings.Contains(d.X, "Thank you for your letter") {
				t.Errorf("the PDF's entry is %+v", d)
			}
		}
	}
	if !found {
		t.Error("no entry for the PDF")
	}
	if got := ix.urls(t, "zorblattach"); got != nil {
		t.Errorf("a withheld reply's PDF is indexed: %v", got)
	}
	for _, name := range out.Names() {
		data, _ := out.Get(name)
		if strings.HasPrefix(name, "search/") && strings.Contains(strings.ToLower(string(data)), "zorbl") {
			t.Errorf("%s holds the words of a withheld reply's PDF", name)
		}
	}
}

// TestIncrementalAttachmentText: a repeat build after a PDF changed (and
// no document did) remakes the search index with the PDF's new words,
// as a cold build does.
func TestIncrementalAttachmentText(t *testing.T) {
	sitetest.NeedTool(t, "pdftotext", "poppler-utils")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	site := filepath.Join(t.TempDir(), "site")
	(&sitetest.Site{FS: attachmentSite(t, "")}).WriteDir(t, site)
	other, err := os.ReadFile("../extract/testdata/withheld.pdf")
	if err != nil {
		t.Fatal(err)
	}
	runEdits(t, site, build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}, []siteEdit{
		{name: "the reply's PDF replaced", do: func(t *testing.T, site string) {
			writeFile(t, filepath.Join(site, "static", "files", "reply.pdf"), string(other))
		}},
	})
}

// TestSearchAttachmentInBrowser: search.js shows a match in a PDF as a
// result that links to the file and says it is in the attachment.
func TestSearchAttachmentInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	sitetest.NeedTool(t, "pdftotext", "poppler-utils")
	t.Setenv("LETTERPRESS_CACHE", t.TempDir())
	out := publish.NewMemory()
	_, errs := build.Build(attachmentSite(t, ""), letterpress.Defaults, out, build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}, render.Options{})
	if errs.HasErrors(false) {
		t.Fatal(errs)
	}
	srv := serveMemory(out)
	defer srv.Close()
	ctx := browsertest.Chromium(t)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/"), chromedp.WaitVisible(chromedp.ID("q")), chromedp.SendKeys(chromedp.ID("q"), "reviewed monthly ")); err != nil {
		t.Fatal(err)
	}
	done := `document.querySelector("#search-status").dataset.query === "reviewed monthly"`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](done, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no results shown: %v", err)
	}
	results, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](`Array.from(document.querySelectorAll("#results li")).map(li => [li.querySelector("h3 a").getAttribute("href"), li.querySelector(".doc-line").textContent])`))
	if err != nil {
		t.Fatal(err)
	}
	var reply []string
	for _, r := range results {
		if r[0] == "/files/reply.pdf" {
			reply = r
		}
	}
	if len(results) != 2 || reply == nil || !strings.Contains(reply[1], "In the attachment “The reply (PDF)”") {
		t.Errorf("results %q: want the two PDFs, the reply's saying it is in the attachment", results)
	}
}
