// Package gencorpus writes a synthetic, deterministic letterpress corpus
// that follows the content model: letters, responses, reports,
// organisations, plain pages, a site.yaml and a small stylesheet. The tests
// and benchmarks build it (see Cached), and tools/gencorpus writes it from
// the command line for scripts/bench.sh and scripts/scale.sh.
//
// The same n and seed always give byte-identical output (TestGolden pins
// it, so benchmark figures stay comparable across changes). All text is
// made up from word lists; no real correspondence is reproduced.
//
// Shape, for n letters:
//   - content/organisations: 200 (42 areas x 4 bodies, plus 32 national bodies;
//     the first, "iasc", is the site owner and default sender).
//   - content/reports: max(n/10, 20), in year folders, ids like
//     "modern-slavery-and-supply-chains-a-call-for-evidence-2021".
//   - content/letters: exactly n, 400-900 words, in year folders, named
//     YYYY-MM-DD-slug.md. 10% are batch letters to 18 bodies of one kind, the
//     rest go to 1-3 organisations. Each has 1-5 footnotes citing reports
//     (listed in cites:), sometimes headings, a bulleted list, and in ~5% a
//     GFM table. 1% are drafts (never answered), 5% have lang: cy.
//   - content/responses: each recipient of a sent letter replies with
//     probability 0.7 (200-1500 words, from:, in_reply_to:). 10% of responses
//     get a follow-up letter (in_reply_to: RESPONSE_ID), which is one of the n
//     letters and may itself be answered, so threads can be several deep.
//     1% of responses are drafts.
//   - content/pages: about.md, accessibility.md.
//
// Every body cross-reference (report:, letter:, response:, org:) names a
// document that exists and is not a draft. All dates fall between 2018-01-01
// and 2026-11-30, so a build with --now 2026-12-01 sees the last few weeks of
// letters as "awaiting" and older unanswered ones as "overdue".
//
// The package uses only the standard library, so that Version, a hash of
// its own source files, covers everything that shapes its output
// (TestStandardLibraryOnly keeps it so).
package gencorpus
