package clash

import (
	"path"
	"slices"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"letterpress/internal/diag"
)

// The file systems of macOS (APFS, HFS+) and Windows (NTFS) ignore case,
// and macOS ignores Unicode normalisation too: files.pdf and Files.PDF,
// or café in its two Unicode spellings, are one file there and two on
// Linux. A site whose output holds two such names would be published
// differently where it is built: on a Mac, one silently overwrites the
// other (or two folders merge into one). [Case] refuses it on every
// system, so that a site built on Linux fails the same way.
//
// Document ids are lower-case (content's id rule), so the names that can
// collide are those of static files and of folders above them; the check
// covers every file the site makes all the same.

// foldKey is the name two names share if a file system that ignores case
// and normalisation takes them for one.
func foldKey(s string) string {
	return norm.NFC.String(cases.Fold().String(norm.NFD.String(s)))
}

// folded reports whether s is its own foldKey: lower-case ASCII with no
// byte a fold would change. Most names are; only the others are folded.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// Case reports files of the output whose names, or the names of folders
// they are in, differ only in case (or Unicode normalisation).
func Case(out Output, errs *diag.List) {
	// A name differs from another only in case if one of them is not its
	// own fold: nothing to do for a site whose every name is.
	odd := false
	for i := range out.Len() {
		if !folded(out.Name(i)) {
			odd = true
			break
		}
	}
	if !odd {
		return
	}
	// Every file's name and every folder above it, with the file that
	// first has it, by fold.
	type first struct {
		name string // the file's or the folder's
		i    int
	}
	byKey := map[string]first{}
	seen := map[string]bool{}
	sorted := make([]int, out.Len())
	for i := range sorted {
		sorted[i] = i
	}
	slices.SortFunc(sorted, func(a, b int) int { return strings.Compare(out.Name(a), out.Name(b)) })
	reported := map[string]bool{}
	for _, i := range sorted {
		name := out.Name(i)
		for p := name; p != "." && p != "" && !seen[p]; p = path.Dir(p) {
			seen[p] = true
			key := p
			if !folded(p) {
				key = foldKey(p)
			}
			other, ok := byKey[key]
			if !ok {
				byKey[key] = first{p, i}
				continue
			}
			if other.name == p || reported[key] {
				continue
			}
			reported[key] = true
			what, was := "address /"+p, "/"+other.name
			if p != name {
				what += "/"
				what = "folder " + what[len("address "):]
				was += "/"
			}
			how := "only in case"
			if norm.NFC.String(p) == norm.NFC.String(other.name) {
				how = "only in how its accents are encoded (Unicode NFC or NFD)"
			}
			errs.Errorf(diag.Pos{Path: out.Source(i)}, "the %s differs %s from %s (%s): on macOS and Windows, whose file systems ignore such differences, the two are one and a build there would overwrite one with the other; rename one of them", what, how, was, out.Source(other.i))
		}
	}
}
