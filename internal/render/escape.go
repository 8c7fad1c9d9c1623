package render

import "letterpress/internal/render/internal/esc"

// The escaping helpers of the compiled renderer (fast_gen.go), by the
// names the generator (internal/gen) calls them: each writes a string
// exactly as a chain of html/template's escapers does (package esc).
func appendEsc(b []byte, s string) []byte { return esc.AppendEsc(b, s) }
func appendURL(b []byte, s string) []byte { return esc.AppendURL(b, s) }

//lint:ignore U1000 the generator calls it for a value after a URL's start; no default layout has one now.
func appendURLNorm(b []byte, s string) []byte  { return esc.AppendURLNorm(b, s) }
func appendURLQuery(b []byte, s string) []byte { return esc.AppendURLQuery(b, s) }
