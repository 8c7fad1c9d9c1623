package published_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"letterpress/internal/browsertest"
)

// pageType is a page the browser tests visit: one of each type the site
// makes, on the site that shows it best.
type pageType struct {
	name string // also the screenshot's file name
	site *builtSite
	path string
}

var pageTypes = []pageType{
	{"home", fixtureSite, "/"},
	{"letter-footnotes-statuses", fixtureSite, "/letters/2022-05-20-advocates/"},
	{"letter-awaiting", fixtureSite, "/letters/2022-06-15-southshire/"},
	{"letter-thread", fixtureSite, "/letters/2021-04-02-follow-up/"},
	{"letter-welsh", fixtureSite, "/cy/letters/2021-05-01-bilingual/"},
	{"response", fixtureSite, "/responses/2022-06-01-northshire-pcc/"},
	{"response-withheld", fixtureSite, "/responses/2022-06-10-eastshire-police/"},
	{"response-welsh", fixtureSite, "/cy/responses/2021-05-20-bilingual-reply/"},
	{"report", fixtureSite, "/reports/victim-care-review-2020/"},
	{"organisation", fixtureSite, "/organisations/northshire-pcc/"},
	{"organisation-welsh", fixtureSite, "/cy/organisations/northshire-pcc/"},
	{"list-letters", fixtureSite, "/letters/"},
	{"list-responses", fixtureSite, "/responses/"},
	{"list-reports", fixtureSite, "/reports/"},
	{"list-organisations", fixtureSite, "/organisations/"},
	{"list-organisations-by-reply-rate", fixtureSite, "/organisations/by-reply-rate/"},
	{"topics", fixtureSite, "/topics/"},
	{"topic", fixtureSite, "/topics/victim-care/"},
	{"awaiting-reply", fixtureSite, "/awaiting-reply/"},
	{"search", fixtureSite, "/search/"},
	{"statistics", fixtureSite, "/statistics/"},
	{"data", fixtureSite, "/data/"},
	{"page", fixtureSite, "/about/"},
	{"404", fixtureSite, "/no-such-page/"},
	{"repo-letter", repoSite, "/letters/2020-10-13-south-wales-pcc-vru/"},
	{"repo-accessibility-statement", repoSite, "/accessibility/"},
	{"corpus-letters-page-2", corpusSite, "/letters/page/2/"},
	{"corpus-organisation", corpusSite, "/organisations/surrey-police/"},
	{"corpus-statistics", corpusSite, "/statistics/"},
}

// widths are the viewport widths every page is checked at: the narrowest
// phone WCAG's reflow criterion names, and a laptop.
var widths = []int64{320, 1280}

// cspWatch records Content-Security-Policy violations in every page of a
// tab, from before the page's own scripts run.
const cspWatch = `window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));`

// screenshotDir is where screenshots go: $LETTERPRESS_SCREENSHOTS if set
// (kept), else a temporary folder removed after the test.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("LETTERPRESS_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
		t.Logf("screenshots in %s (removed after the test; set LETTERPRESS_SCREENSHOTS=DIR to keep them)", dir)
		return dir
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

// servers serves each built site once, with netlify.toml's headers.
func servers(t *testing.T) func(*builtSite) string {
	rules := netlifyConfig(t).Headers
	urls := map[*builtSite]string{}
	return func(s *builtSite) string {
		if u, ok := urls[s]; ok {
			return u
		}
		urls[s] = browsertest.Serve(t, s.Dir(t), rules).URL
		return urls[s]
	}
}

// newTab opens a tab with axe-core and the CSP watch added to every page.
func newTab(t *testing.T, browser context.Context, width int64, axe string) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, 900),
		browsertest.Command(page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch + "\n" + axe}),
	)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

