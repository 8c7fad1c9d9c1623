package published_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"letterpress/internal/browsertest"
)

// TestChartLabelsReadable measures, in Chromium, the size every visible
// word and number of every chart is drawn at: an SVG's text scales with
// its viewBox, so a chart squeezed into a 320 px screen can shrink its
// labels below what can be read. Each must be at least 12 px on the
// screen, at 320 px and at 1280 px.
func TestChartLabelsReadable(t *testing.T) {
	browser := browsertest.Chromium(t)
	serve := servers(t)
	const minPx = 12.0
	for _, pt := range []pageType{
		{"statistics", fixtureSite, "/statistics/"},
		{"corpus-statistics", corpusSite, "/statistics/"},
		{"corpus-organisation", corpusSite, "/organisations/surrey-police/"},
	} {
		for _, w := range widths {
			t.Run(fmt.Sprintf("%s at %d px", pt.name, w), func(t *testing.T) {
				ctx := newTab(t, browser, w, "")
				if err := load(ctx, serve(pt.site)+pt.path); err != nil {
					t.Fatal(err)
				}
				type label struct {
					Text string  `json:"text"`
					Px   float64 `json:"px"`
				}
				// The rendered size: the computed font size (in the SVG's
				// units) times the scale from those units to the screen.
				labels, err := chromedp.Run(ctx, chromedp.Evaluate[[]label](`[...document.querySelectorAll("svg.chart-svg text")]
					.filter(t => t.getClientRects().length > 0 && getComputedStyle(t).display !== "none")
					.map(t => ({text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a}))`))
				if err != nil {
					t.Fatal(err)
				}
				if len(labels) == 0 {
					t.Fatalf("%s has no chart labels to measure", pt.path)
				}
				small := 0
				for _, l := range labels {
					if l.Px < minPx-0.01 {
						if small < 5 {
							t.Errorf("%s at %d px: %q is drawn at %.1f px, want at least %.0f", pt.path, w, l.Text, l.Px, minPx)
						}
						small++
					}
				}
				if small > 5 {
					t.Errorf("... and %d more labels below %.0f px", small-5, minPx)
				}
			})
		}
	}
}
