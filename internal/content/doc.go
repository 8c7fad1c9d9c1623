// Package content loads a site's documents: it walks content/, splits each
// file's front matter from its body and decodes the fields of its kind into a
// typed [Doc], keeping the position of every value so that later stages can
// point at it. It knows nothing about how documents relate; package graph
// does that.
//
// It owns the content model's kinds ([Kind]: letters, responses, reports,
// organisations, pages, each fixed by its folder), ids and their rules,
// the fields each kind has ([Fields]), Welsh versions (ID.cy.md), and the
// check that files named by attachments: and file: exist under static/
// ([CheckFiles]). It does not read bodies as Markdown (package markdown)
// nor decide what is published (package graph).
//
// # Data flow
//
// [Walk] lists content/ (its folders a level at a time, on every core:
// listed one after another, they kept the build waiting); the files are
// read and decoded on every core ([Decode], through package frontmatter);
// [Assemble] makes a [Site] of them by kind and id, reporting duplicates
// and translations without an original. A file that cannot be used at
// all (no front matter, bad YAML) is left out and its id marked
// unreadable, so that links to it are not reported a second time as
// missing.
//
// There are three ways to load, for three kinds of run:
//
//   - [Load] keeps each source with its document (check, tests).
//   - [LoadFrontMatter], for a one-shot build, lets each source go as soon
//     as its front matter is decoded; [Reload] reads the file again when
//     its body is converted. Holding every source at once would be a
//     large build's peak, and reading a file just read costs little.
//   - [LoadFrontMatterCached], for a repeat build, takes what the last
//     build made of each file (below).
//
// # Repeat builds
//
// A build that starts from an earlier one (package build's manifest)
// keeps what Decode made of every file, encoded by encodeDecoded, and
// gives it back to LoadFrontMatterCached: a file whose bytes (and the
// settings Decode reads) are the same is not parsed again; YAML was most
// of a repeat build's loading. A file whose [FileStamp] (inode, size,
// modification and change times) is the one the earlier load found, and
// which had last changed well before that load started, is not even
// read: writing a file always sets its change time, which no program can
// set back, as git trusts its index.
//
// An entry holds the document's fields with their positions and every
// problem Decode reported for the file, which the load reports again, so
// that a repeat build says exactly what a cold one says. Whatever later
// stages check (references, threads, files under static/) is checked
// again, as in any build.
package content
