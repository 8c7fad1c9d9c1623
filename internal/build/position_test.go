package build_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"letterpress/internal/sitetest"
)

// TestEveryProblemHasAPosition checks that every problem the check cases
// print is path:line:col: message, a problem with a whole file (a bad
// name, a duplicate id, a file that cannot be read or decoded) included,
// at 1:1: editors' and CI's problem matchers skip a line without one.
func TestEveryProblemHasAPosition(t *testing.T) {
	cases, err := filepath.Glob("testdata/check/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	positioned := regexp.MustCompile(`^[^:]+:[1-9][0-9]*:[1-9][0-9]*: `)
	wholeFile := 0
	for _, file := range cases {
		if strings.HasSuffix(file, "_base.txtar") {
			continue
		}
		want := sitetest.Load(t, file).Extra["want"]
		for line := range strings.Lines(want) {
			if !positioned.MatchString(line) {
				t.Errorf("%s: a problem without path:line:col: %q", file, line)
			}
			if strings.Contains(line, ":1:1: ") {
				wholeFile++
			}
		}
	}
	// The cases of problems with whole files (bad-ids, duplicate-ids,
	// file-and-folder, not-utf8 ...) are among them.
	if wholeFile < 10 {
		t.Errorf("only %d problems at 1:1", wholeFile)
	}
}
