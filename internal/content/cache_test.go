package content

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"letterpress/internal/config"
	"letterpress/internal/diag"
	"letterpress/internal/sitetest"
)

// TestLoadCached loads sites (every check case, with their errors and
// warnings, and a generated one) cold, then from the entries of that load,
// and requires the same documents and the same problems: a repeat build
// must say what a cold one says.
func TestLoadCached(t *testing.T) {
	cases, err := filepath.Glob("../build/testdata/check/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no check cases: %v", err)
	}
	sites := map[string]fstest.MapFS{}
	for _, c := range cases {
		if strings.HasPrefix(filepath.Base(c), "_") {
			continue
		}
		sites[filepath.Base(c)] = sitetest.Load(t, "../build/testdata/check/_base.txtar", c).FS
	}
	if !testing.Short() {
		sites["generated"] = fstest.MapFS{}
		root := sitetest.Generated(t, 200)
		if err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			data, err := os.ReadFile(p)
			sites["generated"][filepath.ToSlash(rel)] = &fstest.MapFile{Data: data, Mode: 0o644}
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	for name, fsys := range sites {
		t.Run(name, func(t *testing.T) {
			load := func(old func(string) []byte) (*Site, map[*Doc][]byte, []diag.FileError) {
				errs := &diag.List{}
				cfg := config.Load(fsys, errs)
				site, made, _, _ := LoadFrontMatterCached(context.Background(), fsys, cfg, errs, func(p string) Made { return Made{Entry: old(p)} })
				entries := make(map[*Doc][]byte, len(made))
				for d, m := range made {
					entries[d] = m.Entry
				}
				return site, entries, errs.Items()
			}
			coldErrs := &diag.List{}
			cold := LoadFrontMatter(context.Background(), fsys, config.Load(fsys, coldErrs), coldErrs)
			first, made, firstErrs := load(func(string) []byte { return nil })
			sameLoad(t, "first", cold, coldErrs.Items(), first, firstErrs)
			byPath := map[string][]byte{}
			for d, e := range made {
				byPath[d.Path] = e
			}
			var used atomic.Int64 // asked from every core
			again, _, againErrs := load(func(p string) []byte {
				if byPath[p] != nil {
					used.Add(1)
				}
				return byPath[p]
			})
			sameLoad(t, "again", cold, coldErrs.Items(), again, againErrs)
			if n := int(used.Load()); n != len(byPath) {
				t.Errorf("%d entries asked for, of %d", n, len(byPath))
			}
			// Each entry decodes, and only for its own file and settings.
			settings := decodeSettings(config.Load(fsys, &diag.List{}))
			for d, e := range made {
				if _, _, ok := decodeCached(e, d.Path, d.Sum, settings); !ok {
					t.Errorf("%s: entry does not decode", d.Path)
				}
				other := d.Sum
				other[0] ^= 1
				if _, _, ok := decodeCached(e, d.Path, other, settings); ok {
					t.Errorf("%s: entry used for other bytes", d.Path)
				}
				if _, _, ok := decodeCached(e, d.Path+"x", d.Sum, settings); ok {
					t.Errorf("%s: entry used for another path", d.Path)
				}
				if _, _, ok := decodeCached(e, d.Path, d.Sum, [32]byte{}); ok {
					t.Errorf("%s: entry used under other settings", d.Path)
				}
				for n := range len(e) {
					if _, _, ok := decodeCached(e[:n], d.Path, d.Sum, settings); ok {
						t.Fatalf("%s: entry cut to %d bytes decodes", d.Path, n)
					}
				}
			}
		})
	}
}

func sameLoad(t *testing.T, step string, want *Site, wantErrs []diag.FileError, got *Site, gotErrs []diag.FileError) {
	t.Helper()
	if !slices.Equal(gotErrs, wantErrs) {
		t.Errorf("%s: problems differ:\n got %v\nwant %v", step, gotErrs, wantErrs)
	}
	w, g := want.All(), got.All()
	if len(w) != len(g) {
		t.Fatalf("%s: %d documents, want %d", step, len(g), len(w))
	}
	for i := range w {
		// Only reports and organisations have a ReportOrg of their own;
		// the one the others share stays empty.
		if own := g[i].Kind == Report || g[i].Kind == Organisation; g[i].ReportOrg == nil || (g[i].ReportOrg != noReportOrg) != own {
			t.Errorf("%s: %s has ReportOrg %p (the shared one is %p)", step, g[i].Path, g[i].ReportOrg, noReportOrg)
		}
		if !reflect.DeepEqual(*noReportOrg, ReportOrg{}) {
			t.Fatalf("%s: the shared ReportOrg was changed: %#v", step, *noReportOrg)
		}
		if !reflect.DeepEqual(g[i], w[i]) {
			t.Errorf("%s: %s differs:\n got %#v\nwant %#v", step, w[i].Path, *g[i], *w[i])
		}
	}
	for k := range numKinds {
		if !reflect.DeepEqual(got.unreadable[k], want.unreadable[k]) {
			t.Errorf("%s: unreadable %v differ", step, Kind(k))
		}
	}
}

// TestCachedValues keeps every kind of front matter value, nil apart
// from empty.
func TestCachedValues(t *testing.T) {
	d := &Doc{Kind: Report, ID: "r", Path: "content/reports/r.md", Lang: "cy", Title: "T",
		Date:      time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC),
		Params:    map[string]any{"s": "x", "i": -3, "f": 1.5, "t": true, "f2": false, "n": nil, "l": []any{}, "m": map[string]any{}, "deep": []any{map[string]any{"a": []any{1, "b"}}}},
		ReportOrg: &ReportOrg{Authors: []string{}}, Aliases: nil, Topics: []Ref{}, Received: time.Date(2020, 1, 1, 12, 0, 0, 5, time.FixedZone("x", 3600))}
	problems := []diag.FileError{{Path: d.Path, Line: 2, Col: 3, Msg: "m", Severity: diag.Warning}}
	e := encodeDecoded(d, problems, [32]byte{1})
	got, gotProblems, ok := decodeCached(e, d.Path, d.Sum, [32]byte{1})
	if !ok {
		t.Fatal("does not decode")
	}
	if !got.Received.Equal(d.Received) {
		t.Errorf("received %v, want %v", got.Received, d.Received)
	}
	got.Received, d.Received = time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, d) || !slices.Equal(gotProblems, problems) {
		t.Errorf("got %#v %v\nwant %#v %v", got, gotProblems, d, problems)
	}
	d.Params["x"] = int64(1) // frontmatter.Value makes no int64
	if encodeDecoded(d, problems, [32]byte{1}) != nil {
		t.Error("a value it cannot keep was encoded")
	}
}
