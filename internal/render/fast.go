package render

// The compiled renderer: hand-written Go that appends exactly the bytes
// the default layouts produce, for the templates that most pages run
// (base.html and the letter, reply and report pages with their partials,
// and the list entry, partials/card.html). html/template pays for each
// action in reflective calls and escapers; this costs the view methods it
// calls and the bytes it writes.
//
// The layouts stay the source of truth. A compiled template is used only
// when every layout file it stands for (and every file those include) is
// the embedded default byte for byte and no other file redefines one of
// their templates; otherwise that page type, or the list entry, is
// executed by html/template as before (decided once, in New). The code
// calls the same view methods as the templates (Doc.Title, Page.T, ...),
// so only markup and escaping are written twice; TestCompiledRenderer
// (internal/build/compiled_test.go) builds several sites both ways and
// compares every byte.
//
// Escaping follows html/template's contextual escapers exactly (see
// $GOROOT/src/html/template: html.go, url.go): text and quoted attribute
// values go through htmlEscaper/attrEscaper (the same table for strings),
// URL-valued attributes (href) through urlFilter, urlNormalizer and
// attrEscaper. template.HTML values (bodies, cached partials) are only
// ever written in text context, where they are written as they are.

import (
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"letterpress/internal/content"
	"letterpress/internal/graph"
)

// htmlEsc is html/template's htmlReplacementTable (html.go): the bytes
// escaped in text and in quoted attribute values. htmlReplacer works by
// rune, but only runes below len(htmlEsc) are replaced, and in UTF-8 such
// a byte is always a rune of its own (an invalid byte decodes to U+FFFD,
// which is left alone): working by byte gives the same output.
var htmlEsc = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// appendEsc appends s as html/template's htmlEscaper (text, <title>) and
// attrEscaper (quoted attribute values other than URLs) write a string.
func appendEsc(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; escapes[c] {
			b = append(b, s[last:i]...)
			b = append(b, htmlEsc[c]...)
			last = i + 1
		}
	}
	return append(b, s[last:]...)
}

// escapes marks the bytes htmlEsc replaces: a byte table, not the
// strings', is what the loop over every title and summary looks at.
var escapes = func() (t [256]bool) {
	for c, e := range htmlEsc {
		t[c] = e != ""
	}
	return t
}()

// urlKeep marks the bytes urlNormalizer leaves as they are (url.go,
// processURLOnto with norm): RFC 3986's unreserved characters and the
// reserved ones that structure a URL; '%' is kept only before two hex
// digits.
var urlKeep = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "!#$&*+,/:;=?@[]-._~" {
		t[c] = true
	}
	return t
}()

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// appendURL appends s as html/template writes a value that is the whole of
// a URL-valued attribute (href="{{.}}"): urlFilter (a scheme other than
// http, https or mailto becomes #ZgotmplZ), then urlNormalizer
// (percent-encoding what a URL may not hold), then attrEscaper (of which
// only '&' and '+' survive normalizing).
func appendURL(b []byte, s string) []byte {
	if !safeURL(s) {
		return append(b, "#ZgotmplZ"...)
	}
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '&':
			b = append(b, "&amp;"...)
		case c == '+':
			b = append(b, "&#43;"...)
		case urlKeep[c]:
			b = append(b, c)
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			b = append(b, c)
		default:
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}

// safeURL is html/template's isSafeURL: a relative URL, or one whose
// scheme is http, https or mailto (in any case).
func safeURL(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '/':
			return true
		case ':':
			p := s[:i]
			return equalFold(p, "http") || equalFold(p, "https") || equalFold(p, "mailto")
		}
	}
	return true
}

