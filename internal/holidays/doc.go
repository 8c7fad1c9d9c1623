// Package holidays knows the UK's bank holidays and counts working days,
// so that a letter's reply can be due "20 working days" after it was sent,
// as public bodies count their deadlines.
//
// It owns the calendars and the counting ([Calendar]); package config
// chooses a calendar from site.yaml (its division and extra_holidays) and
// package graph counts with it. It has no state beyond the calendar and
// does no I/O at run time: the data is embedded.
//
// # Where the dates come from
//
// The calendars ship as bank-holidays.json, in the format GOV.UK publishes
// at https://www.gov.uk/bank-holidays.json, for the years FirstYear to
// LastYear. The file is generated from the standing rules and the one-off
// changes proclaimed so far (rules.go) by `go generate` (internal/gen); a
// test checks it against dates worked out by hand. For years outside the
// file the standing rules are used, which know no one-off days: a site
// can name those in site.yaml's extra_holidays.
package holidays
