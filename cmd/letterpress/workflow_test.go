package main

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is what the tests read of a GitHub Actions workflow.
type workflow struct {
	On   map[string]any `yaml:"on"`
	Jobs map[string]struct {
		Steps []struct {
			Uses string            `yaml:"uses"`
			With map[string]string `yaml:"with"`
			Run  string            `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// checkWorkflow decodes a workflow and checks that it runs on pushes and
// pull requests, builds letterpress from ./cmd/letterpress and runs check
// --strict --format github with it; it returns check's arguments.
func checkWorkflow(t *testing.T, name string, src []byte) []string {
	t.Helper()
	var w workflow
	if err := yaml.Unmarshal(src, &w); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, event := range []string{"push", "pull_request"} {
		if _, ok := w.On[event]; !ok {
			t.Errorf("%s does not run on %s", name, event)
		}
	}
	var built bool
	var args []string
	for _, job := range w.Jobs {
		for _, s := range job.Steps {
			if strings.Contains(s.Run, "go build") && strings.Contains(s.Run, "./cmd/letterpress") {
				built = true
			}
			if _, after, ok := strings.Cut(s.Run, `/letterpress" check `); ok {
				args = append([]string{"check"}, strings.Fields(after)...)
			}
		}
	}
	if !built {
		t.Errorf("%s does not build letterpress", name)
	}
	if !strings.Contains(strings.Join(args, " "), "check --strict --format github") {
		t.Fatalf("%s does not run letterpress check --strict --format github (found %q)", name, args)
	}
	return args
}

// TestCheckWorkflow checks .github/workflows/check.yml, and runs the check
// it runs on this repository's site: the flags must be check's, and the
// site must pass.
func TestCheckWorkflow(t *testing.T) {
	src, err := os.ReadFile("../../.github/workflows/check.yml")
	if err != nil {
		t.Fatal(err)
	}
	args := checkWorkflow(t, "check.yml", src)
	for i, a := range args {
		if a == "." && i > 0 && args[i-1] == "--site" {
			args[i] = "../.."
		}
	}
	if code, out, errOut := run(t, args...); code != 0 || !strings.HasSuffix(out, "../..: 0 errors, 0 warnings\n") {
		t.Errorf("letterpress %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
}

// TestDeployingWorkflow checks the workflow docs/deploying.md gives sites
// kept in a repository of their own.
func TestDeployingWorkflow(t *testing.T) {
	doc, err := os.ReadFile("../../docs/deploying.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "\n## Checking every pull request\n")
	if !ok {
		t.Fatal("docs/deploying.md has no section Checking every pull request")
	}
	_, block, ok := strings.Cut(section, "```yaml\n")
	if !ok {
		t.Fatal("the section has no yaml block")
	}
	block, _, _ = strings.Cut(block, "```")
	checkWorkflow(t, "docs/deploying.md's workflow", []byte(block))
}
