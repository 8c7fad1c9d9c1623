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
// The texts are in Messages and Plurals, written with package i18n in
// the page's language (Words), which package render's catalogue also
// lists for the page's own text; Words names organisations as render's
// pages do. Nothing here knows about layouts.
package stats
