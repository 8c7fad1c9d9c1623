package render

import (
	"fmt"
	"time"

	"letterpress/internal/opendata"
	"letterpress/internal/stats"
)

// messages holds the interface text in English and Welsh: render's own
// and that of the sections (sections.go). A page's language decides which
// is used; dates, labels and status words all follow it.
var messages = joinMessages(baseMessages, figureMessages, searchMessages, opendata.Messages, stats.Messages)

// baseMessages are the texts of the pages of documents and lists.
var baseMessages = map[string][2]string{
	"skip":                {"Skip to main content", "Neidio i'r prif gynnwys"},
	"home":                {"Home", "Hafan"},
	"letters":             {"Letters", "Llythyrau"},
	"responses":           {"Replies", "Ymatebion"},
	"reports":             {"Reports", "Adroddiadau"},
	"organisations":       {"Organisations", "Sefydliadau"},
	"topics":              {"Topics", "Pynciau"},
	"awaiting":            {"Awaiting reply", "Yn aros am ymateb"},
	"letter":              {"Letter", "Llythyr"},
	"response":            {"Reply", "Ymateb"},
	"report":              {"Report", "Adroddiad"},
	"organisation":        {"Organisation", "Sefydliad"},
	"page":                {"Page", "Tudalen"},
	"primary-nav":         {"Main", "Prif"},
	"breadcrumb":          {"Breadcrumb", "Briwsion bara"},
	"draft":               {"Draft: not published. This page is shown only in the preview.", "Drafft: heb ei gyhoeddi. Dim ond yn y rhagolwg y dangosir y dudalen hon."},
	"from":                {"From", "Oddi wrth"},
	"to":                  {"To", "At"},
	"date":                {"Date", "Dyddiad"},
	"sent":                {"Sent", "Anfonwyd"},
	"received":            {"Received", "Derbyniwyd"},
	"reply-status":        {"Reply status", "Statws ymateb"},
	"status-replied":      {"Replied", "Wedi ymateb"},
	"status-withheld":     {"Replied, not published", "Wedi ymateb, heb ei gyhoeddi"},
	"status-awaiting":     {"Awaiting reply", "Yn aros am ymateb"},
	"status-overdue":      {"Overdue", "Hwyr"},
	"status-long-overdue": {"Long overdue", "Hwyr iawn"},
	"long-overdue-count":  {"Of them long overdue (past twice the time allowed)", "Ohonynt yn hwyr iawn (dros ddwywaith yr amser a ganiateir)"},
	"due-on":              {"reply due by %s", "disgwylir ymateb erbyn %s"},
	"own-awaiting":        {"Awaiting reply, due %s", "Yn aros am ymateb, disgwylir erbyn %s"},
	"own-overdue":         {"Overdue, due %s (%s)", "Hwyr, disgwyliwyd erbyn %s (%s)"},
	"own-long-overdue":    {"Long overdue, due %s (%s)", "Hwyr iawn, disgwyliwyd erbyn %s (%s)"},
	"was-due":             {"due", "disgwyliwyd erbyn"},
	"is-due":              {"due", "disgwylir erbyn"},
	"in-en":               {"(English)", "(Saesneg)"},
	"in-cy":               {"(Welsh)", "(Cymraeg)"},
	"all-topics":          {"All topics", "Pob pwnc"},
	"withheld-reason":     {"The reply was received but is not published: %s", "Derbyniwyd yr ymateb ond nid yw wedi'i gyhoeddi: %s"},
	"read-reply":          {"Read the reply", "Darllen yr ymateb"},
	"replied-after":       {"replied in %s", "ymatebodd mewn %s"},
	"overdue-for":         {"%s overdue, due %s", "%s yn hwyr, disgwyliwyd erbyn %s"},
	"withheld-link":       {"Reply received, not published", "Derbyniwyd ymateb, heb ei gyhoeddi"},
	"ask-for-copy":        {"To ask for a copy, contact", "I ofyn am gopi, cysylltwch â"},
	"ask-for-copy-site":   {"To ask for a copy, contact the publisher of this site.", "I ofyn am gopi, cysylltwch â chyhoeddwr y wefan hon."},
	"line-replied":        {"Replied in %s", "Wedi ymateb mewn %s"},
	"line-withheld":       {"Replied in %s, not published", "Wedi ymateb mewn %s, heb ei gyhoeddi"},
	"line-awaiting":       {"Awaiting reply, due %s", "Yn aros am ymateb, disgwylir erbyn %s"},
	"line-overdue":        {"Overdue: %s, due %s", "Hwyr: %s, disgwyliwyd erbyn %s"},
	"line-long-overdue":   {"Long overdue: %s, due %s", "Hwyr iawn: %s, disgwyliwyd erbyn %s"},
	"timing-in-time":      {"Replied %s after the letter, within the %s allowed.", "Ymatebwyd %s ar ôl y llythyr, o fewn y %s a ganiateir."},
	"timing-same-day":     {"Replied on the day of the letter, within the %s allowed.", "Ymatebwyd ar ddiwrnod y llythyr, o fewn y %s a ganiateir."},
	"timing-in-time-due":  {"Replied %s after the letter, within the time allowed (due by %s).", "Ymatebwyd %s ar ôl y llythyr, o fewn yr amser a ganiateir (erbyn %s)."},
	"timing-same-day-due": {"Replied on the day of the letter, within the time allowed (due by %s).", "Ymatebwyd ar ddiwrnod y llythyr, o fewn yr amser a ganiateir (erbyn %s)."},
	"after-the-letter":    {"%s after the letter", "%s ar ôl y llythyr"},
	"reply-due":           {"Reply due", "Ymateb yn ddyledus"},
	"timing-late":         {"Replied %s after the letter, %s after it was due (%s).", "Ymatebwyd %s ar ôl y llythyr, %s ar ôl y dyddiad disgwyliedig (%s)."},
	"sent-on":             {"sent", "a anfonwyd ar"},
	"reference":           {"Reference", "Cyfeirnod"},
	"web-address":         {"Web address", "Cyfeiriad gwe"},
	"thread":              {"Correspondence in this thread", "Gohebiaeth yn yr edefyn hwn"},
	"this-document":       {"(this page)", "(y dudalen hon)"},
	"cited-reports":       {"Reports cited", "Adroddiadau a ddyfynnwyd"},
	"cited-in":            {"Cited in", "Dyfynnwyd yn"},
	"not-cited":           {"Not cited in any published correspondence yet.", "Heb ei ddyfynnu mewn unrhyw ohebiaeth gyhoeddedig eto."},
	"attachments":         {"Attachments", "Atodiadau"},
	"in-reply-to":         {"In reply to", "Mewn ymateb i"},
	"answers-letter":      {"This is a reply to", "Dyma ymateb i"},
	"follow-ups":          {"Follow-up letters", "Llythyrau dilynol"},
	"publisher":           {"Publisher", "Cyhoeddwr"},
	"authors":             {"Authors", "Awduron"},
	"published":           {"Published", "Cyhoeddwyd"},
	"publisher-page":      {"The publisher's page for this report", "Tudalen y cyhoeddwr ar gyfer yr adroddiad hwn"},
	"download-pdf":        {"Download the report (PDF)", "Lawrlwytho'r adroddiad (PDF)"},
	"type":                {"Type", "Math"},
	"region":              {"Region", "Rhanbarth"},
	"holder":              {"Office-holder", "Deiliad y swydd"},
	"address":             {"Address", "Cyfeiriad"},
	"website":             {"Website", "Gwefan"},
	"reply-record":        {"Reply record", "Cofnod ymateb"},
	"letters-received":    {"Letters received", "Llythyrau a dderbyniwyd"},
	"replied":             {"Replied", "Wedi ymateb"},
	"withheld":            {"Replied, not published", "Wedi ymateb, heb ei gyhoeddi"},
	"awaiting-count":      {"Awaiting reply", "Yn aros am ymateb"},
	"overdue":             {"Overdue", "Hwyr"},
	"median-days":         {"Median days to reply", "Canolrif diwrnodau i ymateb"},
	"reply-rate":          {"Replied", "Wedi ymateb"},
	"correspondence":      {"Correspondence", "Gohebiaeth"},
	"no-correspondence":   {"No published correspondence.", "Dim gohebiaeth gyhoeddedig."},
	"name":                {"Name", "Enw"},
	"sort-by":             {"Sort by", "Trefnu yn ôl"},
	"sorted-by":           {"sorted by %s", "wedi'u trefnu yn ôl %s"},
	"pagination":          {"Pages", "Tudalennau"},
	"previous":            {"Previous page", "Tudalen flaenorol"},
	"next":                {"Next page", "Tudalen nesaf"},
	"page-n-of":           {"Page %d of %d", "Tudalen %d o %d"},
	"latest":              {"Latest correspondence", "Gohebiaeth ddiweddaraf"},
	"all-letters":         {"All letters", "Pob llythyr"},
	"counts":              {"In numbers", "Mewn rhifau"},
	"see-awaiting":        {"See every letter awaiting a reply", "Gweld pob llythyr sy'n aros am ymateb"},
	"awaiting-intro":      {"Every letter with at least one recipient who has not yet replied, most overdue first.", "Pob llythyr ag o leiaf un derbynnydd sydd heb ymateb eto, y mwyaf hwyr yn gyntaf."},
	"nothing-awaiting":    {"Every letter has been answered.", "Mae pob llythyr wedi cael ateb."},
	"still-to-reply":      {"Still to reply", "Heb ymateb eto"},
	"not-found":           {"Page not found", "Heb ddod o hyd i'r dudalen"},
	"not-found-text":      {"There is no page at this address. It may have moved, or the address may be mistyped.", "Nid oes tudalen yn y cyfeiriad hwn. Efallai ei bod wedi symud, neu fod camgymeriad yn y cyfeiriad."},
	"feed":                {"Atom feed", "Ffrwd Atom"},
	"feed-of":             {"Atom feed of %s", "Ffrwd Atom o %s"},
	"other-language":      {"Cymraeg", "English"},
	"other-language-name": {"Welsh", "Saesneg"},
	"read-in":             {"Darllenwch y dudalen hon yn Gymraeg", "Read this page in English"},
	"summary":             {"Summary", "Crynodeb"},
	"by-name":             {"name", "enw"},
	"by-letters":          {"letters received", "llythyrau a dderbyniwyd"},
	"by-reply-rate":       {"share replied", "cyfran a atebwyd"},
	"by-median":           {"median days to reply", "canolrif diwrnodau i ymateb"},
	"by-overdue":          {"overdue", "hwyr"},
	"none":                {"none", "dim"},
	"footer-about":        {"About this site", "Am y wefan hon"},
	"topic-intro":         {"Letters, replies and reports on this topic, newest first.", "Llythyrau, ymatebion ac adroddiadau ar y pwnc hwn, y diweddaraf yn gyntaf."},
	"addressee":           {"Addressee", "Derbynnydd"},
	"footnotes":           {"Footnotes", "Troednodiadau"},
	"statistics":          {"Statistics", "Ystadegau"},
	"data":                {"Open data", "Data agored"},
	"day":                 {"days", "diwrnod"},
}

// T returns the text for key in lang, formatted with args.
func T(lang, key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	s := m[0]
	if lang == "cy" {
		s = m[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

var welshMonths = [...]string{"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"}

// FormatDate writes a date as people in the UK do: "13 October 2020"
// ("13 Hydref 2020" in Welsh).
func FormatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if lang == "cy" {
		return fmt.Sprintf("%d %s %d", t.Day(), welshMonths[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}
