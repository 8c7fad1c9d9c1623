package serve_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"letterpress/internal/browsertest"
)

// tab is a browser tab showing a page of the preview.
type tab struct {
	t    *testing.T
	name string
	ctx  context.Context
}

func openTab(t *testing.T, browser context.Context, name, url string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("%s: opening %s: %v", name, url, err)
	}
	return &tab{t: t, name: name, ctx: ctx}
}

func (tb *tab) reload() {
	tb.t.Helper()
	if _, err := chromedp.Run(tb.ctx, chromedp.Reload()); err != nil {
		tb.t.Fatalf("%s: reloading: %v", tb.name, err)
	}
}

// eval evaluates a JavaScript expression in the tab; the page may be
// reloading, so an error is a false.
func (tb *tab) eval(expr string) string {
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		return ""
	}
	return v
}

// shows waits until the tab shows want and no error overlay, and fails
// the test with what it shows if it does not come to (a hang guard: a
// stale page never does).
func (tb *tab) shows(want string) {
	tb.t.Helper()
	tb.until("shows "+want+" without errors", `String(document.body.innerText.includes(`+jsString(want)+`) && !document.getElementById("letterpress-errors"))`)
}

// showsErrors waits until the tab shows the error overlay listing want.
func (tb *tab) showsErrors(want string) {
	tb.t.Helper()
	tb.until("shows the error "+want, `String(!!document.getElementById("letterpress-errors") && document.getElementById("letterpress-errors").innerText.includes(`+jsString(want)+`))`)
}

