package privacy

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"letterpress/internal/diag"
	"letterpress/internal/frontmatter"
)

// readerForms are contact details written so that the source does not show
// them but the published page does: the finding must be at the bytes the
// detail was written with (text), and read as a reader reads it (seen).
var readerForms = []struct {
	in, text, seen string
	kind           Kind
}{
	// Email addresses.
	{"[write to her](mailto:jane.doe%40example.org)", "jane.doe%40example.org", "jane.doe@example.org", Email},
	{"<mailto:jane.doe%40example.org?subject=Hi>", "jane.doe%40example.org", "jane.doe@example.org", Email},
	{"email jane.doe&#64;example.org today", "jane.doe&#64;example.org", "jane.doe@example.org", Email},
	{"email jane.doe&#x40;example.org today", "jane.doe&#x40;example.org", "jane.doe@example.org", Email},
	{"email jane.doe&commat;example.org today", "jane.doe&commat;example.org", "jane.doe@example.org", Email},
	{"email jane&period;doe&#64;example&period;org", "jane&period;doe&#64;example&period;org", "jane.doe@example.org", Email},
	{`email jane.doe\@example.org today`, `jane.doe\@example.org`, "jane.doe@example.org", Email},
	{`email jane\.doe@example.org today`, `jane\.doe@example.org`, "jane.doe@example.org", Email},
	{`email jane\_doe@example\.org today`, `jane\_doe@example\.org`, "jane_doe@example.org", Email},
	{"email jane.**doe**@example.org today", "jane.**doe**@example.org", "jane.doe@example.org", Email},
	{"email jane.doe@example.**org** today", "jane.doe@example.**org", "jane.doe@example.org", Email},
	{"email jane.doe@__example__.org today", "jane.doe@__example__.org", "jane.doe@example.org", Email},
	{"email `jane.doe`@example.org today", "jane.doe`@example.org", "jane.doe@example.org", Email},
	{"email jane.~~doe~~@example.org today", "jane.~~doe~~@example.org", "jane.doe@example.org", Email},
	{"email _jane.doe@example.org_ today", "jane.doe@example.org", "jane.doe@example.org", Email},
	{"email jane.doe＠example.org today", "jane.doe＠example.org", "jane.doe@example.org", Email},
	{"email ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ today", "ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ", "jane@example.org", Email},
	{"email jane.doe\u200b@example.org today", "jane.doe\u200b@example.org", "jane.doe@example.org", Email},
	{"email jane.doe [at] example [dot] org today", "jane.doe [at] example [dot] org", "jane.doe@example.org", Email},
	{"email jane.doe (at) example (dot) co (dot) uk today", "jane.doe (at) example (dot) co (dot) uk", "jane.doe@example.co.uk", Email},
	{"email jane.doe{AT}example{DOT}org today", "jane.doe{AT}example{DOT}org", "jane.doe@example.org", Email},
	{"email jane.doe [ at ] example.org today", "jane.doe [ at ] example.org", "jane.doe@example.org", Email},
	{`title: "Email jane.doe\x40example.org"`, `jane.doe\x40example.org`, "jane.doe@example.org", Email},
	{`title: "Email jane.doe\u0040example.org"`, `jane.doe\u0040example.org`, "jane.doe@example.org", Email},
	// Telephone numbers.
	{"call 0117.496.0123 today", "0117.496.0123", "0117.496.0123", Phone},
	{"call 0117–496–0123 today", "0117–496–0123", "0117-496-0123", Phone},
	{"call 0117\u2212496\u22120123 today", "0117\u2212496\u22120123", "0117-496-0123", Phone},
	{"call 020\u20097946\u20090000 today", "020\u20097946\u20090000", "020 7946 0000", Phone},
	{"call 020\u202f7946\u202f0000 today", "020\u202f7946\u202f0000", "020 7946 0000", Phone},
	{"call 07700\u00a0900123 today", "07700\u00a0900123", "07700 900123", Phone},
	{"call 07700&nbsp;900123 today", "07700&nbsp;900123", "07700 900123", Phone},
	{"call 07700&#8211;900123 today", "07700&#8211;900123", "07700-900123", Phone},
	{"call +44.7700 900123 today", "+44.7700 900123", "+44.7700 900123", Phone},
	{"call +44.7700.900.123 today", "+44.7700.900.123", "+44.7700.900.123", Phone},
	{"call ０７７００ ９００１２３ today", "０７７００ ９００１２３", "07700 900123", Phone},
	{"call &#48;7700 900123 today", "&#48;7700 900123", "07700 900123", Phone},
	{"call 020 **7946** 0000 today", "020 **7946** 0000", "020 7946 0000", Phone},
	{`call 020\-7946\-0000 today`, `020\-7946\-0000`, "020-7946-0000", Phone},
	{"[call her](tel:+44%2020%207946%200000)", "+44%2020%207946%200000", "+44 20 7946 0000", Phone},
	{"[call her](tel:0117%20496%200123)", "0117%20496%200123", "0117 496 0123", Phone},
	{"call 0117\u00ad496\u00ad0123 today", "0117\u00ad496\u00ad0123", "01174960123", Phone},
	// Postcodes.
	{"at CF10&nbsp;1AA.", "CF10&nbsp;1AA", "CF10 1AA", Postcode},
	{"at CF10\u20091AA.", "CF10\u20091AA", "CF10 1AA", Postcode},
	{"at ＣＦ１０ １ＡＡ.", "ＣＦ１０ １ＡＡ", "CF10 1AA", Postcode},
	{"at **CF10** 1AA.", "CF10** 1AA", "CF10 1AA", Postcode},
	{"at _GIR 0AA_.", "GIR 0AA", "GIR 0AA", Postcode},
}

