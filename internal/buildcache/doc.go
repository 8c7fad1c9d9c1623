// Package buildcache keeps what a build into an output folder made, for
// the next build into the same folder: the manifest (the key of every
// output file and the documents it read, what tells that the file is
// unchanged, what was made of
// every document's body and front matter, the search index's words), and
// the cache folder that holds one manifest for each output folder built
// into, pruned to the few built into last.
//
// # The manifest
//
// A Manifest is written by Write (its documents and search entries
// streamed from Spills while the build runs) and read by Open, which
// gives the documents first (loading the site needs them) and the rest
// later. A manifest that is missing, of another version or damaged (its
// CRC-32C says so) is no manifest: the build is a cold one.
//
// # Keys
//
// Keys decide which output files a build takes from the previous output
// (keys.go, docs/dependencies.md): a page's key is a digest of the site
// key, its plan digest and the view keys of the documents its views read
// when it was rendered (render.Renderer.RenderReusing records them), and
// a page is reused when the same digest from this build's keys of the
// documents it read last time gives its key.
//
// # The cache folder
//
// Dir is the folder, ManifestPath the manifest of one output folder in
// it; Prune bounds it (Keep manifests, MaxBytes in all) and Clear empties
// it.
package buildcache
