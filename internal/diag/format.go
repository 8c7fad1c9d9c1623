package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats are the ways a List can be printed (check --format).
var Formats = []string{"text", "github", "json"}

// PrintFormat writes every problem in the named format: "text" as Print
// does, "github" as GitHub Actions workflow commands (see PrintGitHub),
// "json" as one JSON array (see PrintJSON).
func (l *List) PrintFormat(w io.Writer, format string) error {
	switch format {
	case "text", "":
		l.Print(w)
		return nil
	case "github":
		return l.PrintGitHub(w)
	case "json":
		return l.PrintJSON(w)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// PrintGitHub writes every problem as a GitHub Actions workflow command,
// "::error file=PATH,line=L,col=C::MESSAGE" (::warning for a warning),
// which the Actions runner shows as an annotation on that line of the
// file, in a pull request's changed files too. The message is escaped as
// the runner reads it back (% as %25, CR as %0D, LF as %0A), the file
// name as a property (also : as %3A and , as %2C); control characters
// left are then written as Escape writes them. A problem without a path
// is written without file, line and col.
func (l *List) PrintGitHub(w io.Writer) error {
	var b strings.Builder
	for _, e := range l.Items() {
		b.WriteString("::")
		b.WriteString(e.Severity.String())
		if e.Path != "" {
			line, col := e.Position()
			b.WriteString(" file=")
			writeEscaped(&b, githubProperty.Replace(e.Path))
			fmt.Fprintf(&b, ",line=%d,col=%d", line, col)
		}
		b.WriteString("::")
		writeEscaped(&b, githubData.Replace(e.Msg))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// The escaping of the Actions toolkit's escapeData and escapeProperty.
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// JSONProblem is one problem as PrintJSON writes it. Line and Col are
// those the text format prints (1:1 for a problem with the whole file).
type JSONProblem struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// PrintJSON writes every problem, sorted as Print sorts them, as one JSON
// array of {"path", "line", "col", "severity", "message"} objects ([]
// when there is none), followed by a newline. Strings are written as
// they are (JSON escapes control characters itself).
func (l *List) PrintJSON(w io.Writer) error {
	items := l.Items()
	out := make([]JSONProblem, len(items))
	for i, e := range items {
		line, col := e.Position()
		if e.Path == "" {
			line, col = 0, 0
		}
		out[i] = JSONProblem{Path: e.Path, Line: line, Col: col, Severity: e.Severity.String(), Message: e.Msg}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
