package i18n

import (
	"fmt"
	"strconv"
	"time"

	"golang.org/x/text/feature/plural"
)

// Spans are the messages of lengths of time: Elapsed's, and the time a
// reply is allowed ("20 working days"), which the letters' pages and the
// statistics both write.
var Spans = Table{Plurals: map[string][2]Forms{
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
}}

var spans = New(Spans)

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
		return spans.TN(lang, "n-days", days)
	}
	months := (to.Year()-from.Year())*12 + int(to.Month()) - int(from.Month())
	if from.AddDate(0, months, 0).After(to) {
		months--
	}
	exact := from.AddDate(0, months, 0).Equal(to)
	if months < 12 {
		if exact {
			return spans.TN(lang, "n-months", months)
		}
		return spans.TN(lang, "over-n-months", months)
	}
	years := months / 12
	if exact && months%12 == 0 {
		return spans.TN(lang, "n-years", years)
	}
	return spans.TN(lang, "over-n-years", years)
}

var (
	welshMonths      = [...]string{"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"}
	shortMonths      = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	welshShortMonths = [...]string{"Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag"}
)

// FormatDate writes a date as people in the UK do: "13 October 2020"
// ("13 Hydref 2020" in Welsh); "" for the zero time.
func FormatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if lang == "cy" {
		return fmt.Sprintf("%d %s %d", t.Day(), welshMonths[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}

// MonthYear names a month of a year: "October 2020" ("Hydref 2020").
func MonthYear(lang string, year int, m time.Month) string {
	return MonthName(lang, m) + " " + strconv.Itoa(year)
}

// MonthName is the name of a month: "October" ("Hydref").
func MonthName(lang string, m time.Month) string {
	if lang == "cy" {
		return welshMonths[m-1]
	}
	return m.String()
}

// ShortMonth is a month's name as a chart's axis writes it: "Oct"
// ("Hyd").
func ShortMonth(lang string, m time.Month) string {
	if lang == "cy" {
		return welshShortMonths[m-1]
	}
	return shortMonths[m-1]
}
