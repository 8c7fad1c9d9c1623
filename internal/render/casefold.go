package render

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
// other (or two folders merge into one). checkCase refuses it on every
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

// jobSource is the file a job publishes, for messages: the static file,
// the document, or the file the site makes itself.
func jobSource(j job) string {
	switch {
	case j.static:
		return StaticDir + "/" + j.name
	case j.doc != nil:
		return j.doc.Path
	}
	return j.name
}

// checkCase reports files of the output whose names, or the names of
// folders they are in, differ only in case (or Unicode normalisation).
func checkCase(jobs []job, errs *diag.List) {
	// A name differs from another only in case if one of them is not its
	// own fold: nothing to do for a site whose every name is.
	odd := false
	for _, j := range jobs {
		if !folded(j.name) {
			odd = true
			break
		}
	}
	if !odd {
		return
	}
	// Every file's name and every folder above it, with the job that
	// first has it, by fold.
	type first struct {
		name string // the file's or the folder's
		j    job
	}
	byKey := map[string]first{}
	seen := map[string]bool{}
	sorted := slices.Clone(jobs)
	slices.SortFunc(sorted, func(a, b job) int { return strings.Compare(a.name, b.name) })
	reported := map[string]bool{}
	for _, j := range sorted {
		for p := j.name; p != "." && p != "" && !seen[p]; p = path.Dir(p) {
			seen[p] = true
			key := p
			if !folded(p) {
				key = foldKey(p)
			}
			other, ok := byKey[key]
			if !ok {
				byKey[key] = first{p, j}
				continue
			}
			if other.name == p || reported[key] {
				continue
			}
			reported[key] = true
			what, was := "address /"+p, "/"+other.name
			if p != j.name {
				what += "/"
				what = "folder " + what[len("address "):]
				was += "/"
			}
			how := "only in case"
			if norm.NFC.String(p) == norm.NFC.String(other.name) {
				how = "only in how its accents are encoded (Unicode NFC or NFD)"
			}
			errs.Errorf(diag.Pos{Path: jobSource(j)}, "the %s differs %s from %s (%s): on macOS and Windows, whose file systems ignore such differences, the two are one and a build there would overwrite one with the other; rename one of them", what, how, was, jobSource(other.j))
		}
	}
}
