// Package serve is the preview server: it builds the site into a private
// temporary folder, serves it, watches the site's files, rebuilds
// incrementally after each save and tells open pages to reload, or shows
// them the build's errors. It holds no build logic of its own (package
// build does, through a build.Session).
//
// # Data flow
//
// A [Watcher] turns file system events (fsnotify) into batches of changed
// paths: events are gathered until the site has been quiet for
// [Debounce], editors' temporary files are dropped, and a folder created
// later is watched and walked (inotify is not recursive). Where the
// system runs out of watches, the Watcher says so and polls instead. Each
// batch goes to [Server.Rebuild], which hands it to the Session; the
// Session re-reads what changed and rewrites the pages that can have
// changed in its publish.Live folder, which the server serves.
//
// # Reloading
//
// Open pages listen on a Server-Sent Events stream ([ReloadScript] is in
// the head of every page) and are told the new [State] after each build:
// reload, or show the errors over the page until they are fixed. Every
// page says which build it comes from, so that a page that missed a build
// (opened while the site had errors, or while a build ran) reloads as
// soon as it connects. Until the first build is done, every path answers
// with a page saying the site is being built ([NewStarting]).
//
// # Who may ask
//
// It answers only GET and HEAD requests, for localhost, IP addresses and
// the names it is told ([Hosts]: a DNS rebinding page cannot read the
// site through a name of its own), and none sent by another site's page.
package serve
