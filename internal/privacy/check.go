package privacy

import (
	"letterpress/internal/diag"
	"letterpress/internal/frontmatter"
)

// Check warns about every contact detail in src (a whole file, front
// matter and body) that allow does not list, at its position in the file.
// Under --strict the warnings fail the check, as every warning does.
func Check(path string, src []byte, allow *Allow, errs *diag.List) {
	for _, f := range Scan(src) {
		if allow.Allowed(f) {
			continue
		}
		errs.Warnf(frontmatter.PosIn(path, src, f.Start),
			"%s %q may be personal data: replace it with [redacted] (or [redacted: reason]), or, if the office publishes it on purpose, add it to privacy.allow in site.yaml", f.Kind, f.Text)
	}
}
