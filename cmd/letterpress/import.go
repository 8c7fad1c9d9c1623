package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"letterpress/internal/build"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/extract"
	"letterpress/internal/frontmatter"
)

const importUsage = `usage: letterpress import LETTER.docx|LETTER.odt [--to ORG[,ORG...]] [--date YYYY-MM-DD] [--title TITLE] [--topics ID,...] [--slug SLUG] [--site DIR]
       letterpress import REPLY.pdf --reply-to LETTER_ID [--from ORG] [--date YYYY-MM-DD] [--title TITLE] [--slug SLUG] [--site DIR]

Writes a draft letter from a Word or OpenDocument file (converted to
Markdown by pandoc), or a draft reply from a PDF (its text read by
pdftotext, the PDF kept as its attachment under static/files/), then
prints what check finds in the new files, personal data first of all.
It never overwrites a file and writes only under content/ and static/.
`

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, importUsage)
		fs.PrintDefaults()
	}
	n := &newDoc{fs: fs, stdout: stdout, stderr: stderr}
	n.sf = addSiteFlags(fs)
	n.date = &dateFlag{}
	to := fs.String("to", "", "a letter's recipients: organisation `ids`, separated by commas (default: the organisations named in its address block)")
	title := fs.String("title", "", "the `title` (default: the letter's subject line; for a reply, \"Response from\" and the organisation's name)")
	topics := fs.String("topics", "", "a letter's topic `ids` from site.yaml, separated by commas")
	slug := fs.String("slug", "", "the part of the id after the date")
	replyTo := fs.String("reply-to", "", "for a PDF reply: the `id` of the letter it answers")
	from := fs.String("from", "", "for a PDF reply: the organisation `id` that replied (default: the letter's recipient, when there is one)")
	n.dateFlagVar("the date (default: the date line of the document, else today),")
	flags, files := splitImportArgs(args)
	if len(files) != 1 {
		if len(files) == 0 && !slices.ContainsFunc(flags, isHelp) {
			fmt.Fprint(stderr, importUsage)
			return usageError{"say which file to import: a letter (.docx or .odt), or a PDF reply with --reply-to"}
		}
		if len(files) > 1 {
			return usageError{fmt.Sprintf("import one file at a time, not %d (%s)", len(files), strings.Join(files, ", "))}
		}
	}
	if err := n.load(flags); err != nil {
		return err
	}
	if _, err := datedID(time.Time{}, "", *slug); err != nil {
		return err
	}
	file := files[0]
	ext := strings.ToLower(filepath.Ext(file))
	if ext != ".pdf" && ext != ".docx" && ext != ".odt" {
		return usageError{fmt.Sprintf("%s: import reads letters from Word (.docx) or OpenDocument (.odt) files and replies from PDFs (with --reply-to); save it in one of those forms", file)}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("%s: %v", file, errors.Unwrap(err))
	}
	if ext == ".pdf" {
		if *replyTo == "" {
			return usageError{fmt.Sprintf("%s: a PDF is imported as a reply: say which letter it answers with --reply-to LETTER_ID", file)}
		}
		if *to != "" || *topics != "" {
			return usageError{"--to and --topics are for letters; a reply's sender is --from"}
		}
		return n.importReply(ctx, file, data, *replyTo, *from, *title, *slug)
	}
	if *replyTo != "" || *from != "" {
		return usageError{fmt.Sprintf("%s: --reply-to and --from import a reply, which must be a PDF; a Word or OpenDocument file is imported as a letter", file)}
	}
	return n.importLetter(ctx, file, *to, *title, *topics, *slug)
}

func isHelp(s string) bool {
	return s == "-h" || s == "-help" || s == "--help"
}

// splitImportArgs tells the file to import from the flags, wherever it
// is on the command line: every flag of import but -h takes a value.
func splitImportArgs(args []string) (flags, files []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(files, args[i+1:]...)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			if !strings.Contains(a, "=") && !isHelp(a) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			files = append(files, a)
		}
	}
	return flags, files
}

// ---------------------------------------------------------------------------
// Letters from Word.

// pandocHelp says how to install pandoc.
const pandocHelp = "install pandoc (Debian/Ubuntu: sudo apt-get install pandoc; macOS: brew install pandoc; Windows: winget install JohnMacFarlane.Pandoc, or choco install pandoc)"

