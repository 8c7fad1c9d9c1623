// Command gen writes bank-holidays.json, the bank holidays of the UK's
// three calendars for holidays.FirstYear to holidays.LastYear, in GOV.UK's
// format, from the rules and one-off changes in rules.go.
//
// It runs under go generate in package holidays; the file it writes is
// committed and embedded, so a build never computes the calendar.
package main
