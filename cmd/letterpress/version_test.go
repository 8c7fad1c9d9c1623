package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"testing"
)

// TestVersion: the version command prints the version, commit and date
// a release set (-ldflags -X), or else what Go recorded of the build (go
// build or go install in a git checkout: the commit, its time, and
// whether the tree had changes).
func TestVersion(t *testing.T) {
	platform := fmt.Sprintf("%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	recorded := &debug.BuildInfo{
		Main: debug.Module{Path: "letterpress", Version: "(devel)"},
		Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.time", Value: "2026-12-01T09:30:00Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	for _, c := range []struct {
		name                  string
		version, commit, date string
		info                  *debug.BuildInfo
		want                  string
	}{
		{"release", "v1.2.0", "fedcba9876543210fedcba9876543210fedcba98", "2026-12-06T10:00:00Z", recorded,
			"letterpress v1.2.0\ncommit fedcba987654\ndate 2026-12-06T10:00:00Z\n" + platform},
		{"go build in a checkout", "", "", "", recorded,
			"letterpress (devel)\ncommit 0123456789ab (with uncommitted changes)\ndate 2026-12-01T09:30:00Z\n" + platform},
		{"go install of a tagged module", "", "", "", &debug.BuildInfo{Main: debug.Module{Path: "letterpress", Version: "v1.1.0"}},
			"letterpress v1.1.0\n" + platform},
		{"no build information", "", "", "", nil,
			"letterpress (devel)\n" + platform},
	} {
		t.Run(c.name, func(t *testing.T) {
			sv, sc, sd, sr := version, commit, buildDate, readBuildInfo
			t.Cleanup(func() { version, commit, buildDate, readBuildInfo = sv, sc, sd, sr })
			version, commit, buildDate = c.version, c.commit, c.date
			readBuildInfo = func() (*debug.BuildInfo, bool) { return c.info, c.info != nil }
			code, out, stderr := run(t, "version")
			if code != 0 || out != c.want {
				t.Fatalf("exit %d\n%s\n--- got\n%s--- want\n%s", code, stderr, out, c.want)
			}
		})
	}
	if code, _, stderr := run(t, "version", "extra"); code != exitUsage {
		t.Fatalf("version with an argument: exit %d\n%s", code, stderr)
	}
}
