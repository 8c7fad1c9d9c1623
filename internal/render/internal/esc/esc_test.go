package esc

import (
	"html/template"
	"strings"
	"testing"
)

// escapeProbe is how html/template writes a value in the contexts the
// compiled renderer writes values in: a URL attribute, another quoted
// attribute, and text; the rest of a URL's path, and its fragment.
var escapeProbe = template.Must(template.New("probe").Parse(`<a href="{{.}}" title="{{.}}">{{.}}</a><a href="/x/{{.}}"></a><a href="#{{.}}"></a>`))

func checkEscapers(t *testing.T, s string) {
	t.Helper()
	var want strings.Builder
	if err := escapeProbe.Execute(&want, s); err != nil {
		t.Fatal(err)
	}
	var b []byte
	b = append(b, `<a href="`...)
	b = AppendURL(b, s)
	b = append(b, `" title="`...)
	b = AppendEsc(b, s)
	b = append(b, `">`...)
	b = AppendEsc(b, s)
	b = append(b, `</a><a href="/x/`...)
	b = AppendURLNorm(b, s)
	b = append(b, `"></a><a href="#`...)
	b = AppendURLQuery(b, s)
	b = append(b, `"></a>`...)
	if string(b) != want.String() {
		t.Errorf("%q:\ncompiled:      %q\nhtml/template: %q", s, b, want.String())
	}
}

var escapeSeeds = []string{
	"", "plain", "/letters/2021-03-01-x/", "https://example.org/a?b=c&d=e+f#g",
	"HTTPS://x.example/", "Http:x", "mailto:a@b.example", "MAILTO:x", "javascript:alert(1)",
	"JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "ftp://x/",
	"/a:b", "a/b:c", ":x", "x:", "http", "https:", "httpx:y", "%", "%4", "%41", "%4g", "a%41b", "%%41",
	"100% sure", "<script>alert(\"x\")</script>", `"><img src=x onerror=alert(1)>`,
	"' onmouseover='alert(1)", "a\x00b", "tab\there", "new\nline", "Cymraeg: ŵ ŷ â – ‘’ “”",
	"\xff\xfe invalid", "\uFFFD", "emoji 🙂", "a+b", "&amp;", "[]@!$*,;=?~-._", "`^{}|\\",
	"\u2028\u2029", "\x7f", "é", "http://user:pass@h/p?q#f",
}

func TestEscapersMatchHTMLTemplate(t *testing.T) {
	for _, s := range escapeSeeds {
		checkEscapers(t, s)
	}
	// Every byte, alone and between letters.
	for c := range 256 {
		checkEscapers(t, string(rune(c)))
		checkEscapers(t, "a"+string([]byte{byte(c)})+"b")
		checkEscapers(t, "/p?"+string([]byte{byte(c)}))
	}
}

func FuzzEscapers(f *testing.F) {
	for _, s := range escapeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkEscapers(t, s) })
}
