package markdown

import (
	"bufio"
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"letterpress/internal/content"
	"letterpress/internal/diag"
)

// Target is where a cross-reference leads.
type Target struct {
	URL   string
	Title string
	// ID is the document's id, if the resolver gives it: a reference
	// keeps it rather than a copy of its own (on a large site the copies
	// were tens of megabytes that lived until the site was built).
	ID string
}

// Resolver finds the document a cross-reference names.
type Resolver interface {
	Resolve(kind content.Kind, id string) (Target, bool)
}

// Reference is one cross-reference link in a body.
type Reference struct {
	Kind     content.Kind
	ID       string
	Offset   int // byte offset of the link's "[" in the body
	Resolved bool
	Pos      diag.Pos // the offset as a file position, filled in by Locate
}

// LinkProblem says why a link was published as plain text.
type LinkProblem int

const (
	EmptyLink     LinkProblem = iota // [text]() or [text](#)
	DangerousLink                    // javascript:, vbscript:, file:, data: other than images
	UnknownPrefix                    // foo:bar where foo looks like a misspelt kind prefix
)

// BadLink is a link that was not published as a link.
type BadLink struct {
	Problem     LinkProblem
	Destination string
	Offset      int
	Pos         diag.Pos // filled in by Locate
}

// Result is a rendered body and what was found in it.
type Result struct {
	HTML          []byte // nil when a Spill keeps it: read it with Bytes
	Refs          []Reference
	BadLinks      []BadLink
	Footnotes     int // footnote definitions in the body
	FirstFootnote int // byte offset of the first definition, -1 if none
	// FirstFootnotePos is FirstFootnote as a file position (by Locate).
	FirstFootnotePos diag.Pos
	Summary          string // the first paragraph that is not a salutation, as text

	// Where HTML is when a Spill keeps it (see Bytes).
	spill *Spill
	off   int64
	n     int
	// redo makes the HTML again (see Redo).
	redo func() ([]byte, error)
	// buf is the reused buffer HTML is in, until Spill.Keep.
	buf *bytes.Buffer
}

// Markdown is the site's Markdown converter. It is safe for concurrent use.
type Markdown struct {
	md goldmark.Markdown
	// plain is md without GFM's autolinks, for bodies in which no
	// autolink can start (see mayAutolink): the autolink parser runs at
	// every space of the text, a large part of goldmark's time, and
	// finds nothing in almost every letter.
	plain goldmark.Markdown
}

// mayAutolink reports whether GFM's autolink extension could find a link
// in body: every link it makes starts with "http:", "https:", "ftp:" or
// "www.", or is an e-mail address, which holds an "@". Without any of
// these, the extension only splits text nodes that render the same.
func mayAutolink(body []byte) bool {
	return bytes.IndexByte(body, '@') >= 0 || bytes.Contains(body, []byte("www.")) ||
		bytes.Contains(body, []byte("http:")) || bytes.Contains(body, []byte("https:")) || bytes.Contains(body, []byte("ftp:"))
}

// backlinks is the content of a footnote's link back to where it is cited:
// an arrow for the eye, words for a screen reader, in the document's
// language ("^^" is the footnote's number).
var backlinks = map[string]string{
	"en": `<span aria-hidden="true">↩︎</span><span class="visually-hidden">Back to reference ^^</span>`,
	"cy": `<span aria-hidden="true">↩︎</span><span class="visually-hidden">Yn ôl i gyfeiriad ^^</span>`,
}

