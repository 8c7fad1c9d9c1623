package render

import (
	"strconv"
	"strings"
)

// The compiled page shell and document pages (see fast.go). Each function
// says which layout it mirrors; the comments quote the template lines.

// fastPage mirrors layouts/base.html around main, a page type's compiled
// "main", appending the page to b.
func (r *Renderer) fastPage(b []byte, p *Page, main func([]byte, *Page) []byte) []byte {
	// <!DOCTYPE html>
	// <html lang="{{.Lang}}">
	b = append(b, "<!DOCTYPE html>\n<html lang=\""...)
	b = appendEsc(b, p.Lang)
	b = append(b, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"...)
	// <title>{{if eq .Kind "home"}}{{.Site.Title}}{{else}}{{.Title}} – {{.Site.Title}}{{end}}</title>
	if p.Kind == "home" {
		b = appendEsc(b, p.Site.Title)
	} else {
		b = appendEsc(b, p.Title)
		b = append(b, " – "...)
		b = appendEsc(b, p.Site.Title)
	}
	b = append(b, "</title>"...)
	// {{- with .MetaDescription}}
	// <meta name="description" content="{{.}}">
	// {{- end}}
	if d := p.MetaDescription(); d != "" {
		b = append(b, "\n<meta name=\"description\" content=\""...)
		b = appendEsc(b, d)
		b = append(b, "\">"...)
	}
	// {{- if .NoIndex}}
	// <meta name="robots" content="noindex">
	// {{- end}}
	if p.NoIndex {
		b = append(b, "\n<meta name=\"robots\" content=\"noindex\">"...)
	}
	// <link rel="canonical" href="{{.Canonical}}">
	b = append(b, "\n<link rel=\"canonical\" href=\""...)
	b = appendURL(b, p.Canonical)
	b = append(b, "\">"...)
	// {{- range .Alternates}}
	// <link rel="alternate" hreflang="{{.Lang}}" href="{{$.Abs .URL}}">
	// {{- end}}
	for _, a := range p.Alternates {
		b = append(b, "\n<link rel=\"alternate\" hreflang=\""...)
		b = appendEsc(b, a.Lang)
		b = append(b, "\" href=\""...)
		b = appendURL(b, p.Abs(a.URL))
		b = append(b, "\">"...)
	}
	// {{partialCached "partials/head.html" . .Lang}}
	b = append(b, '\n')
	b = append(b, r.fastCached(partialKey{name: "compiled:partials/head.html", key: [4]any{p.Lang}}, func(b []byte) []byte { return appendHead(b, p) })...)
	// {{- with .Feed}}{{if ne . ($.URLFor "/feed.xml")}}
	// <link rel="alternate" type="application/atom+xml" title="{{$.T "feed-of" $.Title}}" href="{{.}}">
	// {{- end}}{{end}}
	if f := p.Feed; f != "" && f != p.URLFor("/feed.xml") {
		b = append(b, "\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\""...)
		b = appendEsc(b, p.T("feed-of", p.Title))
		b = append(b, "\" href=\""...)
		b = appendURL(b, f)
		b = append(b, "\">"...)
	}
	// {{.Head}}
	// </head>
	// <body>
	b = append(b, '\n')
	b = append(b, p.Head()...)
	b = append(b, "\n</head>\n<body>\n"...)
	// {{partialCached "partials/header.html" . .Lang .Section .SectionRoot}}
	b = append(b, r.fastCached(partialKey{name: "compiled:partials/header.html", key: [4]any{p.Lang, p.Section, p.SectionRoot()}}, func(b []byte) []byte { return appendHeader(b, p) })...)
	// {{- if .Alternates}}
	// <p class="lang-switch">{{range .Alternates}}{{if ne .Lang $.Lang}}<a href="{{.URL}}" hreflang="{{.Lang}}" lang="{{.Lang}}">{{$.T "read-in"}}</a>{{end}}{{end}}</p>
	// {{- end}}
	if len(p.Alternates) > 0 {
		b = append(b, "\n<p class=\"lang-switch\">"...)
		for _, a := range p.Alternates {
			if a.Lang != p.Lang {
				b = append(b, "<a href=\""...)
				b = appendURL(b, a.URL)
				b = append(b, "\" hreflang=\""...)
				b = appendEsc(b, a.Lang)
				b = append(b, "\" lang=\""...)
				b = appendEsc(b, a.Lang)
				b = append(b, "\">"...)
				b = appendEsc(b, p.T("read-in"))
				b = append(b, "</a>"...)
			}
		}
		b = append(b, "</p>"...)
	}
	// </div>
	// </header>
	// <main id="main" class="wrap" tabindex="-1">
	b = append(b, "\n</div>\n</header>\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">"...)
	// {{- if .Draft}}
	// <p class="draft-banner" role="note"><strong>{{.T "draft"}}</strong></p>
	// {{- end}}
	if p.Draft {
		b = append(b, "\n<p class=\"draft-banner\" role=\"note\"><strong>"...)
		b = appendEsc(b, p.T("draft"))
		b = append(b, "</strong></p>"...)
	}
	// {{template "main" .}}
	// </main>
	b = append(b, '\n')
	b = main(b, p)
	b = append(b, "\n</main>\n"...)
	// {{partialCached "partials/footer.html" . .Lang}}
	// </body>
	// </html>
	b = append(b, r.fastCached(partialKey{name: "compiled:partials/footer.html", key: [4]any{p.Lang}}, func(b []byte) []byte { return appendFooter(b, p) })...)
	return append(b, "\n</body>\n</html>\n"...)
}

// appendHead mirrors layouts/partials/head.html.
func appendHead(b []byte, p *Page) []byte {
	// <link rel="stylesheet" href="{{.Asset "css/site.css"}}">
	b = append(b, "<link rel=\"stylesheet\" href=\""...)
	b = appendURL(b, p.Asset("css/site.css"))
	b = append(b, "\">"...)
	// {{- with .OptionalAsset "css/extra.css"}}
	// <link rel="stylesheet" href="{{.}}">
	// {{- end}}
	if u := p.OptionalAsset("css/extra.css"); u != "" {
		b = append(b, "\n<link rel=\"stylesheet\" href=\""...)
		b = appendURL(b, u)
		b = append(b, "\">"...)
	}
	// <link rel="icon" href="{{.Asset "favicon.ico"}}">
	b = append(b, "\n<link rel=\"icon\" href=\""...)
	b = appendURL(b, p.Asset("favicon.ico"))
	// <link rel="alternate" type="application/atom+xml" title="{{.T "feed"}}: {{.Site.Title}}" href="{{.URLFor "/feed.xml"}}">
	b = append(b, "\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\""...)
	b = appendEsc(b, p.T("feed"))
	b = append(b, ": "...)
	b = appendEsc(b, p.Site.Title)
	b = append(b, "\" href=\""...)
	b = appendURL(b, p.URLFor("/feed.xml"))
	// <link rel="alternate" type="application/feed+json" title="JSON Feed: {{.Site.Title}}" href="{{.URLFor "/feed.json"}}">
	b = append(b, "\">\n<link rel=\"alternate\" type=\"application/feed+json\" title=\"JSON Feed: "...)
	b = appendEsc(b, p.Site.Title)
	b = append(b, "\" href=\""...)
	b = appendURL(b, p.URLFor("/feed.json"))
	return append(b, "\">"...)
}

// navSections are the main navigation's entries (partials/header.html:
// list "letters" "responses" ...).
var navSections = []string{"letters", "responses", "reports", "organisations", "awaiting-reply", "topics", "statistics", "search"}

// appendHeader mirrors layouts/partials/header.html.
func appendHeader(b []byte, p *Page) []byte {
	// <a class="skip-link" href="#main">{{.T "skip"}}</a>
	b = append(b, "<a class=\"skip-link\" href=\"#main\">"...)
	b = appendEsc(b, p.T("skip"))
	// <header class="site-header">
	// <div class="wrap">
	// <p class="site-title"><a href="{{.URLFor "/"}}"{{with $other}} lang="{{.}}" hreflang="{{.}}"{{end}}{{if eq .Section "home"}} aria-current="page"{{end}}>{{.Site.Title}}</a></p>
	other := p.OtherLang()
	b = append(b, "</a>\n<header class=\"site-header\">\n<div class=\"wrap\">\n<p class=\"site-title\"><a href=\""...)
	b = appendURL(b, p.URLFor("/"))
	b = append(b, '"')
	if other != "" {
		b = appendLangAttr(b, other)
		b = appendHrefLang(b, other)
	}
	if p.Section == "home" {
		b = append(b, " aria-current=\"page\""...)
	}
	b = append(b, '>')
	b = appendEsc(b, p.Site.Title)
	// <nav class="site-nav" aria-label="{{.T "primary-nav"}}">
	// <ul>
	b = append(b, "</a></p>\n<nav class=\"site-nav\" aria-label=\""...)
	b = appendEsc(b, p.T("primary-nav"))
	b = append(b, "\">\n<ul>"...)
	// {{- range $s := list "letters" ...}}
	// <li><a href="{{$.URLFor (printf "/%s/" $s)}}"{{with $other}} hreflang="{{.}}"{{end}}{{if eq $.Section (section $s)}} aria-current="{{if eq $.URL ($.URLFor (printf "/%s/" $s))}}page{{else}}true{{end}}"{{end}}>{{$.T (section $s)}}{{with $other}} <span class="other-lang">{{$.T (printf "in-%s" .)}}</span>{{end}}</a></li>
	// {{- end}}
	for _, s := range navSections {
		u := p.URLFor("/" + s + "/")
		b = append(b, "\n<li><a href=\""...)
		b = appendURL(b, u)
		b = append(b, '"')
		b = appendHrefLang(b, other)
		if p.Section == section(s) {
			if p.URL == u {
				b = append(b, " aria-current=\"page\""...)
			} else {
				b = append(b, " aria-current=\"true\""...)
			}
		}
		b = append(b, '>')
		b = appendEsc(b, p.T(section(s)))
		b = appendOtherLangNote(b, p, other)
		b = append(b, "</a></li>"...)
	}
	// </ul>
	// </nav>
	return append(b, "\n</ul>\n</nav>"...)
}

// appendFooter mirrors layouts/partials/footer.html.
func appendFooter(b []byte, p *Page) []byte {
	// {{- $other := .OtherLang -}}
	// <footer class="site-footer">
	// <div class="wrap">
	// <ul>
	other := p.OtherLang()
	b = append(b, "<footer class=\"site-footer\">\n<div class=\"wrap\">\n<ul>"...)
	// {{- range .FooterLinks}}
	// <li><a href="{{.URL}}"{{with .Lang}} hreflang="{{.}}"{{end}}>{{if .Lang}}<span lang="{{.Lang}}">{{.Title}}</span> <span class="other-lang">{{$.T (printf "in-%s" .Lang)}}</span>{{else}}{{.Title}}{{end}}</a></li>
	// {{- end}}
	for _, fl := range p.FooterLinks() {
		b = append(b, "\n<li><a href=\""...)
		b = appendURL(b, fl.URL)
		b = append(b, '"')
		b = appendHrefLang(b, fl.Lang)
		b = append(b, '>')
		if fl.Lang != "" {
			b = append(b, "<span lang=\""...)
			b = appendEsc(b, fl.Lang)
			b = append(b, "\">"...)
			b = appendEsc(b, fl.Title)
			b = append(b, "</span>"...)
			b = appendOtherLangNote(b, p, fl.Lang)
		} else {
			b = appendEsc(b, fl.Title)
		}
		b = append(b, "</a></li>"...)
	}
	// <li><a href="{{.URLFor "/data/"}}"{{with $other}} hreflang="{{.}}"{{end}}>{{.T "data"}}{{with $other}} <span class="other-lang">{{$.T (printf "in-%s" .)}}</span>{{end}}</a></li>
	// <li><a href="{{.URLFor "/feed.xml"}}"{{with $other}} hreflang="{{.}}"{{end}}>{{.T "feed"}}{{with $other}} <span class="other-lang">{{$.T (printf "in-%s" .)}}</span>{{end}}</a></li>
	// </ul>
	for _, l := range [...]struct{ path, key string }{{"/data/", "data"}, {"/feed.xml", "feed"}} {
		b = append(b, "\n<li><a href=\""...)
		b = appendURL(b, p.URLFor(l.path))
		b = append(b, '"')
		b = appendHrefLang(b, other)
		b = append(b, '>')
		b = appendEsc(b, p.T(l.key))
		b = appendOtherLangNote(b, p, other)
		b = append(b, "</a></li>"...)
	}
	b = append(b, "\n</ul>"...)
	// {{- with .Owner}}
	// <p{{with .LangAttr}} lang="{{.}}"{{end}}>{{.Label}}</p>
	// {{- end}}
	if o := p.Owner(); o != nil {
		b = append(b, "\n<p"...)
		b = appendLangAttr(b, o.LangAttr())
		b = append(b, '>')
		b = appendEsc(b, o.Label())
		b = append(b, "</p>"...)
	}
	// </div>
	// </footer>
	return append(b, "\n</div>\n</footer>"...)
}

// appendHrefLang writes {{with lang}} hreflang="{{.}}"{{end}}.
func appendHrefLang(b []byte, lang string) []byte {
	if lang == "" {
		return b
	}
	b = append(b, " hreflang=\""...)
	b = appendEsc(b, lang)
	return append(b, '"')
}

// appendOtherLangNote writes
// {{with lang}} <span class="other-lang">{{$.T (printf "in-%s" .)}}</span>{{end}}:
// "(Saesneg)" after a link to a page in English from a Welsh page.
func appendOtherLangNote(b []byte, p *Page, lang string) []byte {
	if lang == "" {
		return b
	}
	b = append(b, " <span class=\"other-lang\">"...)
	b = appendEsc(b, p.T("in-"+lang))
	return append(b, "</span>"...)
}

// appendOrgLink mirrors layouts/partials/org-link.html:
// <a href="{{.URL}}"{{with .LangAttr}} lang="{{.}}" hreflang="{{.}}"{{end}}>{{.Label}}</a>
func appendOrgLink(b []byte, o *Doc) []byte {
	b = append(b, "<a href=\""...)
	b = appendURL(b, o.URL())
	b = append(b, '"')
	if l := o.LangAttr(); l != "" {
		b = appendHrefLang(appendLangAttr(b, l), l)
	}
	b = append(b, '>')
	b = appendEsc(b, o.Label())
	return append(b, "</a>"...)
}

// appendLink writes <a href="{{url}}">{{text}}</a>.
func appendLink(b []byte, url, text string) []byte {
	b = append(b, "<a href=\""...)
	b = appendURL(b, url)
	b = append(b, "\">"...)
	b = appendEsc(b, text)
	return append(b, "</a>"...)
}

// appendDocHeader writes the lines letter.html, response.html and
// report.html share:
//
//	<article class="KIND" aria-labelledby="doc-title">
//	<header class="doc-header">
//	<p class="doc-kind">{{.KindLabel}}</p>
//	<h1 id="doc-title">{{.Title}}</h1>
//
// and, if meta, the start of the facts:
//
//	<dl class="doc-meta">
func appendDocHeader(b []byte, d *Doc, kind string, meta bool) []byte {
	b = append(b, "\n<article class=\""...)
	b = append(b, kind...)
	b = append(b, "\" aria-labelledby=\"doc-title\">\n<header class=\"doc-header\">\n<p class=\"doc-kind\">"...)
	b = appendEsc(b, d.KindLabel())
	b = append(b, "</p>\n<h1 id=\"doc-title\">"...)
	b = appendEsc(b, d.Title())
	b = append(b, "</h1>"...)
	if meta {
		b = appendDocMeta(b)
	}
	return b
}

// appendDocMeta writes <dl class="doc-meta">, after a newline.
func appendDocMeta(b []byte) []byte { return append(b, "\n<dl class=\"doc-meta\">"...) }

// appendMeta writes <div><dt>{{$p.T key}}</dt><dd>, after a newline.
func appendMeta(b []byte, p *Page, key string) []byte {
	b = append(b, "\n<div><dt>"...)
	b = appendEsc(b, p.T(key))
	return append(b, "</dt><dd>"...)
}

// appendSender writes letter.html's and response.html's
//
//	{{- with .Sender}}
//	<div><dt>{{$p.T "from"}}</dt><dd><a href="{{.URL}}"{{with .LangAttr}} lang="{{.}}" hreflang="{{.}}"{{end}}>{{.Label}}</a></dd></div>
//	{{- end}}
func appendSender(b []byte, p *Page, d *Doc) []byte {
	if s := d.Sender(); s != nil {
		b = appendOrgLink(appendMeta(b, p, "from"), s)
		b = append(b, "</dd></div>"...)
	}
	return b
}

// fastLetter mirrors layouts/letter.html ("main"; . is the Page).
func fastLetter(b []byte, p *Page) []byte {
	d := p.Doc // {{with .Doc}}
	if d == nil {
		return b
	}
	b = appendDocHeader(b, d, "letter", false)
	// {{- with .StatusLine}}
	// <p class="status-summary status-{{.Status}}"><a href="#status-heading">{{.Text}}</a></p>
	// {{- end}}
	// <dl class="doc-meta">
	statusLine := d.StatusLine()
	if l := statusLine; l != nil {
		b = append(b, "\n<p class=\"status-summary status-"...)
		b = appendEsc(b, l.Status)
		b = append(b, "\"><a href=\"#status-heading\">"...)
		b = appendEsc(b, l.Text)
		b = append(b, "</a></p>"...)
	}
	b = appendDocMeta(b)
	b = appendSender(b, p, d)
	// <div><dt>{{$p.T "to"}}</dt><dd>{{range $i, $r := .Recipients}}{{if $i}}, {{end}}{{with $r.Org}}{{partialCached "partials/org-link.html" . . $p.Lang}}{{end}}{{end}}</dd></div>
	b = appendMeta(b, p, "to")
	recipients := d.Recipients()
	for i, rc := range recipients {
		if i > 0 {
			b = append(b, ", "...)
		}
		if o := rc.Org; o != nil {
			b = appendOrgLink(b, o)
		}
	}
	b = append(b, "</dd></div>"...)
	// <div><dt>{{$p.T "date"}}</dt><dd><time datetime="{{.ISODate}}">{{.DateText}}</time></dd></div>
	// </dl>
	b = appendTime(appendMeta(b, p, "date"), "", d.ISODate(), d.DateText())
	b = append(b, "</dd></div>"...)
	// {{- with .DueRule}}
	// <div><dt>{{$p.T "reply-due"}}</dt><dd><time datetime="{{.ISODate}}">{{.Date}}</time>{{with .Rule}} ({{.}}){{end}}</dd></div>
	// {{- end}}
	if r := d.DueRule(); r != nil {
		b = appendTime(appendMeta(b, p, "reply-due"), "", r.ISODate, r.Date)
		if r.Rule != "" {
			b = append(b, " ("...)
			b = appendEsc(b, r.Rule)
			b = append(b, ')')
		}
		b = append(b, "</dd></div>"...)
	}
	// {{- with .Reference}}
	// <div><dt>{{$p.T "reference"}}</dt><dd>{{.}}</dd></div>
	// {{- end}}
	if ref := d.Reference(); ref != "" {
		b = appendEsc(appendMeta(b, p, "reference"), ref)
		b = append(b, "</dd></div>"...)
	}
	// <div class="print-only"><dt>{{$p.T "web-address"}}</dt><dd>{{$p.Canonical}}</dd></div>
	// </dl>
	b = append(b, "\n<div class=\"print-only\"><dt>"...)
	b = appendEsc(b, p.T("web-address"))
	b = append(b, "</dt><dd>"...)
	b = appendEsc(b, p.Canonical)
	b = append(b, "</dd></div>\n</dl>"...)
	// {{- with .Answers}}
	// <p class="in-reply-to">{{$p.T "in-reply-to"}} {{range $i, $a := .}}{{if $i}}, {{end}}<a href="{{$a.URL}}">{{$a.Title}}</a>{{end}}</p>
	// {{- end}}
	if as := d.Answers(); len(as) > 0 {
		b = append(b, "\n<p class=\"in-reply-to\">"...)
		b = appendEsc(b, p.T("in-reply-to"))
		b = append(b, ' ')
		for i, a := range as {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendLink(b, a.URL(), a.Title())
		}
		b = append(b, "</p>"...)
	}
	// </header>
	// <div class="sheet">
	// <div class="addressees{{if gt (len .Recipients) 3}} addressees-many{{end}}">
	b = append(b, "\n</header>\n<div class=\"sheet\">\n<div class=\"addressees"...)
	if len(recipients) > 3 {
		b = append(b, " addressees-many"...)
	}
	b = append(b, "\">"...)
	// {{- range .Recipients}}
	// {{partialCached "partials/addressee.html" . .Org .Name .Role $p.Lang}}
	// {{- end}}
	for _, rc := range recipients {
		b = appendAddressee(append(b, '\n'), rc)
	}
	// </div>
	// <p class="letter-date"><time datetime="{{.ISODate}}">{{.DateText}}</time></p>
	// <div class="body">
	// {{.Body}}
	// </div>
	// </div>
	b = appendTime(append(b, "\n</div>\n<p class=\"letter-date\">"...), "", d.ISODate(), d.DateText())
	b = append(b, "</p>\n<div class=\"body\">\n"...)
	b = d.appendBody(b)
	b = append(b, "\n</div>\n</div>\n"...)
	// {{template "partials/attachments.html" (dict "Page" $p "Doc" .)}}
	// </article>
	b = appendAttachments(b, p, d)
	b = append(b, "\n</article>"...)
	if statusLine != nil {
		b = appendStatusPanel(b, p, recipients)
	}
	b = append(b, '\n')
	return appendThreadCitedTopics(b, p, d)
}

// appendStatusPanel writes letter.html's reply status panel:
//
//	{{- if .StatusLine}}
//	<section class="panel statuses" aria-labelledby="status-heading">
//	<h2 id="status-heading">{{$p.T "reply-status"}}</h2>
//	<ul class="status-panel">
func appendStatusPanel(b []byte, p *Page, recipients []Recipient) []byte {
	b = append(b, "\n<section class=\"panel statuses\" aria-labelledby=\"status-heading\">\n<h2 id=\"status-heading\">"...)
	b = appendEsc(b, p.T("reply-status"))
	b = append(b, "</h2>\n<ul class=\"status-panel\">"...)
	// {{- range $r := .Recipients}}
	for _, rc := range recipients {
		// <li class="status-{{.Status}}">
		b = append(b, "\n<li class=\"status-"...)
		b = appendEsc(b, rc.Status)
		// <span class="status-org">{{with .Org}}<a href="{{.URL}}"{{with .LangAttr}} lang="{{.}}" hreflang="{{.}}"{{end}}>{{.Label}}</a>{{end}}</span>
		b = append(b, "\">\n<span class=\"status-org\">"...)
		if rc.Org != nil {
			b = appendOrgLink(b, rc.Org)
		}
		// <span class="status-badge status status-{{.Status}}">{{.Label}}</span>
		b = append(b, "</span>\n<span class=\"status-badge status status-"...)
		b = appendEsc(b, rc.Status)
		b = append(b, "\">"...)
		b = appendEsc(b, rc.Label)
		// <span class="status-detail">{{.Detail}}{{with .Reply}}{{if not $r.Withheld}}: <a href="{{.URL}}">{{$p.T "read-reply"}}<span class="visually-hidden">: {{.Title}}</span></a>{{end}}{{end}}</span>
		b = append(b, "</span>\n<span class=\"status-detail\">"...)
		b = appendEsc(b, rc.Detail)
		if rp := rc.Reply; rp != nil && rc.Withheld == "" {
			b = append(b, ": <a href=\""...)
			b = appendURL(b, rp.URL())
			b = append(b, "\">"...)
			b = appendEsc(b, p.T("read-reply"))
			b = append(b, "<span class=\"visually-hidden\">: "...)
			b = appendEsc(b, rp.Title())
			b = append(b, "</span></a>"...)
		}
		b = append(b, "</span>"...)
		// {{- with .Withheld}}
		// <span class="status-detail"><a href="{{$r.Reply.URL}}">{{$p.T "withheld-link"}}<span class="visually-hidden">: {{$r.Reply.Title}}</span></a>: {{.}}</span>
		// {{- end}}
		if w := rc.Withheld; w != "" {
			b = append(b, "\n<span class=\"status-detail\"><a href=\""...)
			b = appendURL(b, rc.Reply.URL())
			b = append(b, "\">"...)
			b = appendEsc(b, p.T("withheld-link"))
			b = append(b, "<span class=\"visually-hidden\">: "...)
			b = appendEsc(b, rc.Reply.Title())
			b = append(b, "</span></a>: "...)
			b = appendEsc(b, w)
			b = append(b, "</span>"...)
		}
		// </li>
		b = append(b, "\n</li>"...)
	}
	// {{- end}}
	// </ul>
	// </section>
	// {{- end}}
	return append(b, "\n</ul>\n</section>"...)
}

// appendThreadCitedTopics writes the end of letter.html and response.html:
//
//	{{template "partials/thread.html" (dict "Page" $p "Doc" .)}}
//	{{template "partials/cited.html" (dict "Page" $p "Doc" .)}}
//	{{template "partials/topics.html" (dict "Page" $p "Doc" .)}}
func appendThreadCitedTopics(b []byte, p *Page, d *Doc) []byte {
	b = appendThread(b, p, d)
	b = appendCited(append(b, '\n'), p, d)
	b = appendTopics(append(b, '\n'), p, d)
	return append(b, '\n')
}

// appendAddressee mirrors layouts/partials/addressee.html (. is a Recipient).
func appendAddressee(b []byte, rc Recipient) []byte {
	// <address class="addressee">
	b = append(b, "<address class=\"addressee\">"...)
	// {{- range .AddressLines}}<span>{{.}}</span><br>{{end}}
	for _, line := range rc.AddressLines() {
		b = appendSpanBr(b, line)
	}
	// </address>
	return append(b, "\n</address>"...)
}

func appendSpanBr(b []byte, s string) []byte {
	b = append(b, "<span>"...)
	b = appendEsc(b, s)
	return append(b, "</span><br>"...)
}

// appendAttachments mirrors layouts/partials/attachments.html (. is
// {Page, Doc}).
func appendAttachments(b []byte, p *Page, d *Doc) []byte {
	// {{- $p := .Page}}{{$d := .Doc}}{{with $d.Attachments}}
	if as := d.Attachments(); len(as) > 0 {
		// <section class="attachments" aria-labelledby="attachments-heading">
		// <h2 id="attachments-heading">{{$p.T "attachments"}}</h2>
		// <ul>
		b = append(b, "\n<section class=\"attachments\" aria-labelledby=\"attachments-heading\">\n<h2 id=\"attachments-heading\">"...)
		b = appendEsc(b, p.T("attachments"))
		b = append(b, "</h2>\n<ul>"...)
		// {{- range .}}
		// <li><a href="{{$d.FileURL .File}}">{{.Title}}</a> <span class="meta">({{fileType .File}})</span></li>
		// {{- end}}
		for _, a := range as {
			b = appendLink(append(b, "\n<li>"...), d.FileURL(a.File), a.Title)
			b = append(b, " <span class=\"meta\">("...)
			b = appendEsc(b, fileType(a.File))
			b = append(b, ")</span></li>"...)
		}
		// </ul>
		// </section>
		b = append(b, "\n</ul>\n</section>"...)
	}
	// {{- end}}{{end}} and the file's last newline
	return append(b, '\n')
}

// appendThread mirrors layouts/partials/thread.html (. is {Page, Doc}).
func appendThread(b []byte, p *Page, d *Doc) []byte {
	// {{- $p := .Page}}{{$self := .Doc}}{{with $self.Thread}}
	if t := d.Thread(); len(t) > 0 {
		// <section class="panel thread" aria-labelledby="thread-heading">
		// <h2 id="thread-heading">{{$p.T "thread"}}</h2>
		// <ol class="thread-list">{{eachCached "partials/thread-item.html" $p . $self}}
		// </ol>
		// </section>
		b = append(b, "\n<section class=\"panel thread\" aria-labelledby=\"thread-heading\">\n<h2 id=\"thread-heading\">"...)
		b = appendEsc(b, p.T("thread"))
		b = append(b, "</h2>\n<ol class=\"thread-list\">"...)
		b = p.r.appendThreadItems(b, p, t, d)
		b = append(b, "\n</ol>\n</section>"...)
	}
	// {{- end}}{{end}} and the file's last newline
	return append(b, '\n')
}

// appendCited mirrors layouts/partials/cited.html (. is {Page, Doc}).
func appendCited(b []byte, p *Page, d *Doc) []byte {
	// {{- $p := .Page}}{{with .Doc.CitedReports}}
	if cs := d.CitedReports(); len(cs) > 0 {
		// <section class="panel cited" aria-labelledby="cited-heading">
		// <h2 id="cited-heading">{{$p.T "cited-reports"}}</h2>
		// <ul>
		b = append(b, "\n<section class=\"panel cited\" aria-labelledby=\"cited-heading\">\n<h2 id=\"cited-heading\">"...)
		b = appendEsc(b, p.T("cited-reports"))
		b = append(b, "</h2>\n<ul>"...)
		// {{- range .}}
		for _, c := range cs {
			// <li><a href="{{.URL}}"{{if and (eq $p.Lang "en") (ne .Lang "en")}} lang="{{.Lang}}"{{end}}>{{.Title}}</a>
			b = append(b, "\n<li><a href=\""...)
			b = appendURL(b, c.URL())
			b = append(b, '"')
			b = appendOtherLang(b, p, c)
			b = append(b, '>')
			b = appendEsc(b, c.Title())
			b = append(b, "</a>"...)
			// {{with .Publisher}} <span class="meta">{{.}}{{end}}{{with .DateText}}, {{.}}{{end}}{{if .Publisher}}</span>{{end}}
			if c.Publisher != "" {
				b = append(b, " <span class=\"meta\">"...)
				b = appendEsc(b, c.Publisher)
			}
			if dt := c.DateText(); dt != "" {
				b = append(b, ", "...)
				b = appendEsc(b, dt)
			}
			if c.Publisher != "" {
				b = append(b, "</span>"...)
			}
			// <span class="print-only">{{with .Doc.URL}}{{.}}{{else}}{{$p.Abs .URL}}{{end}}</span></li>
			b = append(b, " <span class=\"print-only\">"...)
			if u := c.Doc.URL; u != "" {
				b = appendEsc(b, u)
			} else {
				b = appendEsc(b, p.Abs(c.URL()))
			}
			b = append(b, "</span></li>"...)
		}
		// {{- end}}
		// </ul>
		// </section>
		b = append(b, "\n</ul>\n</section>"...)
	}
	// {{- end}}{{end}} and the file's last newline
	return append(b, '\n')
}

// appendTopics mirrors layouts/partials/topics.html (. is {Page, Doc}).
func appendTopics(b []byte, p *Page, d *Doc) []byte {
	// {{- $p := .Page}}{{with .Doc.TopicList}}
	// <p class="topics">{{$p.T "topics"}}: {{range $i, $t := .}}{{if $i}}, {{end}}<a href="{{$t.URL}}"{{with $t.Lang}} lang="{{.}}" hreflang="{{.}}"{{end}}>{{$t.Label}}</a>{{end}}</p>
	// {{- end}}
	if ts := d.TopicList(); len(ts) > 0 {
		b = append(b, "\n<p class=\"topics\">"...)
		b = appendEsc(b, p.T("topics"))
		b = append(b, ": "...)
		for i, t := range ts {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, "<a href=\""...)
			b = appendURL(b, t.URL)
			b = append(b, '"')
			if t.Lang != "" {
				b = appendHrefLang(appendLangAttr(b, t.Lang), t.Lang)
			}
			b = append(b, '>')
			b = appendEsc(b, t.Label)
			b = append(b, "</a>"...)
		}
		b = append(b, "</p>"...)
	}
	// and the file's last newline
	return append(b, '\n')
}

// fastResponse mirrors layouts/response.html ("main"; . is the Page).
func fastResponse(b []byte, p *Page) []byte {
	d := p.Doc // {{with .Doc}}
	if d == nil {
		return b
	}
	b = appendDocHeader(b, d, "response", false)
	// {{- if .Withheld}}
	// <p class="status-summary status-withheld"><span class="status-badge status status-withheld">{{$p.T "status-withheld"}}</span></p>
	// {{- end}}
	// <dl class="doc-meta">
	withheld := d.Withheld()
	if withheld != "" {
		b = append(b, "\n<p class=\"status-summary status-withheld\"><span class=\"status-badge status status-withheld\">"...)
		b = appendEsc(b, p.T("status-withheld"))
		b = append(b, "</span></p>"...)
	}
	b = appendDocMeta(b)
	b = appendSender(b, p, d)
	// <div><dt>{{$p.T "date"}}</dt><dd><time datetime="{{.ISODate}}">{{.DateText}}</time></dd></div>
	b = appendTime(appendMeta(b, p, "date"), "", d.ISODate(), d.DateText())
	b = append(b, "</dd></div>"...)
	// {{- if not .Received.IsZero}}
	// <div><dt>{{$p.T "received"}}</dt><dd><time datetime="{{$p.ISODate .Received}}">{{$p.Date .Received}}</time></dd></div>
	// {{- end}}
	if !d.Received.IsZero() {
		b = appendTime(appendMeta(b, p, "received"), "", p.ISODate(d.Received), p.Date(d.Received))
		b = append(b, "</dd></div>"...)
	}
	// </dl>
	b = append(b, "\n</dl>"...)
	// {{- with .Answers}}
	// <div class="answers" role="note">
	if as := d.Answers(); len(as) > 0 {
		b = append(b, "\n<div class=\"answers\" role=\"note\">"...)
		// The letter's link, and when it was sent:
		// <a href="{{.URL}}">{{.Title}}</a>{{with .ISODate}}, {{$p.T "sent-on"}} <time datetime="{{.}}">{{$a.DateText}}</time>{{end}}.
		answer := func(a *Doc) {
			b = appendLink(b, a.URL(), a.Title())
			if iso := a.ISODate(); iso != "" {
				b = append(b, ", "...)
				b = appendEsc(b, p.T("sent-on"))
				b = appendTime(b, " ", iso, a.DateText())
			}
			b = append(b, '.')
		}
		if len(as) == 1 {
			// {{- if eq (len .) 1}}{{with index . 0}}{{$a := .}}
			// <p>{{$p.T "answers-letter"}} ANSWER</p>
			// {{- with $d.ReplyTiming .}}
			// <p>{{.}}</p>
			// {{- end}}
			// {{- end}}
			b = append(b, "\n<p>"...)
			b = appendEsc(b, p.T("answers-letter"))
			b = append(b, ' ')
			answer(as[0])
			b = append(b, "</p>"...)
			if t := d.ReplyTiming(as[0]); t != "" {
				b = append(b, "\n<p>"...)
				b = appendEsc(b, t)
				b = append(b, "</p>"...)
			}
		} else {
			// {{else}}
			// <p>{{$p.TN "answers-n-letters" (len .)}}</p>
			// <ul>
			// {{- range .}}
			// {{- $a := .}}
			// <li>ANSWER{{with $d.ReplyTiming .}} {{.}}{{end}}</li>
			// {{- end}}
			// </ul>
			// {{- end}}
			b = append(b, "\n<p>"...)
			b = appendEsc(b, p.TN("answers-n-letters", len(as)))
			b = append(b, "</p>\n<ul>"...)
			for _, a := range as {
				b = append(b, "\n<li>"...)
				answer(a)
				if t := d.ReplyTiming(a); t != "" {
					b = append(b, ' ')
					b = appendEsc(b, t)
				}
				b = append(b, "</li>"...)
			}
			b = append(b, "\n</ul>"...)
		}
		// </div>
		b = append(b, "\n</div>"...)
	}
	// {{- end}}
	// </header>
	b = append(b, "\n</header>"...)
	if w := withheld; w != "" {
		// {{- if .Withheld}}
		// <div class="sheet withheld">
		// <p><strong>{{$p.T "withheld-reason" .Withheld}}</strong></p>
		// <p>{{with $p.Owner}}{{$p.T "ask-for-copy"}} <a href="{{.ContactURL}}">{{.Label}}</a>.{{else}}{{$p.T "ask-for-copy-site"}}{{end}}</p>
		// </div>
		b = append(b, "\n<div class=\"sheet withheld\">\n<p><strong>"...)
		b = appendEsc(b, p.T("withheld-reason", w))
		b = append(b, "</strong></p>\n<p>"...)
		if o := p.Owner(); o != nil {
			b = appendEsc(b, p.T("ask-for-copy"))
			b = appendLink(append(b, ' '), o.ContactURL(), o.Label())
			b = append(b, '.')
		} else {
			b = appendEsc(b, p.T("ask-for-copy-site"))
		}
		b = append(b, "</p>\n</div>"...)
	} else {
		// {{- else}}
		// <div class="sheet">
		// <div class="body">
		// {{.Body}}
		// </div>
		// </div>
		b = append(b, "\n<div class=\"sheet\">\n<div class=\"body\">\n"...)
		b = d.appendBody(b)
		b = append(b, "\n</div>\n</div>"...)
	}
	// {{- end}}
	// {{template "partials/attachments.html" (dict "Page" $p "Doc" .)}}
	// </article>
	b = appendAttachments(append(b, '\n'), p, d)
	b = append(b, "\n</article>"...)
	// {{- with .Replies}}
	// <section class="panel follow-ups" aria-labelledby="follow-ups-heading">
	// <h2 id="follow-ups-heading">{{$p.T "follow-ups"}}</h2>
	// <ul>
	if rs := d.Replies(); len(rs) > 0 {
		b = append(b, "\n<section class=\"panel follow-ups\" aria-labelledby=\"follow-ups-heading\">\n<h2 id=\"follow-ups-heading\">"...)
		b = appendEsc(b, p.T("follow-ups"))
		b = append(b, "</h2>\n<ul>"...)
		// {{- range .}}
		// {{- $d := .}}
		// <li><a href="{{.URL}}">{{.Title}}</a>
		// <span class="thread-meta">{{.KindLabel}}{{with .ISODate}} · <time datetime="{{.}}">{{$d.DateText}}</time>{{end}}</span></li>
		// {{- end}}
		for _, r := range rs {
			b = appendLink(append(b, "\n<li>"...), r.URL(), r.Title())
			b = append(b, "\n<span class=\"thread-meta\">"...)
			b = appendEsc(b, r.KindLabel())
			if iso := r.ISODate(); iso != "" {
				b = appendTime(b, " · ", iso, r.DateText())
			}
			b = append(b, "</span></li>"...)
		}
		// </ul>
		// </section>
		b = append(b, "\n</ul>\n</section>"...)
	}
	// {{- end}}
	b = append(b, '\n')
	return appendThreadCitedTopics(b, p, d)
}

// fastReport mirrors layouts/report.html ("main"; . is the Page).
func fastReport(b []byte, p *Page) []byte {
	d := p.Doc // {{with .Doc}}
	if d == nil {
		return b
	}
	b = appendDocHeader(b, d, "report", true)
	// {{- with .Publisher}}
	// <div><dt>{{$p.T "publisher"}}</dt><dd>{{with $p.Doc.PublisherOrg}}{{partialCached "partials/org-link.html" . . $p.Lang}}{{else}}{{.}}{{end}}</dd></div>
	// {{- end}}
	if d.Publisher != "" {
		b = appendMeta(b, p, "publisher")
		if o := d.PublisherOrg(); o != nil {
			// partials/org-link.html: <a href="{{.URL}}">{{.Label}}</a>
			b = appendLink(b, o.URL(), o.Label())
		} else {
			b = appendEsc(b, d.Publisher)
		}
		b = append(b, "</dd></div>"...)
	}
	// {{- with .Authors}}
	// <div><dt>{{$p.T "authors"}}</dt><dd>{{join . ", "}}</dd></div>
	// {{- end}}
	if len(d.Authors) > 0 {
		b = appendEsc(appendMeta(b, p, "authors"), strings.Join(d.Authors, ", "))
		b = append(b, "</dd></div>"...)
	}
	// {{- with .DateText}}
	// <div><dt>{{$p.T "published"}}</dt><dd><time datetime="{{$.Doc.ISODate}}">{{.}}</time></dd></div>
	// {{- end}}
	if dt := d.DateText(); dt != "" {
		b = appendTime(appendMeta(b, p, "published"), "", d.ISODate(), dt)
		b = append(b, "</dd></div>"...)
	}
	// </dl>
	// </header>
	b = append(b, "\n</dl>\n</header>"...)
	// {{- if or .Doc.URL .File}}
	// <ul class="report-links">
	if d.Doc.URL != "" || d.File != "" {
		b = append(b, "\n<ul class=\"report-links\">"...)
		// {{- with .Doc.URL}}
		// <li><a href="{{.}}" rel="external">{{$p.T "publisher-page"}}</a></li>
		// {{- end}}
		if u := d.Doc.URL; u != "" {
			b = append(b, "\n<li><a href=\""...)
			b = appendURL(b, u)
			b = append(b, "\" rel=\"external\">"...)
			b = appendEsc(b, p.T("publisher-page"))
			b = append(b, "</a></li>"...)
		}
		// {{- with .File}}
		// <li><a href="{{$.Doc.FileURL .}}">{{$p.T "download-pdf"}}</a></li>
		// {{- end}}
		if f := d.File; f != "" {
			b = appendLink(append(b, "\n<li>"...), d.FileURL(f), p.T("download-pdf"))
			b = append(b, "</li>"...)
		}
		// </ul>
		b = append(b, "\n</ul>"...)
	}
	// {{- end}}
	// {{- with .Body}}
	// <div class="body">
	// {{.}}
	// </div>
	// {{- end}}
	b = appendBodyDiv(b, d)
	// </article>
	// <section class="panel cited-in" aria-labelledby="cited-in-heading">
	// <h2 id="cited-in-heading">{{$p.T "cited-in"}}</h2>
	b = append(b, "\n</article>\n<section class=\"panel cited-in\" aria-labelledby=\"cited-in-heading\">\n<h2 id=\"cited-in-heading\">"...)
	b = appendEsc(b, p.T("cited-in"))
	b = append(b, "</h2>"...)
	if cs := d.CitedBy(); len(cs) > 0 {
		// {{- with .CitedBy}}
		// <ul>
		// {{- range .}}{{$c := .}}
		// <li><a href="{{.URL}}"{{if and (eq $p.Lang "en") (ne .Lang "en")}} lang="{{.Lang}}"{{end}}>{{.Title}}</a> <span class="meta">{{.KindLabel}}{{with .ISODate}}, <time datetime="{{.}}">{{$c.DateText}}</time>{{end}}</span></li>
		// {{- end}}
		// </ul>
		b = append(b, "\n<ul>"...)
		for _, c := range cs {
			b = append(b, "\n<li><a href=\""...)
			b = appendURL(b, c.URL())
			b = append(b, '"')
			b = appendOtherLang(b, p, c)
			b = append(b, '>')
			b = appendEsc(b, c.Title())
			b = append(b, "</a> <span class=\"meta\">"...)
			b = appendEsc(b, c.KindLabel())
			if iso := c.ISODate(); iso != "" {
				b = appendTime(b, ", ", iso, c.DateText())
			}
			b = append(b, "</span></li>"...)
		}
		b = append(b, "\n</ul>"...)
	} else {
		// {{- else}}
		// <p>{{$p.T "not-cited"}}</p>
		b = append(b, "\n<p>"...)
		b = appendEsc(b, p.T("not-cited"))
		b = append(b, "</p>"...)
	}
	// {{- end}}
	// </section>
	// {{template "partials/topics.html" (dict "Page" $p "Doc" .)}}
	b = append(b, "\n</section>\n"...)
	b = appendTopics(b, p, d)
	return append(b, '\n')
}

// fastList mirrors layouts/list.html ("main"; . is the Page) with
// partials/doclist.html and partials/pagination.html. It runs only where
// partials/card.html is compiled too (see decideCompiled).
func fastList(b []byte, p *Page) []byte {
	l := p.List
	// {{- with .Topic}}
	// <nav class="breadcrumb" aria-label="{{$.T "breadcrumb"}}"><a href="{{$.URLFor "/topics/"}}">{{$.T "all-topics"}}</a></nav>
	// {{- end}}
	if p.Topic != nil {
		b = append(b, "\n<nav class=\"breadcrumb\" aria-label=\""...)
		b = appendEsc(b, p.T("breadcrumb"))
		b = append(b, "\">"...)
		b = appendLink(b, p.URLFor("/topics/"), p.T("all-topics"))
		b = append(b, "</nav>"...)
	}
	// <h1>{{.Title}}</h1>
	b = append(b, "\n<h1>"...)
	b = appendEsc(b, p.Title)
	b = append(b, "</h1>"...)
	// {{- with .List.Intro}}
	// <p class="intro">{{.}}</p>
	// {{- end}}
	if l.Intro != "" {
		b = append(b, "\n<p class=\"intro\">"...)
		b = appendEsc(b, l.Intro)
		b = append(b, "</p>"...)
	}
	switch {
	case len(l.Items) > 0:
		// {{- if .List.Items}}
		// <p class="count">{{.TN "n-items" .List.Total}}</p>
		// {{template "partials/doclist.html" (dict "Page" . "Items" .List.Items "Level" 2)}}
		// {{template "partials/pagination.html" (dict "Page" . "List" .List)}}
		b = append(b, "\n<p class=\"count\">"...)
		b = appendEsc(b, p.TN("n-items", l.Total))
		b = append(b, "</p>\n"...)
		b = appendDocList(b, p, l.Items, 2)
		b = append(b, '\n')
		b = appendPagination(b, p, l)
	case p.Section == "awaiting":
		// {{- else if eq .Section "awaiting"}}
		// <p>{{.T "nothing-awaiting"}}</p>
		b = append(b, "\n<p>"...)
		b = appendEsc(b, p.T("nothing-awaiting"))
		b = append(b, "</p>"...)
	default:
		// {{- else}}
		// <p>{{.T "no-correspondence"}}</p>
		b = append(b, "\n<p>"...)
		b = appendEsc(b, p.T("no-correspondence"))
		b = append(b, "</p>"...)
	}
	// {{- end}} and the newline before {{end}}
	return append(b, '\n')
}

// appendDocList mirrors layouts/partials/doclist.html (. is {Page, Items,
// Level}), its entries compiled (cards, as Renderer.cardList writes them).
func appendDocList(b []byte, p *Page, items []*Doc, level int) []byte {
	// <ol class="doclist">{{cards $p .Items .Level}}
	// </ol>
	b = append(b, "<ol class=\"doclist\">"...)
	for _, d := range items {
		p.deps = append(p.deps, d.Doc)
		b = append(b, '\n')
		b = appendCard(b, p, d, level)
	}
	// and the file's last newline
	return append(b, "\n</ol>\n"...)
}

// appendPagination mirrors layouts/partials/pagination.html (. is {Page,
// List}).
func appendPagination(b []byte, p *Page, l *List) []byte {
	// {{with .List}}{{if gt .PageCount 1}}
	if l.PageCount > 1 {
		// <nav class="pagination" aria-label="{{$p.T "pagination"}}">
		// <p>{{$p.T "page-n-of" .PageNum .PageCount}}</p>
		// <ul>
		b = append(b, "\n<nav class=\"pagination\" aria-label=\""...)
		b = appendEsc(b, p.T("pagination"))
		b = append(b, "\">\n<p>"...)
		b = appendEsc(b, p.T("page-n-of", l.PageNum, l.PageCount))
		b = append(b, "</p>\n<ul>"...)
		// {{- with .Prev}}
		// <li><a href="{{.}}" rel="prev">{{$p.T "previous"}}</a></li>
		// {{- end}}
		if l.Prev != "" {
			b = append(b, "\n<li><a href=\""...)
			b = appendURL(b, l.Prev)
			b = append(b, "\" rel=\"prev\">"...)
			b = appendEsc(b, p.T("previous"))
			b = append(b, "</a></li>"...)
		}
		// {{- range .Pages}}
		for _, pg := range l.Pages {
			switch {
			case pg.Gap:
				// <li class="gap" aria-hidden="true">…</li>
				b = append(b, "\n<li class=\"gap\" aria-hidden=\"true\">…</li>"...)
			case pg.Current:
				// <li><a href="{{.URL}}" aria-current="page">{{.Num}}</a></li>
				b = append(b, "\n<li><a href=\""...)
				b = appendURL(b, pg.URL)
				b = append(b, "\" aria-current=\"page\">"...)
				b = strconv.AppendInt(b, int64(pg.Num), 10)
				b = append(b, "</a></li>"...)
			default:
				// <li><a href="{{.URL}}">{{.Num}}</a></li>
				b = append(b, "\n<li><a href=\""...)
				b = appendURL(b, pg.URL)
				b = append(b, "\">"...)
				b = strconv.AppendInt(b, int64(pg.Num), 10)
				b = append(b, "</a></li>"...)
			}
		}
		// {{- with .Next}}
		// <li><a href="{{.}}" rel="next">{{$p.T "next"}}</a></li>
		// {{- end}}
		if l.Next != "" {
			b = append(b, "\n<li><a href=\""...)
			b = appendURL(b, l.Next)
			b = append(b, "\" rel=\"next\">"...)
			b = appendEsc(b, p.T("next"))
			b = append(b, "</a></li>"...)
		}
		// </ul>
		// </nav>
		b = append(b, "\n</ul>\n</nav>"...)
	}
	// {{- end}}{{end}} and the file's last newline
	return append(b, '\n')
}

// fastOrganisation mirrors layouts/organisation.html ("main"; . is the
// Page) with partials/org-chart.html, doclist.html and pagination.html.
// It runs only where partials/card.html is compiled too.
func fastOrganisation(b []byte, p *Page) []byte {
	// {{$p := .}}{{with .Doc}}{{$r := .Record}}
	d := p.Doc
	if d == nil {
		return b
	}
	r := d.Record()
	// <article class="organisation" aria-labelledby="doc-title">
	// <header class="doc-header">
	// <p class="doc-kind">{{.KindLabel}}</p>
	// <h1 id="doc-title">{{.Label}}</h1>
	// <dl class="doc-meta">
	b = append(b, "\n<article class=\"organisation\" aria-labelledby=\"doc-title\">\n<header class=\"doc-header\">\n<p class=\"doc-kind\">"...)
	b = appendEsc(b, d.KindLabel())
	b = append(b, "</p>\n<h1 id=\"doc-title\">"...)
	b = appendEsc(b, d.Label())
	b = append(b, "</h1>\n<dl class=\"doc-meta\">"...)
	// {{- with .Type}} ... {{- with .Holder}}: <div><dt>{{$p.T "type"}}</dt><dd>{{.}}</dd></div>
	for _, f := range [...]struct{ key, value string }{{"type", d.Type}, {"region", d.Region}, {"holder", d.Holder}} {
		if f.value != "" {
			b = append(b, "\n<div><dt>"...)
			b = appendEsc(b, p.T(f.key))
			b = append(b, "</dt><dd>"...)
			b = appendEsc(b, f.value)
			b = append(b, "</dd></div>"...)
		}
	}
	// {{- with .Address}}
	// <div><dt>{{$p.T "address"}}</dt><dd><address>{{range $i, $l := .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</address></dd></div>
	if len(d.Address) > 0 {
		b = append(b, "\n<div><dt>"...)
		b = appendEsc(b, p.T("address"))
		b = append(b, "</dt><dd><address>"...)
		for i, l := range d.Address {
			if i > 0 {
				b = append(b, "<br>"...)
			}
			b = appendEsc(b, l)
		}
		b = append(b, "</address></dd></div>"...)
	}
	// {{- with .Doc.URL}}
	// <div><dt>{{$p.T "website"}}</dt><dd><a href="{{.}}" rel="external">{{.}}</a></dd></div>
	if u := d.Doc.URL; u != "" {
		b = append(b, "\n<div><dt>"...)
		b = appendEsc(b, p.T("website"))
		b = append(b, "</dt><dd><a href=\""...)
		b = appendURL(b, u)
		b = append(b, "\" rel=\"external\">"...)
		b = appendEsc(b, u)
		b = append(b, "</a></dd></div>"...)
	}
	// </dl>
	// </header>
	b = append(b, "\n</dl>\n</header>"...)
	// {{- with .Body}}
	// <div class="body">
	// {{.}}
	// </div>
	b = appendBodyDiv(b, d)
	// {{- if $r.Received}}
	if r.Received != 0 {
		// <section class="panel record" aria-labelledby="record-heading">
		// <h2 id="record-heading">{{$p.T "reply-record"}}</h2>
		// <dl class="record-figures">
		b = append(b, "\n<section class=\"panel record\" aria-labelledby=\"record-heading\">\n<h2 id=\"record-heading\">"...)
		b = appendEsc(b, p.T("reply-record"))
		b = append(b, "</h2>\n<dl class=\"record-figures\">"...)
		figure := func(class, key string, n int) {
			// <div{{class}}><dt>{{$p.T key}}</dt><dd>{{n}}
			b = append(b, "\n<div"...)
			if class != "" {
				b = append(b, " class=\""...)
				b = append(b, class...)
				b = append(b, '"')
			}
			b = append(b, "><dt>"...)
			b = appendEsc(b, p.T(key))
			b = append(b, "</dt><dd>"...)
			b = strconv.AppendInt(b, int64(n), 10)
		}
		// <div><dt>{{$p.T "letters-received"}}</dt><dd>{{$r.Received}}</dd></div>
		figure("", "letters-received", r.Received)
		b = append(b, "</dd></div>"...)
		// <div><dt>{{$p.T "letters-due"}}</dt><dd>{{$r.Due}}</dd></div>
		figure("", "letters-due", r.Due)
		b = append(b, "</dd></div>"...)
		// <div class="status-replied"><dt>{{$p.T "replied"}}</dt><dd>{{$r.Replied}}</dd></div>
		figure("status-replied", "replied", r.Replied)
		b = append(b, "</dd></div>"...)
		// {{- with .RepliedShareParts}}
		// <div class="status-replied"><dt>{{$p.T "share-replied"}}</dt><dd>{{with .Pct}}{{.}} {{end}}<span class="meta">{{.Of}}</span></dd></div>
		// {{- end}} (and the same of .InTimeShareParts, "share-in-time")
		for _, f := range [...]struct {
			key   string
			share Share
		}{{"share-replied", d.RepliedShareParts()}, {"share-in-time", d.InTimeShareParts()}} {
			b = append(b, "\n<div class=\"status-replied\"><dt>"...)
			b = appendEsc(b, p.T(f.key))
			b = append(b, "</dt><dd>"...)
			if f.share.Pct != "" {
				b = appendEsc(b, f.share.Pct)
				b = append(b, ' ')
			}
			b = append(b, "<span class=\"meta\">"...)
			b = appendEsc(b, f.share.Of)
			b = append(b, "</span></dd></div>"...)
		}
		// <div class="status-withheld"><dt>{{$p.T "withheld"}}</dt><dd>{{$r.Withheld}}</dd></div>
		figure("status-withheld", "withheld", r.Withheld)
		b = append(b, "</dd></div>"...)
		// <div class="status-awaiting"><dt>{{$p.T "awaiting-count"}}</dt><dd>{{$r.Awaiting}}</dd></div>
		figure("status-awaiting", "awaiting-count", r.Awaiting)
		b = append(b, "</dd></div>"...)
		// <div class="status-overdue"><dt>{{$p.T "overdue"}}</dt><dd>{{$r.Overdue}}</dd></div>
		figure("status-overdue", "overdue", r.Overdue)
		b = append(b, "</dd></div>"...)
		// {{- if $r.LongOverdue}}
		// <div class="status-long-overdue"><dt>{{$p.T "long-overdue-count"}}</dt><dd>{{$r.LongOverdue}}</dd></div>
		// {{- end}}
		if r.LongOverdue != 0 {
			figure("status-long-overdue", "long-overdue-count", r.LongOverdue)
			b = append(b, "</dd></div>"...)
		}
		// <div><dt>{{$p.T "median-days"}}</dt><dd>{{if ge $r.MedianDays 0}}{{$r.MedianDays}}{{else}}–{{end}}</dd></div>
		b = append(b, "\n<div><dt>"...)
		b = appendEsc(b, p.T("median-days"))
		b = append(b, "</dt><dd>"...)
		if r.MedianDays >= 0 {
			b = strconv.AppendInt(b, int64(r.MedianDays), 10)
		} else {
			b = append(b, "–"...)
		}
		b = append(b, "</dd></div>"...)
		// </dl>
		// <p class="record-note">{{$p.RecordNote}}</p>
		// {{template "partials/org-chart.html" (dict "Page" $p "Doc" .)}}
		// </section>
		b = append(b, "\n</dl>\n<p class=\"record-note\">"...)
		b = appendEsc(b, p.RecordNote())
		b = append(b, "</p>\n"...)
		b = appendOrgChart(b, d)
		b = append(b, "\n</section>"...)
	}
	// {{- end}}
	// <section class="correspondence" aria-labelledby="correspondence-heading">
	// <h2 id="correspondence-heading">{{$p.T "correspondence"}}{{if $p.List.Total}} <span class="meta">({{$p.List.Total}})</span>{{end}}</h2>
	l := p.List
	b = append(b, "\n<section class=\"correspondence\" aria-labelledby=\"correspondence-heading\">\n<h2 id=\"correspondence-heading\">"...)
	b = appendEsc(b, p.T("correspondence"))
	if l.Total != 0 {
		b = append(b, " <span class=\"meta\">("...)
		b = strconv.AppendInt(b, int64(l.Total), 10)
		b = append(b, ")</span>"...)
	}
	b = append(b, "</h2>"...)
	if len(l.Items) > 0 {
		// {{- if $p.List.Items}}
		// {{template "partials/doclist.html" (dict "Page" $p "Items" $p.List.Items "Level" 3)}}
		// {{template "partials/pagination.html" (dict "Page" $p "List" $p.List)}}
		b = append(b, '\n')
		b = appendDocList(b, p, l.Items, 3)
		b = append(b, '\n')
		b = appendPagination(b, p, l)
	} else {
		// {{- else}}
		// <p>{{$p.T "no-correspondence"}}</p>
		b = append(b, "\n<p>"...)
		b = appendEsc(b, p.T("no-correspondence"))
		b = append(b, "</p>"...)
	}
	// {{- end}}
	// <p><a href="{{$p.Feed}}">{{$p.T "feed-of" .Label}}</a></p>
	// </section>
	// </article>
	b = append(b, "\n<p><a href=\""...)
	b = appendURL(b, p.Feed)
	b = append(b, "\">"...)
	b = appendEsc(b, p.T("feed-of", d.Label()))
	return append(b, "</a></p>\n</section>\n</article>\n"...)
}

// appendOrgChart mirrors layouts/partials/org-chart.html (. is {Page,
// Doc}).
func appendOrgChart(b []byte, d *Doc) []byte {
	// {{with .Doc.ReplyTimes}}{{if not .SVG}}
	// <p class="chart-few">{{.Empty}}</p>
	// {{- else}}
	if c := d.ReplyTimes(); c != nil && c.SVG == "" {
		b = append(b, "\n<p class=\"chart-few\">"...)
		b = appendEsc(b, c.Empty)
		b = append(b, "</p>"...)
	} else if c != nil {
		// <figure class="chart chart-small">
		// <figcaption>{{.Caption}}</figcaption>
		// {{.SVG}}
		// <table class="chart-table">
		// <caption>{{.Table.Caption}}</caption>
		// <thead>
		// <tr>{{range $i, $h := .Table.Head}}<th scope="col"{{if $i}} class="num"{{end}}>{{$h}}</th>{{end}}</tr>
		// </thead>
		// <tbody>
		b = append(b, "\n<figure class=\"chart chart-small\">\n<figcaption>"...)
		b = appendEsc(b, c.Caption)
		b = append(b, "</figcaption>\n"...)
		b = append(b, c.SVG...)
		b = append(b, "\n<table class=\"chart-table\">\n<caption>"...)
		b = appendEsc(b, c.Table.Caption)
		b = append(b, "</caption>\n<thead>\n<tr>"...)
		for i, h := range c.Table.Head {
			b = append(b, "<th scope=\"col\""...)
			if i > 0 {
				b = append(b, " class=\"num\""...)
			}
			b = append(b, '>')
			b = appendEsc(b, h)
			b = append(b, "</th>"...)
		}
		b = append(b, "</tr>\n</thead>\n<tbody>"...)
		// {{- range .Table.Rows}}
		// <tr><th scope="row">{{.Head}}</th>{{range .Cells}}<td class="num">{{.}}</td>{{end}}</tr>
		// {{- end}}
		for _, row := range c.Table.Rows {
			b = append(b, "\n<tr><th scope=\"row\">"...)
			b = appendEsc(b, row.Head)
			b = append(b, "</th>"...)
			for _, cell := range row.Cells {
				b = append(b, "<td class=\"num\">"...)
				b = appendEsc(b, cell)
				b = append(b, "</td>"...)
			}
			b = append(b, "</tr>"...)
		}
		// </tbody>
		// </table>
		// </figure>
		b = append(b, "\n</tbody>\n</table>\n</figure>"...)
	}
	// {{- end}}{{end}} and the file's last newline
	return append(b, '\n')
}

// appendBodyDiv is "{{- with .Body}}<div class="body">{{.}}</div>{{- end}}"
// of the report and organisation pages.
func appendBodyDiv(b []byte, d *Doc) []byte {
	if body := d.bodyBytes(); len(body) > 0 {
		b = append(b, "\n<div class=\"body\">\n"...)
		b = append(b, body...)
		b = append(b, "\n</div>"...)
	}
	return b
}
