// Package diag carries problems found in a site's files, each with the
// position of the offending text, and prints them the way compilers do
// (path:line:col: message) so that editors and CI can annotate them.
//
// A List collects every problem of a run rather than stopping at the first:
// an editor fixing a site wants to see all of them at once.
package diag

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
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
// file; a zero Col, the whole line.
type FileError struct {
	Path     string
	Line     int
	Col      int
	Msg      string
	Severity Severity
}

// Error formats the problem as path:line:col: message. Warnings say so
// after the position, as gcc and go vet do.
func (e FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	if e.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	return b.String()
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
