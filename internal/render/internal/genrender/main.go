// Command genrender writes internal/render/fast_gen.go, the compiled
// renderer, from the default layouts: go generate ./internal/render runs
// it (built with the tag letterpress_nogen, so that package render
// compiles without the file it replaces).
package main

import (
	"fmt"
	"os"

	"letterpress"
	"letterpress/internal/render"
	"letterpress/internal/render/internal/gen"
)

func main() {
	in, err := render.GeneratorInput(letterpress.Defaults)
	if err == nil {
		var src []byte
		if src, err = gen.Generate(in); err == nil {
			err = os.WriteFile("fast_gen.go", src, 0o666)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genrender:", err)
		os.Exit(1)
	}
}
