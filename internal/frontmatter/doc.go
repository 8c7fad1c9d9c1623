// Package frontmatter splits a Markdown file into its YAML front matter and
// body, and reads YAML fields with the position of every value.
//
// It owns the text level of a document: is the file text ([CheckText]:
// UTF-8, no NUL), where does the front matter end ([Split]: a BOM and CRLF
// are accepted, TOML and JSON front matter refused with a message saying
// so), and what does each field hold and where ([Parse], [Fields]). It
// knows nothing of the content model's kinds; package content decides
// which fields a letter or a reply has, and package config reads site.yaml
// with the same [Fields].
//
// # Why yaml.v3 and not goldmark-meta
//
// It is a thin layer over gopkg.in/yaml.v3 rather than goldmark-meta: the
// contract needs the line and column of each field so that check can point
// at the offending value, and goldmark-meta (over yaml.v2) keeps none and
// hides invalid YAML in the rendered body. Splitting here also lets the body
// go to goldmark without the front matter, parsed once. yaml.v3's node API
// also lets aliases be refused before anything expands ("billion laughs").
//
// Every value is type-checked by hand (YAML has no schema here): a field of
// the wrong type, a duplicate key, an alias or an impossible date is a
// diagnostic with a position, never a panic or a silent default. Dates
// must fall between FirstYear and LastYear: a mistyped year would
// otherwise stretch every chart by year to it.
//
// # The fast path
//
// The shapes front matter nearly always has (one field a line: plain or
// quoted one-line text, dates, whole numbers, [a, b] lists, "- item"
// lists) are read by a small parser of its own (fast.go) into the same
// nodes yaml.v3 would make. Anything else (comments, escapes, nesting,
// tabs ...) goes to yaml.v3, so every message and position is still
// yaml.v3's. FuzzFastParse compares the two on whatever the fast path
// accepts.
//
// # Messages
//
// yaml.v3's messages name a line, sometimes not the one with the mistake,
// and never a column. yamlerr.go finds the place of the common mistakes
// (a quote or a bracket left open, a tab in the indentation) by reading
// the text as YAML's scanner does, and says how to fix them.
package frontmatter
