package build_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"letterpress/internal/build"
	"letterpress/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/check/*.txtar")

// TestCheckCases loads each testdata/check case on top of _base.txtar and
// compares every problem reported with the case's "want" section, line for
// line: message and position exactly.
func TestCheckCases(t *testing.T) {
	cases, err := filepath.Glob("testdata/check/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range cases {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		if name == "_base" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			site := sitetest.Load(t, "testdata/check/_base.txtar", file)
			want, ok := site.Extra["want"]
			if !ok && !*update {
				t.Fatalf("%s has no want section", file)
			}
			_, errs := build.Load(site.FS, build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)})
			var got strings.Builder
			errs.Print(&got)
			if *update {
				rewriteWant(t, file, got.String())
				return
			}
			if got.String() != want {
				t.Errorf("problems differ\n--- got\n%s--- want\n%s", got.String(), want)
			}
		})
	}
}

func rewriteWant(t *testing.T, file, got string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if i := strings.Index(s, "-- want --\n"); i >= 0 {
		s = s[:i]
	}
	if err := os.WriteFile(file, []byte(s+"-- want --\n"+got), 0o644); err != nil {
		t.Fatal(err)
	}
}
