// Package markdown turns document bodies into HTML with the one goldmark
// configuration the site uses (GFM, footnotes, typographer, heading ids),
// and resolves cross-reference links (report:ID, letter:ID, response:ID,
// org:ID) to page URLs through a [Resolver], recording each with its
// position so that a missing target is reported where it was written.
//
// It owns the Markdown dialect and nothing around it: it does not know
// which documents exist (the Resolver, given by the caller, does), and it
// executes no templates. A body goes in; a [Result] comes out: the HTML,
// the cross-references and bad links found (with byte offsets, turned
// into file positions by [Result.Locate]), the number of footnotes and a
// summary (the first paragraph that is not a salutation). Package graph
// reads the references to link documents; package render puts the HTML
// in pages. Each body is parsed and rendered once; pages that show it
// reuse the HTML.
//
// # Extensions
//
// The additions are shaped like goldmark's own extensions: an AST
// transformer resolves cross-references and turns a link that must not
// be published (a dangerous scheme, a missing target) into its text, so
// no page has an empty href; another aligns table cells by class rather
// than by style attribute, which the site's content security policy
// would block; [Redaction] is an inline node for [redacted] and
// [redacted: reason] marks (the syntax package privacy reads). A body in
// which no autolink can start is converted without GFM's autolink
// parser, which would otherwise run at every space.
//
// # Limits
//
// goldmark's time and memory grow with a body's structure, not only its
// size, and for some shapes faster than the size. [Markdown.Convert] first
// measures a body in one pass ([CheckLimits]) and refuses one past a
// limit with a [TooComplex] error at the place it went past: a hostile or
// broken file cannot stall a build. The limits are set far above anything
// real correspondence reaches.
//
// # Keeping bodies
//
// A one-shot build renders every body before it can write any page (the
// graph needs every body's links first). [Spill] keeps the rendered HTML
// in an unlinked temporary file instead of memory, and [Result.Bytes]
// reads it back for the page and the search index. What a build keeps of
// each body (its Result and summary) is taken from package slab, packed
// together rather than spread among the garbage of converting.
package markdown
