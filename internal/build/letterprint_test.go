package build_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"letterpress/internal/browsertest"
)

// printedText is what a page prints, read in Chromium with print media:
// the text of every element shown, with what the stylesheet adds before
// and after elements (the addresses it prints after links).
const printedText = `(() => {
	const out = [];
	const pseudo = (el, which) => {
		const c = getComputedStyle(el, which).content;
		if (c && c !== "none" && c !== "normal") out.push(c.replace(/^"(.*)"$/s, "$1"));
	};
	const walk = n => {
		if (n.nodeType === Node.TEXT_NODE) { out.push(n.data); return; }
		// (Not checkVisibility: it is false for display: contents.)
		if (n.nodeType !== Node.ELEMENT_NODE || getComputedStyle(n).display === "none") return;
		pseudo(n, "::before");
		for (const c of n.childNodes) walk(c);
		pseudo(n, "::after");
	};
	walk(document.body);
	return out.join(" ").replace(/\s+/g, " ");
})()`

// TestLetterPrint prints a letter (Chromium's print media) and reads the
// paper: who sent it and to whom, its date and reference, the page's web
// address and the addresses its footnotes cite, without the site's header,
// navigation and search.
func TestLetterPrint(t *testing.T) {
	o := letterPageSite(t, false)
	srv := serveFiles(func(name string) ([]byte, bool) { d, ok := o[name]; return d, ok }, nil)
	defer srv.Close()
	ctx := browsertest.Chromium(t)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+lpOverdue)); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("LETTERPRESS_SCREENSHOTS"); dir != "" {
		for page, name := range map[string]string{lpOverdue: "letter-overdue", lpFive: "letter-five-bodies", lpWithheld: "reply-withheld", lpLateRe: "reply-late", lpJoint: "reply-joint", "/reports/home-office-statistics/": "report-publisher"} {
			for _, w := range []int64{320, 1280} {
				err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+page), chromedp.EmulateViewport(w, 900))
				var png []byte
				if err == nil {
					png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
				}
				if err == nil {
					err = os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, w)), png, 0o644)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+lpOverdue)); err != nil {
			t.Fatal(err)
		}
	}
	screen, err := chromedp.Run(ctx, chromedp.Evaluate[string](printedText))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, browsertest.Command(emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})); err != nil {
		t.Fatal(err)
	}
	paper, err := chromedp.Run(ctx, chromedp.Evaluate[string](printedText))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"From Test Office", "To Home Office", "13 October 2020", "IASC/2020/041",
		"https://example.org" + lpOverdue,
		"Jane Example MP", "Dear Minister",
		// The footnotes' sources: a web page, and the report cited.
		"(https://www.gov.uk/government/collections/national-referral-mechanism-statistics)",
		"Annual Report 2020", "https://office.example/annual-report-2020",
	} {
		if !strings.Contains(paper, want) {
			t.Errorf("the printed letter lacks %q: %q", want, paper)
		}
	}
	for _, not := range []string{"Test office: correspondence", "Skip to main content", "Organisations", "Search", "Statistics"} {
		if strings.Contains(paper, not) {
			t.Errorf("the printed letter has the site's %q: %q", not, paper)
		}
	}
	// The web address is for paper only.
	if strings.Contains(screen, "https://example.org"+lpOverdue) {
		t.Errorf("the screen shows the page's own web address: %q", screen)
	}
}
