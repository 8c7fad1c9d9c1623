// Package privacy finds contact details that may be personal data in the
// documents of a site: email addresses, UK telephone numbers and full UK
// postcodes. Replies are written by outside bodies and often end with a
// named officer's direct line or email; the office must not publish those
// by accident.
//
// The scanner reads the whole file (front matter and body) as a reader of
// the published page sees it: character references, escapes and
// percent-encoding decoded, emphasis markers left out, "[at]" read as '@',
// Unicode in its compatibility form (see reading). Every finding keeps the
// exact byte offsets in the file of what it was read from. The reasons of
// redaction marks ([redacted: reason], see MatchRedaction) are published,
// so they are read too; a site's privacy.allow in site.yaml lists what may
// be published.
//
// It is a heuristic tuned to miss little while staying quiet about the
// numbers letters are full of: dates, report and ISBN numbers, money,
// times, version numbers and web addresses.
//
// # Where it runs
//
// Package build calls [Check] on every document when its body is
// converted (the whole file is at hand then) and [CheckFile] on the text
// of every file published with one (package extract reads it; findings
// are placed by page, paragraph or line); each finding is a warning at
// its position, which --strict makes an error. It owns the reading and
// the heuristics; it decides nothing about what is published.
package privacy
