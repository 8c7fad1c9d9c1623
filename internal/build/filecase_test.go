package build_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// foldFS is a file system that finds names whatever their letter case,
// as macOS's and Windows's do by default; listings give names as stored.
type foldFS struct{ fstest.MapFS }

func (f foldFS) Open(name string) (fs.File, error) {
	if file, err := f.MapFS.Open(name); err == nil {
		return file, nil
	}
	for k := range f.MapFS {
		switch {
		case strings.EqualFold(k, name):
			return f.MapFS.Open(k)
		case len(k) > len(name) && k[len(name)] == '/' && strings.EqualFold(k[:len(name)], name):
			return f.MapFS.Open(k[:len(name)])
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (f foldFS) Stat(name string) (fs.FileInfo, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return file.Stat()
}

func (f foldFS) ReadFile(name string) ([]byte, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(file)
	return b.Bytes(), err
}

// TestAttachmentCase: an attachment path whose letter case differs from
// the file's is an error on a file system that ignores case too, as it is
// on Linux and on the published site, where the link would lead nowhere.
func TestAttachmentCase(t *testing.T) {
	fsys := baseMap(t)
	fsys["static/files/annex.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.4\n%%EOF\n")}
	const letter = "content/letters/2021/2021-03-01-northshire-pcc.md"
	fsys[letter].Data = bytes.Replace(fsys[letter].Data,
		[]byte("topics: [victim-care]\n"), []byte("topics: [victim-care]\nattachments: [{title: Annex, file: Files/Annex.PDF}]\n"), 1)
	for name, f := range map[string]fs.FS{"case-sensitive": fsys, "case-insensitive": foldFS{fsys}} {
		got := problems(t, f, false)
		if !strings.Contains(got, letter+":7:36: attachment file static/Files/Annex.PDF ") {
			t.Errorf("%s file system: no error for the path's case:\n%s", name, got)
		}
	}
	if got := problems(t, foldFS{fsys}, false); !strings.Contains(got, "is named static/files/annex.pdf on disk") {
		t.Errorf("the message does not name the file as it is:\n%s", got)
	}
}
