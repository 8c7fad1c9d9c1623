// Package gen writes the compiled renderer: Go that appends exactly the
// bytes html/template writes for the default layouts.
//
// It reads the layouts' parse trees after html/template has escaped them.
// The escaper calls html/template inserts at the end of each action's
// pipeline (_html_template_htmlescaper, _html_template_urlfilter ...)
// give the context of every value, so nothing about HTML is derived here:
// each known chain of escapers maps to a hand-written helper of package
// render, fuzzed against html/template. The static type of every
// expression comes from reflection on the view types, so the generated
// code calls the same methods and reads the same fields as the templates.
//
// Whatever the generator cannot translate exactly (a construct it does
// not know, a value whose type it cannot tell, an escaper chain it has no
// helper for) fails the generation with the template, its line and the
// node: it never writes code that might differ from html/template.
package gen

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"go/token"
	"html/template"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
)

// Input is what the generator reads.
type Input struct {
	// Package and PkgPath name the package the code is written for.
	Package, PkgPath string
	// Generator names the program, for the file's first line.
	Generator string
	// Sets are the template sets of the page kinds, each escaped (every
	// template in it executed once): the kind's file defines Main, the
	// shared files define Base and the partials.
	Sets map[string]*template.Template
	// Base is the page shell, executed with a Page; it calls Main.
	Base, Main string
	// Page is the type of the data of Base and Main.
	Page reflect.Type
	// Receiver is the type whose method values among Funcs are called on
	// the generated functions' receiver, r.
	Receiver reflect.Type
	// Funcs are the templates' functions, as given to html/template.
	Funcs template.FuncMap
	// Dict names the function that makes a map of its key and value
	// arguments; passed to {{template}}, it becomes a struct.
	Dict string
	// TemplateFuncs are functions that execute a template named by a
	// string argument: the index of the name and of the data argument.
	// The template is compiled for the data's type and listed in
	// generatedPartials.
	TemplateFuncs map[string][2]int
	// Appenders name, for functions that return template.HTML, a method
	// of the receiver that appends the same bytes to a []byte given
	// first, before the function's own arguments, and returns it with an
	// error: where the HTML is written in text as it is, the generated
	// code calls that instead, without a string of its own.
	Appenders map[string]string
	// Roots are templates that Go code executes with a typed value.
	Roots []Root
	// DataField and DataTypes: the field of Page that holds a page kind's
	// own data (an interface), and its type for each kind that has one.
	DataField string
	DataTypes map[string]reflect.Type
	// Sources are the layout files compiled, each with the SHA-256 of
	// its content (hex): the renderer compiles only the files that still
	// hash so, so that a stale generated file is never used.
	Sources map[string]string
}

// Root is a template that Go code runs with a value of type Dot, through
// the function variable Func.
type Root struct {
	Template string
	Dot      reflect.Type
	Func     string
}

// Generate returns the Go source of the compiled renderer.
func Generate(in Input) ([]byte, error) {
	g := &gen{in: in, fns: map[fnKey]*fn{}, imports: map[string]string{}, ids: map[string]int{}}
	src, err := g.run()
	if err != nil {
		return nil, err
	}
	out, err := format.Source(src)
	if err != nil {
		return nil, fmt.Errorf("gen: the generated code does not parse (a bug in the generator): %v\n%s", err, src)
	}
	return out, nil
}

type fnKey struct {
	kind string // the page kind, for Main; "" for shared templates
	name string
	dot  reflect.Type
}

type fn struct {
	key    fnKey
	goName string
	tree   *parse.Tree
	body   string
}

type dict struct {
	name  string
	keys  []string
	types []reflect.Type
}

type gen struct {
	in      Input
	kinds   []string
	fns     map[fnKey]*fn
	order   []*fn
	queue   []*fn
	dicts   []*dict
	imports map[string]string // path -> name
	ids     map[string]int    // shared template name -> id (its compiled flag)
	names   []string
	// partials: name -> dot types, for generatedPartials
	partials map[string][]*fn
}

// failure is a generation error at a node.
type failure struct{ msg string }

