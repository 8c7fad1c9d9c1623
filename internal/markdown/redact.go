package markdown

import (
	"html"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"letterpress/internal/privacy"
)

// KindRedaction is the node kind of a redaction mark.
var KindRedaction = gast.NewNodeKind("Redaction")

// Redaction is a redaction mark, [redacted] or [redacted: reason] (the
// syntax is package privacy's, whose check reads the reason). It has one
// child, the text a reader of the plain text sees ("[redacted: reason]"),
// so summaries and other text extraction keep it.
type Redaction struct {
	gast.BaseInline
	Reason string
}

// Kind implements ast.Node.
func (*Redaction) Kind() gast.NodeKind { return KindRedaction }

// Dump implements ast.Node.
func (n *Redaction) Dump(source []byte, level int) {
	gast.DumpHelper(n, source, level, map[string]string{"Reason": n.Reason}, nil)
}

type redactionParser struct{}

func (redactionParser) Trigger() []byte { return []byte{'['} }

func (redactionParser) Parse(_ gast.Node, block text.Reader, _ parser.Context) gast.Node {
	line, _ := block.PeekLine()
	n, reason, ok := privacy.MatchRedaction(line)
	if !ok {
		return nil
	}
	block.Advance(n)
	r := &Redaction{Reason: reason}
	label := "[redacted]"
	if reason != "" {
		label = "[redacted: " + reason + "]"
	}
	r.AppendChild(r, gast.NewString([]byte(label)))
	return r
}

// redactionWords is what a screen reader says, by document language.
var redactionWords = map[string]string{"en": "redacted", "cy": "wedi’i olygu"}

// redactionRenderer draws the mark as a dark bar, hidden from screen
// readers, with visually hidden text that says what it is, so that it is
// both seen and heard, and copies as "[redacted: reason]".
type redactionRenderer struct{ word string }

func (r redactionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRedaction, r.render)
}

func (r redactionRenderer) render(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	if !entering {
		return gast.WalkSkipChildren, nil
	}
	n := node.(*Redaction)
	_, _ = w.WriteString(`<span class="redacted"><span class="visually-hidden">[`)
	_, _ = w.WriteString(r.word)
	if n.Reason != "" {
		_, _ = w.WriteString(": ")
		_, _ = w.WriteString(html.EscapeString(n.Reason))
	}
	_, _ = w.WriteString(`]</span></span>`)
	return gast.WalkSkipChildren, nil
}

// redaction is the goldmark extension for redaction marks in lang.
type redaction struct{ lang string }

func (e redaction) Extend(m goldmark.Markdown) {
	word, ok := redactionWords[e.lang]
	if !ok {
		word = redactionWords["en"]
	}
	// Before links (200) and after footnote references (101), which also
	// start with "[".
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(redactionParser{}, 150)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(redactionRenderer{word: word}, 500)))
}
