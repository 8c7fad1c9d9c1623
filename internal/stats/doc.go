// Package stats computes the figures of the statistics page
// (/statistics/) and of each organisation's reply-time chart, from the
// graph: charts as SVG drawn here, at build time, with no script and no
// style attribute (a strict content security policy forbids both). Each
// chart is a figure whose SVG has a title and a description in words,
// followed by a table of exactly the numbers it draws. Every text in the
// SVG is escaped here, as html/template escapes text: the page puts the
// SVG in as it is.
//
// Only published letters that are not drafts count (a build with --drafts
// publishes drafts, and they still do not count).
//
// The texts are in Messages and Plurals, which package render's message
// tables list; the charts are written through Words, render's page in
// the page's language. Nothing here knows about layouts.
package stats
