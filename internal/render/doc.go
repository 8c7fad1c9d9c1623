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
// system would take for one, found by package clash) are added to the
// problem list.
//
// The search index, the open data files and the statistics page are
// sections of the site, listed in sections.go: each is a package of its
// own (internal/search, internal/opendata, internal/stats) that takes the
// graph and gives files or a page's data; render plans their jobs and
// renders their pages (searchpage.go, datapage.go, statspage.go). Nothing
// registers itself from init().
//
// # Layouts and assets
//
// Package assets lists the layouts and static files, the site's own over
// the defaults embedded in the binary, decides what static/ may publish
// and gives stylesheets and scripts their content-hashed names; render
// parses the layouts it gives (a template error is reported with its file
// and line) and plans a job for each static file. Package clash checks
// the names of the files a render plans (two that one file system would
// take for one, a static file or an alias over a page) before any job
// runs.
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
// Every page type of the default layouts is also rendered by Go code that
// appends exactly the bytes html/template would: fast_gen.go, written by
// `go generate ./internal/render` (the program internal/genrender, the
// generator internal/gen) from the layouts' parse trees after
// html/template has escaped them, so each action's escaping comes from
// html/template's own analysis. Changing a layout is one edit plus go
// generate; TestGeneratedUpToDate fails until it is done, and a build
// whose layouts differ from those the file was generated from (compared
// by SHA-256) never runs it. The escaping helpers the generated code
// calls are hand-written in internal/esc and fuzzed against html/template;
// compiled.go decides, once per build and per template, what runs
// compiled: a site that overrides a partial or a page type's "main" has
// that template run by html/template, inside pages that stay compiled
// elsewhere. TestCompiledRenderer in package build builds several sites
// both ways and requires every output file to be identical.
//
// # Repeat builds and the preview
//
// With [Options.RecordReads], every document a page's views read is
// recorded (Page.read), the list entries and other documents its plan
// gave it included, through the caches of partials and entries
// ([Renderer.Reads]). [Options.Incremental] (the preview server) keeps
// those reads in a [readers.Table], so that [Renderer.Rerender] writes
// again only the files that read what an edit changed (a
// [readers.Change]), found through an index of each document's readers
// that [Renderer.IndexJobs] brings up to date. For a repeat build into a
// folder, [Renderer.RenderReusing] asks the caller, for each job, whether
// it has the job's files already (package buildcache decides from what
// the job read last time), renders the others, and records what each
// read.
package render
