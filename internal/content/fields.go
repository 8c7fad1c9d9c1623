package content

import (
	"net/url"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"letterpress/internal/config"
	"letterpress/internal/diag"
	"letterpress/internal/frontmatter"
)

// common lists the fields the contract defines for every kind.
var common = []string{"title", "date", "summary", "draft", "lang", "topics", "aliases"}

// known lists the fields the contract defines for each kind; anything else
// is kept in Params, with a warning when it looks like a misspelt field.
var known = [numKinds][]string{
	Letter:       append([]string{"to", "from", "cites", "response_due", "response_working_days", "reference", "in_reply_to", "attachments"}, common...),
	Response:     append([]string{"from", "in_reply_to", "received", "withheld", "cites", "attachments"}, common...),
	Report:       append([]string{"publisher", "year", "url", "file", "authors"}, common...),
	Organisation: append([]string{"name", "type", "region", "holder", "address", "url"}, common...),
	Page:         common,
}

// Fields returns the front matter keys the contract defines for kind k.
func Fields(k Kind) []string { return known[k] }

func decodeFields(d *Doc, f *frontmatter.Fields, cfg *config.Config, errs *diag.List, ch *chunks) {
	switch d.Kind {
	case Letter:
		f.Require("letter", "title", "date", "to")
	case Response:
		f.Require("response", "date", "from", "in_reply_to")
	case Report, Page:
		f.Require(d.Kind.String(), "title")
	case Organisation:
		f.Require("organisation", "name")
	}

	d.ReportOrg = reportOrg(d.Kind)
	d.Title = ch.str(f.String("title"))
	d.TitlePos = compact(f.Pos("title"))
	var datePos diag.Pos
	d.Date, datePos = f.Date("date")
	d.DatePos = compact(datePos)
	d.Summary = f.String("summary")
	d.Draft = f.Bool("draft")
	d.Lang = cfg.Language
	if d.Translation {
		d.Lang = "cy"
	}
	if f.Has("lang") {
		lang := f.String("lang")
		switch {
		case lang != "en" && lang != "cy":
			errs.Errorf(f.Pos("lang"), "lang must be en or cy, not %q", lang)
		case d.Translation && lang != "cy":
			errs.Errorf(f.Pos("lang"), "a .cy.md file is the Welsh version: its lang is cy, not %q", lang)
		case lang == "cy":
			d.Lang = "cy" // not a string of its own for each document
		default:
			d.Lang = "en"
		}
	}
	d.Topics = refs(f, "topics", false, ch)
	for i, t := range d.Topics {
		// The topics' ids in site.yaml, rather than a copy of one in
		// each document.
		if tp, ok := cfg.Topic(t.ID); ok {
			d.Topics[i].ID = tp.ID
		}
	}
	aliases, apos := f.Strings("aliases", false)
	for i, a := range aliases {
		if why := aliasProblem(a); why != "" {
			errs.Errorf(apos[i], "alias %q %s", a, why)
			continue
		}
		d.Aliases = append(d.Aliases, a)
		d.AliasPos = append(d.AliasPos, compact(apos[i]))
	}

	switch d.Kind {
	case Letter:
		d.To = recipients(f, errs, ch)
		if f.Has("from") {
			d.From = ref(f, "from")
		} else {
			d.From = Ref{ID: cfg.Owner, Pos: ownerPos}
			if cfg.OwnerPos.Path != config.File {
				d.From.Pos = compact(cfg.OwnerPos) // a Config not made by config.Load
			}
		}
		d.Cites = refs(f, "cites", false, ch)
		var duePos diag.Pos
		d.ResponseDue, duePos = f.Date("response_due")
		d.DuePos = compact(duePos)
		if !d.ResponseDue.IsZero() && !d.Date.IsZero() && d.ResponseDue.Before(d.Date) {
			errs.Errorf(duePos, "response_due %s is before the letter's date %s: a reply cannot be due before the letter is sent", d.ResponseDue.Format(time.DateOnly), d.Date.Format(time.DateOnly))
			d.ResponseDue = time.Time{}
		}
		if n := f.Node("reference"); n != nil {
			// Text; a number (reference: 2020041) reads as its digits.
			if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
				d.Reference = strings.TrimSpace(n.Value)
			} else if n.Tag != "!!null" {
				errs.Errorf(f.PosOf(n), "reference must be text, such as IASC/2020/041, not a list or a map")
			}
		}
		if n, ok := f.Int("response_working_days"); ok {
			if n < 1 || n > 2500 {
				errs.Errorf(f.Pos("response_working_days"), "response_working_days must be between 1 and 2500, not %d", n)
			} else {
				d.ResponseWorkingDays = n
			}
		}
		d.InReplyTo = refs(f, "in_reply_to", true, ch)
		if len(d.InReplyTo) > 1 {
			errs.Errorf(d.At(d.InReplyTo[1].Pos), "a letter answers one response: in_reply_to takes a single response id")
			d.InReplyTo = d.InReplyTo[:1]
		}
		d.Attachments = attachments(f, errs)
	case Response:
		d.From = ref(f, "from")
		d.InReplyTo = refs(f, "in_reply_to", true, ch)
		d.Received, _ = f.Date("received")
		d.Withheld = f.String("withheld")
		if f.Has("withheld") && strings.TrimSpace(d.Withheld) == "" {
			errs.Errorf(f.Pos("withheld"), "withheld needs the reason the reply is not published, shown in its place")
		}
		d.Cites = refs(f, "cites", false, ch)
		d.Attachments = attachments(f, errs)
		if !d.Received.IsZero() && !d.Date.IsZero() && d.Received.Before(d.Date) {
			errs.Errorf(f.Pos("received"), "received %s is before the reply's date %s", d.Received.Format("2006-01-02"), d.Date.Format("2006-01-02"))
		}
	case Report:
		r := d.ReportOrg
		r.Publisher = f.String("publisher")
		if y, ok := f.Int("year"); ok {
			switch {
			case y < 1000 || y > 9999:
				errs.Errorf(f.Pos("year"), "year must have four digits, not %d", y)
			case y < frontmatter.FirstYear || y > frontmatter.LastYear:
				errs.Errorf(f.Pos("year"), "year %d is outside the years %d to %d that dates may be in: check it", y, frontmatter.FirstYear, frontmatter.LastYear)
			default:
				r.Year = y
			}
		}
		if r.Year == 0 && !d.Date.IsZero() {
			r.Year = d.Date.Year()
		}
		if !d.Date.IsZero() && f.Has("year") && r.Year != d.Date.Year() {
			errs.Errorf(f.Pos("year"), "year %d does not match date %s: give one or the other", r.Year, d.Date.Format("2006-01-02"))
		}
		r.URL = webURL(f, "url", errs)
		r.File = staticPath(f, "file", f.String("file"), f.Pos("file"), errs)
		r.FilePos = compact(f.Pos("file"))
		r.Authors, _ = f.Strings("authors", false)
	case Organisation:
		r := d.ReportOrg
		r.Name = f.String("name")
		d.TitlePos = compact(f.Pos("name"))
		r.Type = f.String("type")
		r.Region = f.String("region")
		r.Holder = f.String("holder")
		r.Address, _ = f.Strings("address", true)
		r.URL = webURL(f, "url", errs)
	}

	d.Params = f.Unused()
	for k := range d.Params {
		if s := diag.Suggest(k, known[d.Kind]); s != "" {
			errs.Warnf(f.KeyPos(k), "unknown field %q is kept for templates as .Params.%s; did you mean %q?", k, k, s)
		}
	}
}

