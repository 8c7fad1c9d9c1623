package privacy

import (
	"slices"
	"sync"
)

// allowCache keeps the last privacy.allow list made into a set: a build
// checks every document against the same one.
var allowCache struct {
	sync.Mutex
	entries []string
	allow   *Allow
}

// AllowOf is NewAllow(entries), kept for the next call with the same
// entries: a build checks every document against the same set.
func AllowOf(entries []string) *Allow {
	allowCache.Lock()
	defer allowCache.Unlock()
	if allowCache.allow == nil || !slices.Equal(allowCache.entries, entries) {
		allowCache.entries = slices.Clone(entries)
		allowCache.allow = NewAllow(entries)
	}
	return allowCache.allow
}