func TestReaderForms(t *testing.T) {
	for _, tt := range readerForms {
		got := Scan([]byte(tt.in))
		if len(got) != 1 || got[0].Kind != tt.kind || got[0].Text != tt.text || got[0].Seen != tt.seen {
			t.Errorf("Scan(%q) = %+v, want one %s %q read as %q", tt.in, got, tt.kind, tt.text, tt.seen)
			continue
		}
		if i := strings.Index(tt.in, tt.text); got[0].Start != i || got[0].End != i+len(tt.text) {
			t.Errorf("Scan(%q): at %d-%d, want %d-%d", tt.in, got[0].Start, got[0].End, i, i+len(tt.text))
		}
	}
}

// readerLookAlikes are what the reading could make look like a detail,
// and must not.
var readerLookAlikes = []struct{ name, text string }{
	{"[dot] in prose", "at the [dot] of the line, and [at] the end (at) noon"},
	{"[at] without a domain", "meet us [at] the office (at) 10 (dot) 30"},
	{"version numbers", "version 1.2.3.4 and 10.0.0.1, v0.10.1 and 2.10.0.20201013"},
	{"dates with dots", "dated 2020.10.13, 13.10.2020 and 01.02.2021"},
	{"IP address", "from 192.168.0.1 and 010.000.000.001"},
	{"range with an en dash", "pages 0117–0123 and the years 2020–2021"},
	{"dashes in prose", "the office—in 2020—replied; 0–1 and 01632–9"},
	{"double-encoded entity", "jane.doe&amp;#64;example.org and 07700&amp;nbsp;900123"},
	{"unknown entity", "jane.doe&atsign;example.org"},
	{"escaped escape", `jane.doe\\x40example.org`},
	{"percent that is not encoding", "up 07.5% to 5%, 100%AB and %zz@"},
	{"bold outside numbers", "**Note:** in 2020 _we_ wrote ~twice~ about `SW1A`"},
	{"money with full stops", "£07.700.900 and £0.5 million"},
	{"leading zero group too short", "ratio 0.1234.5678 and 00.1234.5678"},
	{"too many digits with full stops", "ref 0123.2020.45678 and ISBN 978.1.5286.2123.4"},
	{"minus sign", "a change of \u22120.5 and \u2212 07.5%"},
	{"ellipsis", "wait… 2020… and then"},
	{"full-width text", "ｎｏｔｅ： ２０２０ ａｎｄ Ｍ２５"},
	{"social handle in full width", "follow ＠iasc"},
	{"snake_case id", "the file letter_2020_10_13_0117496012.pdf"},
}

