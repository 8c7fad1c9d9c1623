package i18n

import (
	"fmt"
	"slices"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Forms is one message in one language, by CLDR plural form. Other is
// required; a form left out falls back to Other. English uses One and
// Other; Welsh uses all six (Zero, One, Two, Few, Many, Other), and its
// nouns follow a numeral in the singular, with a soft mutation after 2.
type Forms = map[plural.Form]string

// A Table is one package's messages, in English and Welsh (index 0 and
// 1): texts, and texts that carry a count, by plural form. The count is
// the first argument of a plural message's format (%[1]d or %d); any
// other arguments follow it.
type Table struct {
	Messages map[string][2]string
	Plurals  map[string][2]Forms
}

// A Catalog is the union of some tables: the text a package writes.
type Catalog struct {
	messages map[string][2]string
	plurals  map[string][2]Forms

	mu      sync.Mutex
	missing map[string]bool
}

// New joins tables into a catalogue. A key in two tables is a mistake
// (one would hide the other): New panics, and the tests, which start
// with the catalogues, fail.
func New(tables ...Table) *Catalog {
	c := &Catalog{messages: map[string][2]string{}, plurals: map[string][2]Forms{}}
	for _, t := range tables {
		join(c.messages, t.Messages)
		join(c.plurals, t.Plurals)
	}
	return c
}

func join[V any](into, t map[string][2]V) {
	for k, v := range t {
		if _, dup := into[k]; dup {
			panic(fmt.Sprintf("i18n: message %q is in two tables", k))
		}
		into[k] = v
	}
}

// T returns the text for key in lang, formatted with args. A key that no
// table holds is given back as it is (and kept, for Missing).
func (c *Catalog) T(lang, key string, args ...any) string {
	m, ok := c.messages[key]
	if !ok {
		c.mu.Lock()
		if c.missing == nil {
			c.missing = map[string]bool{}
		}
		c.missing[key] = true
		c.mu.Unlock()
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

// TN returns the text for key in lang in the plural form n takes,
// formatted with n and then args. A key without plural forms is looked
// up with T.
func (c *Catalog) TN(lang, key string, n int, args ...any) string {
	m, ok := c.plurals[key]
	if !ok {
		return c.T(lang, key, append([]any{n}, args...)...)
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

// Missing are the keys T and TN were asked for that no table of c holds,
// sorted: such a key shows on the page as it is, so the tests of each
// package that writes text ask for every text and then for this.
func (c *Catalog) Missing() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var keys []string
	for k := range c.missing {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
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
