// Package assets is what a site is built with besides its content: the
// layouts (layouts/) and the static files (static/), the defaults
// embedded in the binary with the site's own over them, file by file.
//
// # What it does
//
// [Load] lists both folders through [Overlay], which follows symbolic
// links inside the site only and leaves out hidden files, and decides
// what static/ may publish (static.go: no hidden files, no pages or
// scripts outside the site's own css/ and js/, because a browser would
// run them as the site, which also serves the web editor). Stylesheets
// and scripts are read and published under names that hold a digest of
// their content, so that a host can let browsers keep them forever;
// [Set.URL] gives that name for a file's own. Every problem is added to
// the problem list with the file it is about, as [FileProblem] words it.
//
// # What it does not do
//
// It parses no template and writes no file: package render asks it for
// the layouts' text ([Set.Layout]) and the static files' names and
// contents, and plans the jobs that copy them to the output. Which
// layouts run as compiled Go is render's decision; where the output
// goes is package publish's.
//
// # Why a package
//
// The overlay and the rules for static/ are one question, which file of
// which folder is published or read, and they change for reasons of their
// own (a new file type to allow, a new kind of link to refuse), apart
// from how pages are made.
package assets
