package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// Site is a site in memory, plus the files of the archive that are not part
// of the site (such as "want").
type Site struct {
	FS      fstest.MapFS
	Comment string
	Extra   map[string]string
}

// extraNames are archive sections that describe the test, not the site.
var extraNames = map[string]bool{"want": true, "want-strict": true, "args": true}

// Parse turns a txtar archive into a site. Files of later archives replace
// those of earlier ones, so a case can start from a shared base.
func Parse(archives ...[]byte) *Site {
	s := &Site{FS: fstest.MapFS{}, Extra: map[string]string{}}
	for _, data := range archives {
		a := txtar.Parse(data)
		s.Comment = string(a.Comment)
		for _, f := range a.Files {
			if extraNames[f.Name] {
				s.Extra[f.Name] = string(f.Data)
				continue
			}
			if strings.HasSuffix(f.Name, "/") { // "-- dir/ --" removes a file
				delete(s.FS, strings.TrimSuffix(f.Name, "/"))
				continue
			}
			s.FS[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		}
	}
	return s
}

// Load reads archive files (paths relative to the test's package) and
// parses them as one site.
func Load(t testing.TB, files ...string) *Site {
	t.Helper()
	var archives [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		archives = append(archives, data)
	}
	return Parse(archives...)
}

// WriteDir writes the site to a directory, for tests that run the command.
func (s *Site) WriteDir(t testing.TB, dir string) {
	t.Helper()
	for name, f := range s.FS {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
