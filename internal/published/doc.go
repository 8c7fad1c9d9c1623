// Package published tests the published site as a whole, as readers and
// hosts meet it: every page type in headless Chromium (axe-core
// accessibility checks at 320 and 1280 px, keyboard use, printing a
// letter, screenshots), every page through html-validate, and netlify.toml's
// build settings and headers against what the pages need. It has no code of
// its own; the sites it checks are the repository's own, a small fictional
// one (testdata/site.txtar) and a generated 200-letter corpus.
package published