// load opens a page and waits until it is ready: loaded, and on the search
// page, its script has shown the form.
func load(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	res, err := chromedp.RunResponse(ctx, chromedp.Navigate(url))
	if err != nil {
		return err
	}
	if want := map[bool]int64{true: 404, false: 200}[strings.HasSuffix(url, "/no-such-page/")]; res == nil || res.Status != want {
		return fmt.Errorf("HTTP status %v, want %d", res, want)
	}
	if strings.HasSuffix(url, "/search/") {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.getElementById("search").hidden`, chromedp.WithPollingTimeout(10*time.Second)))
		if err != nil {
			return fmt.Errorf("the search form never showed: %w", err)
		}
	}
	return nil
}

// TestAccessibility opens every page type at 320 and 1280 px wide and
// checks it with axe-core: zero violations. It also checks that nothing
// needs horizontal scrolling at 320 px (WCAG 1.4.10, reflow), that no
// resource is blocked by netlify.toml's Content-Security-Policy, and
// saves a full-page screenshot of each.
func TestAccessibility(t *testing.T) {
	browser := browsertest.Chromium(t)
	axe := browsertest.AxeScript(t)
	shots := screenshotDir(t)
	serve := servers(t)
	for _, width := range widths {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			tab := newTab(t, browser, width, axe)
			for _, p := range pageTypes {
				if p.site == corpusSite && testing.Short() {
					continue
				}
				t.Run(p.name, func(t *testing.T) {
					url := serve(p.site) + p.path
					if err := load(tab, url); err != nil {
						t.Fatalf("%s: %v", url, err)
					}
					ctx, cancel := context.WithTimeout(tab, 60*time.Second)
					defer cancel()
					violations, err := chromedp.Run(ctx, browsertest.Axe())
					if err != nil {
						t.Fatalf("axe-core on %s: %v", p.path, err)
					}
					for _, v := range violations {
						t.Errorf("%s at %d px: %s", p.path, width, v)
					}
					blocked, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp`))
					if err != nil {
						t.Fatal(err)
					}
					for _, b := range blocked {
						t.Errorf("%s: Content-Security-Policy violation: %s", p.path, b)
					}
					overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
					if err != nil {
						t.Fatal(err)
					}
					if overflow > 0 {
						wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](widest))
						t.Errorf("%s at %d px scrolls sideways by %d px; widest elements: %v", p.path, width, overflow, wide)
					}
					png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s-%d.png", p.name, width)), png, 0o644); err != nil {
						t.Fatal(err)
					}
				})
			}
		})
	}
}

// widest lists the elements that stick out of the viewport, for the
// message when a page scrolls sideways.
const widest = `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest(".table-scroll")).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : "") + " " + Math.round(e.getBoundingClientRect().right) + "px")`

// TestKeyboard uses pages with the keyboard alone: the skip link is the
// first Tab stop and moves focus to the main content; Tab reaches every
// link, button, field and scrollable region in order; and each shows a
// visible focus indicator (its outline, shadow or colours change).
func TestKeyboard(t *testing.T) {
	browser := browsertest.Chromium(t)
	serve := servers(t)
	for _, p := range []pageType{
		{"letter", fixtureSite, "/letters/2022-05-20-advocates/"},
		{"organisations", fixtureSite, "/organisations/"},
		{"statistics", fixtureSite, "/statistics/"},
		{"search", fixtureSite, "/search/"},
		{"letter-welsh", fixtureSite, "/cy/letters/2021-05-01-bilingual/"},
		{"data", fixtureSite, "/data/"},
	} {
		for _, width := range widths {
			t.Run(fmt.Sprintf("%s-%d", p.name, width), func(t *testing.T) {
				tab := newTab(t, browser, width, "")
				url := serve(p.site) + p.path
				if err := load(tab, url); err != nil {
					t.Fatalf("%s: %v", url, err)
				}
				ctx, cancel := context.WithTimeout(tab, 90*time.Second)
				defer cancel()
				keyboardWalk(t, ctx, url)
			})
		}
	}
}

// focusables numbers every element that should take focus with Tab and
// records how it looks unfocused, to compare with how it looks focused.
const focusables = `(() => {
	const sel = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
	const look = e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine, s.borderColor].join("|"); };
	window.__look = look;
	const els = Array.from(document.querySelectorAll(sel)).filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden");
	els.forEach((e, i) => { e.dataset.kb = i; e.dataset.kbLook = look(e); });
	return els.length;
})()`

