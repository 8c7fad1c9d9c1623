package privacy

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"letterpress/internal/diag"
)

// Doc is a document as Check reads it.
type Doc struct {
	Path string // as printed in messages
	Src  []byte // the whole file
	Body int    // the offset of the body in Src; the front matter is before it
	// Organisation is set for an organisation's file (English or Welsh).
	// Its url field is its own web site, and the postcodes in its address
	// field are a public body's postal address: both are published on
	// purpose and not reported, nor are those postcodes where the file
	// repeats them. The rest of the file is read like any other,
	// telephone numbers and email addresses in address lines too.
	Organisation bool
}

// Check warns about every contact detail in d (front matter and body) that
// allow does not list, at its position in the file. Under --strict the
// warnings fail the check, as every warning does.
func Check(d Doc, allow *Allow, errs *diag.List) {
	found := Scan(d.Src)
	if len(found) == 0 {
		return
	}
	var url [2]int
	var own map[string]bool // the postcodes of an organisation's address
	if d.Organisation {
		fm := d.Src[:min(max(d.Body, 0), len(d.Src))]
		url = fieldSpan(fm, "url")
		address := fieldSpan(fm, "address")
		for _, f := range found {
			if f.Kind == Postcode && within(f, address) {
				if own == nil {
					own = map[string]bool{}
				}
				own[Normal(f)] = true
			}
		}
	}
	// The findings are in order: count lines from one to the next (as
	// frontmatter.PosIn does from the top).
	line, lineStart, counted := 1, 0, 0
	for _, f := range found {
		if within(f, url) || f.Kind == Postcode && own[Normal(f)] || allow.Allowed(f) {
			continue
		}
		for {
			i := bytes.IndexByte(d.Src[counted:f.Start], '\n')
			if i < 0 {
				break
			}
			line++
			counted += i + 1
			lineStart = counted
		}
		counted = f.Start
		pos := diag.Pos{Path: d.Path, Line: line, Col: utf8.RuneCount(d.Src[lineStart:f.Start]) + 1}
		if f.Seen != f.Text {
			errs.Warnf(pos, "%s %q (read as %q) may be personal data: replace it with [redacted] (or [redacted: reason]), or, if the office publishes it on purpose, add it to privacy.allow in site.yaml", f.Kind, f.Text, f.Seen)
			continue
		}
		errs.Warnf(pos, "%s %q may be personal data: replace it with [redacted] (or [redacted: reason]), or, if the office publishes it on purpose, add it to privacy.allow in site.yaml", f.Kind, f.Text)
	}
}

func within(f Finding, span [2]int) bool {
	return span[0] < span[1] && f.Start >= span[0] && f.End <= span[1]
}

// fieldSpan returns the bytes of the top-level field key in the front
// matter fm, from its key to the next top-level key (a line that starts
// with a character other than a space, a tab, '-' of a list item or '#'),
// or to the closing "---". It is empty when the field is not there.
func fieldSpan(fm []byte, key string) [2]int {
	span := [2]int{-1, -1}
	for off := 0; off < len(fm); {
		line := fm[off:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		if span[0] >= 0 && topLevel(line) {
			span[1] = off
			return span
		}
		if span[0] < 0 && isKey(line, key) {
			span[0] = off
		}
		off += len(line)
	}
	if span[0] < 0 {
		return [2]int{}
	}
	span[1] = len(fm)
	return span
}

// topLevel reports whether line starts a new top-level entry of the front
// matter, or ends it.
func topLevel(line []byte) bool {
	t := bytes.TrimRight(line, " \t\r\n")
	if string(t) == "---" || string(t) == "..." {
		return true
	}
	if len(line) == 0 {
		return false
	}
	switch line[0] {
	case ' ', '\t', '\r', '\n', '-', '#':
		return false
	}
	return true
}

// isKey reports whether line starts with key (perhaps quoted) and a colon.
func isKey(line []byte, key string) bool {
	for _, q := range []string{"", `"`, "'"} {
		k := q + key + q
		if bytes.HasPrefix(line, []byte(k)) {
			rest := bytes.TrimLeft(line[len(k):], " \t")
			if len(rest) > 0 && rest[0] == ':' {
				return true
			}
		}
	}
	return false
}

// CheckFile warns about every contact detail that allow does not list in
// the text of a file published as it is (an attachment). pages holds the
// text of each page; unit says how a place in it is named: "page" (a
// PDF's: "page 2: email address ..."), "paragraph" (a Word file's lines,
// one a paragraph: "paragraph 27: ..."), or "" (a text file's line and
// column). by is the document that publishes the file, named in the
// advice.
func CheckFile(path, by string, pages []string, unit string, allow *Allow, errs *diag.List) {
	for n, page := range pages {
		src := []byte(page)
		for _, f := range Scan(src) {
			if allow.Allowed(f) {
				continue
			}
			pos := diag.Pos{Path: path}
			line := 1 + bytes.Count(src[:f.Start], []byte{'\n'})
			where := ""
			switch unit {
			case "page":
				where = "page " + strconv.Itoa(n+1) + ": "
			case "paragraph":
				where = "paragraph " + strconv.Itoa(line) + ": "
			default:
				pos.Line = line
				pos.Col = utf8.RuneCount(src[bytes.LastIndexByte(src[:f.Start], '\n')+1:f.Start]) + 1
			}
			read := ""
			if f.Seen != f.Text {
				read = " (read as " + strconv.Quote(f.Seen) + ")"
			}
			errs.Warnf(pos, "%s%s %s%s may be personal data: remove it from the file (published with %s), or, if the office publishes it on purpose, add it to privacy.allow in site.yaml", where, f.Kind, strconv.Quote(f.Text), read, by)
		}
	}
}