func ref(f *frontmatter.Fields, key string) Ref {
	n := f.Node(key)
	if n == nil {
		return Ref{}
	}
	s, ok := f.ItemString(key, frontmatter.Item{Node: n, Pos: f.PosOf(n)})
	if !ok {
		return Ref{}
	}
	return Ref{ID: strings.TrimSpace(s), Pos: compact(f.PosOf(n))}
}

// refs reads a list of ids (or a single id, when single).
func refs(f *frontmatter.Fields, key string, single bool, ch *chunks) []Ref {
	var out []Ref
	items := f.List(key, single)
	for _, it := range items {
		s, ok := f.ItemString(key, it)
		if !ok {
			continue
		}
		s = strings.TrimSpace(s)
		if out == nil {
			out = ch.refList(len(items))
		}
		out = append(out, Ref{ID: s, Pos: compact(it.Pos)})
	}
	return out
}

func recipients(f *frontmatter.Fields, errs *diag.List, ch *chunks) []Recipient {
	var out []Recipient
	items := f.List("to", true)
	add := func(r Recipient) {
		if out == nil {
			out = ch.recipientList(len(items))
		}
		out = append(out, r)
	}
	for _, it := range items {
		if it.Node.Kind == yaml.ScalarNode {
			add(Recipient{Org: Ref{ID: strings.TrimSpace(it.Node.Value), Pos: compact(it.Pos)}})
			continue
		}
		m, ok := f.ItemMap("a recipient", it, "org", "name", "role")
		if !ok {
			errs.Errorf(it.Pos, "each recipient in to: is an organisation id, or a map {org: ID, name: \"Addressee\", role: \"Their role\"}")
			continue
		}
		org, opos, ok := m.String("org")
		if !ok {
			errs.Errorf(m.Pos, "recipient has no org: give the organisation id, as in {org: ID, name: \"Addressee\"}")
			continue
		}
		name, _, _ := m.String("name")
		role, _, _ := m.String("role")
		add(Recipient{Org: Ref{ID: strings.TrimSpace(org), Pos: compact(opos)}, Name: name, Role: role})
	}
	return out
}