func (g *gen) run() (src []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			f, ok := v.(failure)
			if !ok {
				panic(v)
			}
			err = fmt.Errorf("%s", f.msg)
		}
	}()
	for k := range g.in.Sets {
		g.kinds = append(g.kinds, k)
	}
	slices.Sort(g.kinds)
	if len(g.kinds) == 0 {
		return nil, fmt.Errorf("gen: no page kinds")
	}
	g.partials = map[string][]*fn{}
	g.checkShared()
	base := g.function(fnKey{name: g.in.Base, dot: g.in.Page})
	mains := map[string]*fn{}
	for _, k := range g.kinds {
		mains[k] = g.function(fnKey{kind: k, name: g.in.Main, dot: g.in.Page})
	}
	roots := map[string]*fn{}
	for _, r := range g.in.Roots {
		roots[r.Func] = g.function(fnKey{name: r.Template, dot: r.Dot})
	}
	for len(g.queue) > 0 {
		f := g.queue[0]
		g.queue = g.queue[1:]
		c := &compiler{g: g, f: f}
		f.body = c.compile()
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by %s from the default layouts; DO NOT EDIT.\n\n", g.in.Generator)
	b.WriteString("//go:build !letterpress_nogen\n\n")
	fmt.Fprintf(&b, "package %s\n\n", g.in.Package)
	var paths []string
	for p := range g.imports {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	b.WriteString("import (\n")
	for _, p := range paths {
		if n := g.imports[p]; n != p[strings.LastIndex(p, "/")+1:] {
			fmt.Fprintf(&b, "%s ", n)
		}
		fmt.Fprintf(&b, "%q\n", p)
	}
	b.WriteString(")\n\n")
	b.WriteString("// generatedNames are the templates the compiled functions call with\n// {{template}}, by id: each runs compiled where its file is the default\n// (compiled.ok), and by html/template otherwise.\n")
	b.WriteString("var generatedNames = []string{\n")
	for _, n := range g.names {
		fmt.Fprintf(&b, "%q,\n", n)
	}
	b.WriteString("}\n\n")
	b.WriteString("// generatedSources are the layout files the code is generated from, with\n// the SHA-256 of each.\n")
	b.WriteString("var generatedSources = map[string]string{\n")
	for _, n := range sortedKeys(g.in.Sources) {
		fmt.Fprintf(&b, "%q: %q,\n", n, g.in.Sources[n])
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(&b, "// generatedBase is %s compiled; main is the page kind's %q.\n", g.in.Base, g.in.Main)
	fmt.Fprintf(&b, "var generatedBase = (*Renderer).%s\n\n", base.goName)
	fmt.Fprintf(&b, "// generatedMains are the page kinds' %q compiled.\n", g.in.Main)
	b.WriteString("var generatedMains = map[string]mainFunc{\n")
	for _, k := range g.kinds {
		fmt.Fprintf(&b, "%q: (*Renderer).%s,\n", k, mains[k].goName)
	}
	b.WriteString("}\n\n")
	b.WriteString("// generatedPartials are the templates run by name from a function\n// (partialCached), for the types of data they are given.\n")
	b.WriteString("var generatedPartials = map[string]partialFunc{\n")
	pnames := make([]string, 0, len(g.partials))
	for n := range g.partials {
		pnames = append(pnames, n)
	}
	slices.Sort(pnames)
	for _, n := range pnames {
		fmt.Fprintf(&b, "%q: func(r *Renderer, s *execState, b []byte, data any) ([]byte, bool) {\nswitch dot := data.(type) {\n", n)
		for _, f := range g.partials[n] {
			fmt.Fprintf(&b, "case %s:\nreturn r.%s(s, b, dot), true\n", g.typeName(f.key.dot), f.goName)
		}
		b.WriteString("}\nreturn b, false\n},\n")
	}
	b.WriteString("}\n\n")
	var rnames []string
	for n := range roots {
		rnames = append(rnames, n)
	}
	slices.Sort(rnames)
	for _, n := range rnames {
		fmt.Fprintf(&b, "// %s is %s compiled.\nvar %s = (*Renderer).%s\n\n", n, roots[n].key.name, n, roots[n].goName)
	}
	for _, d := range g.dicts {
		fmt.Fprintf(&b, "// %s is (dict", d.name)
		for _, k := range d.keys {
			fmt.Fprintf(&b, " %q", k)
		}
		fmt.Fprintf(&b, " ...) passed to {{template}}.\ntype %s struct {\n", d.name)
		for i, k := range d.keys {
			fmt.Fprintf(&b, "%s %s\n", k, g.typeName(d.types[i]))
		}
		fmt.Fprintf(&b, "}\n\nfunc (d %s) asMap() map[string]any {\nreturn map[string]any{", d.name)
		for _, k := range d.keys {
			fmt.Fprintf(&b, "%q: d.%s, ", k, k)
		}
		b.WriteString("}\n}\n\n")
	}
	for _, f := range g.order {
		what := f.key.name
		if f.key.kind != "" {
			what = fmt.Sprintf("%s of %s.html", f.key.name, f.key.kind)
		}
		fmt.Fprintf(&b, "// %s is %s for a %s.\n", f.goName, what, g.typeName(f.key.dot))
		extra := ""
		if f.key.name == g.in.Base && f.key.kind == "" {
			extra = ", main mainFunc"
		}
		fmt.Fprintf(&b, "func (r *Renderer) %s(s *execState, b []byte, dot %s%s) []byte {\n%sreturn b\n}\n\n", f.goName, g.typeName(f.key.dot), extra, f.body)
	}
	return b.Bytes(), nil
}

// checkShared fails unless every template but Main parses the same in
// every set: the shared templates are compiled once.
func (g *gen) checkShared() {
	first := g.in.Sets[g.kinds[0]]
	for _, k := range g.kinds[1:] {
		for _, t := range g.in.Sets[k].Templates() {
			if t.Name() == g.in.Main || t.Tree == nil {
				continue
			}
			o := first.Lookup(t.Name())
			if o == nil || o.Tree == nil {
				continue // the page's own file: compiled for no other kind
			}
			if o.Tree.Root.String() != t.Tree.Root.String() {
				panic(failure{fmt.Sprintf("gen: template %q differs between the %s and %s pages: only %q may be defined by a page's file", t.Name(), g.kinds[0], k, g.in.Main)})
			}
		}
	}
}

// function returns the function for key, queuing it to be compiled.
func (g *gen) function(key fnKey) *fn {
	if f := g.fns[key]; f != nil {
		return f
	}
	set := g.in.Sets[g.kinds[0]]
	if key.kind != "" {
		set = g.in.Sets[key.kind]
	}
	t := set.Lookup(key.name)
	if t == nil || t.Tree == nil {
		panic(failure{fmt.Sprintf("gen: no template %q", key.name)})
	}
	name := "gen" + goIdent(key.name)
	if key.kind != "" {
		name = "gen" + goIdent(key.kind) + goIdent(key.name)
	}
	base := name
	for n := 2; ; n++ {
		taken := false
		for _, f := range g.order {
			if f.goName == name {
				taken = true
			}
		}
		if !taken {
			break
		}
		name = base + strconv.Itoa(n)
	}
	f := &fn{key: key, goName: name, tree: t.Tree}
	g.fns[key] = f
	g.order = append(g.order, f)
	g.queue = append(g.queue, f)
	return f
}

// id returns the compiled flag's index of a shared template.
func (g *gen) id(name string) int {
	if i, ok := g.ids[name]; ok {
		return i
	}
	g.ids[name] = len(g.names)
	g.names = append(g.names, name)
	return g.ids[name]
}

func goIdent(s string) string {
	var b strings.Builder
	up := true
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			if up && c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
			b.WriteRune(c)
			up = false
		default:
			up = true
		}
	}
	return b.String()
}

