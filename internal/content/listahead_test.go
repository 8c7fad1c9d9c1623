package content

import (
	"context"
	"io/fs"
	"letterpress/internal/diag"
	"slices"
	"testing"
	"testing/fstest"
)

// TestListAhead checks that the folders listed in advance are listed as
// the file system lists them, that hidden folders and folders outside the
// kinds are not listed ahead (the walk skips them: a .git folder may be
// large), and that the walk over them finds the files it should.
func TestListAhead(t *testing.T) {
	fsys := fstest.MapFS{
		"content/letters/2020/a.md":             {Data: []byte("---\ntitle: A\n---\n")},
		"content/letters/2020/deep/b.md":        {Data: []byte("---\ntitle: B\n---\n")},
		"content/letters/2021/c.md":             {Data: []byte("---\ntitle: C\n---\n")},
		"content/letters/_drafts/d.md":          {Data: []byte("---\ntitle: D\n---\n")},
		"content/letters/.git/objects/x":        {Data: []byte("x")},
		"content/responses/2020/r.md":           {Data: []byte("---\ntitle: R\n---\n")},
		"content/organisations/o.md":            {Data: []byte("---\nname: O\n---\n")},
		"content/unknown/u.md":                  {Data: []byte("---\ntitle: U\n---\n")},
		"content/pages/about.md":                {Data: []byte("---\ntitle: About\n---\n")},
		"content/reports/2019/nested/more/r.md": {Data: []byte("---\ntitle: R\n---\n")},
	}
	l, ok := listAhead(context.Background(), fsys).(listed)
	if !ok {
		t.Fatal("nothing listed ahead")
	}
	var names []string
	for name, got := range l.dirs {
		names = append(names, name)
		want, err := fs.ReadDir(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(got, want, func(a, b fs.DirEntry) bool { return a.Name() == b.Name() && a.Type() == b.Type() }) {
			t.Errorf("%s listed ahead differs from its listing", name)
		}
	}
	slices.Sort(names)
	want := []string{"content", "content/letters", "content/letters/2020", "content/letters/2020/deep", "content/letters/2021",
		"content/organisations", "content/pages", "content/reports", "content/reports/2019", "content/reports/2019/nested",
		"content/reports/2019/nested/more", "content/responses", "content/responses/2020"}
	if !slices.Equal(names, want) {
		t.Errorf("listed ahead:\n%q\nwant\n%q", names, want)
	}
	got := sourcesOf(walk(context.Background(), fsys, &diag.List{}, nil))
	slices.Sort(got)
	wantFiles := []string{"content/letters/2020/a.md", "content/letters/2020/deep/b.md", "content/letters/2021/c.md",
		"content/organisations/o.md", "content/pages/about.md", "content/reports/2019/nested/more/r.md", "content/responses/2020/r.md"}
	if !slices.Equal(got, wantFiles) {
		t.Errorf("walk found\n%q\nwant\n%q", got, wantFiles)
	}
}

func sourcesOf(ss []Source) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Path)
	}
	return out
}
