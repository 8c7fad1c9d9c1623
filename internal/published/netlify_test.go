package published_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"

	"letterpress/internal/browsertest"
)

// netlify is the part of netlify.toml the tests read.
type netlify struct {
	Build struct {
		Command     string
		Publish     string
		Environment map[string]string
	}
	Headers []browsertest.HeaderRule
}

func netlifyConfig(t *testing.T) netlify {
	t.Helper()
	var n netlify
	if _, err := toml.DecodeFile(filepath.Join(rootDir, "netlify.toml"), &n); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	return n
}

// csp splits a Content-Security-Policy into its directives.
func csp(policy string) map[string][]string {
	out := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			out[f[0]] = f[1:]
		}
	}
	return out
}

// TestNetlifyConfig checks netlify.toml: the build, the security headers
// on every page, and caching.
func TestNetlifyConfig(t *testing.T) {
	n := netlifyConfig(t)
	if !strings.HasPrefix(n.Build.Command, "go run ./cmd/letterpress build") {
		t.Errorf("build command = %q, want the project's own: go run ./cmd/letterpress build", n.Build.Command)
	}
	if n.Build.Publish != "public" {
		t.Errorf("publish = %q, want public (what letterpress build writes)", n.Build.Publish)
	}
	gomod, err := os.ReadFile(filepath.Join(rootDir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	if goVersion == nil || n.Build.Environment["GO_VERSION"] != string(goVersion[1]) {
		t.Errorf("GO_VERSION = %q, want go.mod's %q", n.Build.Environment["GO_VERSION"], goVersion)
	}

	for _, p := range []string{"/", "/letters/2020-10-13-south-wales-pcc-vru/", "/404.html", "/css/site.0123456789.css", "/search/index/meta.json"} {
		h := browsertest.HeadersFor(n.Headers, p)
		policy := h.Get("Content-Security-Policy")
		d := csp(policy)
		if d["default-src"] == nil || strings.Join(d["default-src"], " ") != "'none'" {
			t.Errorf("%s: CSP default-src = %v, want 'none' (allow only what the pages use)", p, d["default-src"])
		}
		if strings.Join(d["frame-ancestors"], " ") != "'none'" {
			t.Errorf("%s: CSP frame-ancestors = %v, want 'none'", p, d["frame-ancestors"])
		}
		for name, sources := range d {
			for _, s := range sources {
				switch {
				case s == "'unsafe-inline'" || s == "'unsafe-eval'" || strings.HasPrefix(s, "'unsafe-"):
					t.Errorf("%s: CSP %s allows %s", p, name, s)
				case s == "'self'" || s == "'none'" || s == "data:" && name == "img-src":
				default:
					t.Errorf("%s: CSP %s allows %s: only 'self' (and data: images) may be allowed", p, name, s)
				}
			}
		}
		for _, want := range []string{"script-src", "style-src", "base-uri", "form-action"} {
			if d[want] == nil {
				t.Errorf("%s: CSP has no %s", p, want)
			}
		}
		if m := regexp.MustCompile(`max-age=(\d+)`).FindStringSubmatch(h.Get("Strict-Transport-Security")); m == nil || atoi(m[1]) < 31536000 {
			t.Errorf("%s: Strict-Transport-Security = %q, want max-age of a year or more", p, h.Get("Strict-Transport-Security"))
		}
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options = %q", p, h.Get("X-Content-Type-Options"))
		}
		if h.Get("Referrer-Policy") == "" || h.Get("Referrer-Policy") == "unsafe-url" {
			t.Errorf("%s: Referrer-Policy = %q", p, h.Get("Referrer-Policy"))
		}
		if !strings.Contains(h.Get("Permissions-Policy"), "camera=()") {
			t.Errorf("%s: Permissions-Policy = %q, want features turned off", p, h.Get("Permissions-Policy"))
		}
		cache := h.Get("Cache-Control")
		maxAge := -1
		if m := regexp.MustCompile(`max-age=(\d+)`).FindStringSubmatch(cache); m != nil {
			maxAge = atoi(m[1])
		}
		if strings.HasPrefix(p, "/css/") {
			if !strings.Contains(cache, "immutable") || maxAge < 31536000 {
				t.Errorf("%s: Cache-Control = %q, want a year and immutable (the name changes with the content)", p, cache)
			}
		} else if strings.Contains(cache, "immutable") || maxAge < 0 || maxAge > 3600 {
			t.Errorf("%s: Cache-Control = %q, want a short max-age (pages change with every build)", p, cache)
		}
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// TestPagesNeedOnlyWhatTheCSPAllows reads every page of the three sites and
// checks it needs nothing the policy forbids: no inline scripts, styles,
// style attributes or event handlers, no javascript: URLs, no frames or
// plugins, and scripts, stylesheets and images only from the site itself.
// It also checks that every file under css/ and js/ (cached as immutable)
// carries the hash of its content in its name.
func TestPagesNeedOnlyWhatTheCSPAllows(t *testing.T) {
	for _, site := range []*builtSite{repoSite, fixtureSite, corpusSite} {
		t.Run(site.name, func(t *testing.T) {
			if site == corpusSite && testing.Short() {
				t.Skip("generates a corpus (-short)")
			}
			dir := site.Dir(t)
			pages := 0
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(dir, p)
				rel = filepath.ToSlash(rel)
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				if top, _, _ := strings.Cut(rel, "/"); top == "css" || top == "js" {
					checkHashedName(t, rel, data)
				}
				if strings.HasSuffix(rel, ".html") {
					pages++
					checkPageForCSP(t, rel, string(data))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if pages < 20 {
				t.Errorf("only %d pages found in %s", pages, dir)
			}
		})
	}
}

var hashedNameRE = regexp.MustCompile(`\.([0-9a-f]{10})\.(css|js)$`)

func checkHashedName(t *testing.T, name string, data []byte) {
	m := hashedNameRE.FindStringSubmatch(name)
	sum := sha256.Sum256(data)
	if m == nil || m[1] != hex.EncodeToString(sum[:])[:10] {
		t.Errorf("%s is cached as immutable (netlify.toml) but its name does not carry the hash of its content", name)
	}
}

func checkPageForCSP(t *testing.T, name, page string) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	sameSite := func(raw string) bool {
		u, err := url.Parse(strings.TrimSpace(raw))
		return err == nil && u.Scheme == "" && u.Host == ""
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		attr := map[string]string{}
		for _, a := range n.Attr {
			attr[a.Key] = a.Val
			switch {
			case strings.HasPrefix(a.Key, "on"):
				t.Errorf("%s: <%s %s=...>: inline event handlers are blocked by the CSP", name, n.Data, a.Key)
			case a.Key == "style":
				t.Errorf("%s: <%s style=%q>: style attributes are blocked by the CSP", name, n.Data, a.Val)
			case (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:"):
				t.Errorf("%s: <%s %s=%q>: javascript: URLs are blocked by the CSP", name, n.Data, a.Key, a.Val)
			}
		}
		switch n.Data {
		case "script":
			if attr["src"] == "" {
				t.Errorf("%s: an inline <script>: blocked by the CSP", name)
			} else if !sameSite(attr["src"]) {
				t.Errorf("%s: <script src=%q>: only the site's own scripts are allowed", name, attr["src"])
			}
		case "style":
			t.Errorf("%s: a <style> element: blocked by the CSP", name)
		case "link":
			if strings.Contains(" "+attr["rel"]+" ", " stylesheet ") && !sameSite(attr["href"]) {
				t.Errorf("%s: <link rel=stylesheet href=%q>: only the site's own stylesheets are allowed", name, attr["href"])
			}
		case "img":
			if src := attr["src"]; !sameSite(src) && !strings.HasPrefix(src, "data:image/") {
				t.Errorf("%s: <img src=%q>: images from elsewhere are blocked by the CSP", name, src)
			}
		case "iframe", "frame", "object", "embed", "base":
			t.Errorf("%s: <%s>: blocked by the CSP", name, n.Data)
		case "form":
			if a, ok := attr["action"]; ok && !sameSite(a) {
				t.Errorf("%s: <form action=%q>: forms may only submit to the site", name, a)
			}
		}
	}
}
