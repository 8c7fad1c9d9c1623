package build_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	"letterpress/internal/sitetest"
)

type cmsField struct {
	Name       string `yaml:"name"`
	Widget     string `yaml:"widget"`
	Collection string `yaml:"collection"`
	Required   *bool  `yaml:"required"`
	Options    []struct {
		Value string `yaml:"value"`
	} `yaml:"options"`
}

type cmsConfig struct {
	Backend struct {
		Name string `yaml:"name"`
	} `yaml:"backend"`
	PublishMode string `yaml:"publish_mode"`
	Collections []struct {
		Name   string     `yaml:"name"`
		Folder string     `yaml:"folder"`
		Path   string     `yaml:"path"`
		Fields []cmsField `yaml:"fields"`
	} `yaml:"collections"`
}

// TestCMSConfigMatchesContract checks the web editor's collections against
// the fields internal/content decodes, kind by kind, both ways; that
// references between documents are relation widgets to the right
// collection; that letters, replies and reports live in year folders; and
// that the topic choices are this site's topics.
func TestCMSConfigMatchesContract(t *testing.T) {
	data, err := os.ReadFile("../../admin/config.yml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg cmsConfig
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Backend.Name != "git-gateway" || cfg.PublishMode != "editorial_workflow" {
		t.Errorf("backend %q, publish_mode %q; want git-gateway, editorial_workflow", cfg.Backend.Name, cfg.PublishMode)
	}
	site, err := os.ReadFile("../../site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc := config.Parse(site, &diag.List{})
	var topics []string
	for _, tp := range sc.Topics {
		topics = append(topics, tp.ID)
	}

	relations := map[string]string{"to": "organisations", "from": "organisations", "cites": "reports"}
	inReplyTo := map[content.Kind]string{content.Letter: "responses", content.Response: "letters"}
	seen := map[content.Kind]bool{}
	for _, c := range cfg.Collections {
		var kind content.Kind = -1
		for _, k := range content.Kinds {
			if c.Name == k.Dir() {
				kind = k
			}
		}
		if kind < 0 {
			t.Errorf("collection %q is no kind of the contract", c.Name)
			continue
		}
		seen[kind] = true
		if c.Folder != "content/"+kind.Dir() {
			t.Errorf("%s: folder %q, want content/%s", c.Name, c.Folder, kind.Dir())
		}
		if yearly := kind == content.Letter || kind == content.Response || kind == content.Report; yearly != strings.HasPrefix(c.Path, "{{year}}/") {
			t.Errorf("%s: path %q; letters, replies and reports go in year folders, others not", c.Name, c.Path)
		}
		var names []string
		for _, f := range c.Fields {
			if f.Name == "body" {
				continue
			}
			names = append(names, f.Name)
			want := relations[f.Name]
			if f.Name == "in_reply_to" {
				want = inReplyTo[kind]
			}
			if want != "" && (f.Widget != "relation" || f.Collection != want) {
				t.Errorf("%s: %s is a %s widget to %q, want a relation to %s", c.Name, f.Name, f.Widget, f.Collection, want)
			}
			if f.Name == "topics" {
				var vals []string
				for _, o := range f.Options {
					vals = append(vals, o.Value)
				}
				if !slices.Equal(vals, topics) {
					t.Errorf("%s: topic choices %q, want site.yaml's %q", c.Name, vals, topics)
				}
			}
		}
		for _, f := range content.Fields(kind) {
			if !slices.Contains(names, f) {
				t.Errorf("%s: the contract's field %q is missing", c.Name, f)
			}
		}
		for _, n := range names {
			if !slices.Contains(content.Fields(kind), n) {
				t.Errorf("%s: field %q is not in the contract", c.Name, n)
			}
		}
		if len(slices.Compact(slices.Sorted(slices.Values(names)))) != len(names) {
			t.Errorf("%s: a field appears twice: %q", c.Name, names)
		}
	}
	for _, k := range content.Kinds {
		if !seen[k] {
			t.Errorf("no collection for %s (content/%s)", k, k.Dir())
		}
	}
}

// TestAdminPublished builds a site with an admin/ folder: with the
// editor's scripts installed they are published under /admin/ beside it;
// without, the editor is left out with a warning.
func TestAdminPublished(t *testing.T) {
	base, err := os.ReadFile("testdata/check/_base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	withAdmin := "-- admin/index.html --\n<!DOCTYPE html>\n-- admin/config.yml --\nbackend: {name: git-gateway}\n"
	scripts := "-- node_modules/decap-cms/dist/decap-cms.js --\nmain\n-- node_modules/decap-cms/dist/103.decap-cms.js --\nchunk\n-- node_modules/decap-cms/dist/103.cms.js --\nother build\n-- node_modules/decap-cms/dist/decap-cms.js.map --\nmap\n-- node_modules/decap-cms/dist/f728dc876b39e5273411.wasm --\nwasm\n-- node_modules/netlify-identity-widget/build/netlify-identity-widget.js --\nwidget\n"
	opts := build.Options{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}
	buildIt := func(archive string) (*publish.Memory, *diag.List) {
		site := sitetest.Parse(base, []byte(archive))
		out := publish.NewMemory()
		_, errs := build.Build(site.FS, letterpress.Defaults, out, opts, render.Options{})
		return out, errs
	}

	out, errs := buildIt(withAdmin + scripts)
	if errs.Len() != 0 {
		t.Fatalf("problems: %v", errs)
	}
	var admin []string
	for name := range out.Files {
		if strings.HasPrefix(name, "admin/") {
			admin = append(admin, name)
		}
	}
	slices.Sort(admin)
	want := []string{"admin/103.decap-cms.js", "admin/config.yml", "admin/decap-cms.js", "admin/f728dc876b39e5273411.wasm", "admin/index.html", "admin/netlify-identity-widget.js"}
	if !slices.Equal(admin, want) {
		t.Errorf("published %q, want %q", admin, want)
	}
	if string(out.Files["admin/decap-cms.js"]) != "main\n" {
		t.Errorf("admin/decap-cms.js = %q", out.Files["admin/decap-cms.js"])
	}

	out, errs = buildIt(withAdmin)
	var got strings.Builder
	errs.Print(&got)
	if got.String() != "admin:1:1: warning: the web editor's scripts are not installed (node_modules/decap-cms/dist is missing): run npm ci; /admin/ is left out of this build\n" {
		t.Errorf("without the scripts: %s", got.String())
	}
	for name := range out.Files {
		if strings.HasPrefix(name, "admin/") {
			t.Errorf("published %s without the editor's scripts", name)
		}
	}

	out, _ = buildIt(scripts)
	for name := range out.Files {
		if strings.HasPrefix(name, "admin/") {
			t.Errorf("a site without admin/ got %s", name)
		}
	}
}
