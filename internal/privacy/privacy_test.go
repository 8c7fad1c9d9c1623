package privacy

import (
	"slices"
	"strings"
	"testing"

	"letterpress/internal/diag"
)

// Each true positive is a sentence as it might appear in a reply, and the
// exact text that must be flagged in it.
var truePositives = []struct {
	text string
	want string
	kind Kind
}{
	{"Please contact john.smith@southwales.police.uk for details.", "john.smith@southwales.police.uk", Email},
	{"Email: Jane.O'Neill@homeoffice.gov.uk", "Jane.O'Neill@homeoffice.gov.uk", Email},
	{"write to <officer+casework@example.org.uk>", "officer+casework@example.org.uk", Email},
	{"[email me](mailto:a.person@nhs.net)", "a.person@nhs.net", Email},
	{"contact: \"firstname_lastname@gmail.com\"", "firstname_lastname@gmail.com", Email},
	{"Call 020 7946 0000 during office hours.", "020 7946 0000", Phone},
	{"Tel: (020) 7946 0018", "(020) 7946 0018", Phone},
	{"my direct line is 0117 496 0123.", "0117 496 0123", Phone},
	{"Telephone 01632 960001", "01632 960001", Phone},
	{"mobile 07700 900123,", "07700 900123", Phone},
	{"mobile 07700900456", "07700900456", Phone},
	{"from abroad +44 20 7946 0999", "+44 20 7946 0999", Phone},
	{"or +44 (0)29 2018 0123", "+44 (0)29 2018 0123", Phone},
	{"or +447700900789.", "+447700900789", Phone},
	{"or 0044 113 496 0000", "0044 113 496 0000", Phone},
	{"freephone 0800 123 4567", "0800 123 4567", Phone},
	{"ring 020-7946-0321", "020-7946-0321", Phone},
	{"[call us](tel:+441632960555)", "+441632960555", Phone},
	{"She lives at 12 Acacia Avenue, Cardiff CF10 1AA.", "CF10 1AA", Postcode},
	{"Address: 1 Street, London SW1A 2AA", "SW1A 2AA", Postcode},
	{"Manchester M1 1AE", "M1 1AE", Postcode},
	{"Glasgow G2 3BZ,", "G2 3BZ", Postcode},
	{"Birmingham B33 8TH", "B33 8TH", Postcode},
	{"written together: EC1A1BB.", "EC1A1BB", Postcode},
	{"to W1A 0AX (the BBC)", "W1A 0AX", Postcode},
	{"Girobank GIR 0AA", "GIR 0AA", Postcode},
	{"on a YAML line: address: \"DN55 1PT\"", "DN55 1PT", Postcode},
}

// Look-alikes are what letters are full of and must not be flagged.
var lookAlikes = []struct{ name, text string }{
	{"ISO date", "Your letter of 2020-10-13 and ours of 2021-03-01 2021-03-20."},
	{"UK date", "dated 13/10/2020 and 01/02/2021, or 01-02-2021"},
	{"date words", "On 01 October 2020 at 09:30 we met."},
	{"ISBN-13", "ISBN 978-1-5286-2123-4"},
	{"ISBN-10 starting 0", "ISBN 0-7167-0344-0 and ISBN 0716703440X"},
	{"report number", "HC 1234, CP 312, Cm 9999 and SI 2015/1234"},
	{"crime reference", "our reference 0123/2020/45678 and case 01-2345-678901"},
	{"money", "£0.5 million, £1,000,000 and £07,700,900"},
	{"times", "between 0900 and 1700, or 10.30am to 12:00"},
	{"version number", "decap-cms@3.1.2 and go1.26.8, v0.10.1"},
	{"URL path with @", "see https://medium.com/@iasc_uk/modern-slavery-0117496012"},
	{"URL path with a name@", "https://example.org/users/bob@example.com/profile"},
	{"social handle", "follow @IASCommissioner and @iasc on social media"},
	{"retina image", "the image logo@2x.png"},
	{"npm scope", "@babel/core and @types/node"},
	{"Companies House number", "company number 07123456"},
	{"long account number", "account 012345678901234"},
	{"statute section", "Section 45 of the Modern Slavery Act 2015"},
	{"outward code only", "across the SW1A and M25 area, CF10 and NW1"},
	{"lower-case postcode look-alike", "at 1am we saw a2 1aa"},
	{"aircraft and paper sizes", "an A380 2nd flight on A4 paper"},
	{"COVID", "COVID-19 and CO2 emissions"},
	{"percentages and counts", "up 07.5% to 0 people in 01 area"},
	{"redacted email", "contact [redacted: officer's email] or [REDACTED]"},
	{"phone number digits in an id", "letter 2020-10-13-south-wales-pcc-vru-02079460000"},
	{"international not UK", "+33 1 23 45 67 89 and +1 202 555 0100"},
	{"sort code", "sort code 01-23-45"},
}

