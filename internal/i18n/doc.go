// Package i18n writes the site's interface text in English and Welsh:
// messages looked up by key, messages that carry a count in the CLDR
// plural form the count takes, dates, months, lengths of time, whole
// numbers and percentages, as people in the UK write them.
//
// # Tables and catalogues
//
// Each package that writes text of its own owns its messages as a
// [Table] (stats the charts', opendata the /data/ page's) and joins the
// tables it writes from with [New] into a [Catalog]. The words the
// layouts look up by key (`{{ T "skip" }}`) are [Pages], here, so that
// a translator finds the pages' English and Welsh in one file
// (pages.go); render's catalogue joins every table, because the layouts
// show every package's text. A key in two tables would hide one of them,
// so New refuses it. A key in no table comes back as it is;
// [Catalog.Missing] lists such keys for the tests of each package.
//
// [Spans] are the lengths of time that [Elapsed] writes and that render
// and stats both use ("20 working days").
//
// # Languages
//
// A language is "en" or "cy"; anything other than "cy" is English. Welsh
// nouns follow a numeral in the singular, with a soft mutation after 2,
// so a Welsh message may need all six CLDR forms (see [Forms]).
package i18n