func attachments(f *frontmatter.Fields, errs *diag.List) []Attachment {
	var out []Attachment
	for _, it := range f.List("attachments", false) {
		m, ok := f.ItemMap("an attachment", it, "title", "file")
		if !ok {
			errs.Errorf(it.Pos, "each attachment is a map {title: \"...\", file: path/under/static.pdf}")
			continue
		}
		title, _, _ := m.String("title")
		file, fpos, ok := m.String("file")
		if !ok {
			errs.Errorf(m.Pos, "attachment has no file: give its path under static/")
			continue
		}
		if strings.TrimSpace(title) == "" {
			errs.Errorf(m.Pos, "attachment %q has no title: readers need to know what the file is", file)
		}
		if p := staticPath(f, "attachment", file, fpos, errs); p != "" {
			out = append(out, Attachment{Title: title, File: p, Pos: compact(fpos)})
		}
	}
	return out
}

// staticPath checks a path to a file under static/ and returns it cleaned,
// without a leading slash or "static/" prefix.
func staticPath(_ *frontmatter.Fields, what, p string, pos diag.Pos, errs *diag.List) string {
	if p == "" {
		return ""
	}
	clean := strings.TrimPrefix(strings.TrimPrefix(p, "/"), "static/")
	if clean == "." || hasControl(p) || strings.Contains(p, "\\") || strings.Contains(p, "://") || path.IsAbs(clean) || clean != path.Clean(clean) || strings.HasPrefix(path.Clean(clean), "..") || strings.Contains(clean, "/../") || strings.HasPrefix(clean, "../") {
		errs.Errorf(pos, "%s path %q must be a plain path under static/, such as files/letter.pdf (no .., no backslashes, no URL)", what, p)
		return ""
	}
	return clean
}

func webURL(f *frontmatter.Fields, key string, errs *diag.List) string {
	u := strings.TrimSpace(f.String(key))
	if u == "" {
		return ""
	}
	lower := strings.ToLower(u)
	if !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://") {
		errs.Errorf(f.Pos(key), "%s %q must be a web address starting with https://", key, u)
		return ""
	}
	return u
}

// hasControl reports a control character (a newline, say), which has no
// place in a path and would break the line-based files paths are written to.
func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029'
	})
}

// aliasProblem says what is wrong with an alias, or "" if it is a plain
// site path. Each alias becomes a forced rule of Netlify's _redirects, in
// which * is a wildcard, :name a placeholder, white space separates the
// fields and a new line starts a rule; so an alias of /*, or /:splat,
// or / itself would send every visitor, or the home page's, elsewhere.
func aliasProblem(a string) string {
	const plain = "must be a site path starting with /, such as /letters/old-name/"
	// Control characters would start a new rule.
	if !strings.HasPrefix(a, "/") || strings.Contains(a, "..") || strings.ContainsAny(a, " \t\"'<>\\") || hasControl(a) {
		return plain
	}
	if a == "/" {
		return "would send the home page elsewhere: an alias is an old address of this page, such as /letters/old-name/"
	}
	if strings.ContainsAny(a, "*:") {
		return "has * or :, which Netlify's _redirects reads as a wildcard or a placeholder matching many addresses: " + plain + ", every character as it is"
	}
	if strings.ContainsAny(a, "?#") {
		return "has ? or #: an alias is a path only, without a query or a fragment, such as /letters/old-name/"
	}
	if strings.ContainsAny(a, "\"'<>\\`{}|^") || strings.ContainsFunc(a, unsafeInPath) {
		return plain + ", without spaces, quotes or control characters (write them percent-encoded, as %20)"
	}
	// Percent-encoded, the path must still be plain: %2F is a slash,
	// %2A a star, %2E%2E a step up.
	decoded, err := url.PathUnescape(a)
	if err != nil {
		return plain + ", with % only in escapes such as %20"
	}
	if strings.ContainsAny(decoded, "*:?#\"'<>\\`{}|^") || strings.ContainsFunc(decoded, func(r rune) bool { return r != ' ' && unsafeInPath(r) }) || strings.Contains(strings.ToLower(a), "%2f") {
		return plain + ", whose escapes stand for plain characters"
	}
	for seg := range strings.SplitSeq(strings.TrimSuffix(decoded[1:], "/"), "/") {
		if seg == "" || seg == "." || seg == ".." {
			return plain + ", without empty, . or .. steps"
		}
	}
	return ""
}

// unsafeInPath reports a character with no place in an alias: white space,
// control characters, and invisible formatting (bidirectional overrides,
// zero-width characters), which would make two aliases look the same.
func unsafeInPath(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError
}
