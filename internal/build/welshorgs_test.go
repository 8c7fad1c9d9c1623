package build_test

import (
	"strings"
	"testing"

	"letterpress/internal/build"
)

// TestWelshLetterOrgNames: on a Welsh letter page, every link to an
// organisation with no Welsh version (its name is English) is marked
// lang="en", in the From line, the To line and the status panel alike; the
// organisation with a Welsh version is not.
func TestWelshLetterOrgNames(t *testing.T) {
	o := listsSite(t, build.Options{})
	const page = "/cy/letters/2021-04-01-batch/"
	main := o.main(t, page)
	seen := map[string]int{}
	for _, a := range htmlElements(main, "a") {
		href := htmlAttrOr(a, "href")
		if !strings.Contains(href, "/organisations/") {
			continue
		}
		id := strings.TrimSuffix(href[strings.Index(href, "/organisations/")+len("/organisations/"):], "/")
		seen[id]++
		want := "en"
		if id == "northshire-pcc" {
			want = ""
		}
		if got := htmlAttrOr(a, "lang"); got != want {
			t.Errorf("%s: link to %s (%q) has lang=%q, want %q", page, id, visibleText(a), got, want)
		}
	}
	// The sender's link, and each recipient's in the To line and in the
	// status panel.
	if seen["office"] != 1 || seen["westshire-pcc"] < 2 || seen["northshire-pcc"] < 2 {
		t.Errorf("%s: organisation links %v, want the sender once and each recipient twice", page, seen)
	}
}