// typeName is how the generated code spells t.
func (g *gen) typeName(t reflect.Type) string {
	if t == nil {
		return "any"
	}
	for _, d := range g.dicts {
		if t == dictType(d) {
			return d.name
		}
	}
	if t.Name() != "" {
		if t.PkgPath() == "" {
			return t.Name()
		}
		if strings.ContainsAny(t.Name(), "[]") || !token.IsExported(t.Name()) && t.PkgPath() != g.in.PkgPath {
			panic(failure{fmt.Sprintf("gen: the type %s cannot be named in the generated code", t)})
		}
		if t.PkgPath() == g.in.PkgPath {
			return t.Name()
		}
		return g.pkg(t.PkgPath()) + "." + t.Name()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + g.typeName(t.Elem())
	case reflect.Slice:
		return "[]" + g.typeName(t.Elem())
	case reflect.Map:
		return "map[" + g.typeName(t.Key()) + "]" + g.typeName(t.Elem())
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "any"
		}
	}
	panic(failure{fmt.Sprintf("gen: the type %s cannot be named in the generated code", t)})
}

// pkg imports path and returns its name.
func (g *gen) pkg(path string) string {
	if n, ok := g.imports[path]; ok {
		return n
	}
	n := path[strings.LastIndex(path, "/")+1:]
	for _, used := range g.imports {
		if used == n {
			n += strconv.Itoa(len(g.imports))
		}
	}
	g.imports[path] = n
	return n
}

