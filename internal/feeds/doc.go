// Package feeds writes the files that tell feed readers and crawlers
// what the site holds: the Atom feeds (RFC 4287) of the latest letters
// and replies, the sitemaps (sitemaps.org, split with an index above
// [SitemapLimit] pages) and Netlify's _redirects from the documents'
// aliases.
//
// It decides which documents a feed holds ([Latest]: the [Length] newest
// of some of the graph's lists) and how each file is written, byte for
// byte. It does not decide how a document is named or where its page is:
// package render gives each entry ([Entry]) as its pages show the
// document, in the site's language, and the paths of the pages for the
// sitemap, and plans the jobs that write the files. feed.json, the same
// entries for programs, is package opendata's.
package feeds
