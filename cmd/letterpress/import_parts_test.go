package main

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
)

func TestDateLine(t *testing.T) {
	for line, want := range map[string]string{
		"13 October 2020":           "2020-10-13",
		"13th October 2020":         "2020-10-13",
		"Tuesday 13th October 2020": "2020-10-13",
		"Tuesday, 1 Sept. 2020":     "2020-09-01",
		"October 13, 2020":          "2020-10-13",
		"Date: 2 Nov 2021":          "2021-11-02",
		"2020-10-13":                "2020-10-13",
		"13/10/2020":                "2020-10-13",
		"31 June 2020":              "",
		"13 Octember 2020":          "",
		"13/13/2020":                "",
		"In October 2020 we wrote":  "",
		"1 January 1066":            "",
	} {
		got, ok := dateLine(line)
		if want == "" {
			if ok {
				t.Errorf("%q read as the date %s", line, got.Format(time.DateOnly))
			}
			continue
		}
		if !ok || got.Format(time.DateOnly) != want {
			t.Errorf("%q: got %s (%v), want %s", line, got.Format(time.DateOnly), ok, want)
		}
	}
}

func TestReadLetterParts(t *testing.T) {
	// No salutation: the heading runs to the date line; a subject line in
	// it is the title; no closing line, so nothing is cut at the end.
	l := readLetter("![](media/logo.png)\n\nThe Office\n\nHome Office  \n2 Marsham Street\n\nRe: Funding\n\n1 March 2021\n\nWe write about funding.\n\n1.  First\n2.  Second\n")
	if l.date.Format(time.DateOnly) != "2021-03-01" || l.subject != "Funding" {
		t.Errorf("date %s, subject %q", l.date.Format(time.DateOnly), l.subject)
	}
	if strings.Join(l.address, "|") != "The Office|Home Office|2 Marsham Street" {
		t.Errorf("address %q", l.address)
	}
	if l.body != "We write about funding.\n\n1. First\n2. Second\n" {
		t.Errorf("body %q", l.body)
	}
	if len(l.notes) != 2 || !strings.Contains(l.notes[0], "left out 1 pictures") {
		t.Errorf("notes %q", l.notes)
	}

	// A bold subject after the salutation; the signature block after the
	// last closing line goes, the footnotes stay.
	l = readLetter("Dear Minister,\n\n**Victim care**\n\nText.[^1]\n\nKind regards,\n\nA. Person  \nDirector  \n07700 900123\n\n[^1]: A note.\n\n    Its second paragraph.\n")
	if l.subject != "Victim care" || l.body != "Dear Minister,\n\nText.[^1]\n\nKind regards,\n\n[^1]: A note.\n\n    Its second paragraph.\n" {
		t.Errorf("subject %q, body %q", l.subject, l.body)
	}

	// Nothing to take: the body is the whole text.
	l = readLetter("Just a paragraph.\n\nAnother.\n")
	if l.body != "Just a paragraph.\n\nAnother.\n" || l.subject != "" || !l.date.IsZero() || len(l.notes) != 0 {
		t.Errorf("%+v", l)
	}
}

// TestTextToMarkdown: a PDF's text comes out of Markdown as it went in:
// nothing in it is read as markup.
func TestTextToMarkdown(t *testing.T) {
	lines := []string{
		"1. Not a list item",
		"# Not a heading",
		"- Not a bullet",
		"*stars* and _underscores_ and `ticks`",
		"<b>not a tag</b> &amp; not an entity",
		"[not a link](https://example.org) | not a table",
		"> not a quote ~~not struck~~ ![not an image](x.png)",
		"a back\\slash",
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l + "\n\n")
	}
	md := textToMarkdown([]string{b.String()})
	var out bytes.Buffer
	if err := goldmark.Convert([]byte(md), &out); err != nil {
		t.Fatal(err)
	}
	text := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(out.String(), ""))
	if got := strings.Split(strings.TrimSpace(text), "\n"); strings.Join(got, "\n") != strings.Join(lines, "\n") {
		t.Errorf("the text changed:\n%s\nMarkdown:\n%s", strings.Join(got, "\n"), md)
	}
}

// TestTextToMarkdownParagraphs: wrapped lines run on, short lines end a
// paragraph, and a salutation and closing line stand alone.
func TestTextToMarkdownParagraphs(t *testing.T) {
	page := "Police HQ\n20 November 2020\nDear Commissioner,\nThank you for your letter about the care of victims of modern\nslavery in our area, which we have read.\nWe reply in full below and hope that it helps with the review.\nYours sincerely,\nChief Constable\n"
	want := "Police HQ\n\n20 November 2020\n\nDear Commissioner,\n\nThank you for your letter about the care of victims of modern\nslavery in our area, which we have read.\n\nWe reply in full below and hope that it helps with the review.\n\nYours sincerely,\n\nChief Constable\n"
	if got := textToMarkdown([]string{page}); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
