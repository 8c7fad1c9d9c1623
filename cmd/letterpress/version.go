package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// What a release says it is, set by scripts/release.sh with
//
//	-ldflags "-X main.version=v1.2.0 -X main.commit=<full hash> -X main.buildDate=<RFC 3339>"
//
// Left empty, as by go build, go run or go install, they are read from the
// build information Go records (the module's version, and the commit,
// its time and whether the tree had changes, when built in a git
// checkout).
var version, commit, buildDate string

// readBuildInfo is debug.ReadBuildInfo (tests give their own).
var readBuildInfo = debug.ReadBuildInfo

// buildVersion is what the version command prints.
type buildVersion struct {
	Version, Commit, Date string
	Modified              bool // built from a tree with uncommitted changes
}

// currentVersion is this program's version: the ldflags' where a release
// set them, the build information's otherwise.
func currentVersion() buildVersion {
	v := buildVersion{Version: version, Commit: commit, Date: buildDate}
	if bi, ok := readBuildInfo(); ok {
		if v.Version == "" && bi.Main.Version != "" {
			v.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if v.Commit == "" {
					v.Commit = s.Value
				}
			case "vcs.time":
				if v.Date == "" {
					v.Date = s.Value
				}
			case "vcs.modified":
				if commit == "" {
					v.Modified = s.Value == "true"
				}
			}
		}
	}
	if v.Version == "" {
		v.Version = "(devel)"
	}
	return v
}

func (v buildVersion) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "letterpress %s", v.Version)
	if v.Commit != "" {
		c := v.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		fmt.Fprintf(&b, "\ncommit %s", c)
		if v.Modified {
			b.WriteString(" (with uncommitted changes)")
		}
	}
	if v.Date != "" {
		fmt.Fprintf(&b, "\ndate %s", v.Date)
	}
	fmt.Fprintf(&b, "\n%s %s/%s", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return b.String()
}

func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) error {
	if err := parseFlags(newFlags("version", stderr), args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, currentVersion())
	return nil
}