// New returns the converter for documents in lang ("en" or "cy").
func New(lang string) *Markdown {
	back, ok := backlinks[lang]
	if !ok {
		back = backlinks["en"]
	}
	conv := func(autolinks bool) goldmark.Markdown {
		exts := []goldmark.Extender{
			// GFM, with table columns aligned by class: goldmark's
			// style attributes would be blocked by the site's CSP.
			extension.Strikethrough, extension.TaskList,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.NewFootnote(extension.WithFootnoteBacklinkHTML(back)),
			extension.Typographer,
			redaction{lang: lang},
		}
		if autolinks {
			exts = append([]goldmark.Extender{extension.Linkify}, exts...)
		}
		return goldmark.New(
			goldmark.WithExtensions(exts...),
			goldmark.WithParserOptions(
				parser.WithAutoHeadingID(),
				parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100), util.Prioritized(alignTransformer{}, 101)),
			),
		)
	}
	return &Markdown{md: conv(true), plain: conv(false)}
}

type state struct {
	resolver Resolver
	result   *Result
}

var stateKey = parser.NewContextKey()

// Convert renders body, resolving cross-references through r. A body
// past the limits of CheckLimits is refused, before goldmark reads it,
// with a *TooComplex error.
func (m *Markdown) Convert(body []byte, r Resolver) (*Result, error) {
	if e := CheckLimits(body); e != nil {
		return nil, e
	}
	md := m.md
	if !mayAutolink(body) {
		md = m.plain
	}
	return convertWith(md, body, r)
}

func convertWith(md goldmark.Markdown, body []byte, r Resolver) (*Result, error) {
	res := newResult()
	res.FirstFootnote = -1
	ctx := parser.NewContext()
	ctx.Set(stateKey, &state{resolver: r, result: res})
	buf := bufs.Get().(*bytes.Buffer)
	buf.Reset()
	// goldmark wraps any writer that is not buffered in a new 4 KB
	// bufio.Writer for each document: give it a reused one.
	w := bufWriters.Get().(*bufio.Writer)
	defer bufWriters.Put(w)
	w.Reset(buf)
	err := md.Convert(body, w, parser.WithContext(ctx))
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		bufs.Put(buf)
		return nil, err
	}
	// The HTML stays in the reused buffer until Spill.Keep writes it
	// to its file or, for a nil Spill, copies it out.
	res.HTML, res.buf = buf.Bytes(), buf
	return res, nil
}

// bufs are the conversion buffers, reused across documents.
var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// bufWriters are the buffered writers goldmark renders through.
var bufWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4096) }}

// Locate turns the byte offsets recorded in r into positions in the file,
// given a function from a body offset to a position. Called while the
// source is still at hand, so the source need not be kept.
func (r *Result) Locate(pos func(bodyOffset int) diag.Pos) {
	for i := range r.Refs {
		r.Refs[i].Pos = pos(r.Refs[i].Offset)
	}
	for i := range r.BadLinks {
		r.BadLinks[i].Pos = pos(r.BadLinks[i].Offset)
	}
	if r.FirstFootnote >= 0 {
		r.FirstFootnotePos = pos(r.FirstFootnote)
	}
}

