// Package render turns the graph into the published site: every page in
// the contract's URL table from html/template layouts, plus feeds, sitemap,
// robots.txt, redirects (package feeds writes those three, package i18n
// the interface text) and the static files, with content-hashed names for
// stylesheets and scripts. It decides nothing about what exists (package
// graph does); it writes through an [Output], a directory or memory.
//
// # Data flow
//
// [New] reads the layouts and static files once per build; [Renderer.Render]
// takes a graph and an Output. It plans one job per output file (a
// document's page, a page of a list, a feed, a static file ...), runs the
// jobs on every core, and hands each file to the Output as soon as it is
// made, so that no page is held after it is written. A job's page gets a
// view of its data ([Page], [Doc] and the other types of view.go): what
// the layouts may read, computed from the graph on demand. Problems (a
// template that fails, a write that fails, two output names that one file
// system would take for one) are added to the problem list.
//
// The search index, the open data files and the statistics page are
// sections of the site that each register their jobs (search.go, data.go,
// stats.go). Issue 19 moves them to packages of their own, each taking the
// graph and giving files, with render listing them explicitly.
//
// # Layouts and assets
//
// Layouts and assets come from two file systems: the defaults embedded in
// the binary and the site's own layouts/ and static/, which override the
// defaults file by file. A template error is reported with its file and
// line. What static/ may publish is checked here (static.go): hidden
// files, and pages or scripts outside the site's own css/ and js/, are
// kept out, because a browser would run them as the site.
//
// # Reuse within a build
//
// What many pages show alike (the site's header, head and footer, an
// entry of a thread, a document's entry in a list) is made once per
// render and reused (partialCached, cards). The key holds everything the
// markup depends on but the site itself, which is the same for every page
// of a render.
//
// # The compiled renderer
//
// The pages most sites are made of are rendered by Go code (fast.go,
// fast_pages.go) that appends exactly the bytes the default layouts
// produce, escaping as html/template does, so that the layouts stay the
// one source of truth. New decides once per build and page type whether
// to use it: every template the page uses must be the embedded default
// byte for byte; a site that overrides one gets html/template for those
// pages. TestCompiledRenderer in package build builds several sites both
// ways and requires every output file to be identical. Issue 19 generates
// this code from the layouts with go generate.
//
// # Repeat builds and the preview
//
// [Options.Incremental] keeps which files show which documents, so that
// [Renderer.Rerender] can write again only the files an edit can change
// (the preview server). For a repeat build into a folder, each output
// file has a key, a digest of what it shows (keys.go), and
// [Renderer.RenderReusing] renders only the files whose key changed.
package render
