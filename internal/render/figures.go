package render

import (
	"strconv"

	"golang.org/x/text/feature/plural"

	"letterpress/internal/i18n"
	"letterpress/internal/stats"
)

// The figures of the reply records, written the same way on every page
// that shows them (an organisation's record panel, the organisations
// table, the statistics): each share of replies is taken over the letters
// whose reply was due before the build date, and says so ("67% (6 of 9
// due)"). The counts come from graph.Record, the one place they are
// computed.

// figurePluralMessages are the home page's counts, by CLDR plural form.
var figurePluralMessages = map[string][2]i18n.Forms{
	"n-replies-received": {
		{plural.One: "reply received", plural.Other: "replies received"},
		{plural.Other: "ymateb wedi dod i law"},
	},
	"n-unpublished": {
		{plural.Other: "of them not published"},
		{plural.One: "ohonynt heb ei gyhoeddi", plural.Other: "ohonynt heb eu cyhoeddi"},
	},
}

var figureMessages = map[string][2]string{
	"share-of":      {"(%s of %s due)", "(%s o %s yn ddyledus)"},
	"letters-due":   {"Letters due a reply", "Llythyrau y disgwylir ateb iddynt"},
	"share-replied": {"Share replied", "Cyfran a atebwyd"},
	"share-in-time": {"Share replied in time", "Cyfran a atebwyd mewn pryd"},
	"in-time":       {"Replied in time", "Atebwyd mewn pryd"},
	"by-in-time":    {"share replied in time", "cyfran a atebwyd mewn pryd"},
	"record-note":   {"Shares are of the letters whose reply was due before %s, the date of these figures. A reply counts as in time when it arrived on or before the date it was due. Letters not yet due are left out of the shares, answered or not, until they fall due.", "Mae'r cyfrannau o'r llythyrau yr oedd disgwyl ateb iddynt cyn %s, dyddiad y ffigurau hyn. Mae ateb yn cyfrif fel un mewn pryd pan gyrhaeddodd ar neu cyn y dyddiad yr oedd disgwyl iddo. Gadewir llythyrau nad ydynt yn ddyledus eto allan o'r cyfrannau, wedi'u hateb neu beidio, nes eu bod yn ddyledus."},
	"latest-others": {"Other recent correspondence", "Gohebiaeth ddiweddar arall"},
}

// Share is a share of the letters due in two parts, for a figure set in
// large type with its note in small: Pct ("67%", or "" when none is due)
// and Of ("(6 of 9 due)", or "none due yet").
type Share struct{ Pct, Of string }

func shareParts(lang string, part, due int) Share {
	if due == 0 {
		return Share{Of: text.T(lang, "none-due")}
	}
	return Share{Pct: strconv.Itoa(i18n.Percent(part, due)) + "%", Of: text.T(lang, "share-of", i18n.Int(part), i18n.Int(due))}
}

// RepliedShareParts is RepliedShare in two parts.
func (d *Doc) RepliedShareParts() Share {
	r := d.Record()
	return shareParts(d.page.Lang, r.DueReplied, r.Due)
}

// InTimeShareParts is InTimeShare in two parts.
func (d *Doc) InTimeShareParts() Share {
	r := d.Record()
	return shareParts(d.page.Lang, r.InTime, r.Due)
}

// RepliedShare is the share of the letters due that the organisation
// replied to, in time or late: "78% (7 of 9 due)".
func (d *Doc) RepliedShare() string {
	r := d.Record()
	return stats.ShareOfDue(d.page.Lang, r.DueReplied, r.Due)
}

// InTimeShare is the share of the letters due that the organisation
// replied to in time: "67% (6 of 9 due)".
func (d *Doc) InTimeShare() string {
	r := d.Record()
	return stats.ShareOfDue(d.page.Lang, r.InTime, r.Due)
}

// NotYetDue is how many letters to the organisation are not yet due
// (answered or not): those left out of its shares.
func (d *Doc) NotYetDue() int {
	r := d.Record()
	return r.Received - r.Due
}

// RecordNote says what the shares of a record are out of.
func (p *Page) RecordNote() string { return p.T("record-note", p.Date(p.g.Now)) }
