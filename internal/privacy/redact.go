package privacy

import (
	"regexp"
	"strings"
)

// A redaction mark stands where personal data was removed from a letter or
// reply before publication:
//
//	[redacted]
//	[redacted: name of a junior official]
//
// "redacted" may be in any case; the reason is optional, one line, at most
// 200 characters, and is published (so it must not itself be personal
// data). The mark replaces the data in the file: the repository never holds
// what was removed. Package markdown renders it as a visible, accessible
// redaction. Scan reads the reason like any other text, since it is
// published.
var redactionRE = regexp.MustCompile(`(?i)^\[redacted(?:[ \t]*:[ \t]*([^\]\n\r]{0,200}))?\]`)

// MatchRedaction reports whether b starts with a redaction mark, returning
// its length in bytes and its reason (trimmed; "" when none was given).
func MatchRedaction(b []byte) (n int, reason string, ok bool) {
	if len(b) < len("[redacted]") || b[0] != '[' || !strings.EqualFold(string(b[1:9]), "redacted") {
		return 0, "", false
	}
	m := redactionRE.FindSubmatchIndex(b)
	if m == nil {
		return 0, "", false
	}
	if m[2] >= 0 {
		reason = strings.TrimSpace(string(b[m[2]:m[3]]))
	}
	return m[1], reason, true
}
