package published_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gopkg.in/yaml.v3"

	"letterpress/internal/assets"
	"letterpress/internal/browsertest"
)

// TestMediaFolderHeaders checks that the web editor uploads to the folder
// letterpress treats as the media folder (the only one it publishes SVG
// and XML from), and that netlify.toml serves everything there as a
// download in a sandbox, while pages, assets and the editor keep their
// own headers.
func TestMediaFolderHeaders(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(rootDir, "admin", "config.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var cms struct {
		MediaFolder  string `yaml:"media_folder"`
		PublicFolder string `yaml:"public_folder"`
	}
	if err := yaml.Unmarshal(data, &cms); err != nil {
		t.Fatal(err)
	}
	if cms.MediaFolder != assets.StaticDir+"/"+assets.MediaDir || cms.PublicFolder != "/"+assets.MediaDir {
		t.Errorf("admin/config.yml: media_folder %q, public_folder %q; want %s/%s and /%s (the folder letterpress and netlify.toml treat as uploads)", cms.MediaFolder, cms.PublicFolder, assets.StaticDir, assets.MediaDir, assets.MediaDir)
	}
	rules := netlifyConfig(t).Headers
	for _, p := range []string{"/" + assets.MediaDir + "/logo.svg", "/" + assets.MediaDir + "/feed.xml", "/" + assets.MediaDir + "/2021/scan.pdf", "/" + assets.MediaDir + "/page.html"} {
		h := browsertest.HeadersFor(rules, p)
		d := csp(h.Get("Content-Security-Policy"))
		if flags, ok := d["sandbox"]; !ok || len(flags) > 0 {
			t.Errorf("%s: CSP sandbox = %v, %v; want sandbox with no allow- flags", p, flags, ok)
		}
		if strings.Join(d["default-src"], " ") != "'none'" {
			t.Errorf("%s: CSP default-src = %v, want 'none'", p, d["default-src"])
		}
		if cd := h.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
			t.Errorf("%s: Content-Disposition = %q, want attachment", p, cd)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options = %q, want nosniff", p, h.Get("X-Content-Type-Options"))
		}
	}
	for _, p := range []string{"/", "/letters/x/", "/js/search.0123456789.js", "/admin/"} {
		h := browsertest.HeadersFor(rules, p)
		if _, ok := csp(h.Get("Content-Security-Policy"))["sandbox"]; ok || h.Get("Content-Disposition") != "" {
			t.Errorf("%s is sandboxed or a download: the site's pages, scripts and editor must run", p)
		}
	}
}

// TestUploadsCannotRun serves files as an attacker with the editor's
// upload would leave them in the media folder (a page and an SVG that
// load an uploaded script, which script-src 'self' allows) and opens
// each in Chromium: with netlify.toml's headers, nothing runs as the site
// (the script would write to the site's storage, where the editor keeps
// its sign-in); without the media folder's rule, it does (the control).
// An SVG shown on a page as an image still shows, styled.
func TestUploadsCannotRun(t *testing.T) {
	dir := t.TempDir()
	media := filepath.Join(dir, assets.MediaDir)
	os.MkdirAll(media, 0o755)
	files := map[string]string{
		"steal.js":   `localStorage.setItem("ran", (localStorage.getItem("ran") || "") + location.pathname + " ");`,
		"evil.html":  `<!doctype html><title>x</title><script src="/files/steal.js"></script>`,
		"evil.svg":   `<svg xmlns="http://www.w3.org/2000/svg"><script href="/files/steal.js"/></svg>`,
		"evil.xml":   `<html xmlns="http://www.w3.org/1999/xhtml"><head><script src="/files/steal.js"></script></head></html>`,
		"square.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><style>rect { fill: #00aa00 }</style><rect width="20" height="20"/></svg>`,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(media, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(`<!doctype html><html lang="en"><title>Home</title><img id="square" src="/files/square.svg" alt="A green square"></html>`), 0o644)

	all := netlifyConfig(t).Headers
	withoutMedia := slices.DeleteFunc(slices.Clone(all), func(r browsertest.HeaderRule) bool { return r.For == "/"+assets.MediaDir+"/*" })
	if len(withoutMedia) == len(all) {
		t.Fatalf("netlify.toml has no rule for /%s/*", assets.MediaDir)
	}
	browser := browsertest.Chromium(t)
	ran := func(t *testing.T, rules []browsertest.HeaderRule) string {
		base := browsertest.Serve(t, dir, rules).URL
		tab, cancel := chromedp.NewContext(browser)
		defer cancel()
		ctx, cancel2 := context.WithTimeout(tab, 60*time.Second)
		defer cancel2()
		for _, name := range []string{"evil.html", "evil.svg", "evil.xml"} {
			// A download ends the navigation with an error: expected.
			_ = chromedp.Do(ctx, chromedp.Navigate(base+"/"+assets.MediaDir+"/"+name))
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`localStorage.getItem("ran") || ""`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	t.Run("without the media folder's rule", func(t *testing.T) {
		if got := ran(t, withoutMedia); !strings.Contains(got, "/files/evil.html") || !strings.Contains(got, "/files/evil.svg") {
			t.Errorf("the uploaded script ran on %q; want it to run from evil.html and evil.svg here, or the test shows nothing", got)
		}
	})
	t.Run("with netlify.toml", func(t *testing.T) {
		if got := ran(t, all); got != "" {
			t.Errorf("an uploaded file ran a script as the site, from %s", got)
		}
		base := browsertest.Serve(t, dir, all).URL
		tab, cancel := chromedp.NewContext(browser)
		defer cancel()
		ctx, cancel2 := context.WithTimeout(tab, 60*time.Second)
		defer cancel2()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
			t.Fatal(err)
		}
		// The image, drawn on a canvas: its size, and the colour its own
		// style gives it.
		const pixel = `new Promise(done => {
			const img = document.getElementById("square");
			const draw = () => {
				const c = document.createElement("canvas");
				c.width = c.height = 20;
				const g = c.getContext("2d");
				g.drawImage(img, 0, 0);
				const p = g.getImageData(10, 10, 1, 1).data;
				done(img.naturalWidth + " " + p[0] + "," + p[1] + "," + p[2] + "," + p[3]);
			};
			if (img.complete) draw(); else img.onload = img.onerror = draw;
		})`
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](pixel, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if got != "20 0,170,0,255" {
			t.Errorf("the uploaded SVG shown as an image: width and centre pixel %q, want 20 0,170,0,255 (green)", got)
		}
	})
}
