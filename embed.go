// Package letterpress holds the default layouts and static files, embedded
// in the binary so that any site directory builds without its own; a site's
// layouts/ and static/ override them file by file.
package letterpress

import "embed"

// Defaults holds layouts/ and static/.
//
//go:embed layouts static
var Defaults embed.FS
