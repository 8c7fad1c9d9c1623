package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// Root returns the repository's root: the nearest folder above the working
// directory (a test's package folder) that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// FindRoot is Root for code without a testing.TB (TestMain).
func FindRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// missing skips the test with what to install, or fails it under CI,
// where scripts/setup.sh must have installed everything.
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") != "" {
		t.Fatal(msg + " (CI is set, so this is a failure: .ci/run runs scripts/setup.sh, which installs it)")
	}
	t.Skip(msg)
}

// NodeModule returns the path of a file of an npm package the tests use
// (package.json pins them), such as "axe-core/axe.min.js".
func NodeModule(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(Root(t), "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(t, "node_modules/%s is missing: run `npm ci` in the repository (or bash scripts/setup.sh), which needs Node.js 20.19 or later (apt-get install nodejs npm)", rel)
	}
	return p
}

// Chromium starts headless Chromium for the test and returns its chromedp
// context; the browser stops when the test ends. Each chromedp.NewContext
// made from the returned context is another tab of the same browser.
// Extra options (a chromedp.Flag, say) are added to the ones every test
// needs.
func Chromium(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a browser (-short)")
	}
	path, err := exec.LookPath("chromium")
	if err != nil {
		missing(t, "chromium is not installed: run `sudo apt-get install -y chromium` (scripts/setup.sh does it when run as root)")
	}
	// Flags this machine needs: no sandbox (tests run as root in CI) and no
	// background networking (the network is closed; Chromium would retry).
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()))
	opts = append(opts, extra...)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	// The first action starts the browser; it must not have a timeout
	// (chromedp stops the browser when that context ends).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium (%s): %v", path, err)
	}
	return ctx
}

// HeaderRule is one [[headers]] table of netlify.toml: headers sent for
// the paths that match For ("/*", "/css/*" or an exact path).
type HeaderRule struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
}

// Matches reports whether the rule applies to a request path, as
// Netlify matches a "for" pattern: a trailing * matches any rest.
func (r HeaderRule) Matches(urlPath string) bool {
	if prefix, ok := strings.CutSuffix(r.For, "*"); ok {
		return strings.HasPrefix(urlPath, prefix)
	}
	return urlPath == r.For
}

// HeadersFor returns the headers that rules give a path. A later rule
// replaces a header that an earlier one set, as Netlify does.
func HeadersFor(rules []HeaderRule, urlPath string) http.Header {
	h := http.Header{}
	for _, r := range rules {
		if r.Matches(urlPath) {
			for k, v := range r.Values {
				h.Set(k, v)
			}
		}
	}
	return h
}

// Serve serves a built site from dir on loopback as Netlify serves it:
// "/x/" is x/index.html, a missing file is 404.html with status 404, and
// every response gets the headers the rules give its path.
func Serve(t testing.TB, dir string, rules []HeaderRule) *httptest.Server {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range HeadersFor(rules, r.URL.Path) {
			w.Header()[k] = v
		}
		name := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/")))
		if strings.HasSuffix(r.URL.Path, "/") {
			name = filepath.Join(name, "index.html")
		}
		if info, err := os.Stat(name); err != nil || info.IsDir() {
			page, err := os.ReadFile(filepath.Join(dir, "404.html"))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Command is an action that sends one protocol command, such as
// emulation.SetEmulatedMedia, and ignores its result.
func Command[P, R any](c cdp.Command[P, R], params P) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, c, params)
		return chromedp.Void{}, err
	}
}

// Violation is one axe-core rule a page breaks, with the elements that
// break it.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&b, "\n\t... and %d more", len(v.Nodes)-5)
			break
		}
		fmt.Fprintf(&b, "\n\t%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

// AxeScript is axe-core's source, to add to a tab with
// page.AddScriptToEvaluateOnNewDocument (so every page gets it before
// its own scripts, and the page's Content-Security-Policy does not apply).
func AxeScript(t testing.TB) string {
	t.Helper()
	src, err := os.ReadFile(NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// Axe runs every axe-core rule (WCAG 2.0 to 2.2 A and AA and best
// practices; not the experimental ones) on the page in the tab, which must
// have AxeScript, and returns the violations.
func Axe() chromedp.Action[[]Violation] {
	return chromedp.Evaluate[[]Violation](`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAwaitPromise)
}
