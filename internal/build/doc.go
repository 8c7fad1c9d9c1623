// Package build runs a build of a site: it loads the settings and the
// documents, converts every body, computes the graph, then renders and
// publishes the output, checking the stop signal between the stages. It
// is the one package that knows the order of the stages; each stage's
// logic lives in its own package (config, content, markdown, graph,
// render, publish; buildcache keeps what a build leaves for the next).
//
// One function, pipeline.run (build.go), runs the stages in order for
// every kind of build; they differ only in run's input, what changed
// since an earlier build and where the rest is kept: nothing (a one-shot
// build: everything changed), an [Incremental] (the previous build's
// manifest, and a publish.Dir), or a [Session] (the files saved, the
// preview's memory of its last build, and a stage of its publish.Live).
// That input takes over the stages that depend on it: load, convert and
// render.
//
// # Entry points
//
// Three kinds of run call it, with different inputs and outputs:
//
//   - [Load] reads and checks a site and computes its graph, writing
//     nothing: letterpress check, and the first half of every build.
//   - [Build] renders a whole site into a render.Output; with
//     [Incremental], the command's build reuses what the previous build
//     into the same folder made (see Repeat builds), writing into a
//     publish.Dir that replaces the folder only if the build succeeded.
//   - [Session] is the preview server's: it keeps the last build and,
//     after a save, re-reads only the files that changed, recomputes the
//     graph only when relations may have changed, and re-renders only the
//     pages that read what changed (render.Options.RecordReads), into a
//     publish.Live folder.
//
// Whatever the path, the output is byte for byte what a cold build of the
// same files makes; the tests of this package hold every path to that.
//
// # Keeping little in memory
//
// A one-shot build reads every file and decodes its front matter, then
// lets its source go; converts every body (reading the file again, parsing
// it once) and moves the HTML to an unlinked temporary file
// (markdown.Spill); computes the graph and drops the bodies' link lists;
// then renders: the search index first and alone, then every page, each
// body read back from the temporary file straight into its page, each job
// let go once written, the open data files streamed to the output folder
// as they are made. Nothing of a file's content is held for the whole
// build but its front matter, summary and list entry.
//
// # Repeat builds
//
// A build into a folder an earlier build made reuses that build's work,
// through the manifest the earlier build left in the user's cache folder
// (package buildcache; never in the output). A file is taken as
// unchanged, without reading it, only if the file system gives it the
// stamp the earlier build recorded and it had last changed well before
// that build started (content.FileStamp). A body is converted again only
// if its file, or the title or address of something it links to,
// changed. An output file is rendered again unless the documents it read
// when it was last rendered (recorded while rendering, kept in the
// manifest), what the plan gives it, the settings, the layouts, the
// build date and the flags are all as they were (buildcache.Keys); the
// others are taken from the previous output (linked, or the previous
// output recycled in place). A missing or corrupt manifest, another
// build of letterpress, or an output folder changed by hand only means
// more is rebuilt. A --no-cache build reuses nothing but still writes a
// manifest. With Incremental.NoManifest (LETTERPRESS_CACHE=off, which
// netlify.toml sets: Netlify keeps neither the output nor the cache
// between deploys) no manifest is read or written, and the output folder
// records nothing of its files; the folder it replaces is still checked.
// buildcache.Prune keeps the manifests of the few folders built into
// last; letterpress clean-cache removes them.
//
// # Stopping
//
// Options.Context stops a build: loading and converting run on
// par.ForContext, the graph and the render look at the context as they
// go, and the build returns with the problem [Stopped], which has no file
// and means the output is unfinished and must be thrown away.
package build