func (n *newDoc) importLetter(ctx context.Context, file, to, title, topics, slug string) error {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		return fmt.Errorf("%s: converting a Word or OpenDocument letter needs pandoc, which is not installed: %s", file, pandocHelp)
	}
	md, err := convertWithPandoc(ctx, pandoc, file)
	if err != nil {
		return err
	}
	l := readLetter(md)
	for _, note := range l.notes {
		fmt.Fprintf(n.stderr, "note: %s: %s\n", file, note)
	}
	if !isSet(n.fs, "date") && !l.date.IsZero() {
		n.date.t = l.date
	}
	orgs := splitIDs(to)
	if len(orgs) == 0 {
		if orgs, err = n.addressees(file, l.address); err != nil {
			return err
		}
	}
	if title == "" {
		title = l.subject
	}
	id, fm, err := n.letterFront(orgs, title, topics, slug)
	if err != nil {
		return err
	}
	fm.draft()
	created, err := n.create(content.Letter, yearDir(n.date.t), id, fm.text("\n"+l.body))
	if err != nil {
		return err
	}
	n.checkNew(created)
	return nil
}

// convertWithPandoc converts a Word or OpenDocument file to GitHub
// Markdown with footnotes, its lines unwrapped.
func convertWithPandoc(ctx context.Context, pandoc, file string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	from := "docx"
	if strings.EqualFold(filepath.Ext(file), ".odt") {
		from = "odt"
	}
	cmd := exec.CommandContext(ctx, pandoc, "--from", from, "--to", "gfm+footnotes-raw_html", "--wrap=none", "--", file)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		msg, _, _ = strings.Cut(msg, "\n")
		return "", fmt.Errorf("%s: pandoc cannot convert it (%s): open it in Word or LibreOffice and save it again as .docx", file, msg)
	}
	return strings.ToValidUTF8(strings.ReplaceAll(out.String(), "\r\n", "\n"), "\uFFFD"), nil
}

// letterParts is what readLetter makes of a letter in Markdown.
type letterParts struct {
	date    time.Time
	subject string
	address []string // the lines of the letter's heading: letterhead, addresses
	body    string
	notes   []string // what was left out, for the person importing
}

// Closing lines ("Yours sincerely,"): the signature block follows.
var closingLine = regexp.MustCompile(`(?i)^(yours\s+(sincerely|faithfully|truly|ever)|(with\s+)?(kind|best|warm)\s+(regards|wishes)|regards|yr\s+eiddoch(\s+yn\s+gywir)?|yn\s+gywir|cofion(\s+gorau)?)\b[,.!]?\s*$`)

// A salutation ("Dear Chief Constable,") starts the body.
var salutation = regexp.MustCompile(`(?i)^(dear|annwyl|to\s+whom\s+it\s+may\s+concern)\b`)

// A subject line.
var subjectLine = regexp.MustCompile(`(?i)^(re|subject|ynghylch|pwnc)\s*:\s*(.+)$`)

