package published_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"letterpress/internal/browsertest"
)

// TestHTMLValid runs html-validate (npm, pinned in package-lock.json) over
// every page of the repository's site, the fictional site and a generated
// 200-letter site, with the rules of .htmlvalidate.json: zero errors.
func TestHTMLValid(t *testing.T) {
	bin := browsertest.NodeModule(t, ".bin/html-validate")
	config := filepath.Join(rootDir, ".htmlvalidate.json")
	for _, site := range []*builtSite{repoSite, fixtureSite, corpusSite} {
		t.Run(site.name, func(t *testing.T) {
			if site == corpusSite && testing.Short() {
				t.Skip("generates a corpus (-short)")
			}
			dir := site.Dir(t)
			// The report goes to a file: Node cuts a large report short
			// when it exits while writing to a pipe.
			// A canary page with a known error proves the tool read files.
			tmp := t.TempDir()
			report, canary := filepath.Join(tmp, "report.json"), filepath.Join(tmp, "canary.html")
			if err := os.WriteFile(canary, []byte("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Canary</title></head><body><p><div>x</div></p></body></html>\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "--config", config, "--formatter", "json="+report, dir, canary)
			output, err := cmd.CombinedOutput()
			// Exit status 1 means "errors found", which the report lists;
			// anything else is the tool failing.
			if exit, ok := err.(*exec.ExitError); err != nil && (!ok || exit.ExitCode() != 1) {
				t.Fatalf("html-validate: %v\n%s", err, output)
			}
			data, err := os.ReadFile(report)
			if err != nil {
				t.Fatalf("html-validate wrote no report: %v\n%s", err, output)
			}
			var results []struct {
				FilePath string
				Messages []struct {
					RuleID       string
					Severity     int
					Message      string
					Line, Column int
				}
			}
			if err := json.Unmarshal(data, &results); err != nil {
				t.Fatalf("html-validate's report is not JSON: %v\n%s", err, output)
			}
			n, canarySeen := 0, false
			for _, r := range results {
				if r.FilePath == canary {
					canarySeen = len(r.Messages) > 0
					continue
				}
				rel, _ := filepath.Rel(dir, r.FilePath)
				for _, m := range r.Messages {
					if m.Severity < 2 {
						continue
					}
					if n++; n <= 50 {
						t.Errorf("%s:%d:%d: %s [%s]", rel, m.Line, m.Column, m.Message, m.RuleID)
					}
				}
			}
			if n > 50 {
				t.Errorf("... and %d more errors", n-50)
			}
			if !canarySeen {
				t.Errorf("html-validate did not report the canary page's error (<div> inside <p>): is it reading the files?\n%s", output)
			}
		})
	}
}
