package extract

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/par"
	"letterpress/internal/privacy"
)

// maxAttachment is the largest file whose text is read.
const maxAttachment = 256 << 20

// Site reads the text of every file published with a document of site
// (a letter's, reply's or report's attachments, a report's file) that
// Reads accepts, checks it for personal data as bodies are checked
// (allow is site.yaml's privacy.allow), and returns the text of each by
// its path under static/, for search. A file that is missing or cannot be
// read is left out (content.CheckFiles reports a missing one). Without
// pdftotext, PDFs are left out with one warning.
func Site(fsys fs.FS, site *content.Site, allow *privacy.Allow, errs *diag.List) map[string][]string {
	by := map[string]*content.Doc{} // each file, with the first document that publishes it
	var files []string
	add := func(d *content.Doc, file string) {
		if file == "" || !Reads(file) || content.HiddenStatic(file) {
			return // nothing to read, or never published
		}
		if _, ok := by[file]; !ok {
			by[file] = d
			files = append(files, file)
		}
	}
	for _, d := range site.All() {
		for _, a := range d.Attachments {
			add(d, a.File)
		}
		add(d, d.File)
	}
	if len(files) == 0 {
		return nil
	}
	slices.Sort(files)
	x := New()
	type read struct {
		text *Text
		err  error
	}
	res := make([]read, len(files))
	par.For(len(files), func(i int) {
		// Opening a named pipe blocks until something writes to it: read
		// regular files only (a missing one is reported by CheckFiles,
		// anything else by the build, which publishes regular files only).
		name := content.StaticDir + "/" + files[i]
		info, err := fs.Stat(fsys, name)
		if err != nil || !info.Mode().IsRegular() {
			return
		}
		if info.Size() > maxAttachment {
			res[i] = read{err: fmt.Errorf("it is over %d MB, more than is read for its text", maxAttachment>>20)}
			return
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return
		}
		t, err := x.Read(context.Background(), files[i], data)
		res[i] = read{t, err}
	})
	out := map[string][]string{}
	var missing []string
	for i, file := range files {
		r := res[i]
		path := content.StaticDir + "/" + file
		switch {
		case errors.Is(r.err, ErrMissing):
			missing = append(missing, path)
			continue
		case r.err != nil:
			errs.Warnf(diag.Pos{Path: path}, "cannot read its text (%v), so it was not checked for personal data: replace it with a readable copy (it is published with %s)", r.err, by[file].Path)
			continue
		case r.text == nil:
			continue
		}
		privacy.CheckFile(path, by[file].Path, r.text.Pages, unit(file, r.text), allow, errs)
		if !r.text.Empty() {
			out[file] = r.text.Pages
		}
	}
	if len(missing) > 0 {
		more := ""
		if len(missing) > 1 {
			more = fmt.Sprintf(" (and %d more PDF files: %s)", len(missing)-1, strings.Join(missing[1:min(len(missing), 4)], ", "))
			if len(missing) > 4 {
				more = fmt.Sprintf(" (and %d more PDF files)", len(missing)-1)
			}
		}
		errs.Warnf(diag.Pos{Path: missing[0]}, "pdftotext is not installed, so the text of this PDF%s was not checked for personal data nor made searchable: %s", more, InstallHelp)
	}
	return out
}

// unit is how a place in the text of file is named in messages (see
// privacy.CheckFile).
func unit(file string, t *Text) string {
	switch {
	case IsPDF(file) || t.Paged && len(t.Pages) > 1:
		return "page"
	case !t.Paged:
		return "paragraph"
	}
	return ""
}