func (tb *tab) until(what, expr string) {
	tb.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for tb.eval(expr) != "true" {
		if time.Now().After(deadline) {
			tb.t.Fatalf("%s never %s; it shows:\n%s", tb.name, what, tb.eval(`document.title + "\n" + document.body.innerText`))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

const (
	aboutGood   = "---\ntitle: About\n---\nAbout this site.\n"
	aboutBroken = "---\ntitle: [About\n---\nAbout this site.\n"
)

func aboutSaying(text string) string { return "---\ntitle: About\n---\n" + text + "\n" }

// Every open page ends showing the site as the last save left it, without
// the error overlay, however it came to be open: opened, reloaded or
// connected while the site had errors, while a build ran or before the
// first build was done. (Before pages said which build they came from, a
// page that first heard of the site while it had errors, or after a build
// it had missed, kept its old text for good.)
func TestBrowserNoStalePage(t *testing.T) {
	browser := browsertest.Chromium(t)

	t.Run("opened or reloaded while the site had errors", func(t *testing.T) {
		d := newDriven(t, true)
		before := openTab(t, browser, "a page open before the error", d.url+"/about/")
		reloaded := openTab(t, browser, "a page reloaded while the site had errors", d.url+"/about/")
		d.clients(2)
		d.save(aboutPage, aboutBroken)
		before.showsErrors("content/pages/about.md:2")
		reloaded.showsErrors("content/pages/about.md:2")
		reloaded.reload()
		reloaded.showsErrors("content/pages/about.md:2")
		opened := openTab(t, browser, "a page opened while the site had errors", d.url+"/about/")
		opened.showsErrors("content/pages/about.md:2")
		d.save(aboutPage, aboutSaying("Fixed."))
		for _, tb := range []*tab{before, reloaded, opened} {
			tb.shows("Fixed.")
		}
		// And again, with several saves, broken and not, in a row.
		d.save(aboutPage, aboutBroken)
		d.save(aboutPage, aboutSaying("Fixed again."))
		d.save(aboutPage, aboutBroken)
		opened.showsErrors("content/pages/about.md:2")
		d.save(aboutPage, aboutSaying("Fixed for good."))
		for _, tb := range []*tab{before, reloaded, opened} {
			tb.shows("Fixed for good.")
		}
	})

	// A page reloading for a build goes on hearing of builds until the
	// new page arrives; the new page must still reload for those it
	// missed. (It did not: the old page noted the last build it heard of
	// as the one its reload was for, so the new page, older than that,
	// took it as a copy kept on the way and stayed.)
	t.Run("builds finished while a reload was on its way", func(t *testing.T) {
		d := newDriven(t, true)
		page := openTab(t, browser, "a page reloaded slowly", d.url+"/about/")
		d.clients(1)
		d.slowPage("/about/")
		d.save(aboutPage, aboutSaying("One."))
		d.asked()
		d.save(aboutPage, aboutBroken)
		d.save(aboutPage, aboutSaying("Two."))
		d.told(d.srv.State().Build)
		// Give the page time to hear it: without the fix, the test
		// fails once it has.
		time.Sleep(300 * time.Millisecond)
		d.release()
		page.shows("Two.")
	})

	t.Run("builds finished while the page loaded", func(t *testing.T) {
		d := newDriven(t, true)
		d.holdEvents()
		late := openTab(t, browser, "a page that connects after two builds", d.url+"/about/")
		d.save(aboutPage, aboutSaying("First save."))
		d.save(aboutPage, aboutSaying("Second save."))
		d.release()
		late.shows("Second save.")
	})

	t.Run("opened during the first build", func(t *testing.T) {
		d := newDriven(t, false)
		d.holdEvents()
		early := openTab(t, browser, "a page opened during the first build", d.url+"/about/")
		early.until("says the site is being built", `String(document.title.includes("Building the preview"))`)
		d.start()
		d.release()
		early.shows("About this site.")
	})

	t.Run("opened while the first build had errors", func(t *testing.T) {
		d := newDriven(t, false)
		early := openTab(t, browser, "a page opened during the first build", d.url+"/about/")
		d.clients(1)
		if err := os.WriteFile(filepath.Join(d.dir, aboutPage), []byte(aboutBroken), 0o644); err != nil {
			t.Fatal(err)
		}
		d.start()
		early.showsErrors("content/pages/about.md:2")
		opened := openTab(t, browser, "a page opened after the first build failed", d.url+"/letters/")
		opened.showsErrors("content/pages/about.md:2")
		d.save(aboutPage, aboutGood)
		early.shows("About this site.")
		opened.shows("Letter to Northshire PCC on victim care")
	})
}

// With the watcher, as letterpress serve runs: saves in a row, broken and
// not, rebuilt while pages open, reload and connect; every page ends
// showing the last save.
func TestBrowserSavesInARow(t *testing.T) {
	browser := browsertest.Chromium(t)
	p := start(t)
	first := openTab(t, browser, "a page open from the start", p.http.URL+"/about/")
	p.write(aboutPage, aboutBroken)
	second := openTab(t, browser, "a page opened after a broken save", p.http.URL+"/about/")
	p.write(aboutPage, aboutSaying("One."))
	p.write(aboutPage, aboutBroken)
	third := openTab(t, browser, "a page opened after more saves", p.http.URL+"/about/")
	second.reload()
	p.write(aboutPage, aboutSaying("Two."))
	first.reload()
	p.write(aboutPage, aboutBroken)
	fourth := openTab(t, browser, "a page opened after the last broken save", p.http.URL+"/about/")
	fourth.showsErrors("content/pages/about.md:2")
	first.reload() // while the site has errors
	first.showsErrors("content/pages/about.md:2")
	p.write(aboutPage, aboutSaying("Three."))
	for _, tb := range []*tab{first, second, third, fourth} {
		tb.shows("Three.")
	}
}

// The error overlay lists what stops the build as what to fix; warnings
// do not stop it: those of the file just saved are listed apart, those of
// other files only counted.
func TestBrowserOverlayErrorsNotWarnings(t *testing.T) {
	browser := browsertest.Chromium(t)
	d := newDriven(t, false)
	other := "content/letters/2021/2021-04-01-other.md"
	if err := os.WriteFile(filepath.Join(d.dir, filepath.FromSlash(other)), []byte("---\ntitle: Another letter\ndate: 2021-04-01\nto: [northshire-pcc]\n---\nSee [this](#).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d.start()
	page := openTab(t, browser, "a page", d.url+"/about/")
	d.clients(1)
	d.save(aboutPage, "---\ntitle: About\n---\nSee [the report](report:nope) and [this](#).\n")
	page.showsErrors(`no report with id "nope"`)
	got := page.eval(`JSON.stringify([...document.querySelectorAll("#letterpress-errors pre")].map(e => e.textContent).concat(
		[...document.querySelectorAll("#letterpress-errors p")].map(e => e.textContent)))`)
	var parts []string
	if err := json.Unmarshal([]byte(got), &parts); err != nil || len(parts) < 2 {
		t.Fatalf("overlay: %q %v", got, err)
	}
	fix := parts[0]
	if !strings.Contains(fix, `content/pages/about.md:4:5: link to report:nope`) || strings.Contains(fix, "warning") {
		t.Errorf("the list of what to fix is not the errors alone:\n%s", fix)
	}
	if !strings.Contains(parts[1], "content/pages/about.md:4:35: warning: link leads nowhere") || strings.Contains(parts[1], other) {
		t.Errorf("the saved file's warnings are not listed apart (or other files' are):\n%s", parts[1])
	}
	if !strings.Contains(strings.Join(parts, "\n"), "1 warning in other files does not stop the build") {
		t.Errorf("the other files' warnings are not counted:\n%s", strings.Join(parts, "\n"))
	}
	d.save(aboutPage, aboutSaying("Fixed."))
	page.shows("Fixed.")
}
