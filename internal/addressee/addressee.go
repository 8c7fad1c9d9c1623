// Package addressee writes the block that addresses a letter: the
// addressee's name and role, the organisation's name and its address, each
// said once. A line is left out when an earlier one says the same (letter
// case, spaces and a leading "The" aside), the organisation when the role
// names it ("Chief Executive, Home Office"), the role when the
// organisation's name holds it ("Police and Crime Commissioner" above
// "Northshire Police and Crime Commissioner"), and an address line that
// repeats a name ("Home Office" atop the Home Office's address).
package addressee

import (
	"slices"
	"strings"
)

// Lines are the lines of an addressee's block from the addressee's name
// and role and the organisation's name and address lines, each said
// once; the first mine lines are the addressee's name and role, the rest
// the organisation's. Any of them may be empty.
func Lines(rName, rRole, org string, address []string) (lines []string, mine int) {
	name, role := sameKey(rName), sameKey(rRole)
	orgKey := sameKey(org)
	if role != "" && (role == name || orgKey != "" && role != orgKey && containsWords(orgKey, role)) {
		role = "" // said by the name, or by the organisation's name
	}
	if orgKey != "" && (orgKey == name || role != "" && containsWords(role, orgKey)) {
		orgKey = "" // said by the name or the role
	}
	lines = make([]string, 0, 3+len(address))
	said := make([]string, 0, cap(lines))
	add := func(line, key string) {
		if key == "" || slices.Contains(said, key) {
			return
		}
		lines = append(lines, line)
		said = append(said, key)
	}
	add(rName, name)
	add(rRole, role)
	mine = len(lines)
	add(org, orgKey)
	// The organisation's name stays said when it was left out for the role.
	said = append(said, sameKey(org))
	for _, a := range address {
		add(a, sameKey(a))
	}
	return lines, mine
}

// sameKey is a line of an address as Lines compares it: lower
// case, its spaces one, without a leading "the" or trailing punctuation.
func sameKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.TrimRight(s, ".,;:")
	return strings.TrimPrefix(s, "the ")
}

// containsWords reports whether part is in s as whole words.
func containsWords(s, part string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], part)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(part)
		if (j == 0 || !isWordByte(s[j-1])) && (end == len(s) || !isWordByte(s[end])) {
			return true
		}
		i = j + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}