func TestTruePositives(t *testing.T) {
	for _, tt := range truePositives {
		got := Scan([]byte(tt.text))
		if len(got) != 1 || got[0].Text != tt.want || got[0].Kind != tt.kind {
			t.Errorf("Scan(%q) = %v, want one %s %q", tt.text, got, tt.kind, tt.want)
			continue
		}
		if i := strings.Index(tt.text, tt.want); got[0].Start != i || got[0].End != i+len(tt.want) {
			t.Errorf("Scan(%q): at %d-%d, want %d-%d", tt.text, got[0].Start, got[0].End, i, i+len(tt.want))
		}
	}
	if len(truePositives) < 15 {
		t.Errorf("only %d true positives", len(truePositives))
	}
}

func TestLookAlikes(t *testing.T) {
	for _, tt := range lookAlikes {
		if got := Scan([]byte(tt.text)); len(got) > 0 {
			t.Errorf("%s: Scan(%q) = %v, want nothing", tt.name, tt.text, got)
		}
	}
	if len(lookAlikes) < 15 {
		t.Errorf("only %d look-alikes", len(lookAlikes))
	}
}

func TestScanManyInOrder(t *testing.T) {
	text := "Write to B33 8TH, call 0117 496 0123 or email x.y@example.com; not [redacted]."
	var got []string
	for _, f := range Scan([]byte(text)) {
		got = append(got, f.Kind.String()+" "+f.Text)
	}
	want := []string{"postcode B33 8TH", "telephone number 0117 496 0123", "email address x.y@example.com"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAllow(t *testing.T) {
	a := NewAllow([]string{"April.McCoig@iasc.independent.gov.uk", "+44 (0)20 7946 0000", "sw1a2aa"})
	tests := []struct {
		text    string
		allowed bool
	}{
		{"april.mccoig@IASC.independent.gov.uk", true},
		{"020 7946 0000", true},
		{"02079460000", true},
		{"+44 20 7946 0000", true},
		{"SW1A 2AA", true},
		{"020 7946 0001", false},
		{"april@iasc.independent.gov.uk", false},
		{"SW1A 2AB", false},
	}
	for _, tt := range tests {
		f := Scan([]byte(tt.text))
		if len(f) != 1 {
			t.Fatalf("Scan(%q) = %v, want one finding", tt.text, f)
		}
		if got := a.Allowed(f[0]); got != tt.allowed {
			t.Errorf("Allowed(%q) = %v, want %v", tt.text, got, tt.allowed)
		}
	}
	var none *Allow
	if none.Allowed(Finding{Kind: Email, Text: "a@b.cc"}) {
		t.Error("a nil Allow allows")
	}
}

func TestMatchRedaction(t *testing.T) {
	tests := []struct {
		in     string
		n      int
		reason string
		ok     bool
	}{
		{"[redacted] rest", 10, "", true},
		{"[Redacted]", 10, "", true},
		{"[REDACTED: personal phone number] rest", 33, "personal phone number", true},
		{"[redacted:name]", 15, "name", true},
		{"[redacted ]", 0, "", false},
		{"[redaction]", 0, "", false},
		{"[redacted: two\nlines]", 0, "", false},
		{"[redacted", 0, "", false},
		{"redacted]", 0, "", false},
		{"[redacted: " + strings.Repeat("x", 201) + "]", 0, "", false},
	}
	for _, tt := range tests {
		n, reason, ok := MatchRedaction([]byte(tt.in))
		if n != tt.n || reason != tt.reason || ok != tt.ok {
			t.Errorf("MatchRedaction(%q) = %d, %q, %v; want %d, %q, %v", tt.in, n, reason, ok, tt.n, tt.reason, tt.ok)
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, tt := range truePositives {
		f.Add(tt.text)
	}
	for _, tt := range lookAlikes {
		f.Add(tt.text)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := -1
		for _, fd := range Scan([]byte(s)) {
			if fd.Start < prev || fd.Start >= fd.End || fd.End > len(s) || s[fd.Start:fd.End] != fd.Text {
				t.Fatalf("bad finding %+v in %q", fd, s)
			}
			prev = fd.Start
		}
	})
}

func TestCheckPositions(t *testing.T) {
	src := []byte("---\ndate: 2021-03-20\nwithheld: \"Call Ms Évans on 07700 900123\"\n---\nDéar Sir, email é@x.co or\n\tj.doe@example.com; me@office.gov.uk is fine.\n")
	errs := &diag.List{}
	Check(Doc{Path: "content/responses/x.md", Src: src, Body: 68}, NewAllow([]string{"ME@office.gov.uk"}), errs)
	var got []string
	for _, e := range errs.Items() {
		got = append(got, e.Error())
	}
	want := []string{
		`content/responses/x.md:3:29: warning: telephone number "07700 900123" may be personal data: replace it with [redacted] (or [redacted: reason]), or, if the office publishes it on purpose, add it to privacy.allow in site.yaml`,
		`content/responses/x.md:6:2: warning: email address "j.doe@example.com" may be personal data: replace it with [redacted] (or [redacted: reason]), or, if the office publishes it on purpose, add it to privacy.allow in site.yaml`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
