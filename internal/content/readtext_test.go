package content

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"letterpress/internal/config"
	"letterpress/internal/diag"
	"letterpress/internal/sitetest"
)

// TestReadText: a document loaded without its source (LoadFrontMatter)
// holds none, and ReadText gives its file back, body and all, from a
// buffer its Release returns; a file whose front matter changed since is
// refused; and read where no walk saw the file (walked false), a link is
// refused as LoadFile refuses it, while a walk's own reading trusts it.
func TestReadText(t *testing.T) {
	dir := t.TempDir()
	sitetest.Load(t, "../build/testdata/check/_base.txtar").WriteDir(t, dir)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys := root.FS()
	errs := &diag.List{}
	site := LoadFrontMatter(context.Background(), fsys, config.Load(fsys, errs), errs)
	if errs.HasErrors(false) {
		t.Fatal(errs)
	}
	var d *Doc
	for _, x := range site.All() {
		if x.Kind == Letter && !x.Translation {
			d = x
			break
		}
	}
	if d == nil {
		t.Fatal("no letter")
	}
	if !d.Released() || d.Src != nil {
		t.Fatal("a document loaded by LoadFrontMatter holds its source")
	}
	file, err := os.ReadFile(filepath.Join(dir, d.Path))
	if err != nil {
		t.Fatal(err)
	}
	text, err := ReadText(fsys, d, true)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(text.Src, file) || !bytes.HasSuffix(file, text.Body) || len(text.Body) == 0 {
		t.Fatalf("ReadText gave %q, want the file %q", text.Src, file)
	}
	if !d.Released() {
		t.Error("ReadText gave the document its source: it must hold nothing of the loader's")
	}
	text.Release()
	if text.Src != nil || text.Body != nil {
		t.Error("Release left the text")
	}

	// The front matter changed since the load.
	changed := bytes.Replace(file, []byte("title: "), []byte("title: Changed "), 1)
	if bytes.Equal(changed, file) {
		t.Fatal("the letter has no title to change")
	}
	if err := os.WriteFile(filepath.Join(dir, d.Path), changed, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadText(fsys, d, true); err == nil || !strings.Contains(err.Error(), "changed while the site was being built") {
		t.Errorf("a file changed since the load: %v, want it refused", err)
	}

	// The file replaced by a link to a copy of it.
	if err := os.WriteFile(filepath.Join(dir, "copy.md"), file, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, d.Path)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "copy.md"), filepath.Join(dir, d.Path)); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if _, err := ReadText(fsys, d, false); err == nil || !strings.Contains(err.Error(), "symbolic links") {
		t.Errorf("a link read where no walk saw the file: %v, want it refused", err)
	}
}