// images are Markdown images: a Word file's pictures (letterheads,
// signatures) stay in the file pandoc read.
var images = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?`)

// readLetter finds the parts of a letter converted to Markdown (see
// docs/commands.md, "letterpress import"):
//
//   - the heading is everything before the salutation ("Dear ..."):
//     letterhead, addresses, references and the date line. Without a
//     salutation, it runs to the date line if one is among the first
//     blocks, else there is none. It is not body text: the date line
//     gives the date, its lines are matched to organisations, and a
//     subject line ("Re: ..." or "Subject: ...") gives the title;
//   - a subject line right after the salutation (or a line all in bold,
//     or a heading, there) is the title, and leaves the body;
//   - the body runs from the salutation to the last closing line
//     ("Yours sincerely,") included; what follows it (the signature
//     block: name, role, contact details) is dropped, but not the
//     footnotes, which pandoc writes at the end.
func readLetter(md string) letterParts {
	var l letterParts
	if images.MatchString(md) {
		l.notes = append(l.notes, fmt.Sprintf("left out %d pictures (a letterhead or a signature, most often): put any the letter needs under static/ and link them by hand", len(images.FindAllString(md, -1))))
		md = images.ReplaceAllString(md, "")
	}
	blocks := splitBlocks(md)
	// The footnotes, at the end.
	end := len(blocks)
	for end > 0 && (strings.HasPrefix(blocks[end-1], "[^") || strings.HasPrefix(blocks[end-1], "    ")) {
		end--
	}
	for end < len(blocks) && !strings.HasPrefix(blocks[end], "[^") {
		end++ // an indented block that follows no note is the body's
	}
	notes := blocks[end:]
	blocks = blocks[:end]

	const headingMax = 15 // blocks a heading may have
	start := -1
	for i, b := range blocks[:min(len(blocks), headingMax)] {
		if salutation.MatchString(plain(firstOf(b))) {
			start = i
			break
		}
	}
	if start < 0 {
		start = 0
		for i, b := range blocks[:min(len(blocks), headingMax)] {
			if _, ok := dateLine(plain(b)); ok {
				start = i + 1
				break
			}
		}
	}
	for _, b := range blocks[:start] {
		for _, line := range lines(b) {
			p := plain(line)
			if p == "" {
				continue
			}
			if t, ok := dateLine(p); ok && l.date.IsZero() {
				l.date = t
				continue
			}
			if m := subjectLine.FindStringSubmatch(p); m != nil && l.subject == "" {
				l.subject = strings.TrimSpace(m[2])
				continue
			}
			l.address = append(l.address, p)
		}
	}
	if start > 0 {
		l.notes = append(l.notes, fmt.Sprintf("the heading before %q (letterhead, addresses, date) is not part of the body", short(plain(firstOf(blocks[min(start, len(blocks)-1)])))))
	}
	body := blocks[start:]
	// A subject line after the salutation.
	if len(body) > 1 && salutation.MatchString(plain(firstOf(body[0]))) && !strings.Contains(body[1], "\n") {
		b := body[1]
		p := plain(b)
		m := subjectLine.FindStringSubmatch(p)
		switch {
		case m != nil:
			if l.subject == "" {
				l.subject = strings.TrimSpace(m[2])
			}
			body = slices.Delete(slices.Clone(body), 1, 2)
		case strings.HasPrefix(b, "#") || (strings.HasPrefix(b, "**") && strings.HasSuffix(b, "**") && !strings.Contains(b[2:len(b)-2], "**")):
			if l.subject == "" {
				l.subject = p
			}
			body = slices.Delete(slices.Clone(body), 1, 2)
		}
	}
	// The signature block.
	for i := len(body) - 1; i >= 0; i-- {
		if closingLine.MatchString(plain(firstOf(body[i]))) {
			if i < len(body)-1 || strings.Contains(body[i], "\n") {
				l.notes = append(l.notes, "the signature block after \""+plain(firstOf(body[i]))+"\" is not part of the body")
			}
			body = append(slices.Clone(body[:i]), strings.TrimRight(firstOf(body[i]), " \\"))
			break
		}
	}
	l.body = strings.Join(append(body, notes...), "\n\n") + "\n"
	return l
}

// splitBlocks splits Markdown at blank lines, normalising pandoc's list
// markers ("1.  item", "-   item") to one space, as different versions
// of pandoc write them differently.
func splitBlocks(md string) []string {
	var out []string
	for b := range strings.SplitSeq(strings.TrimSpace(md), "\n\n") {
		if b = strings.Trim(b, "\n"); strings.TrimSpace(b) == "" {
			continue
		}
		out = append(out, listMarker.ReplaceAllString(b, "$1$2 "))
	}
	return out
}

var listMarker = regexp.MustCompile(`(?m)^( *)([-*+]|[0-9]+[.)]) {2,}`)

func lines(b string) []string { return strings.Split(b, "\n") }

func firstOf(b string) string { return lines(b)[0] }

// plain is a line of Markdown as text: without emphasis, heading marks,
// hard line breaks and backslash escapes.
func plain(s string) string {
	s = strings.TrimRight(s, " \\")
	s = strings.TrimLeft(s, "# >")
	s = strings.NewReplacer("**", "", "__", "", "\\", "").Replace(s)
	s = strings.Trim(s, "*_ ")
	return strings.Join(strings.Fields(s), " ")
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

var months = map[string]time.Month{}

func init() {
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		months[name] = m
		months[name[:3]] = m
	}
	months["sept"] = time.September
}

var (
	dayMonthYear = regexp.MustCompile(`^(?i)(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$`)
	monthDayYear = regexp.MustCompile(`^(?i)(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	isoDate      = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	ukDate       = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$`)
)

// dateLine reads a line that is a date and nothing else ("13 October
// 2020", "Tuesday 13th October 2020", "October 13, 2020", "2020-10-13",
// "13/10/2020" day first, as in the UK), perhaps after "Date:".
func dateLine(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ':'); i > 0 && strings.EqualFold(strings.TrimSpace(s[:i]), "date") {
		s = strings.TrimSpace(s[i+1:])
	}
	var y, m, d int
	var month time.Month
	switch {
	case dayMonthYear.MatchString(s):
		p := dayMonthYear.FindStringSubmatch(s)
		month = months[strings.ToLower(p[2])]
		fmt.Sscan(p[1], &d)
		fmt.Sscan(p[3], &y)
	case monthDayYear.MatchString(s):
		p := monthDayYear.FindStringSubmatch(s)
		month = months[strings.ToLower(p[1])]
		fmt.Sscan(p[2], &d)
		fmt.Sscan(p[3], &y)
	case isoDate.MatchString(s):
		p := isoDate.FindStringSubmatch(s)
		fmt.Sscan(p[1], &y)
		fmt.Sscan(p[2], &m)
		fmt.Sscan(p[3], &d)
		month = time.Month(m)
	case ukDate.MatchString(s):
		p := ukDate.FindStringSubmatch(s)
		fmt.Sscan(p[1], &d)
		fmt.Sscan(p[2], &m)
		fmt.Sscan(p[3], &y)
		month = time.Month(m)
	default:
		return time.Time{}, false
	}
	if month < time.January || month > time.December {
		return time.Time{}, false
	}
	t := time.Date(y, month, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != month || t.Before(frontmatter.FirstDate) || t.After(frontmatter.LastDate) {
		return time.Time{}, false // 31 June, or a year no document may have
	}
	return t, true
}

// addressees matches the lines of a letter's heading to organisations by
// name: a line that is an organisation's name (ignoring case,
// punctuation and a leading "The") names it. The site's owner, whose
// name the letterhead carries, is not a recipient. With none found, the
// error suggests the nearest names, and never guesses.
func (n *newDoc) addressees(file string, address []string) ([]string, error) {
	byName := map[string]string{}
	var names []string
	for _, id := range n.site.IDs(content.Organisation) {
		if id == n.cfg.Owner {
			continue
		}
		o := n.site.Get(content.Organisation, id)
		k := nameKey(o.Label())
		if k == "" {
			continue
		}
		if _, dup := byName[k]; !dup {
			names = append(names, k)
		}
		byName[k] = id
	}
	var orgs []string
	var unmatched []string
	for _, line := range address {
		if id, ok := byName[nameKey(line)]; ok {
			if !contains(orgs, id) {
				orgs = append(orgs, id)
			}
		} else {
			unmatched = append(unmatched, line)
		}
	}
	if len(orgs) > 0 {
		// A line close to another organisation's name is said, not taken.
		for _, line := range unmatched {
			if s := diag.Suggest(nameKey(line), names); s != "" && !contains(orgs, byName[s]) {
				o := n.site.Get(content.Organisation, byName[s])
				fmt.Fprintf(n.stderr, "note: %s: %q is close to %q (%s) but is not its name, so it is not a recipient: if it is one, give every recipient with --to\n", file, line, o.Label(), o.ID)
			}
		}
		return orgs, nil
	}
	var hints []string
	for _, line := range address {
		if s := diag.Suggest(nameKey(line), names); s != "" {
			o := n.site.Get(content.Organisation, byName[s])
			h := fmt.Sprintf("%q is not an organisation's name; did you mean %q (--to %s)?", line, o.Label(), o.ID)
			if !contains(hints, h) {
				hints = append(hints, h)
			}
		}
	}
	msg := fmt.Sprintf("%s: no organisation's name is a line of the letter's heading", file)
	if len(address) == 0 {
		msg = fmt.Sprintf("%s: the letter has no heading with the recipients' address before its salutation", file)
	}
	if len(hints) > 0 {
		msg += ": " + strings.Join(hints, "; ")
	}
	return nil, usageError{msg + "; say who it goes to with --to ORG[,ORG] (organisation ids), or add the organisation with letterpress new org"}
}

// nameKey is a name as addresses are matched: lower case, letters and
// digits, "and" for "&", without a leading "the".
func nameKey(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", " and ")
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(f) > 0 && f[0] == "the" {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

// ---------------------------------------------------------------------------
// Replies from PDF.

func (n *newDoc) importReply(ctx context.Context, file string, data []byte, replyTo, from, title, slug string) error {
	letter, err := n.replyTo(replyTo)
	if err != nil {
		return err
	}
	text, err := extract.New().Read(ctx, file, data)
	switch {
	case errors.Is(err, extract.ErrMissing):
		return fmt.Errorf("%s: reading a PDF reply needs pdftotext, which is not installed: %s", file, extract.InstallHelp)
	case err != nil:
		return fmt.Errorf("%s: %v", file, err)
	}
	if !isSet(n.fs, "date") && len(text.Pages) > 0 {
		// The reply's date line, if its first page has one after the letter's date.
		for line := range strings.SplitSeq(text.Pages[0], "\n") {
			if t, ok := dateLine(line); ok && !t.Before(letter.Date) {
				n.date.t = t
				break
			}
		}
	}
	id, fm, err := n.responseFront(letter, from, title, slug)
	if err != nil {
		return err
	}
	attachment := path.Join("files", "responses", yearDir(n.date.t), id+".pdf")
	fm.attachment("The reply as received (PDF)", attachment)
	fm.draft()
	body := ""
	if !text.Empty() {
		body = "\n" + textToMarkdown(text.Pages)
	}
	if n.site.Get(content.Response, id) == nil {
		if err := writeNewFile(*n.sf.dir, content.StaticDir, attachment, data); err != nil {
			at := filepath.Join(*n.sf.dir, content.StaticDir, filepath.FromSlash(attachment))
			if errors.Is(err, os.ErrExist) {
				return fmt.Errorf("%s already exists: not overwritten; give another --slug", at)
			}
			if strings.Contains(err.Error(), "path escapes from parent") {
				return fmt.Errorf("cannot write %s: a symbolic link on its way leads out of the site, and import writes only inside its content/ and static/ folders: replace the link with a folder", at)
			}
			return fmt.Errorf("cannot write %s: %v", at, err)
		}
	}
	created, err := n.create(content.Response, yearDir(n.date.t), id, fm.text(body))
	if err != nil {
		if n.site.Get(content.Response, id) == nil {
			// The PDF was written for it: take it back.
			os.Remove(filepath.Join(*n.sf.dir, content.StaticDir, filepath.FromSlash(attachment)))
		}
		return err
	}
	fmt.Fprintln(n.stdout, filepath.Join(*n.sf.dir, content.StaticDir, filepath.FromSlash(attachment)))
	if text.Empty() {
		fmt.Fprintf(n.stderr, "%s has no text layer (it is a scan): it is attached as it is, and the reply's body is empty. Type its text below the front matter, or make it readable with OCR (such as ocrmypdf %s reply-ocr.pdf) and import that instead; check cannot look for personal data in it.\n", file, file)
	} else {
		fmt.Fprintln(n.stderr, "The body is the PDF's text: check it against the PDF, and put [redacted] in place of personal contact details, in the body and in the PDF.")
	}
	n.checkNew(created, content.StaticDir+"/"+attachment)
	return nil
}

// textToMarkdown makes Markdown of the text of a PDF's pages: a line
// shorter than most of the page's lines (under seven tenths of the
// longest) ends its paragraph (it is the last line of one, or a line of
// an address); a longer one was wrapped, and runs on. A salutation and a
// closing line start paragraphs of their own. Characters Markdown would
// read as markup are escaped.
func textToMarkdown(pages []string) string {
	var paras []string
	for _, page := range pages {
		var ls []string
		width := 0
		for line := range strings.SplitSeq(page, "\n") {
			line = strings.TrimRightFunc(line, unicode.IsSpace)
			ls = append(ls, line)
			width = max(width, len([]rune(strings.TrimSpace(line))))
		}
		var cur []string
		flush := func() {
			if len(cur) > 0 {
				paras = append(paras, strings.Join(cur, "\n"))
				cur = nil
			}
		}
		for _, line := range ls {
			t := strings.TrimSpace(line)
			if t == "" {
				flush()
				continue
			}
			if salutation.MatchString(t) || closingLine.MatchString(t) {
				flush() // "Dear ..." and "Yours sincerely," stand alone
			}
			cur = append(cur, escapeMarkdown(t))
			if len([]rune(t)) < width*7/10 {
				flush()
			}
		}
		flush()
	}
	return strings.Join(paras, "\n\n") + "\n"
}

// escapeMarkdown escapes what Markdown would read as markup in a line of
// plain text.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!':
			b.WriteByte('\\')
		case '#', '+', '-', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	out := b.String()
	// "1. " or "1) " at the start would start a list.
	if m := orderedStart.FindStringSubmatchIndex(out); m != nil {
		out = out[:m[2]] + "\\" + out[m[2]:]
	}
	return out
}

var orderedStart = regexp.MustCompile(`^[0-9]{1,9}([.)])(\s|$)`)

// checkNew loads the site with the new files and prints the problems
// check finds in them: the personal data in a reply and its PDF, most
// often. They are warnings; the files are written either way.
func (n *newDoc) checkNew(paths ...string) {
	fsys, _, err := n.sf.open(true)
	if err != nil {
		return
	}
	_, errs := build.Load(fsys, build.Options{Now: n.today, Drafts: true})
	mine := &diag.List{}
	for _, e := range errs.Items() {
		if contains(paths, e.Path) {
			mine.Add(e)
		}
	}
	if mine.Len() == 0 {
		fmt.Fprintln(n.stderr, "check: no problems in the new files.")
		return
	}
	fmt.Fprintf(n.stderr, "check found in the new files (%s):\n", mine.Summary())
	mine.Print(n.stderr)
}
