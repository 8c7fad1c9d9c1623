package render

// The compiled renderer: Go generated from the default layouts
// (fast_gen.go, by internal/gen) that appends exactly the bytes
// html/template writes for them. html/template pays for each action in
// reflective calls and escapers; the generated code costs the view
// methods it calls and the bytes it writes.
//
// The layouts stay the one source: after a change to one, run
// go generate ./internal/render (TestGeneratedUpToDate fails until then).
// Each template runs compiled only where its file is the embedded default
// byte for byte and no other file redefines it (decided once, in New);
// a template the site overrides runs by html/template, called from the
// compiled code around it, so that overriding one partial leaves the rest
// of every page compiled. TestCompiledRenderer
// (internal/build/compiled_test.go) builds several sites both ways and
// compares every byte.

//go:generate go run -tags letterpress_nogen ./internal/genrender

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"letterpress/internal/assets"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/render/internal/gen"
)

// execState is what the compiled templates of one execution share: the
// template set to run overridden templates from, and the first error.
type execState struct {
	set *template.Template
	err error
}

func (s *execState) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

// mainFunc is a page kind's compiled "main"; partialFunc a template run
// by name (partialCached), for the types of data it was compiled for
// (false for another).
type (
	mainFunc    func(r *Renderer, s *execState, b []byte, p *Page) []byte
	partialFunc func(r *Renderer, s *execState, b []byte, data any) ([]byte, bool)
)

// cardData is the data of partials/card.html, threadItemData of
// partials/thread-item.html, when compiled (html/template gets maps with
// the same keys).
type (
	cardData struct {
		Page  *Page
		Doc   *Doc
		Level int
	}
	threadItemData struct {
		Page    *Page
		Doc     *Doc
		Current bool
	}
)

// callError is the error of a function a compiled template called, as
// text/template words it.
func callError(prefix string, err error) error { return fmt.Errorf("%s: %w", prefix, err) }

// dataTypeError says a page's own data is not of the type its compiled
// template was made for.
func dataTypeError(prefix string, data any) error {
	return fmt.Errorf("%s: the compiled template is for other data than a %T (run go generate ./internal/render)", prefix, data)
}

// execTemplate runs the template name with html/template, for a compiled
// template that calls it where the site overrides it.
func (r *Renderer) execTemplate(s *execState, b []byte, name string, data any) []byte {
	w := appendWriter{b}
	if err := s.set.ExecuteTemplate(&w, name, data); err != nil {
		s.fail(err)
	}
	return w.b
}

// execMain is the "main" of a page kind whose file the site overrides.
func execMain(r *Renderer, s *execState, b []byte, p *Page) []byte {
	return r.execTemplate(s, b, "main", p)
}

// compiled says which templates run as compiled Go in this renderer.
type compiled struct {
	ok         []bool // by the index of generatedNames
	card       bool   // partials/card.html
	threadItem bool   // partials/thread-item.html
	// base holds the page kinds whose base.html is compiled; mains those
	// whose "main" is too (the others run it by html/template).
	base, mains map[string]bool
	partials    map[string]bool // run by name (partialCached)
}

