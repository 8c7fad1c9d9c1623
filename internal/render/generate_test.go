package render

import (
	"bytes"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"letterpress"
	"letterpress/internal/diag"
	"letterpress/internal/render/internal/gen"
)

// TestGeneratedUpToDate fails when fast_gen.go is not what the generator
// makes of the default layouts now: a layout (or a view) changed without
// go generate.
func TestGeneratedUpToDate(t *testing.T) {
	in, err := GeneratorInput(letterpress.Defaults)
	if err != nil {
		t.Fatal(err)
	}
	want, err := gen.Generate(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("fast_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("fast_gen.go is not what the layouts make: run go generate ./internal/render")
	}
}

// TestStaleGeneratedNotUsed checks that a default layout changed without
// go generate runs by html/template: its compiled code is of the old file.
func TestStaleGeneratedNotUsed(t *testing.T) {
	defaults := fstest.MapFS{}
	err := fs.WalkDir(letterpress.Defaults, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(letterpress.Defaults, p)
		defaults[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	defaults["layouts/topics.html"].Data = bytes.Replace(defaults["layouts/topics.html"].Data, []byte("<h1>"), []byte(`<h1 class="x">`), 1)
	defaults["layouts/partials/pagination.html"].Data = append(defaults["layouts/partials/pagination.html"].Data, ' ')
	r := New(nil, defaults, Options{}, &diag.List{})
	if r.compiled.mains["topics"] || !r.compiled.mains["home"] {
		t.Errorf("topics compiled %v, home %v; want false, true", r.compiled.mains["topics"], r.compiled.mains["home"])
	}
	for i, name := range generatedNames {
		if want := name != "partials/pagination.html"; r.compiled.ok[i] != want {
			t.Errorf("%s compiled: %v, want %v", name, r.compiled.ok[i], want)
		}
	}
}