type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	src := reader.Source()
	res := st.result
	var unwrap []ast.Node
	var text *spaceCollapser // a paragraph's text, for the summary
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			// The page's title is its only h1; a body's "# Heading" is a
			// section of it.
			if n.Level == 1 {
				n.Level = 2
			}
		case *extast.FootnoteList:
			res.Footnotes += n.ChildCount()
			if fn := n.FirstChild(); fn != nil && res.FirstFootnote < 0 {
				res.FirstFootnote = fn.Pos()
			}
		case *ast.Paragraph:
			if res.Summary == "" && n.Parent() == doc {
				if text == nil {
					text = texts.Get().(*spaceCollapser)
				}
				text.reset()
				text.paragraph(n, src)
				if t := text.buf; !isSalutation(t) {
					text.out = appendSummary(text.out[:0], t)
					res.Summary = keepText(text.out)
				}
			}
		case *ast.Link:
			dest := string(n.Destination)
			off := n.Pos()
			prefix, id, hasColon := strings.Cut(dest, ":")
			if kind, ok := content.KindForPrefix(prefix); ok && hasColon {
				ref := Reference{Kind: kind, ID: id, Offset: off}
				if t, ok := st.resolver.Resolve(kind, id); ok {
					ref.Resolved = true
					if t.ID == id {
						ref.ID = t.ID
					}
					n.Destination = []byte(t.URL)
					if len(n.Title) == 0 {
						n.Title = []byte(t.Title)
					}
				} else {
					unwrap = append(unwrap, n)
				}
				res.Refs = append(res.Refs, ref)
				return ast.WalkContinue, nil
			}
			trimmed := strings.TrimSpace(dest)
			switch {
			case trimmed == "" || trimmed == "#":
				res.BadLinks = append(res.BadLinks, BadLink{Problem: EmptyLink, Destination: dest, Offset: off})
				unwrap = append(unwrap, n)
			case dangerous(trimmed):
				res.BadLinks = append(res.BadLinks, BadLink{Problem: DangerousLink, Destination: dest, Offset: off})
				unwrap = append(unwrap, n)
			case hasColon && looksLikePrefix(prefix):
				res.BadLinks = append(res.BadLinks, BadLink{Problem: UnknownPrefix, Destination: dest, Offset: off})
			}
		case *ast.Image:
			if dangerous(strings.TrimSpace(string(n.Destination))) && !isDataImage(string(n.Destination)) {
				res.BadLinks = append(res.BadLinks, BadLink{Problem: DangerousLink, Destination: string(n.Destination), Offset: n.Pos()})
				n.Destination = nil
			}
		case *ast.AutoLink:
			if dangerous(string(n.URL(src))) {
				res.BadLinks = append(res.BadLinks, BadLink{Problem: DangerousLink, Destination: string(n.URL(src)), Offset: n.Pos()})
			}
		}
		return ast.WalkContinue, nil
	})
	if text != nil {
		texts.Put(text)
	}
	if cap(res.Refs) > len(res.Refs) {
		// Kept until the site is built: without the room append left.
		res.Refs = slices.Clone(res.Refs)
	}
	// A link that cannot be published keeps its text, without an href that
	// would lead nowhere (or somewhere harmful).
	for _, n := range unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// dangerous mirrors goldmark's own check: such URLs would be published as
// href="" by its renderer.
func dangerous(u string) bool {
	l := strings.ToLower(u)
	for _, p := range []string{"javascript:", "vbscript:", "file:", "data:"} {
		if strings.HasPrefix(l, p) {
			return !isDataImage(l)
		}
	}
	// Encoded or obfuscated schemes: goldmark's renderer also refuses these.
	return html.IsDangerousURL([]byte(u))
}

