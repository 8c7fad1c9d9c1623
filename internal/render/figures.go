package render

import (
	"strconv"

	"letterpress/internal/i18n"
	"letterpress/internal/stats"
)

// The figures of the reply records, written the same way on every page
// that shows them (an organisation's record panel, the organisations
// table, the statistics): each share of replies is taken over the letters
// whose reply was due before the build date, and says so ("67% (6 of 9
// due)"). The counts come from graph.Record, the one place they are
// computed.

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
