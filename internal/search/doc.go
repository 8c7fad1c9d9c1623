// Package search makes the site's search index from the graph and the
// documents' bodies: the static files under search/index/ that
// static/js/search.js reads, made with the tokenizer whose rules
// search.js follows. It knows nothing of layouts: the search page is
// package render's, and so is how a page shows a document (Site).
package search
