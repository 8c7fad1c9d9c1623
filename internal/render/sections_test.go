package render

import (
	"slices"
	"testing"
)

// A message in two tables would hide one of them: joining them refuses it.
func TestJoinMessagesRefusesTwoOfAKey(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("joinMessages took a key that is in two tables")
		}
	}()
	joinMessages(map[string][2]string{"a": {"A", "A"}}, map[string][2]string{"a": {"B", "B"}})
}

// The sections' pages are page types, after those of documents and
// lists, in the order of sections; and the messages the statistics take
// from render's own tables are there.
func TestSections(t *testing.T) {
	if got, want := pageTemplates[len(pageTemplates)-len(sections):], []string{"data", "search", "statistics"}; !slices.Equal(got, want) {
		t.Errorf("the sections' page types are %q, want %q", got, want)
	}
	for _, k := range []string{"n-days", "n-working-days"} {
		if _, ok := pluralMessages[k]; !ok {
			t.Errorf("package stats takes message %s from render's tables, which lack it", k)
		}
	}
	for _, k := range []string{"search-label", "data-title", "stats-title", "share-of-due"} {
		if T("cy", k) == k {
			t.Errorf("message %s is not in render's tables", k)
		}
	}
}
