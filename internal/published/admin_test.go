package published_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"letterpress/internal/browsertest"
)

// TestWebEditorLoads opens the repository's web editor (/admin/) in
// Chromium, served with netlify.toml's headers, and checks that Decap CMS
// accepts config.yml and shows its sign-in, with nothing blocked by the
// Content-Security-Policy. (Signing in needs Netlify Identity, so a real
// Netlify site; that is not tested here.)
func TestWebEditorLoads(t *testing.T) {
	if _, err := os.Stat(filepath.Join(rootDir, "node_modules", "decap-cms", "dist", "decap-cms.js")); err != nil {
		browsertest.NodeModule(t, "decap-cms/dist/decap-cms.js") // skips, or fails in CI, saying what to install
	}
	browser := browsertest.Chromium(t)
	base := servers(t)(repoSite)
	tab := newTab(t, browser, 1280, "")
	ctx, cancel := context.WithTimeout(tab, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/")); err != nil {
		t.Fatal(err)
	}
	// Decap shows its sign-in button once the configuration is loaded and
	// valid, or an error page naming what is wrong with it.
	const state = `(() => {
		const text = document.body ? document.body.innerText : "";
		if (/Error loading the CMS configuration|Config Errors|config\.yml/i.test(text)) return "error: " + text.slice(0, 2000);
		if (/Login with Netlify Identity/i.test(text)) return "login";
		return "";
	})()`
	var got string
	for {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](state))
		if err != nil {
			t.Fatalf("the editor never showed its sign-in or an error: %v", err)
		}
		if s != "" {
			got = s
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if got != "login" {
		t.Errorf("Decap CMS rejected the configuration:\n%s", got)
	}
	blocked, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp`))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range blocked {
		t.Errorf("/admin/: Content-Security-Policy violation: %s", b)
	}
	if strings.HasPrefix(got, "login") {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
		if err == nil {
			dir := screenshotDir(t)
			_ = os.WriteFile(filepath.Join(dir, "admin-1280.png"), png, 0o644)
		}
	}
}