// focused describes the focused element: its number, whether its look
// differs from unfocused, whether it is in view, and what it is.
const focused = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body) return {n: -1, changed: false, inView: false, what: "nothing"};
	const r = e.getBoundingClientRect();
	const s = getComputedStyle(e);
	const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 && s.outlineColor !== "rgba(0, 0, 0, 0)";
	return {
		n: e.dataset.kb === undefined ? -1 : Number(e.dataset.kb),
		changed: ring || window.__look(e) !== e.dataset.kbLook,
		inView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
		what: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + " " + (e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 40),
	};
})()`

type focusState struct {
	N       int    `json:"n"`
	Changed bool   `json:"changed"`
	InView  bool   `json:"inView"`
	What    string `json:"what"`
}

func keyboardWalk(t *testing.T, ctx context.Context, url string) {
	// Record how everything looks unfocused, the skip link included.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](focusables)); err != nil {
		t.Fatal(err)
	}
	tab := func() focusState {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		f, err := chromedp.Run(ctx, chromedp.Evaluate[focusState](focused))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}

	// The skip link: first stop, visible when focused, and Enter moves
	// focus to <main>.
	first := tab()
	skip, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.classList.contains("skip-link") && document.activeElement.getAttribute("href") === "#main"`))
	if err != nil {
		t.Fatal(err)
	}
	if !skip {
		t.Fatalf("the first Tab stop is %s, not the skip link", first.What)
	}
	if !first.InView || !first.Changed {
		t.Errorf("the focused skip link is not visible (in view: %v, focus shown: %v)", first.InView, first.Changed)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	inMain, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.activeElement === document.querySelector("main")`, chromedp.WithPollingTimeout(2*time.Second)))
	if err != nil || !inMain {
		t.Errorf("Enter on the skip link did not move focus to <main> (%v)", err)
	}

	// From the top again: Tab through everything.
	if err := load(ctx, url); err != nil {
		t.Fatal(err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](focusables))
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("only %d focusable elements found: the page did not load as expected", n)
	}
	reached := make([]bool, n)
	for step := 0; step < n+5; step++ {
		f := tab()
		if f.N < 0 {
			if step >= n-1 {
				break // past the last element (focus left the page)
			}
			t.Errorf("Tab stop %d is %s, which is not a link, button, field or region", step+1, f.What)
			continue
		}
		if reached[f.N] {
			break // wrapped round
		}
		reached[f.N] = true
		if !f.Changed {
			t.Errorf("no visible focus on %s", f.What)
		}
		if !f.InView {
			t.Errorf("%s is focused but not scrolled into view", f.What)
		}
	}
	for i, ok := range reached {
		if !ok {
			what, _ := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(e => e.outerHTML.slice(0, 120))(document.querySelector('[data-kb="%d"]'))`, i)))
			t.Errorf("Tab never reaches %s", what)
		}
	}
}

// TestPrintLetter prints letters to PDF on A4 as a reader would: the
// site's navigation, header and footer are not printed, the letter's
// text and footnotes are, nothing is wider than the paper, and the PDF's
// pages are A4.
func TestPrintLetter(t *testing.T) {
	browser := browsertest.Chromium(t)
	serve := servers(t)
	for _, c := range []struct {
		site     *builtSite
		path     string
		want     []string // text that must print
		maxPages int
	}{
		{fixtureSite, "/letters/2022-05-20-advocates/", []string{"Letter to four bodies on independent advocates", "Dear Commissioners", "What I am asking", "page 12", "Yours sincerely"}, 2},
		{repoSite, "/letters/2020-10-13-south-wales-pcc-vru/", []string{"Dear", "Yours"}, 4},
	} {
		t.Run(c.path, func(t *testing.T) {
			// A4 less the print stylesheet's margins (20 mm each side) is
			// 170 mm, 642 CSS px: the width the letter must fit.
			tab := newTab(t, browser, 642, "")
			url := serve(c.site) + c.path
			if err := load(tab, url); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(tab, 60*time.Second)
			defer cancel()
			if err := chromedp.Do(ctx, browsertest.Command(emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})); err != nil {
				t.Fatal(err)
			}
			shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("nav, .site-header, .site-footer, .skip-link, .lang-switch")).filter(e => e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 80))`))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range shown {
				t.Errorf("printed, but should not be: %s", s)
			}
			text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("the printed letter lacks %q", w)
				}
			}
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if overflow > 0 {
				wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](widest))
				t.Errorf("printed, the letter is %d px wider than A4's text width; widest elements: %v", overflow, wide)
			}
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
			if err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("LETTERPRESS_SCREENSHOTS"); dir != "" {
				os.WriteFile(filepath.Join(dir, "print-"+strings.Trim(strings.ReplaceAll(c.path, "/", "-"), "-")+".pdf"), pdf, 0o644)
			}
			boxes := mediaBoxRE.FindAllSubmatch(pdf, -1)
			if len(boxes) == 0 || len(boxes) > c.maxPages {
				t.Errorf("the PDF has %d pages, want 1 to %d", len(boxes), c.maxPages)
			}
			for _, b := range boxes {
				var w, h float64
				fmt.Sscan(string(b[1])+" "+string(b[2]), &w, &h)
				// A4 is 595.3 x 841.9 points; Chromium rounds to whole
				// pixels.
				if w < 593 || w > 598 || h < 839 || h > 845 {
					t.Errorf("a PDF page is %.1f x %.1f points, not A4 (595 x 842)", w, h)
				}
			}
		})
	}
}

// mediaBoxRE finds each page's size in a PDF that Chromium wrote.
var mediaBoxRE = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)
