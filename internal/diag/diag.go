package diag

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity tells an error, which fails a check or build, from a warning,
// which fails only under --strict.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// FileError is one problem at one place. Line and Col are 1-based; Col counts
// characters (not bytes). A zero Line means the problem concerns the whole
// file; a zero Col, the whole line. Either way it is printed at line 1 or
// column 1 (see Position), so that editors' and CI's problem matchers,
// which expect path:line:col, find it.
type FileError struct {
	Path     string
	Line     int
	Col      int
	Msg      string
	Severity Severity
}

// Position returns the line and column the problem is printed at: a
// problem with the whole file is at 1:1, one with a whole line at its
// first column.
func (e FileError) Position() (line, col int) {
	line, col = e.Line, e.Col
	if line <= 0 {
		return 1, 1
	}
	return line, max(col, 1)
}

// Error formats the problem as path:line:col: message (a problem without
// a path as the message alone). Warnings say so after the position, as
// gcc and go vet do. The path and the message are written with their
// control characters escaped (see Escape): both may quote a file's text,
// which must not drive the terminal they are printed on.
func (e FileError) Error() string {
	var b strings.Builder
	if e.Path != "" {
		writeEscaped(&b, localPath(e.Path))
		line, col := e.Position()
		fmt.Fprintf(&b, ":%d:%d: ", line, col)
	}
	if e.Severity == Warning {
		b.WriteString("warning: ")
	}
	writeEscaped(&b, e.Msg)
	return b.String()
}

// Escape returns s with every character that could make a terminal (or
// an editor) do something other than show it written as an escape, as
// Go writes it: C0 and C1 control characters, DEL and bytes that are
// not UTF-8 as \x1b, \x9b; the bidirectional formatting characters
// (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F, U+061C) and the
// line and paragraph separators as \u202e. "\x1b[2J" in a file name
// would otherwise clear the screen, and U+202E reverse the rest of the
// line. Everything else, the Welsh ŵ and ŷ included, is left as it is.
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	writeEscaped(&b, s)
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return true
		}
	}
	return false
}

const hex = "0123456789abcdef"

func writeEscaped(b *strings.Builder, s string) {
	if !needsEscape(s) {
		b.WriteString(s)
		return
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1, r < 0x20, r == 0x7f:
			b.WriteString(`\x`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		case r < 0xa0, isBidiOrBreak(r):
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hex[r>>shift&0xf])
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
}

// isBidiOrBreak reports the characters that reorder text or break lines
// without being control characters.
func isBidiOrBreak(r rune) bool {
	switch {
	case r == 0x061c, r == 0x200e, r == 0x200f,
		r >= 0x202a && r <= 0x202e,
		r >= 0x2066 && r <= 0x2069,
		r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// Pos is a position in a file, for callers that compute it before they know
// what is wrong there.
type Pos struct {
	Path      string
	Line, Col int
}

// List collects problems. It is safe for concurrent use, so the stages of a
// build that run in parallel can share one.
type List struct {
	mu    sync.Mutex
	items []FileError
}

// Add records a problem.
func (l *List) Add(e FileError) {
	l.mu.Lock()
	l.items = append(l.items, e)
	l.mu.Unlock()
}

// Errorf records an error at p.
func (l *List) Errorf(p Pos, format string, args ...any) {
	l.Add(FileError{Path: p.Path, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at p.
func (l *List) Warnf(p Pos, format string, args ...any) {
	l.Add(FileError{Path: p.Path, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...), Severity: Warning})
}

// Merge appends every problem of o.
func (l *List) Merge(o *List) {
	if o == nil || l == o {
		return
	}
	items := o.Items()
	l.mu.Lock()
	l.items = append(l.items, items...)
	l.mu.Unlock()
}

// Items returns the problems sorted by path, line and column, with exact
// duplicates removed (two stages may notice the same thing).
func (l *List) Items() []FileError {
	l.mu.Lock()
	items := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortStableFunc(items, func(a, b FileError) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.Compact(items)
}

// Counts returns how many errors and warnings were recorded.
func (l *List) Counts() (errors, warnings int) {
	for _, e := range l.Items() {
		if e.Severity == Warning {
			warnings++
		} else {
			errors++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any error (not warning) was recorded; with
// strict, warnings count as errors.
func (l *List) HasErrors(strict bool) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.items {
		if e.Severity == Error || strict {
			return true
		}
	}
	return false
}

// Len returns the number of problems recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Print writes every problem, one a line, in sorted order.
func (l *List) Print(w io.Writer) {
	for _, e := range l.Items() {
		fmt.Fprintln(w, e.Error())
	}
}

// Summary is the one line that closes a report: "2 errors, 1 warning".
func (l *List) Summary() string {
	errs, warns := l.Counts()
	return plural(errs, "error") + ", " + plural(warns, "warning")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Error makes a List usable as an error value once a stage has failed.
func (l *List) Error() string {
	var b strings.Builder
	l.Print(&b)
	return strings.TrimRight(b.String(), "\n")
}