func TestReaderLookAlikes(t *testing.T) {
	for _, tt := range readerLookAlikes {
		if got := Scan([]byte(tt.text)); len(got) > 0 {
			t.Errorf("%s: Scan(%q) = %+v, want nothing", tt.name, tt.text, got)
		}
	}
}

// TestRedactionReasonsRead: a redaction's reason is published, so what it
// holds is found like anything else; the mark itself is nothing.
func TestRedactionReasonsRead(t *testing.T) {
	tests := []struct{ in, want string }{
		{"contact [redacted: jane.doe@example.org] or [redacted]", "email address jane.doe@example.org"},
		{"call [REDACTED: direct line 07700 900123]", "telephone number 07700 900123"},
		{"call [redacted:0117 496 0123]", "telephone number 0117 496 0123"},
		{"at [redacted: 12 Acacia Avenue, NT2 3AB]", "postcode NT2 3AB"},
		{"[redacted: jane&#64;example.org]", "email address jane&#64;example.org"},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range Scan([]byte(tt.in)) {
			got = append(got, f.Kind.String()+" "+f.Text)
		}
		if !slices.Equal(got, []string{tt.want}) {
			t.Errorf("Scan(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCheckPositionsRead: what is reported is where the detail was written,
// line and column in the file, and how it reads when that differs.
func TestCheckPositionsRead(t *testing.T) {
	src := "---\ntitle: \"Reply from Mr Évans, +44.7700 900123\"\n---\n" +
		"Déar Sir,\n" +
		"write to [Jane](mailto:jane.doe%40example.org) or jane.**doe**@example.org,\n" +
		"ring 0117–496–0123 [redacted: or 020&#x20;7946&#x20;0000] at CF10&nbsp;1AA.\n"
	errs := &diag.List{}
	Check(Doc{Path: "content/pages/x.md", Src: []byte(src), Body: strings.Index(src, "Déar")}, nil, errs)
	var got []string
	for _, e := range errs.Items() {
		got = append(got, e.Error())
	}
	const tail = " may be personal data: replace it with [redacted] (or [redacted: reason]), or, if the office publishes it on purpose, add it to privacy.allow in site.yaml"
	want := []string{
		`content/pages/x.md:2:30: warning: telephone number "+44.7700 900123"` + tail,
		`content/pages/x.md:5:24: warning: email address "jane.doe%40example.org" (read as "jane.doe@example.org")` + tail,
		`content/pages/x.md:5:51: warning: email address "jane.**doe**@example.org" (read as "jane.doe@example.org")` + tail,
		`content/pages/x.md:6:6: warning: telephone number "0117–496–0123" (read as "0117-496-0123")` + tail,
		`content/pages/x.md:6:34: warning: telephone number "020&#x20;7946&#x20;0000" (read as "020 7946 0000")` + tail,
		`content/pages/x.md:6:62: warning: postcode "CF10&nbsp;1AA" (read as "CF10 1AA")` + tail,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAllowRead: privacy.allow matches a detail however it is written.
func TestAllowRead(t *testing.T) {
	a := NewAllow([]string{"casework@office.example.org", "020 7946 0000", "cf10 1aa"})
	for _, in := range []string{
		"casework&#64;office.example.org", "mailto:casework%40office.example.org", "casework [at] office [dot] example [dot] org",
		"020–7946–0000", "020.7946.0000", "+44.20.7946.0000", "０２０ ７９４６ ００００", "CF10&nbsp;1AA",
	} {
		f := Scan([]byte(in))
		if len(f) != 1 || !a.Allowed(f[0]) {
			t.Errorf("%q: found %+v, not allowed", in, f)
		}
	}
}

// TestCheckOrganisation: an organisation's own web address and the
// postcode of its postal address are published on purpose, there and where
// the file repeats it; a telephone number or email address in its address
// lines, and anything else in its body, are reported as in any document.
// The same file as another kind is reported in full.
func TestCheckOrganisation(t *testing.T) {
	src := "---\n" +
		"name: Northshire PCC\n" +
		"address:\n" +
		"  - 1 High Street\n" +
		"  - Northtown NT1 1AA\n" +
		"  - \"Direct line: 07700 900123\"\n" +
		"url: https://www.northshire.example.gov.uk/contact?officer=jane.doe%40northshire.example.gov.uk\n" +
		"holder: Jane Doe (jane.doe@northshire.example.gov.uk)\n" +
		"---\n" +
		"Visit us at 2 Low Street, Northtown NT2 3AB, or NT1 1AA.\n"
	body := strings.Index(src, "Visit")
	report := func(org bool) []string {
		errs := &diag.List{}
		Check(Doc{Path: "x.md", Src: []byte(src), Body: body, Organisation: org}, nil, errs)
		var got []string
		for _, e := range errs.Items() {
			got = append(got, fmt.Sprintf("%d:%d", e.Line, e.Col))
		}
		return got
	}
	if got, want := report(true), []string{"6:19", "8:19", "10:37"}; !slices.Equal(got, want) {
		t.Errorf("organisation: reported at %q, want %q", got, want)
	}
	if got, want := report(false), []string{"5:15", "6:19", "7:60", "8:19", "10:37", "10:49"}; !slices.Equal(got, want) {
		t.Errorf("other kind: reported at %q, want %q", got, want)
	}
}

func TestFieldSpan(t *testing.T) {
	fm := "---\nname: X\naddress: [a, b]\nurl: https://x\n# a comment\n'holder' : Y\n  Z\nlist:\n- a\n- b\n---\n"
	for _, tt := range []struct{ key, want string }{
		{"address", "address: [a, b]\n"},
		{"url", "url: https://x\n# a comment\n"},
		{"holder", "'holder' : Y\n  Z\n"},
		{"list", "list:\n- a\n- b\n"},
		{"region", ""},
	} {
		s := fieldSpan([]byte(fm), tt.key)
		if got := fm[s[0]:s[1]]; got != tt.want {
			t.Errorf("fieldSpan(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

// TestPlainTextNotRead: everyday text, curly quotes, dashes between words,
// links and emphasis away from numbers, is scanned as it is.
func TestPlainTextNotRead(t *testing.T) {
	for _, s := range []string{
		"Thank you for [your letter](letter:2020-10-13-x) of 13 October 2020 — we’ll reply “soon”.",
		"**Summary.** The Commissioner’s _report_ found… in 2020 that the Home Office—in part—agreed.",
		"\ufeff---\ntitle: Llythyr at Gomisiynydd Heddlu De Cymru — ŵyr a ŷd\n---\n",
		"Cost: £1,000 (about 5% of 2020’s budget).",
	} {
		if needsReading([]byte(s)) {
			t.Errorf("needsReading(%q) = true", s)
		}
	}
}

// FuzzReading: every finding is the bytes it says it is; what is found in
// the text as written is reported; and text that needsReading passes by
// reads to the same findings as the text itself (the fast path is only a
// shortcut).
func FuzzReading(f *testing.F) {
	for _, tt := range readerForms {
		f.Add(tt.in)
	}
	for _, tt := range readerLookAlikes {
		f.Add(tt.text)
	}
	for _, tt := range truePositives {
		f.Add(tt.text)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		prev := -1
		found := Scan(src)
		for _, fd := range found {
			if fd.Start < prev || fd.Start >= fd.End || fd.End > len(s) || s[fd.Start:fd.End] != fd.Text {
				t.Fatalf("bad finding %+v in %q", fd, s)
			}
			prev = fd.Start
		}
		// Nothing found in the text as written is lost.
		for _, w := range scanText(src) {
			if !slices.ContainsFunc(found, func(g Finding) bool { return w.Start < g.End && g.Start < w.End }) {
				t.Fatalf("%q: %+v, found as written, is not reported (%+v)", s, w, found)
			}
		}
		if needsReading(src) {
			return
		}
		r := read(src)
		var slow []Finding
		for _, fd := range scanText(r.text) {
			slow = append(slow, Finding{Kind: fd.Kind, Start: r.start(fd.Start), End: r.end(fd.End)})
		}
		fast := scanText(src)
		if !slices.Equal(fast, slow) {
			t.Fatalf("%q: as written %+v, as read %+v", s, fast, slow)
		}
	})
}

// TestFastPathIsShortcut tries FuzzReading's last property on many texts
// made of the pieces numbers, postcodes and their look-alikes are made of.
func TestFastPathIsShortcut(t *testing.T) {
	pieces := []string{"0", "1", "7", "020", "7946", "0000", "0117", "496", "0123", "07700", "900123", "+44", "(0)", "(", ")", " ", "-", ".", "/",
		"*", "**", "_", "~", "`", "CF10", "1AA", "GIR", "0AA", "SW1A", "A", "a", "x", "\u00a0", "\u2009", "–", "—", "…", "．", "＋", "（", "）", "１", "Ａ",
		"\u200b", "\u00ad", "é", "’", "e\u0301", "ŵ", ",", "£", "[", "]", "{", "}", ":", "=", "#", "&", ";", "%", "\n", "\t", "ﬁ", "²", "½", "\u3000", "\u2212", "\ufeff"}
	rng := rand.New(rand.NewPCG(1, 2))
	fast := 0
	for range 200000 {
		var b strings.Builder
		for k := rng.IntN(12) + 1; k > 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		src := []byte(b.String())
		if needsReading(src) {
			continue
		}
		fast++
		r := read(src)
		var slow []Finding
		for _, fd := range scanText(r.text) {
			slow = append(slow, Finding{Kind: fd.Kind, Start: r.start(fd.Start), End: r.end(fd.End)})
		}
		if written := scanText(src); !slices.Equal(written, slow) {
			t.Fatalf("%q: as written %+v, as read %+v (%q)", src, written, slow, r.text)
		}
	}
	if fast < 10000 {
		t.Errorf("only %d texts took the fast path", fast)
	}
}

// letter is a letter as most are: no contact details, and nothing the
// reading would change.
var letter = []byte("---\ntitle: \"Follow-up letter to the Commission on safe returns\"\ndate: 2019-03-16\nto: [ehrc]\nin_reply_to: 2019-02-12-ehrc\n" +
	"cites: [safe-accommodation-2018]\ntopics: [international]\nresponse_due: 2019-03-30\n---\n\nDear Vikram,\n\n" +
	strings.Repeat("Thank you for [your letter of 12 February 2019](response:2019-02-12-ehrc) about safe returns. In 2023, health partners "+
		"asked for evidence about joint working with immigration enforcement (HC 1234, ISBN 978-1-5286-2123-4, £0.5 million). "+
		"It is essential that *police forces* improve the quality of referrals ahead of the next spending review.\n\n", 12) +
	"Yours sincerely,\n\nThe Commissioner\n")

func BenchmarkScan(b *testing.B) {
	for _, bc := range []struct {
		name string
		src  []byte
	}{
		{"letter", letter},
		{"letter with an address", append(slices.Clip(letter), "Write to jane.doe@example.org or call 0117 496 0123.\n"...)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.src)))
			for b.Loop() {
				Scan(bc.src)
			}
		})
	}
}

// FuzzCheckPositions: Check reports each finding where frontmatter.PosIn
// puts its offset.
func FuzzCheckPositions(f *testing.F) {
	f.Add("a\n\tb 0117 496 0123\r\nÉ jane&#64;example.org\n\nCF10 1AA")
	for _, tt := range readerForms {
		f.Add("x\n" + tt.in + "\n" + tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		errs := &diag.List{}
		Check(Doc{Path: "x.md", Src: []byte(s)}, nil, errs)
		found := Scan([]byte(s))
		items := errs.Items()
		if len(items) != len(found) {
			t.Fatalf("%d reported, %d found", len(items), len(found))
		}
		for i, e := range items {
			if p := frontmatter.PosIn("x.md", []byte(s), found[i].Start); p.Line != e.Line || p.Col != e.Col {
				t.Fatalf("%q: %+v reported at %d:%d, want %d:%d", s, found[i], e.Line, e.Col, p.Line, p.Col)
			}
		}
	})
}
