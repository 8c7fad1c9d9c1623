// Package clash refuses output files whose names clash: two files that
// would be written to one place, so that the site published would depend
// on which was written last or on the file system it was built on.
//
// # What it checks
//
// [Check] runs the three checks over the names of every file a render
// makes ([Output]):
//
//   - [Case]: two names, or two folders above them, that differ only in
//     case or in Unicode normalisation, which macOS and Windows take for
//     one file;
//   - [StaticOverPage]: a static file with the name of a page or another
//     file the site makes;
//   - [Aliases]: a document's alias that is the address of a file the site
//     makes, which its forced rule in _redirects would hide.
//
// Each problem is an error naming the file it comes from and the other
// one; the messages are those of docs/troubleshooting.md and
// testdata/check, word for word.
//
// # What it does not do
//
// It decides no name: package render plans the files and gives their
// names and sources; package graph refuses aliases of the pages it knows
// of (with the same message), and package content two documents with
// one id. Nothing is written here.
package clash