// dictType is the reflect type standing for a generated dict struct: a
// struct of its fields, told apart from the views' by its fields' tag.
func dictType(d *dict) reflect.Type {
	fields := make([]reflect.StructField, len(d.keys))
	for i, k := range d.keys {
		fields[i] = reflect.StructField{Name: k, Type: d.types[i], Tag: reflect.StructTag(`gen:"` + d.name + `"`)}
	}
	return reflect.StructOf(fields)
}

func (g *gen) dictFor(keys []string, types []reflect.Type) *dict {
	for _, d := range g.dicts {
		if slices.Equal(d.keys, keys) && slices.Equal(d.types, types) {
			return d
		}
	}
	d := &dict{name: "dict" + strings.Join(keys, ""), keys: keys, types: types}
	for _, o := range g.dicts {
		if o.name == d.name {
			d.name += strconv.Itoa(len(g.dicts))
		}
	}
	g.dicts = append(g.dicts, d)
	return d
}

// funcExpr is how the generated code calls the template function name.
func (g *gen) funcExpr(name string, v reflect.Value) (string, bool) {
	full := runtime.FuncForPC(v.Pointer()).Name()
	if m, ok := strings.CutSuffix(full, "-fm"); ok {
		recv := g.in.Receiver
		prefix := fmt.Sprintf("%s.(*%s).", recv.Elem().PkgPath(), recv.Elem().Name())
		if rest, ok := strings.CutPrefix(m, prefix); ok && token.IsIdentifier(rest) {
			return "r." + rest, true
		}
		return "", false
	}
	slash := strings.LastIndex(full, "/")
	dot := strings.Index(full[slash+1:], ".")
	if dot < 0 {
		return "", false
	}
	path, fname := full[:slash+1+dot], full[slash+1+dot+1:]
	if !token.IsIdentifier(fname) {
		return "", false // a function literal, a generic instance
	}
	if path == g.in.PkgPath {
		return fname, true
	}
	if !token.IsExported(fname) {
		return "", false
	}
	return g.pkg(path) + "." + fname, true
}

var (
	htmlType  = reflect.TypeFor[template.HTML]()
	errorType = reflect.TypeFor[error]()
	strType   = reflect.TypeFor[string]()
	intType   = reflect.TypeFor[int]()
	boolType  = reflect.TypeFor[bool]()
	anyType   = reflect.TypeFor[any]()
	stringer  = reflect.TypeFor[fmt.Stringer]()
)

// contentTypes are html/template's typed strings, which its escapers
// treat by type: only template.HTML in text is compiled.
var contentTypes = map[reflect.Type]bool{
	reflect.TypeFor[template.HTML]():     true,
	reflect.TypeFor[template.HTMLAttr](): true,
	reflect.TypeFor[template.URL]():      true,
	reflect.TypeFor[template.JS]():       true,
	reflect.TypeFor[template.JSStr]():    true,
	reflect.TypeFor[template.CSS]():      true,
	reflect.TypeFor[template.Srcset]():   true,
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp.Compare)
	return keys
}