// decideCompiled sets r.compiled: which templates may run compiled, given
// the layouts as overlaid (site over defaults) and parsed.
//
// A template is compiled when it comes from the default file of its name,
// byte for byte (a verbatim copy in the site counts as the default), the
// file the code was generated from (generatedSources: a default changed
// without go generate is not compiled), and no other file defines it
// again. A page kind's base.html runs compiled
// when it is the default and every template the page uses that is not
// (its own "main" among them) can run alone: html/template then writes
// it, started in HTML text, as it would inside the page.
func (r *Renderer) decideCompiled(layouts map[string]assets.File, defaults fs.FS) {
	r.compiled = compiled{ok: make([]bool, len(generatedNames)), base: map[string]bool{}, mains: map[string]bool{}, partials: map[string]bool{}}
	if r.opts.NoCompiled || defaults == nil || generatedBase == nil {
		return
	}
	same := map[string]bool{}
	isDefault := func(name string) bool {
		if v, ok := same[name]; ok {
			return v
		}
		v := false
		if src, ok := layouts[name]; ok {
			a, err1 := src.Read()
			b, err2 := fs.ReadFile(defaults, assets.LayoutsDir+"/"+name)
			v = err1 == nil && err2 == nil && string(a) == string(b) && generatedSources[name] == sha(b)
		}
		same[name] = v
		return v
	}
	// from reports whether template name in t comes from the default file
	// of that name (of kind.html for "main").
	from := func(t *template.Template, name, kind string) bool {
		file := name
		if name == "main" {
			file = kind + ".html"
		}
		return isDefault(file) && parsedFrom(t, name, file)
	}
	for i, name := range generatedNames {
		r.compiled.ok[i] = from(r.base, name, "")
	}
	for name := range generatedPartials {
		r.compiled.partials[name] = from(r.base, name, "")
	}
	r.compiled.card = genCard != nil && from(r.base, "partials/card.html", "")
	r.compiled.threadItem = genThreadItem != nil && from(r.base, "partials/thread-item.html", "")
	for kind, t := range r.pages {
		if !from(t, "base.html", kind) || !from(r.base, "base.html", kind) {
			continue
		}
		ok := true
		for _, name := range uses(t, "base.html") {
			// Partials run from r.base (partialCached, eachCached) or from
			// the page's own set ({{template}}).
			if (!from(t, name, kind) || name != "main" && !from(r.base, name, kind)) && !alone(t, name) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		r.compiled.base[kind] = true
		r.compiled.mains[kind] = generatedMains[kind] != nil && from(t, "main", kind)
	}
}

// alone reports whether template name of t can be executed on its own:
// html/template escapes it started in HTML text and finds it ends there.
// (Executed with no data, it fails at its first action, after escaping.)
func alone(t *template.Template, name string) bool {
	c, err := t.Clone()
	if err != nil {
		return false
	}
	err = c.ExecuteTemplate(io.Discard, name, nil)
	var te *template.Error
	return !errors.As(err, &te)
}

// uses lists the templates that template name in t uses, directly or
// through others: those it includes with {{template}}, and those it names
// in a string (partialCached "partials/head.html" ...), sorted.
func uses(t *template.Template, name string) []string {
	seen := map[string]bool{}
	var walk func(n parse.Node)
	use := func(name string) {
		if x := t.Lookup(name); x != nil && !seen[name] {
			seen[name] = true
			if x.Tree != nil {
				walk(x.Tree.Root)
			}
		}
	}
	var pipe func(p *parse.PipeNode)
	pipe = func(p *parse.PipeNode) {
		if p == nil {
			return
		}
		for _, c := range p.Cmds {
			for _, a := range c.Args {
				switch a := a.(type) {
				case *parse.StringNode:
					use(a.Text)
				case *parse.PipeNode:
					pipe(a)
				}
			}
		}
	}
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			pipe(n.Pipe)
		case *parse.IfNode:
			pipe(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			pipe(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			pipe(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			use(n.Name)
			pipe(n.Pipe)
		}
	}
	if x := t.Lookup(name); x != nil && x.Tree != nil {
		walk(x.Tree.Root)
	}
	return slices.Sorted(maps.Keys(seen))
}

// parsedFrom reports whether the template name in t was parsed from file.
func parsedFrom(t *template.Template, name, file string) bool {
	x := t.Lookup(name)
	return x != nil && x.Tree != nil && x.Tree.ParseName == file
}

// executeCompiled renders a page whose base.html is compiled.
func (r *Renderer) executeCompiled(t *template.Template, p *Page, write func([]byte) error) error {
	main := mainFunc(execMain)
	if r.compiled.mains[p.Kind] {
		main = generatedMains[p.Kind]
	}
	s := execState{set: t}
	bp := getBuf()
	defer putBuf(bp)
	*bp = generatedBase(r, &s, (*bp)[:0], p, main)
	if s.err != nil {
		return s.err
	}
	return write(*bp)
}

// compiledPartial runs the compiled template name with data, if there is
// one for data's type, appending to b.
func (r *Renderer) compiledPartial(b []byte, name string, data any) ([]byte, bool, error) {
	if !r.compiled.partials[name] {
		return b, false, nil
	}
	s := execState{set: r.base}
	b, ok := generatedPartials[name](r, &s, b, data)
	return b, ok, s.err
}

// bufPool holds scratch buffers of the compiled renderer.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

func getBuf() *[]byte { return bufPool.Get().(*[]byte) }

func putBuf(b *[]byte) {
	if cap(*b) > 1<<20 {
		return // an outsize page: let it go
	}
	*b = (*b)[:0]
	bufPool.Put(b)
}

// appendCards appends partials/card.html, compiled (r.compiled.card),
// for each of docs, each after a newline if nl.
func (r *Renderer) appendCards(b []byte, p *Page, docs []*Doc, level int, nl bool) ([]byte, error) {
	s := execState{set: r.base}
	for _, d := range docs {
		if nl {
			b = append(b, '\n')
		}
		if b = genCard(r, &s, b, cardData{Page: p, Doc: d, Level: level}); s.err != nil {
			break
		}
	}
	return b, s.err
}

// appendCardList is cards, appending to b: the compiled entries go
// straight into the page.
func (r *Renderer) appendCardList(b []byte, p *Page, docs []*Doc, level int) ([]byte, error) {
	if r.compiled.card {
		return r.appendCards(b, p, docs, level, true)
	}
	h, err := r.cardList(p, docs, level)
	return append(b, h...), err
}

// appendEachCached is eachCached, appending to b.
func (r *Renderer) appendEachCached(b []byte, name string, p *Page, docs []*Doc, current *Doc) ([]byte, error) {
	if name == "partials/thread-item.html" && r.compiled.threadItem {
		return r.appendThreadItems(b, p, docs, current)
	}
	h, err := r.eachCached(name, p, docs, current)
	return append(b, h...), err
}

// appendThreadItems is eachCached "partials/thread-item.html" compiled:
// each entry is made once per render, document and language, but the
// current one (the page's own), which is shown once.
func (r *Renderer) appendThreadItems(b []byte, p *Page, docs []*Doc, current *Doc) ([]byte, error) {
	items := r.threadItemsOf(p.g)
	s := execState{set: r.base}
	for _, d := range docs {
		if current != nil && current.Is(d) {
			b = genThreadItem(r, &s, b, threadItemData{Page: p, Doc: d, Current: true})
			continue
		}
		var slot *atomic.Pointer[cachedHTML]
		if i, ok := p.g.Index(d.Doc); ok && (p.Lang == "en" || p.Lang == "cy") && (p.reads != nil || !r.opts.RecordReads) {
			if p.Lang == "cy" {
				i += len(items.items) / 2
			}
			slot = &items.items[i]
			if e := slot.Load(); e != nil {
				b = append(b, e.h...)
				p.reads.add(e.reads)
				continue
			}
		}
		var mark readMark
		if p.reads != nil {
			mark = p.reads.mark()
		}
		start := len(b)
		b = genThreadItem(r, &s, b, threadItemData{Page: p, Doc: d})
		if s.err != nil {
			return b, s.err
		}
		if slot != nil {
			e := &cachedHTML{h: template.HTML(b[start:])}
			if p.reads != nil {
				e.reads = p.reads.since(mark)
			}
			slot.Store(e) // another page may store the same entry: either will do
		}
	}
	return b, s.err
}

// threadItemsOf returns the thread entries of g's documents, new if the
// last were of another graph.
func (r *Renderer) threadItemsOf(g *graph.Graph) *threadItems {
	if t := r.threadItems.Load(); t != nil && t.g == g {
		return t
	}
	r.threadItemsMu.Lock()
	defer r.threadItemsMu.Unlock()
	t := r.threadItems.Load()
	if t == nil || t.g != g {
		t = &threadItems{g: g, items: make([]atomic.Pointer[cachedHTML], 2*g.Len())}
		r.threadItems.Store(t)
	}
	return t
}

// appendWriter is an io.Writer that appends to a byte slice.
type appendWriter struct{ b []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// GeneratorInput is what go generate (internal/genrender) gives the
// generator: the default layouts parsed as New parses them and escaped by
// html/template, and the types and functions they see.
func GeneratorInput(defaults fs.FS) (gen.Input, error) {
	errs := &diag.List{}
	r := New(nil, defaults, Options{NoCompiled: true}, errs)
	if errs.HasErrors(false) {
		return gen.Input{}, fmt.Errorf("the default layouts: %v", errs)
	}
	sets := map[string]*template.Template{}
	sources := map[string]string{}
	err := fs.WalkDir(defaults, assets.LayoutsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(defaults, p)
		sources[strings.TrimPrefix(p, assets.LayoutsDir+"/")] = sha(data)
		return err
	})
	if err != nil {
		return gen.Input{}, err
	}
	for kind, t := range r.pages {
		// Executing a template makes html/template escape it (with no
		// data it then fails at its first action).
		for _, x := range t.Templates() {
			if x.Tree == nil {
				continue
			}
			err := t.ExecuteTemplate(io.Discard, x.Name(), nil)
			var te *template.Error
			if errors.As(err, &te) {
				return gen.Input{}, err
			}
		}
		sets[kind] = t
	}
	return gen.Input{
		Package:       "render",
		PkgPath:       reflect.TypeFor[Renderer]().PkgPath(),
		Generator:     "letterpress/internal/render/internal/genrender",
		Sets:          sets,
		Base:          "base.html",
		Main:          "main",
		Page:          reflect.TypeFor[*Page](),
		Receiver:      reflect.TypeFor[*Renderer](),
		Funcs:         r.funcMap(),
		Dict:          "dict",
		TemplateFuncs: map[string][2]int{"partialCached": {0, 1}},
		Appenders:     map[string]string{"cards": "appendCardList", "eachCached": "appendEachCached"},
		Roots: []gen.Root{
			{Template: "partials/card.html", Dot: reflect.TypeFor[cardData](), Func: "genCard"},
			{Template: "partials/thread-item.html", Dot: reflect.TypeFor[threadItemData](), Func: "genThreadItem"},
		},
		DataField: "Data",
		DataTypes: dataTypes(r),
		Sources:   sources,
	}, nil
}

// sha is the hex SHA-256 of data.
func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// dataTypes finds the type of the own data (Page.Data) of each page kind
// that has some: from the pages of a site with no documents, as the
// sections make them.
func dataTypes(r *Renderer) map[string]reflect.Type {
	errs := &diag.List{}
	cfg := config.Parse([]byte("title: t\nbaseURL: https://example.org/\n"), errs)
	g := graph.Build(cfg, &content.Site{}, nil, graph.Options{}, errs)
	types := map[string]reflect.Type{}
	for _, j := range r.jobs(g, r.newSite(g), &sink{r: r}) {
		if j.page == nil {
			continue
		}
		if p := j.page(); p.Data != nil {
			types[p.Kind] = reflect.TypeOf(p.Data)
		}
	}
	return types
}
