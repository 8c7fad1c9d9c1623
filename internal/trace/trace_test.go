package trace

import (
	"regexp"
	"strings"
	"testing"
)

func TestStages(t *testing.T) {
	t.Setenv("LETTERPRESS_TRACE", "")
	if s := Start(); s.w != nil {
		t.Fatal("Start without LETTERPRESS_TRACE prints")
	}
	var zero *Stages
	zero.Tick("load") // a nil Stages prints nothing, and does not panic

	t.Setenv("LETTERPRESS_TRACE", "1")
	s := Start()
	if s.w == nil {
		t.Fatal("Start with LETTERPRESS_TRACE=1 prints nothing")
	}
	var out strings.Builder
	s.w = &out
	s.Tick("load")
	s.Tick("convert")
	line := regexp.MustCompile(`^(load|convert) +\S+  cpu +\S+  \d+\.\d\d cores$`)
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 2 || !line.MatchString(lines[0]) || !line.MatchString(lines[1]) || !strings.HasPrefix(lines[1], "convert") {
		t.Fatalf("trace printed %q", out.String())
	}
}
