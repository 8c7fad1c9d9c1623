// Package buildcache keeps what a build into an output folder made, for
// the next build into the same folder: the manifest (the key of every
// output file and what tells that the file is unchanged, what was made of
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
// # The cache folder
//
// Dir is the folder, ManifestPath the manifest of one output folder in
// it; Prune bounds it (Keep manifests, MaxBytes in all) and Clear empties
// it.
package buildcache
