// Package editor publishes a site's web editor (Decap CMS) at /admin/:
// the site's own admin/ folder and the editor's scripts from its
// node_modules.
package editor
