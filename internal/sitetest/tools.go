package sitetest

import (
	"os"
	"os/exec"
	"testing"
)

// NeedTool returns the path of the program name (pandoc, pdftotext) on
// $PATH. When it is missing, the test is skipped with what to install,
// or fails under CI (CI set), where scripts/setup.sh installs it.
func NeedTool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	msg := name + " is not installed: install it (sudo apt-get install " + pkg + ") to run this test"
	if os.Getenv("CI") != "" {
		t.Fatal(msg + " (CI is set, so this is a failure: .ci/run runs scripts/setup.sh, which installs it)")
	}
	t.Skip(msg)
	return ""
}