func isDataImage(u string) bool {
	l := strings.ToLower(u)
	for _, p := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// looksLikePrefix is true for "reprot" or "letters": near-misses of a
// cross-reference prefix that would otherwise be published as a dead link.
func looksLikePrefix(p string) bool {
	switch strings.ToLower(p) {
	case "http", "https", "mailto", "tel", "ftp":
		return false
	}
	for _, k := range content.Kinds {
		if k.Prefix() == "" {
			continue
		}
		want := k.Prefix()
		if strings.EqualFold(p, want) || strings.EqualFold(p, want+"s") || strings.EqualFold(p, k.Dir()) || closeWord(strings.ToLower(p), want) {
			return true
		}
	}
	return false
}

func closeWord(a, b string) bool {
	if len(a) < 3 || abs(len(a)-len(b)) > 1 {
		return false
	}
	diff := 0
	for i := 0; i < min(len(a), len(b)); i++ {
		if a[i] != b[i] {
			diff++
		}
	}
	return diff+abs(len(a)-len(b)) <= 2 && a[0] == b[0]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// paragraph writes the text of a node, as a reader sees it.
func (b *spaceCollapser) paragraph(n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *extast.FootnoteLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.add(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.addByte(' ')
			}
		case *ast.String:
			b.add(c.Value)
		case *ast.CodeSpan:
			for g := c.FirstChild(); g != nil; g = g.NextSibling() {
				if t, ok := g.(*ast.Text); ok {
					b.add(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// texts are the buffers paragraphs' text is collected in: only the
// summary cut from one is kept (as its own string, so that a long first
// paragraph is not held whole by the 300 characters taken from it).
var texts = sync.Pool{New: func() any { return new(spaceCollapser) }}

// spaceCollapser writes text as strings.Join(strings.Fields(text), " ")
// would return it, without making the fields.
type spaceCollapser struct {
	buf   []byte
	space bool   // white space since the last character written
	out   []byte // the summary cut from buf
}

func (w *spaceCollapser) addByte(c byte) { w.add([]byte{c}) }

func (w *spaceCollapser) reset() { w.buf, w.space = w.buf[:0], false }

func (w *spaceCollapser) add(p []byte) {
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf && !asciiSpace[c] {
			// A run of ASCII characters, written at once.
			j := i + 1
			for j < len(p) && p[j] < utf8.RuneSelf && !asciiSpace[p[j]] {
				j++
			}
			if w.space && len(w.buf) > 0 {
				w.buf = append(w.buf, ' ')
			}
			w.space = false
			w.buf = append(w.buf, p[i:j]...)
			i = j
			continue
		}
		n := 1
		var isSpace bool
		if c < utf8.RuneSelf {
			isSpace = asciiSpace[c]
		} else {
			var r rune
			r, n = utf8.DecodeRune(p[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			w.space = true
		} else {
			if w.space && len(w.buf) > 0 {
				w.buf = append(w.buf, ' ')
			}
			w.space = false
			w.buf = append(w.buf, p[i:i+n]...)
		}
		i += n
	}
}

// asciiSpace is strings.Fields's set of ASCII white space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// isSalutation recognises a letter's opening ("Dear Alun," or "Annwyl
// Gomisiynydd,"), which makes a poor summary.
func isSalutation(t []byte) bool {
	if len(t) == 0 {
		return true
	}
	return (hasLowerPrefix(t, "dear ") || hasLowerPrefix(t, "annwyl ")) && utf8.RuneCount(t) < 80
}

// hasLowerPrefix reports whether strings.ToLower(string(t)) starts with
// the ASCII prefix p, without lowering (or copying) the whole of t:
// ToLower maps each character on its own, and an invalid byte becomes
// U+FFFD, which no ASCII prefix holds.
func hasLowerPrefix(t []byte, p string) bool {
	for i := 0; i < len(p); i++ {
		r, n := utf8.DecodeRune(t)
		if n == 0 || unicode.ToLower(r) != rune(p[i]) {
			return false
		}
		t = t[n:]
	}
	return true
}

const summaryRunes = 300

// appendSummary appends text shortened to a sentence boundary or a word
// boundary to dst.
func appendSummary(dst, t []byte) []byte {
	if utf8.RuneCount(t) <= summaryRunes {
		return append(dst, t...)
	}
	var s []byte
	if utf8.Valid(t) {
		// The first summaryRunes characters, without converting the
		// whole paragraph to runes.
		end := 0
		for range summaryRunes {
			_, n := utf8.DecodeRune(t[end:])
			end += n
		}
		s = t[:end]
	} else {
		s = []byte(string([]rune(string(t))[:summaryRunes]))
	}
	if i := bytes.LastIndex(s, []byte(". ")); i > summaryRunes/2 {
		return append(dst, s[:i+1]...)
	}
	if i := bytes.LastIndexFunc(s, unicode.IsSpace); i > 0 {
		s = s[:i]
	}
	return append(append(dst, bytes.TrimRight(s, ",;:")...), "…"...)
}

// alignTransformer gives aligned table cells (|---:|) a class, align-left,
// align-center or align-right, that the stylesheet aligns.
type alignTransformer struct{}

func (alignTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*extast.TableCell); ok && entering && c.Alignment != extast.AlignNone {
			c.SetAttributeString("class", []byte("align-"+c.Alignment.String()))
		}
		return ast.WalkContinue, nil
	})
}
