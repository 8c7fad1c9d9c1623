package published_test

import "testing"

// TestNetlifyKeepsNoCache: Netlify keeps nothing between deploys, so its
// builds keep no build manifest (LETTERPRESS_CACHE=off), which no later
// build would read.
func TestNetlifyKeepsNoCache(t *testing.T) {
	if got := netlifyConfig(t).Build.Environment["LETTERPRESS_CACHE"]; got != "off" {
		t.Errorf("LETTERPRESS_CACHE = %q in netlify.toml's build environment, want off", got)
	}
}
