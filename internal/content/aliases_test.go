package content

import (
	"strings"
	"testing"
)

// TestAliasProblem: an alias is a plain site path, never a pattern of
// Netlify's _redirects (/*, /:splat), the home page, a query or a
// fragment, nor a path with white space, control or invisible
// characters, steps up or empty steps, plainly or percent-encoded.
func TestAliasProblem(t *testing.T) {
	for _, a := range []string{
		"/old/", "/letters/old-name/", "/old.html", "/news/2020/10/letter-to-pcc.php", "/a-b_c~d.e/",
		"/authors/c%C3%A9line", "/hen-dudalen/ŵyl/", "/old%20page/", "/x", "/(1)/",
	} {
		if why := aliasProblem(a); why != "" {
			t.Errorf("alias %q refused: %s", a, why)
		}
	}
	for a, want := range map[string]string{
		"old/":                   "must be a site path starting with /",
		"https://example.org/x":  "must be a site path starting with /",
		"/a/../b/":               "must be a site path starting with /",
		"/a b/":                  "must be a site path starting with /",
		"/a\nb":                  "must be a site path starting with /",
		"/":                      "would send the home page elsewhere",
		"/*":                     "wildcard or a placeholder",
		"/:splat":                "wildcard or a placeholder",
		"/old/*":                 "wildcard or a placeholder",
		"/news/:year/":           "wildcard or a placeholder",
		"/x?id=5":                "without a query or a fragment",
		"/x#top":                 "without a query or a fragment",
		"/a\u00a0b/":             "without spaces, quotes or control characters",
		"/a\u2003b/":             "without spaces, quotes or control characters",
		"/evil\u202e/":           "without spaces, quotes or control characters",
		"/zero\u200bwidth/":      "without spaces, quotes or control characters",
		"/line\u2028sep/":        "must be a site path starting with /",
		"/a`b/":                  "without spaces, quotes or control characters",
		"/a|b/":                  "without spaces, quotes or control characters",
		"/100%/":                 "with % only in escapes",
		"/%2A":                   "whose escapes stand for plain characters",
		"/%3Asplat":              "whose escapes stand for plain characters",
		"/a%0Ab/":                "whose escapes stand for plain characters",
		"/a%E2%80%AEb/":          "whose escapes stand for plain characters",
		"/a%2Fb/":                "whose escapes stand for plain characters",
		"/%2e%2e/etc/":           "without empty, . or .. steps",
		"/a//b/":                 "without empty, . or .. steps",
		"/./":                    "without empty, . or .. steps",
		"//evil.example/":        "without empty, . or .. steps",
		"/a/%2E/b":               "without empty, . or .. steps",
		"/a%0a/* https://x 200!": "must be a site path starting with /",
	} {
		why := aliasProblem(a)
		if !strings.Contains(why, want) {
			t.Errorf("alias %q: %q, want %q", a, why, want)
		}
	}
}
