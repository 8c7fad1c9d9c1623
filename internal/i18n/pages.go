package i18n

import "golang.org/x/text/feature/plural"

// Pages is the text of the pages render lays out: the words the default
// layouts look up by key (`{{ T "skip" }}`), in English and Welsh. Those
// of the figures of reply records, the search page, and the messages of
// the statistics and open data (which stats and opendata own) are joined
// with it in render's catalogue.
var Pages = Table{
	Messages: union(pageMessages, figureMessages, searchMessages),
	Plurals:  union(pagePlurals, figurePlurals),
}

// union merges tables of one kind; each key is in one of them.
func union[V any](ms ...map[string]V) map[string]V {
	out := map[string]V{}
	for _, m := range ms {
		for k, v := range m {
			if _, dup := out[k]; dup {
				panic("i18n: message " + k + " defined twice")
			}
			out[k] = v
		}
	}
	return out
}

// pageMessages are the texts of the pages of documents and lists.
var pageMessages = map[string][2]string{
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

// pagePlurals are those of the pages of documents and lists.
var pagePlurals = map[string][2]Forms{
	"replied-in": {
		{plural.One: "replied in %d day", plural.Other: "replied in %d days"},
		{plural.Two: "ymatebodd mewn %d ddiwrnod", plural.Other: "ymatebodd mewn %d diwrnod"},
	},
	"own-replied": {
		{plural.One: "Replied in %d day", plural.Other: "Replied in %d days"},
		{plural.Two: "Wedi ymateb mewn %d ddiwrnod", plural.Other: "Wedi ymateb mewn %d diwrnod"},
	},
	"own-withheld": {
		{plural.One: "Replied in %d day, not published", plural.Other: "Replied in %d days, not published"},
		{plural.Two: "Wedi ymateb mewn %d ddiwrnod, heb ei gyhoeddi", plural.Other: "Wedi ymateb mewn %d diwrnod, heb ei gyhoeddi"},
	},
	"overdue-by": {
		{plural.One: "%d day overdue (due %s)", plural.Other: "%d days overdue (due %s)"},
		{plural.Two: "%d ddiwrnod yn hwyr (disgwyliwyd erbyn %s)", plural.Other: "%d diwrnod yn hwyr (disgwyliwyd erbyn %s)"},
	},
	"line-all-replied": {
		{plural.Other: "All %d replied"},
		{plural.Other: "Pob un o'r %d wedi ymateb"},
	},
	"line-n-of-replied": {
		{plural.Other: "%d of %d replied"},
		{plural.Other: "%d o %d wedi ymateb"},
	},
	"line-n-withheld": {
		{plural.Other: " (%d not published)"},
		{plural.One: " (%d heb ei gyhoeddi)", plural.Other: " (%d heb eu cyhoeddi)"},
	},
	"line-n-overdue": {
		{plural.Other: ", %d overdue"},
		{plural.Other: ", %d yn hwyr"},
	},
	"line-n-all-long-overdue": {
		{plural.Other: ", %d long overdue"},
		{plural.Other: ", %d yn hwyr iawn"},
	},
	"line-n-long-overdue": {
		{plural.Other: " (%d long overdue)"},
		{plural.Other: " (%d yn hwyr iawn)"},
	},
	"line-n-awaiting": {
		{plural.Other: ", %d awaiting reply, due %s"},
		{plural.Other: ", %d yn aros am ymateb, disgwylir erbyn %s"},
	},
	"answers-n-letters": {
		{plural.One: "This is a reply to %d letter:", plural.Other: "This is a reply to %d letters:"},
		{plural.Two: "Dyma ymateb i %d lythyr:", plural.Other: "Dyma ymateb i %d llythyr:"},
	},
	"n-letters": {
		{plural.One: "letter sent", plural.Other: "letters sent"},
		{plural.Two: "lythyr wedi'u hanfon", plural.One: "llythyr wedi'i anfon", plural.Other: "llythyr wedi'u hanfon"},
	},
	"n-responses": {
		{plural.One: "reply published", plural.Other: "replies published"},
		{plural.One: "ymateb wedi'i gyhoeddi", plural.Other: "ymateb wedi'u cyhoeddi"},
	},
	"n-awaiting": {
		{plural.One: "letter awaiting a reply", plural.Other: "letters awaiting a reply"},
		{plural.Two: "lythyr yn aros am ymateb", plural.Other: "llythyr yn aros am ymateb"},
	},
	"n-overdue": {
		{plural.Other: "of them overdue"},
		{plural.Other: "ohonynt yn hwyr"},
	},
	"n-items": {
		{plural.One: "%d item", plural.Other: "%d items"},
		{plural.Other: "%d eitem"},
	},
	"and-n-more": {
		{plural.Other: "and %d more"},
		{plural.Other: "a %d arall"},
	},
}

// figurePlurals are the home page's counts, by CLDR plural form.
var figurePlurals = map[string][2]Forms{
	"n-replies-received": {
		{plural.One: "reply received", plural.Other: "replies received"},
		{plural.Other: "ymateb wedi dod i law"},
	},
	"n-unpublished": {
		{plural.Other: "of them not published"},
		{plural.One: "ohonynt heb ei gyhoeddi", plural.Other: "ohonynt heb eu cyhoeddi"},
	},
}

// figureMessages are the texts of the reply records' figures.
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

// searchMessages are the search page's texts (layouts/search.html).
var searchMessages = map[string][2]string{
	"search":           {"Search", "Chwilio"},
	"search-label":     {"Search letters, replies, reports and organisations", "Chwilio llythyrau, ymatebion, adroddiadau a sefydliadau"},
	"search-kind":      {"Kind", "Math"},
	"search-any":       {"Any", "Unrhyw"},
	"search-org":       {"Organisation", "Sefydliad"},
	"search-year":      {"Year", "Blwyddyn"},
	"search-nojs":      {"Search needs JavaScript, which is off or not working in this browser. You can still browse every letter, reply, report and organisation:", "Mae angen JavaScript i chwilio, ac mae wedi'i ddiffodd neu ddim yn gweithio yn y porwr hwn. Gallwch bori pob llythyr, ymateb, adroddiad a sefydliad o hyd:"},
	"search-submit":    {"Search", "Chwilio"},
	"search-hint":      {"Results appear as you type.", "Mae canlyniadau'n ymddangos wrth i chi deipio."},
	"search-results":   {"Results", "Canlyniadau"},
	"search-none":      {"No results for this search.", "Dim canlyniadau ar gyfer y chwiliad hwn."},
	"search-count":     {"%d results", "%d canlyniad"},
	"search-more":      {"Show more results", "Dangos rhagor o ganlyniadau"},
	"search-loading":   {"Searching…", "Yn chwilio…"},
	"search-kind-org":  {"Organisation", "Sefydliad"},
	"search-kind-page": {"Page", "Tudalen"},
	"search-noindex":   {"The search index is not available here. (The preview server leaves it out; letterpress build writes it.)", "Nid yw'r mynegai chwilio ar gael yma. (Mae'r gweinydd rhagolwg yn ei hepgor; mae letterpress build yn ei ysgrifennu.)"},
}
