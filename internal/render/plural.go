package render

import (
	"fmt"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"letterpress/internal/opendata"
	"letterpress/internal/stats"
)

// pluralForms is one message in one language, by CLDR plural form. Other
// is required; a form left out falls back to Other. English uses One and
// Other; Welsh uses all six (Zero, One, Two, Few, Many, Other), and its
// nouns follow a numeral in the singular, with a soft mutation after 2.
type pluralForms = map[plural.Form]string

// pluralMessages holds the interface text that carries a count, in English
// and Welsh. The count is the first argument of the format (%[1]d or %d),
// any other arguments follow it.
var pluralMessages = joinMessages(basePluralMessages, figurePluralMessages, opendata.Plurals, stats.Plurals)

// basePluralMessages are those of the pages of documents and lists.
var basePluralMessages = map[string][2]pluralForms{
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
	"n-working-days": {
		{plural.One: "%d working day", plural.Other: "%d working days"},
		{plural.Two: "%d ddiwrnod gwaith", plural.Other: "%d diwrnod gwaith"},
	},
	"n-days": {
		{plural.One: "%d day", plural.Other: "%d days"},
		{plural.Two: "%d ddiwrnod", plural.Other: "%d diwrnod"},
	},
	"over-n-months": {
		{plural.One: "over a month", plural.Other: "over %d months"},
		{plural.One: "dros fis", plural.Two: "dros %d fis", plural.Other: "dros %d mis"},
	},
	"n-months": {
		{plural.One: "a month", plural.Other: "%d months"},
		{plural.One: "mis", plural.Two: "%d fis", plural.Other: "%d mis"},
	},
	"over-n-years": {
		{plural.One: "over a year", plural.Other: "over %d years"},
		{plural.One: "dros flwyddyn", plural.Two: "dros %d flynedd", plural.Other: "dros %d blynedd"},
	},
	"n-years": {
		{plural.One: "a year", plural.Other: "%d years"},
		{plural.One: "blwyddyn", plural.Two: "%d flynedd", plural.Other: "%d blynedd"},
	},
}

// Elapsed says how long it is from one date to a later one as people say
// it: days up to two months ("40 days"), then whole months ("over 3
// months"), then whole years ("over 6 years"). Months and years are
// counted on the calendar, so 10 November 2020 to 10 November 2026 is "6
// years" and a day more is "over 6 years".
func Elapsed(lang string, from, to time.Time) string {
	from = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	to = time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, time.UTC)
	if to.Before(from) {
		from, to = to, from
	}
	days := int(to.Sub(from).Hours()/24 + 0.5)
	if days < 61 {
		return TN(lang, "n-days", days)
	}
	months := (to.Year()-from.Year())*12 + int(to.Month()) - int(from.Month())
	if from.AddDate(0, months, 0).After(to) {
		months--
	}
	exact := from.AddDate(0, months, 0).Equal(to)
	if months < 12 {
		if exact {
			return TN(lang, "n-months", months)
		}
		return TN(lang, "over-n-months", months)
	}
	years := months / 12
	if exact && months%12 == 0 {
		return TN(lang, "n-years", years)
	}
	return TN(lang, "over-n-years", years)
}

var pluralTags = [2]language.Tag{language.English, language.MustParse("cy")}

// PluralForm is the CLDR cardinal plural form of n in lang.
func PluralForm(lang string, n int) plural.Form {
	tag := pluralTags[0]
	if lang == "cy" {
		tag = pluralTags[1]
	}
	if n < 0 {
		n = -n
	}
	return plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)
}

// TN returns the text for key in lang in the plural form n takes, formatted
// with n and then args. A key without plural forms is looked up with T.
func TN(lang, key string, n int, args ...any) string {
	m, ok := pluralMessages[key]
	if !ok {
		return T(lang, key, append([]any{n}, args...)...)
	}
	forms := m[0]
	if lang == "cy" {
		forms = m[1]
	}
	s, ok := forms[PluralForm(lang, n)]
	if !ok {
		s = forms[plural.Other]
	}
	if countsInFormat(s) == 0 {
		if len(args) == 0 {
			return s
		}
		return fmt.Sprintf(s, args...)
	}
	return fmt.Sprintf(s, append([]any{n}, args...)...)
}

// countsInFormat reports how many verbs s holds, so a form that leaves the
// number out ("letters sent", shown after a figure set in bold) takes only
// the other arguments.
func countsInFormat(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if i+1 < len(s) && s[i+1] == '%' {
				i++
				continue
			}
			n++
		}
	}
	return n
}