// equalFold is strings.EqualFold for a lower-case ASCII word w.
func equalFold(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// compiled says which templates run as compiled Go in this renderer.
type compiled struct {
	card       bool // partials/card.html
	threadItem bool // partials/thread-item.html
	// base holds the page kinds whose base.html is compiled: their "main"
	// is compiled too (pages) or executed by html/template into it.
	base  map[string]bool
	pages map[string]func(b []byte, p *Page) []byte
}

// compiledMains are the page types whose "main" is compiled.
var compiledMains = map[string]func(b []byte, p *Page) []byte{
	"letter":       fastLetter,
	"response":     fastResponse,
	"report":       fastReport,
	"list":         fastList,
	"organisation": fastOrganisation,
}

// needsCard are the page types whose compiled main writes list entries
// itself: it runs only where partials/card.html is compiled too.
var needsCard = map[string]bool{"list": true, "organisation": true}

// decideCompiled sets r.compiled: which templates may run compiled, given
// the layouts as overlaid (site over defaults) and parsed.
//
// A page type's base.html is compiled when every template its page uses
// (uses: base.html and what it includes, followed through {{template}}
// and through the partials named to partialCached and eachCached, "main"
// among them) comes from the default file of its name, byte for byte (a
// verbatim copy in the site counts as the default), and was not defined
// again by another file; its "main" is compiled too where there is Go
// code for it. A page type whose main is not compiled runs it with
// html/template inside the compiled base.html (the default mains begin and
// end in HTML text, so the escaping of what follows is the same). The
// list entry, made by the card function, is compiled when
// partials/card.html is the default.
func (r *Renderer) decideCompiled(layouts map[string]fileSource, defaults fs.FS) {
	r.compiled = compiled{base: map[string]bool{}, pages: map[string]func([]byte, *Page) []byte{}}
	if r.opts.NoCompiled || defaults == nil {
		return
	}
	same := map[string]bool{}
	isDefault := func(name string) bool {
		if v, ok := same[name]; ok {
			return v
		}
		v := false
		if src, ok := layouts[name]; ok {
			a, err1 := fs.ReadFile(src.fsys, src.path)
			b, err2 := fs.ReadFile(defaults, LayoutsDir+"/"+name)
			v = err1 == nil && err2 == nil && string(a) == string(b)
		}
		same[name] = v
		return v
	}
	// from reports whether template name in t comes from the default file
	// of that name (of kind.html for "main").
	from := func(t *template.Template, name, kind string) bool {
		file := name
		if name == "main" {
			file = kind + ".html"
		}
		return isDefault(file) && parsedFrom(t, name, file)
	}
	r.compiled.card = from(r.base, "partials/card.html", "")
	r.compiled.threadItem = from(r.base, "partials/thread-item.html", "")
	for kind, t := range r.pages {
		ok := true
		for _, name := range append(uses(t, "base.html"), "base.html") {
			// Partials run from r.base (partialCached, eachCached) or from
			// the page's own set ({{template}}): both must be the default.
			if !from(t, name, kind) || name != "main" && !from(r.base, name, kind) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		r.compiled.base[kind] = true
		if main := compiledMains[kind]; main != nil && (!needsCard[kind] || r.compiled.card) {
			r.compiled.pages[kind] = main
		}
	}
}

// uses lists the templates that template name in t uses, directly or
// through others: those it includes with {{template}}, and those it names
// in a string (partialCached "partials/head.html" ...), sorted.
func uses(t *template.Template, name string) []string {
	seen := map[string]bool{}
	var walk func(n parse.Node)
	use := func(name string) {
		if x := t.Lookup(name); x != nil && !seen[name] {
			seen[name] = true
			if x.Tree != nil {
				walk(x.Tree.Root)
			}
		}
	}
	var pipe func(p *parse.PipeNode)
	pipe = func(p *parse.PipeNode) {
		if p == nil {
			return
		}
		for _, c := range p.Cmds {
			for _, a := range c.Args {
				switch a := a.(type) {
				case *parse.StringNode:
					use(a.Text)
				case *parse.PipeNode:
					pipe(a)
				}
			}
		}
	}
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			pipe(n.Pipe)
		case *parse.IfNode:
			pipe(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			pipe(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			pipe(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			use(n.Name)
			pipe(n.Pipe)
		}
	}
	if x := t.Lookup(name); x != nil && x.Tree != nil {
		walk(x.Tree.Root)
	}
	return slices.Sorted(maps.Keys(seen))
}

// parsedFrom reports whether the template name in t was parsed from file.
func parsedFrom(t *template.Template, name, file string) bool {
	x := t.Lookup(name)
	return x != nil && x.Tree != nil && x.Tree.ParseName == file
}

// bufPool holds scratch buffers of the compiled renderer.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

func getBuf() *[]byte { return bufPool.Get().(*[]byte) }

func putBuf(b *[]byte) {
	if cap(*b) > 1<<20 {
		return // an outsize page: let it go
	}
	*b = (*b)[:0]
	bufPool.Put(b)
}

// fastCached is partialCached for compiled partials: the output of write
// for key k, made once per render.
func (r *Renderer) fastCached(k partialKey, write func([]byte) []byte) string {
	r.partialsMu.RLock()
	h, ok := r.partials[k]
	r.partialsMu.RUnlock()
	if ok {
		return string(h)
	}
	bp := getBuf()
	b := write((*bp)[:0])
	h = template.HTML(b)
	*bp = b
	putBuf(bp)
	r.partialsMu.Lock()
	if r.partials == nil {
		r.partials = map[partialKey]template.HTML{}
	}
	r.partials[k] = h
	r.partialsMu.Unlock()
	return string(h)
}

// cardHTML renders partials/card.html compiled, as a string.
func cardHTML(p *Page, d *Doc, level int) template.HTML {
	bp := getBuf()
	b := appendCard((*bp)[:0], p, d, level)
	h := template.HTML(b)
	*bp = b
	putBuf(bp)
	return h
}

// appendCard mirrors layouts/partials/card.html: one document's entry in
// a list (. is {Page, Doc, Level}).
func appendCard(b []byte, p *Page, d *Doc, level int) []byte {
	// {{- $lang := $d.LangAttr -}}
	lang := d.LangAttr()
	// <li class="doc doc-{{$d.KindName}}">
	b = append(b, `<li class="doc doc-`...)
	b = appendEsc(b, d.KindName())
	b = append(b, `">`...)
	// {{- if eq .Level 3}} <h3 ...> {{- else}} <h2 ...> {{- end}}
	h := "h2"
	if level == 3 {
		h = "h3"
	}
	// <h3 class="doc-title"{{with $lang}} lang="{{.}}"{{end}}><a href="{{$d.URL}}">{{$d.Title}}</a></h3>
	b = append(b, "\n<"...)
	b = append(b, h...)
	b = append(b, ` class="doc-title"`...)
	b = appendLangAttr(b, lang)
	b = append(b, `><a href="`...)
	b = appendURL(b, d.URL())
	b = append(b, `">`...)
	b = appendEsc(b, d.Title())
	b = append(b, "</a></"...)
	b = append(b, h...)
	b = append(b, '>')
	// <p class="doc-line"><span class="doc-kind">{{$d.KindLabel}}</span>
	b = append(b, "\n"+`<p class="doc-line"><span class="doc-kind">`...)
	b = appendEsc(b, d.KindLabel())
	b = append(b, "</span>"...)
	// {{- with $d.ISODate}} · <time datetime="{{.}}">{{$d.DateText}}</time>{{end}}
	if iso := d.ISODate(); iso != "" {
		b = appendTime(b, " · ", iso, d.DateText())
	}
	// {{- with $d.Orgs}} · {{if eq $d.KindName "letter"}}{{$p.T "to"}}{{else}}{{$p.T "from"}}{{end}} {{range $i, $o := .}}{{if lt $i 3}}{{if $i}}, {{end}}{{with $o.LangAttr}}<span lang="{{.}}">{{$o.Label}}</span>{{else}}{{$o.Label}}{{end}}{{end}}{{end}}{{if gt (len .) 3}} {{$p.TN "and-n-more" (add (len .) -3)}}{{end}}{{end}}
	// (d.Orgs without making the list: a batch letter has forty.)
	var orgs [3]*content.Doc
	n := 0
	eachOrg(d, func(o *content.Doc) {
		if n < len(orgs) {
			orgs[n] = o
		}
		n++
	})
	if n > 0 {
		b = append(b, " · "...)
		if d.KindName() == "letter" {
			b = appendEsc(b, p.T("to"))
		} else {
			b = appendEsc(b, p.T("from"))
		}
		b = append(b, ' ')
		for i, o := range orgs[:min(n, 3)] {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendOrgLabel(b, &Doc{Doc: o, page: d.page})
		}
		if n > 3 {
			b = append(b, ' ')
			b = appendEsc(b, p.TN("and-n-more", n-3))
		}
	}
	// </p>
	b = append(b, "\n</p>"...)
	if d.KindName() == "letter" {
		b = appendCardStatus(b, p, d)
	}
	// {{- with $d.SummaryText}}
	// <p class="doc-summary"{{with $lang}} lang="{{.}}"{{end}}>{{.}}</p>
	// {{- end}}
	if s := d.SummaryText(); s != "" {
		b = append(b, "\n"+`<p class="doc-summary"`...)
		b = appendLangAttr(b, lang)
		b = append(b, '>')
		b = appendEsc(b, s)
		b = append(b, "</p>"...)
	}
	// </li> and the file's last newline
	return append(b, "\n</li>\n"...)
}

// appendOrgLabel writes
// {{with $o.LangAttr}}<span lang="{{.}}">{{$o.Label}}</span>{{else}}{{$o.Label}}{{end}}.
func appendOrgLabel(b []byte, o *Doc) []byte {
	if l := o.LangAttr(); l != "" {
		b = append(b, `<span lang="`...)
		b = appendEsc(b, l)
		b = append(b, `">`...)
		b = appendEsc(b, o.Label())
		return append(b, "</span>"...)
	}
	return appendEsc(b, o.Label())
}

// appendCardStatus writes a letter's status lines in card.html:
//
//	{{with $d.OwnStatus $p.Organisation}}
//	<p class="status-line"><span class="status status-{{.Status}}">{{.Text}}</span></p>
//	{{- else}}{{with $d.StatusCounts}}{{if or (ne $p.Section "awaiting") (gt (len .) 1)}}
//	<p class="status-line">...</p>
//	{{- end}}{{end}}
//	{{- if eq $p.Section "awaiting"}}{{range $d.PendingGroups}}
//	<p class="pending">...</p>
//	{{- end}}{{end}}{{end}}
func appendCardStatus(b []byte, p *Page, d *Doc) []byte {
	if own := d.OwnStatus(p.Organisation()); own != nil {
		b = append(b, "\n"+`<p class="status-line"><span class="status status-`...)
		b = appendEsc(b, own.Status)
		b = append(b, `">`...)
		b = appendEsc(b, own.Text)
		return append(b, "</span></p>"...)
	}
	awaiting := p.Section == "awaiting"
	b = appendStatusCounts(b, d, awaiting)
	if !awaiting {
		return b
	}
	// <p class="pending"><span class="status status-{{.Status}}">{{.Label}}</span>: {{range $i, $o := .Orgs}}{{if $i}}, {{end}}(the label){{end}}{{if .More}} {{$p.TN "and-n-more" .More}}{{end}}, {{.DueWord}} <time datetime="{{.Due}}">{{.DueText}}</time>{{with .Late}} ({{.}}){{end}}</p>
	for _, g := range d.PendingGroups() {
		b = append(b, "\n"+`<p class="pending"><span class="status status-`...)
		b = appendEsc(b, g.Status)
		b = append(b, `">`...)
		b = appendEsc(b, g.Label)
		b = append(b, "</span>: "...)
		for i, o := range g.Orgs {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendOrgLabel(b, o)
		}
		if g.More > 0 {
			b = append(b, ' ')
			b = appendEsc(b, p.TN("and-n-more", g.More))
		}
		b = append(b, ", "...)
		b = appendEsc(b, g.DueWord)
		b = appendTime(b, " ", g.Due, g.DueText)
		if g.Late != "" {
			b = append(b, " ("...)
			b = appendEsc(b, g.Late)
			b = append(b, ')')
		}
		b = append(b, "</p>"...)
	}
	return b
}

// eachOrg calls f with each organisation d.Orgs would list, in order.
func eachOrg(d *Doc, f func(o *content.Doc)) {
	g := d.page.g
	switch d.Kind {
	case content.Letter:
		for _, r := range d.To {
			if o := g.Org(r.Org.ID); o != nil {
				f(o)
			}
		}
	case content.Response:
		if o := g.Org(d.From.ID); o != nil {
			f(o)
		}
	}
}

// appendStatusCounts writes
//
//	{{with $d.StatusCounts}}
//	<p class="status-line">{{range $i, $c := .}}{{if $i}}, {{end}}<span class="status status-{{$c.Status}}">{{$c.Text}}</span>{{end}}</p>
//	{{- end}}
//
// counting as StatusCounts does, without making its list; if several is
// set, only where the counts are of several statuses (card.html on the
// list of letters awaiting replies: {{if or (ne $p.Section "awaiting")
// (gt (len .) 1)}}).
func appendStatusCounts(b []byte, d *Doc, several bool) []byte {
	sts := d.page.g.Statuses(d.Doc)
	if len(sts) == 0 || sts[0].Status == graph.None || several && len(sts) == 1 {
		return b // none, a draft (which has no reply status), or one status alone
	}
	span := func(st string) {
		b = append(b, `<span class="status status-`...)
		b = appendEsc(b, st)
		b = append(b, `">`...)
	}
	if len(sts) == 1 {
		b = append(b, "\n"+`<p class="status-line">`...)
		span(sts[0].Name())
		b = appendEsc(b, statusLabel(d.page.Lang, sts[0].Name(), false))
		b = append(b, "</span>"...)
		return append(b, "</p>"...)
	}
	order := statusOrder
	var counts [len(statusOrder)]int
	found := false
	for i := range sts {
		name := sts[i].Name()
		for j, st := range order {
			if name == st {
				counts[j]++
				found = true
			}
		}
	}
	if !found {
		return b
	}
	if several {
		kinds := 0
		for _, c := range counts {
			if c > 0 {
				kinds++
			}
		}
		if kinds < 2 {
			return b
		}
	}
	b = append(b, "\n"+`<p class="status-line">`...)
	first := true
	for i, st := range order {
		n := counts[i]
		if n == 0 {
			continue
		}
		if !first {
			b = append(b, ", "...)
		}
		first = false
		span(st)
		// strconv.Itoa(n) + " " + the lower-case label: digits and a
		// space need no escaping.
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, ' ')
		b = appendEsc(b, statusLabel(d.page.Lang, st, true))
		b = append(b, "</span>"...)
	}
	return append(b, "</p>"...)
}

// statusLabel is T(lang, "status-"+st), lower-cased if lower, from a table
// made once.
func statusLabel(lang string, st string, lower bool) string {
	i := 0
	if lang == "cy" {
		i = 1
	}
	if lower {
		i += 2
	}
	if l, ok := statusLabels[st]; ok {
		return l[i]
	}
	s := T(lang, "status-"+st)
	if lower {
		s = strings.ToLower(s)
	}
	return s
}

// statusLabels holds, for each status, T("en"), T("cy") and both
// lower-cased.
var statusLabels = func() map[string][4]string {
	m := map[string][4]string{}
	for _, st := range statusOrder {
		en, cy := T("en", "status-"+st), T("cy", "status-"+st)
		m[st] = [4]string{en, cy, strings.ToLower(en), strings.ToLower(cy)}
	}
	return m
}()

// appendLangAttr writes {{with $lang}} lang="{{.}}"{{end}}.
func appendLangAttr(b []byte, lang string) []byte {
	if lang == "" {
		return b
	}
	b = append(b, ` lang="`...)
	b = appendEsc(b, lang)
	return append(b, '"')
}

// appendOtherLang writes
// {{if and (eq $p.Lang "en") (ne .Lang "en")}} lang="{{.Lang}}"{{end}}.
func appendOtherLang(b []byte, p *Page, d *Doc) []byte {
	if p.Lang == "en" && d.Lang != "en" {
		return appendLangAttr(b, d.Lang)
	}
	return b
}

// appendTime writes sep <time datetime="{{iso}}">{{text}}</time>.
func appendTime(b []byte, sep, iso, text string) []byte {
	b = append(b, sep...)
	b = append(b, `<time datetime="`...)
	b = appendEsc(b, iso)
	b = append(b, `">`...)
	b = appendEsc(b, text)
	return append(b, "</time>"...)
}

// appendThreadItem mirrors layouts/partials/thread-item.html: one entry of
// a thread (. is {Page, Doc, Current}).
func appendThreadItem(b []byte, p *Page, d *Doc, current bool) []byte {
	// <li class="doc-{{.Doc.KindName}}">  (after the comment's newline)
	b = append(b, "\n"+`<li class="doc-`...)
	b = appendEsc(b, d.KindName())
	b = append(b, `">`...)
	if current {
		// <span aria-current="page"><strong{{if ...}} lang="{{.Lang}}"{{end}}>{{.Title}}</strong> {{$p.T "this-document"}}</span>
		b = append(b, `<span aria-current="page"><strong`...)
		b = appendOtherLang(b, p, d)
		b = append(b, '>')
		b = appendEsc(b, d.Title())
		b = append(b, "</strong> "...)
		b = appendEsc(b, p.T("this-document"))
		b = append(b, "</span>"...)
	} else {
		// <a href="{{.URL}}"{{if ...}} lang="{{.Lang}}"{{end}}>{{.Title}}</a>
		b = append(b, `<a href="`...)
		b = appendURL(b, d.URL())
		b = append(b, '"')
		b = appendOtherLang(b, p, d)
		b = append(b, '>')
		b = appendEsc(b, d.Title())
		b = append(b, "</a>"...)
	}
	// <span class="thread-meta">{{.KindLabel}}{{with .ISODate}} · <time datetime="{{.}}">{{$d.DateText}}</time>{{end}}</span></li>
	b = append(b, "\n"+`<span class="thread-meta">`...)
	b = appendEsc(b, d.KindLabel())
	if iso := d.ISODate(); iso != "" {
		b = appendTime(b, " · ", iso, d.DateText())
	}
	return append(b, "</span></li>"...)
}

// appendThreadItems is eachCached "partials/thread-item.html" compiled:
// each entry is made once per render, document and language, but the
// current one (the page's own), which is shown once.
func (r *Renderer) appendThreadItems(b []byte, p *Page, docs []*Doc, current *Doc) []byte {
	items := r.threadItemsOf(p.g)
	for _, d := range docs {
		if current != nil && current.Is(d) {
			b = appendThreadItem(b, p, d, true)
			continue
		}
		var slot *atomic.Pointer[string]
		if i, ok := p.g.Index(d.Doc); ok && (p.Lang == "en" || p.Lang == "cy") {
			if p.Lang == "cy" {
				i += len(items.items) / 2
			}
			slot = &items.items[i]
			if h := slot.Load(); h != nil {
				b = append(b, *h...)
				continue
			}
		}
		start := len(b)
		b = appendThreadItem(b, p, d, false)
		if slot != nil {
			h := string(b[start:])
			slot.Store(&h) // another page may store the same entry: either will do
		}
	}
	return b
}

// threadItemsOf returns the thread entries of g's documents, new if the
// last were of another graph.
func (r *Renderer) threadItemsOf(g *graph.Graph) *threadItems {
	if t := r.threadItems.Load(); t != nil && t.g == g {
		return t
	}
	r.threadItemsMu.Lock()
	defer r.threadItemsMu.Unlock()
	t := r.threadItems.Load()
	if t == nil || t.g != g {
		t = &threadItems{g: g, items: make([]atomic.Pointer[string], 2*g.Len())}
		r.threadItems.Store(t)
	}
	return t
}

// appendWriter is an io.Writer that appends to a byte slice.
type appendWriter struct{ b []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}
