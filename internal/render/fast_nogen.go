//go:build letterpress_nogen

package render

// Without the generated code (fast_gen.go), which go generate builds this
// package without (it may not compile against changed views): nothing is
// compiled, every page runs by html/template.

var (
	generatedNames    []string
	generatedSources  map[string]string
	generatedBase     func(r *Renderer, s *execState, b []byte, p *Page, main mainFunc) []byte
	generatedMains    map[string]mainFunc
	generatedPartials map[string]partialFunc
	genCard           func(r *Renderer, s *execState, b []byte, dot cardData) []byte
	genThreadItem     func(r *Renderer, s *execState, b []byte, dot threadItemData) []byte
)
