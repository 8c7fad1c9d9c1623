package clash

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"letterpress/internal/diag"
)

// files is an Output from names; a name under static/ is a static file.
type files []string

func (f files) Len() int            { return len(f) }
func (f files) Name(i int) string   { return strings.TrimPrefix(f[i], "static/") }
func (f files) Source(i int) string { return f[i] }
func (f files) Static(i int) bool   { return strings.HasPrefix(f[i], "static/") }

func problems(errs *diag.List) string {
	var b strings.Builder
	errs.Print(&b)
	return b.String()
}

// Names that differ only in case or normalisation, of files or of the
// folders above them, are reported once, at the second of them in byte
// order, naming the first.
func TestCase(t *testing.T) {
	nfc, nfd := norm.NFC.String("static/café.pdf"), norm.NFD.String("static/café.pdf")
	for _, tc := range []struct {
		files files
		want  string
	}{
		{files{"index.html", "letters/a/index.html", "static/files/a.pdf"}, ""},
		{files{"static/files/report.pdf", "static/files/Report.pdf", "static/files/REPORT.pdf"},
			"static/files/Report.pdf:1:1: the address /files/Report.pdf differs only in case from /files/REPORT.pdf (static/files/REPORT.pdf)"},
		{files{"static/Files/a.pdf", "static/files/b.pdf", "static/files/c.pdf"},
			"static/files/b.pdf:1:1: the folder /files/ differs only in case from /Files/ (static/Files/a.pdf)"},
		{files{nfc, nfd},
			nfc + ":1:1: the address /" + nfc[len("static/"):] + " differs only in how its accents are encoded (Unicode NFC or NFD) from /" + nfd[len("static/"):] + " (" + nfd + ")"},
	} {
		errs := &diag.List{}
		Case(tc.files, errs)
		got := problems(errs)
		if tc.want == "" {
			if got != "" {
				t.Errorf("%v: got %q, want nothing", tc.files, got)
			}
			continue
		}
		if strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, tc.want+": on macOS and Windows, whose file systems ignore such differences, the two are one and a build there would overwrite one with the other; rename one of them") {
			t.Errorf("%v: got\n%s\nwant one line starting\n%s", tc.files, got, tc.want)
		}
	}
}

// A static file with the name of a file the site makes is refused, and
// only that file.
func TestStaticOverPage(t *testing.T) {
	errs := &diag.List{}
	refused := StaticOverPage(files{"about/index.html", "static/about/index.html", "static/robots.txt", "robots.txt", "static/a.png"}, errs)
	if len(refused) != 2 || !refused[1] || !refused[2] {
		t.Errorf("refused %v, want 1 and 2", refused)
	}
	want := "static/about/index.html:1:1: a static file has the address of a page the site makes (/about/): rename or remove it\n" +
		"static/robots.txt:1:1: a static file has the address of a page the site makes (/robots.txt): rename or remove it\n"
	if got := problems(errs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if refused := StaticOverPage(files{"index.html", "static/a.png"}, &diag.List{}); refused != nil {
		t.Errorf("refused %v, want nil", refused)
	}
}
