package gen

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
)

// val is a value in the generated code.
type val struct {
	code string       // a Go expression
	t    reflect.Type // its type
	// konst is the constant node the value is, if it is one: its Go type
	// is decided where it is used, as text/template does.
	konst parse.Node
	// addr: text/template could take the value's address (a variable's
	// field, a slice's element): only then are pointer methods found.
	addr bool
	// appender, for the template.HTML result of a method Name with no
	// arguments whose receiver also has AppendName(b []byte) []byte:
	// that method, which appends the same bytes without a string of
	// its own.
	appender string
}

// compiler compiles one template for one type of dot.
type compiler struct {
	g      *gen
	f      *fn
	out    strings.Builder
	scopes []map[string]val
	dot    val
	n      int
	loops  int
}

func (c *compiler) compile() string {
	c.dot = val{code: "dot", t: c.f.key.dot, addr: true}
	c.scopes = []map[string]val{{"$": c.dot}}
	c.list(c.f.tree.Root)
	return c.out.String()
}

func (c *compiler) failf(n parse.Node, format string, args ...any) {
	if n == nil {
		n = c.f.tree.Root
	}
	loc, ctx := c.f.tree.ErrorContext(n)
	panic(failure{fmt.Sprintf("%s: in template %q at <%s>: %s", loc, c.f.key.name, ctx, fmt.Sprintf(format, args...))})
}

func (c *compiler) emit(format string, args ...any) {
	fmt.Fprintf(&c.out, format, args...)
	c.out.WriteByte('\n')
}

func (c *compiler) tmp() string {
	c.n++
	return "v" + strconv.Itoa(c.n)
}

func (c *compiler) push() { c.scopes = append(c.scopes, map[string]val{}) }
func (c *compiler) pop()  { c.scopes = c.scopes[:len(c.scopes)-1] }

func (c *compiler) lookup(n parse.Node, name string) val {
	for i := len(c.scopes) - 1; i >= 0; i-- {
		if v, ok := c.scopes[i][name]; ok {
			return v
		}
	}
	c.failf(n, "undefined variable %s", name)
	return val{}
}

// bind declares a template variable as a Go variable holding v.
func (c *compiler) bind(name string, v val) {
	t := c.tmp()
	c.emit("%s := %s", t, c.typed(v, nil))
	c.emit("_ = %s", t)
	c.scopes[len(c.scopes)-1][name] = val{code: t, t: c.typeOf(v), addr: v.addr}
}

func (c *compiler) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		c.node(n)
	}
}

func (c *compiler) node(n parse.Node) {
	switch n := n.(type) {
	case *parse.TextNode:
		if len(n.Text) > 0 {
			c.emit("b = append(b, %s...)", strconv.Quote(string(n.Text)))
		}
	case *parse.CommentNode:
	case *parse.ActionNode:
		c.action(n)
	case *parse.IfNode:
		c.ifOrWith(n, n.Pipe, n.List, n.ElseList, false)
	case *parse.WithNode:
		c.ifOrWith(n, n.Pipe, n.List, n.ElseList, true)
	case *parse.RangeNode:
		c.rangeNode(n)
	case *parse.TemplateNode:
		c.templateCall(n)
	case *parse.BreakNode:
		c.emit("break")
	case *parse.ContinueNode:
		c.emit("continue")
	default:
		c.failf(n, "cannot compile a %T", n)
	}
}

// escapers splits the escaper calls html/template appended from the rest
// of a pipeline.
func escapers(p *parse.PipeNode) ([]*parse.CommandNode, []string) {
	cmds := p.Cmds
	var chain []string
	for len(cmds) > 0 {
		last := cmds[len(cmds)-1]
		id, ok := last.Args[0].(*parse.IdentifierNode)
		if !ok || len(last.Args) != 1 || !strings.HasPrefix(id.Ident, "_html_template_") {
			break
		}
		chain = append([]string{strings.TrimPrefix(id.Ident, "_html_template_")}, chain...)
		cmds = cmds[:len(cmds)-1]
	}
	return cmds, chain
}

func (c *compiler) action(n *parse.ActionNode) {
	p := n.Pipe
	cmds, chain := escapers(p)
	if len(p.Decl) > 0 {
		if len(chain) > 0 || len(p.Decl) > 1 {
			c.failf(n, "cannot compile this declaration")
		}
		v := c.pipeline(n, cmds)
		name := p.Decl[0].Ident[0]
		if p.IsAssign {
			old := c.lookup(n, name)
			if !c.typeOf(v).AssignableTo(old.t) {
				c.failf(n, "assigns a %s to %s, a %s", c.typeOf(v), name, old.t)
			}
			c.emit("%s = %s", old.code, c.typed(v, old.t))
			return
		}
		c.bind(name, v)
		return
	}
	if len(chain) == 0 {
		c.failf(n, "an action that html/template did not escape")
	}
	if len(cmds) == 1 && len(chain) == 1 && chain[0] == "htmlescaper" && c.appendCall(cmds[0]) {
		return
	}
	v := c.pipeline(n, cmds)
	var at parse.Node = n
	if len(cmds) > 0 {
		at = cmds[0]
	}
	c.print(at, v, chain)
}

// print appends v as html/template's escapers in chain write it.
func (c *compiler) print(n parse.Node, v val, chain []string) {
	t := c.typeOf(v)
	code := c.typed(v, nil)
	esc := strings.Join(chain, " | ")
	switch {
	case t == htmlType:
		if esc != "htmlescaper" {
			c.failf(n, "template.HTML written through %s: only text (htmlescaper) is compiled", esc)
		}
		if v.appender != "" {
			c.emit("b = %s(b)", v.appender)
			return
		}
		c.emit("b = append(b, %s...)", code)
		return
	case contentTypes[t]:
		c.failf(n, "a %s value is not compiled", t)
	case t.Implements(errorType):
		c.failf(n, "an error value is not compiled")
	case t.Implements(stringer):
		code, t = code+".String()", strType
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if !numberChains[esc] {
			c.failf(n, "a number written through %s", esc)
		}
		c.emit("b = strconv.AppendInt(b, int64(%s), 10)", code)
		c.g.pkg("strconv")
		return
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if !numberChains[esc] {
			c.failf(n, "a number written through %s", esc)
		}
		c.emit("b = strconv.AppendUint(b, uint64(%s), 10)", code)
		c.g.pkg("strconv")
		return
	case reflect.Bool:
		if !numberChains[esc] {
			c.failf(n, "a bool written through %s", esc)
		}
		c.emit("b = strconv.AppendBool(b, %s)", code)
		c.g.pkg("strconv")
		return
	case reflect.String:
		if t != strType {
			code = "string(" + code + ")"
		}
		h, ok := stringChains[esc]
		if !ok {
			c.failf(n, "no compiled escaper for %s", esc)
		}
		c.emit("b = %s(b, %s)", h, code)
		return
	}
	c.failf(n, "cannot write a %s", t)
}

// stringChains map html/template's escaper chains to the helpers of
// package render that write a string exactly as they do.
var stringChains = map[string]string{
	"htmlescaper":   "appendEsc",
	"rcdataescaper": "appendEsc",
	"attrescaper":   "appendEsc",
	"urlfilter | urlnormalizer | attrescaper": "appendURL",
	"urlnormalizer | attrescaper":             "appendURLNorm",
	"urlescaper | attrescaper":                "appendURLQuery",
}

// numberChains write a number's digits (and sign) as they are.
var numberChains = map[string]bool{
	"htmlescaper": true, "rcdataescaper": true, "attrescaper": true,
	"urlfilter | urlnormalizer | attrescaper": true, "urlnormalizer | attrescaper": true, "urlescaper | attrescaper": true,
}

func (c *compiler) ifOrWith(n parse.Node, p *parse.PipeNode, list, elseList *parse.ListNode, with bool) {
	if _, chain := escapers(p); len(chain) > 0 {
		c.failf(n, "escaped condition")
	}
	if !with {
		if len(p.Decl) > 0 {
			c.failf(n, "a declaration in if")
		}
		cond := c.cond(n, p.Cmds)
		c.emit("if %s {", cond)
		c.push()
		c.list(list)
		c.pop()
		if elseList != nil {
			c.emit("} else {")
			c.push()
			c.list(elseList)
			c.pop()
		}
		c.emit("}")
		return
	}
	if len(p.Decl) > 1 {
		c.failf(n, "two variables in with")
	}
	v := c.pipeline(n, p.Cmds)
	t := c.tmp()
	c.emit("%s := %s", t, c.typed(v, nil))
	tv := val{code: t, t: c.typeOf(v), addr: v.addr}
	c.emit("if %s {", c.truth(tv))
	c.push()
	if len(p.Decl) == 1 {
		c.scopes[len(c.scopes)-1][p.Decl[0].Ident[0]] = tv
	}
	saved := c.dot
	c.dot = tv
	c.list(list)
	c.dot = saved
	c.pop()
	if elseList != nil {
		c.emit("} else {")
		c.push()
		c.list(elseList)
		c.pop()
	}
	c.emit("}")
}

func (c *compiler) rangeNode(n *parse.RangeNode) {
	p := n.Pipe
	v := c.pipeline(n, p.Cmds)
	t := c.typeOf(v)
	if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
		c.failf(p, "range over a %s: only slices and arrays are compiled", t)
	}
	xs := c.tmp()
	c.emit("%s := %s", xs, c.typed(v, nil))
	if n.ElseList != nil {
		c.emit("if len(%s) == 0 {", xs)
		c.push()
		c.list(n.ElseList)
		c.pop()
		c.emit("} else {")
	}
	i, x := c.tmp(), c.tmp()
	c.emit("for %s, %s := range %s {", i, x, xs)
	c.emit("_, _ = %s, %s", i, x)
	c.push()
	elem := val{code: x, t: t.Elem(), addr: t.Kind() == reflect.Slice || v.addr}
	switch len(p.Decl) {
	case 0:
	case 1:
		c.scopes[len(c.scopes)-1][p.Decl[0].Ident[0]] = elem
	case 2:
		c.scopes[len(c.scopes)-1][p.Decl[0].Ident[0]] = val{code: i, t: intType}
		c.scopes[len(c.scopes)-1][p.Decl[1].Ident[0]] = elem
	default:
		c.failf(n, "too many variables in range")
	}
	saved := c.dot
	c.dot = elem
	c.loops++
	c.list(n.List)
	c.loops--
	c.dot = saved
	c.pop()
	c.emit("}")
	if n.ElseList != nil {
		c.emit("}")
	}
}

func (c *compiler) templateCall(n *parse.TemplateNode) {
	if n.Pipe == nil {
		c.failf(n, "{{template}} without data is not compiled")
	}
	v := c.pipeline(n, n.Pipe.Cmds)
	t := c.typeOf(v)
	if n.Name == c.g.in.Main {
		if c.f.key.name != c.g.in.Base || c.f.key.kind != "" {
			c.failf(n, "only %s may call %q", c.g.in.Base, c.g.in.Main)
		}
		if t != c.g.in.Page {
			c.failf(n, "%q is called with a %s, not a %s", c.g.in.Main, t, c.g.in.Page)
		}
		c.emit("b = main(r, s, b, %s)", c.typed(v, nil))
		c.emit("if s.err != nil {\nreturn b\n}")
		return
	}
	if strings.Contains(n.Name, "$htmltemplate") {
		c.failf(n, "template %q is called in a context other than HTML text", n.Name)
	}
	callee := c.g.function(fnKey{name: n.Name, dot: t})
	id := c.g.id(n.Name)
	arg := c.tmp()
	c.emit("%s := %s", arg, c.typed(v, nil))
	data := arg
	if c.isDict(t) {
		data += ".asMap()"
	}
	c.emit("if r.compiled.ok[%d] { // %s\nb = r.%s(s, b, %s)\n} else {\nb = r.execTemplate(s, b, %q, %s)\n}", id, n.Name, callee.goName, arg, n.Name, data)
	c.emit("if s.err != nil {\nreturn b\n}")
}

func (c *compiler) isDict(t reflect.Type) bool {
	for _, d := range c.g.dicts {
		if dictType(d) == t {
			return true
		}
	}
	return false
}

// pipeline evaluates the commands of a pipeline, each one's value the
// last argument of the next.
func (c *compiler) pipeline(n parse.Node, cmds []*parse.CommandNode) val {
	var v *val
	for _, cmd := range cmds {
		r := c.command(cmd, v)
		v = &r
	}
	if v == nil {
		c.failf(n, "empty pipeline")
	}
	return *v
}

func (c *compiler) command(cmd *parse.CommandNode, final *val) val {
	first := cmd.Args[0]
	switch n := first.(type) {
	case *parse.FieldNode:
		return c.chain(cmd, c.dot, n.Ident, cmd.Args, final)
	case *parse.ChainNode:
		return c.chain(cmd, c.operand(n.Node), n.Field, cmd.Args, final)
	case *parse.IdentifierNode:
		return c.call(cmd, n.Ident, cmd.Args[1:], final)
	case *parse.VariableNode:
		v := c.lookup(n, n.Ident[0])
		if len(n.Ident) > 1 {
			return c.chain(cmd, v, n.Ident[1:], cmd.Args, final)
		}
		c.noArgs(cmd, final)
		return v
	}
	c.noArgs(cmd, final)
	return c.operand(first)
}

func (c *compiler) noArgs(cmd *parse.CommandNode, final *val) {
	if len(cmd.Args) > 1 || final != nil {
		c.failf(cmd, "arguments to something that is not a function")
	}
}

// operand evaluates a node that is a value on its own.
func (c *compiler) operand(n parse.Node) val {
	switch n := n.(type) {
	case *parse.DotNode:
		return c.dot
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode:
		return val{konst: n}
	case *parse.PipeNode:
		if len(n.Decl) > 0 {
			c.failf(n, "a declaration in parentheses")
		}
		return c.pipeline(n, n.Cmds)
	case *parse.FieldNode:
		return c.chain(n, c.dot, n.Ident, nil, nil)
	case *parse.VariableNode:
		v := c.lookup(n, n.Ident[0])
		if len(n.Ident) > 1 {
			return c.chain(n, v, n.Ident[1:], nil, nil)
		}
		return v
	case *parse.ChainNode:
		return c.chain(n, c.operand(n.Node), n.Field, nil, nil)
	case *parse.IdentifierNode:
		return c.call(n, n.Ident, nil, nil)
	}
	c.failf(n, "cannot compile a %T here", n)
	return val{}
}

// typeOf is v's Go type; a constant's default type.
func (c *compiler) typeOf(v val) reflect.Type {
	if v.konst == nil {
		return v.t
	}
	switch k := v.konst.(type) {
	case *parse.StringNode:
		return strType
	case *parse.BoolNode:
		return boolType
	case *parse.NumberNode:
		if k.IsInt {
			return intType
		}
		if k.IsFloat {
			return reflect.TypeFor[float64]()
		}
	}
	c.failf(v.konst, "a constant of no type the generator knows")
	return nil
}

// typed is the code of v as a value of type t (nil: its own type).
func (c *compiler) typed(v val, t reflect.Type) string {
	if v.konst == nil {
		if t != nil && !v.t.AssignableTo(t) {
			c.failf(nil, "a %s where a %s is wanted", v.t, t)
		}
		return v.code
	}
	if t == nil {
		t = c.typeOf(v)
	}
	switch k := v.konst.(type) {
	case *parse.StringNode:
		if t.Kind() == reflect.String || t.Kind() == reflect.Interface && t.NumMethod() == 0 {
			return strconv.Quote(k.Text)
		}
	case *parse.BoolNode:
		if t.Kind() == reflect.Bool || t.Kind() == reflect.Interface && t.NumMethod() == 0 {
			return strconv.FormatBool(k.True)
		}
	case *parse.NumberNode:
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if k.IsInt {
				return strconv.FormatInt(k.Int64, 10)
			}
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			if k.IsUint {
				return strconv.FormatUint(k.Uint64, 10)
			}
		case reflect.Float32, reflect.Float64:
			if k.IsFloat {
				return strconv.FormatFloat(k.Float64, 'g', -1, 64)
			}
		case reflect.Interface:
			if t.NumMethod() == 0 {
				if k.IsInt {
					return "int(" + strconv.FormatInt(k.Int64, 10) + ")"
				}
				if k.IsFloat {
					return "float64(" + strconv.FormatFloat(k.Float64, 'g', -1, 64) + ")"
				}
			}
		}
	}
	c.failf(v.konst, "the constant %s where a %s is wanted", v.konst, t)
	return ""
}

// chain evaluates .A.B.C on v; the last may be a method given args (the
// command's arguments after the first) and final.
func (c *compiler) chain(n parse.Node, v val, idents []string, cmdArgs []parse.Node, final *val) val {
	var args []parse.Node
	if len(cmdArgs) > 1 {
		args = cmdArgs[1:]
	}
	for i, id := range idents {
		if i < len(idents)-1 {
			v = c.field(n, v, id, nil, nil)
		} else {
			v = c.field(n, v, id, args, final)
		}
	}
	return v
}

// field is v.name as text/template finds it: a method (of the pointer if
// v is addressable), else a struct field.
func (c *compiler) field(n parse.Node, v val, name string, args []parse.Node, final *val) val {
	t := c.typeOf(v)
	if v.konst != nil {
		c.failf(n, "a field of a constant")
	}
	if t.Kind() == reflect.Interface {
		c.failf(n, "%s is a field of a %s, whose type the generator cannot know", name, t)
	}
	mt := t
	if t.Kind() != reflect.Pointer && v.addr {
		mt = reflect.PointerTo(t)
	}
	if m, ok := mt.MethodByName(name); ok {
		r := c.callFunc(n, v.code+"."+name, name, m.Type, 1, args, final)
		if a, ok := mt.MethodByName("Append" + name); ok && r.t == htmlType && len(args) == 0 && final == nil && a.Type == appenderType(mt) {
			r.appender = v.code + ".Append" + name
		}
		return r
	}
	if len(args) > 0 || final != nil {
		c.failf(n, "%s is not a method but has arguments", name)
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		if sf, ok := st.FieldByName(name); ok {
			if !sf.IsExported() {
				c.failf(n, "%s is an unexported field of %s", name, st)
			}
			r := val{code: v.code + "." + name, t: sf.Type, addr: v.addr || t.Kind() == reflect.Pointer}
			return c.narrow(n, v, name, r)
		}
	}
	c.failf(n, "%s has no method or field %s", t, name)
	return val{}
}

// appenderType is the type of a method of t that appends to a []byte.
func appenderType(t reflect.Type) reflect.Type {
	return reflect.FuncOf([]reflect.Type{t, reflect.TypeFor[[]byte]()}, []reflect.Type{reflect.TypeFor[[]byte]()}, false)
}

// narrow gives a page kind's own data (an interface field) its type.
func (c *compiler) narrow(n parse.Node, v val, name string, r val) val {
	if r.t.Kind() != reflect.Interface || name != c.g.in.DataField || c.typeOf(v) != c.g.in.Page || c.f.key.kind == "" {
		return r
	}
	dt := c.g.in.DataTypes[c.f.key.kind]
	if dt == nil {
		return r
	}
	t := c.tmp()
	loc, ctx := c.f.tree.ErrorContext(n)
	c.emit("%s, ok := %s.(%s)", t, r.code, c.g.typeName(dt))
	c.emit("if !ok {\ns.fail(dataTypeError(%q, %s))\nreturn b\n}", fmt.Sprintf("template: %s: executing %q at <%s>: %s", loc, c.f.key.name, ctx, name), r.code)
	return val{code: t, t: dt}
}

// callFunc calls fn, of type ft (whose first skip parameters are given:
// a method's receiver), with args and final.
func (c *compiler) callFunc(n parse.Node, fn, name string, ft reflect.Type, skip int, args []parse.Node, final *val) val {
	numIn := ft.NumIn() - skip
	given := len(args)
	if final != nil {
		given++
	}
	if ft.IsVariadic() {
		if given < numIn-1 {
			c.failf(n, "wrong number of arguments for %s: want at least %d, got %d", name, numIn-1, given)
		}
	} else if given != numIn {
		c.failf(n, "wrong number of arguments for %s: want %d, got %d", name, numIn, given)
	}
	paramType := func(i int) reflect.Type {
		if ft.IsVariadic() && i >= numIn-1 {
			return ft.In(ft.NumIn() - 1).Elem()
		}
		return ft.In(skip + i)
	}
	var codes []string
	for i, a := range args {
		codes = append(codes, c.arg(a, paramType(i)))
	}
	if final != nil {
		codes = append(codes, c.typed(*final, paramType(len(args))))
	}
	call := fn + "(" + strings.Join(codes, ", ") + ")"
	switch {
	case ft.NumOut() == 1:
		return val{code: call, t: ft.Out(0)}
	case ft.NumOut() == 2 && ft.Out(1) == errorType:
		t := c.tmp()
		loc, ctx := c.f.tree.ErrorContext(n)
		c.emit("%s, err := %s", t, call)
		c.emit("if err != nil {\ns.fail(callError(%q, err))\nreturn b\n}", fmt.Sprintf("template: %s: executing %q at <%s>: error calling %s", loc, c.f.key.name, ctx, name))
		return val{code: t, t: ft.Out(0)}
	}
	c.failf(n, "%s returns %d values", name, ft.NumOut())
	return val{}
}

// arg evaluates an argument for a parameter of type t.
func (c *compiler) arg(n parse.Node, t reflect.Type) string {
	v := c.operand(n)
	if v.konst != nil {
		return c.typed(v, t)
	}
	if !v.t.AssignableTo(t) {
		c.failf(n, "a %s where a %s is wanted", v.t, t)
	}
	return v.code
}

// call evaluates a function: a builtin, the dict function, or one of the
// site's.
func (c *compiler) call(n parse.Node, name string, args []parse.Node, final *val) val {
	if f, ok := c.g.in.Funcs[name]; ok {
		if name == c.g.in.Dict {
			return c.dict(n, args, final)
		}
		fv := reflect.ValueOf(f)
		expr, ok := c.g.funcExpr(name, fv)
		if !ok {
			c.failf(n, "the function %s is a function literal or a method of a type other than %s: give it a name", name, c.g.in.Receiver)
		}
		if idx, ok := c.g.in.TemplateFuncs[name]; ok {
			c.templateFunc(n, name, idx, args)
		}
		return c.callFunc(n, expr, name, fv.Type(), 0, args, final)
	}
	operands := func() []val {
		var vs []val
		for _, a := range args {
			vs = append(vs, c.operand(a))
		}
		if final != nil {
			vs = append(vs, *final)
		}
		return vs
	}
	switch name {
	case "and", "or", "not":
		return val{code: c.logic(n, name, args, final), t: boolType}
	case "len":
		vs := operands()
		if len(vs) != 1 {
			c.failf(n, "len takes one argument")
		}
		switch c.typeOf(vs[0]).Kind() {
		case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
			return val{code: "len(" + c.typed(vs[0], nil) + ")", t: intType}
		}
		c.failf(n, "len of a %s", c.typeOf(vs[0]))
	case "index":
		vs := operands()
		if len(vs) != 2 {
			c.failf(n, "index is compiled with one index only")
		}
		t := c.typeOf(vs[0])
		switch t.Kind() {
		case reflect.Slice, reflect.Array:
			return val{code: c.typed(vs[0], nil) + "[" + c.typed(vs[1], intType) + "]", t: t.Elem(), addr: true}
		case reflect.Map:
			return val{code: c.typed(vs[0], nil) + "[" + c.typed(vs[1], t.Key()) + "]", t: t.Elem()}
		}
		c.failf(n, "index of a %s", t)
	case "eq", "ne", "lt", "le", "gt", "ge":
		return val{code: c.compare(n, name, operands()), t: boolType}
	case "printf":
		return c.printf(n, operands())
	case "print", "println":
		vs := operands()
		var codes []string
		for _, v := range vs {
			codes = append(codes, c.typed(v, anyType))
		}
		c.g.pkg("fmt")
		return val{code: "fmt.S" + name + "(" + strings.Join(codes, ", ") + ")", t: strType}
	}
	c.failf(n, "the function %s is not compiled", name)
	return val{}
}

// appendCall writes {{f args...}}, where f has an appender (see
// Input.Appenders) and returns template.HTML, written in text as it is:
// the appender appends the HTML to b. It reports whether it did.
func (c *compiler) appendCall(cmd *parse.CommandNode) bool {
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok {
		return false
	}
	m, ok := c.g.in.Appenders[id.Ident]
	f, isFunc := c.g.in.Funcs[id.Ident]
	if !ok || !isFunc || id.Ident == c.g.in.Dict {
		return false
	}
	ft := reflect.TypeOf(f)
	if ft.NumOut() == 0 || ft.Out(0) != htmlType {
		return false
	}
	args := cmd.Args[1:]
	if idx, ok := c.g.in.TemplateFuncs[id.Ident]; ok {
		c.templateFunc(cmd, id.Ident, idx, args)
	}
	numIn := ft.NumIn()
	if ft.IsVariadic() && len(args) < numIn-1 || !ft.IsVariadic() && len(args) != numIn {
		c.failf(cmd, "wrong number of arguments for %s", id.Ident)
	}
	codes := []string{"b"}
	for i, a := range args {
		t := ft.In(min(i, numIn-1))
		if ft.IsVariadic() && i >= numIn-1 {
			t = ft.In(numIn - 1).Elem()
		}
		codes = append(codes, c.arg(a, t))
	}
	t := c.tmp()
	loc, ctx := c.f.tree.ErrorContext(cmd)
	c.emit("%s, err := r.%s(%s)", t, m, strings.Join(codes, ", "))
	c.emit("if err != nil {\ns.fail(callError(%q, err))\nreturn b\n}", fmt.Sprintf("template: %s: executing %q at <%s>: error calling %s", loc, c.f.key.name, ctx, id.Ident))
	c.emit("b = %s", t)
	return true
}

// templateFunc compiles the template a function such as partialCached
// runs, for the type of the data it is given.
func (c *compiler) templateFunc(n parse.Node, name string, idx [2]int, args []parse.Node) {
	if idx[0] >= len(args) || idx[1] >= len(args) {
		c.failf(n, "%s without its template and data", name)
	}
	s, ok := args[idx[0]].(*parse.StringNode)
	if !ok {
		c.failf(n, "%s with a template name that is not a constant", name)
	}
	saved := c.out.Len()
	dv := c.operand(args[idx[1]])
	if c.out.Len() != saved {
		c.failf(n, "the data of %s needs statements", name)
	}
	dt := c.typeOf(dv)
	if c.isDict(dt) || dt.Kind() == reflect.Interface {
		c.failf(n, "%s given data of type %s: its template cannot be compiled for it", name, dt)
	}
	f := c.g.function(fnKey{name: s.Text, dot: dt})
	if !slices.Contains(c.g.partials[s.Text], f) {
		c.g.partials[s.Text] = append(c.g.partials[s.Text], f)
	}
}

func (c *compiler) dict(n parse.Node, args []parse.Node, final *val) val {
	if final != nil || len(args)%2 != 0 {
		c.failf(n, "dict needs key and value pairs")
	}
	var keys, codes []string
	var types []reflect.Type
	for i := 0; i < len(args); i += 2 {
		k, ok := args[i].(*parse.StringNode)
		if !ok || !isExportedIdent(k.Text) || slices.Contains(keys, k.Text) {
			c.failf(n, "dict keys must be distinct constant names (a capital letter first)")
		}
		v := c.operand(args[i+1])
		keys = append(keys, k.Text)
		types = append(types, c.typeOf(v))
		codes = append(codes, k.Text+": "+c.typed(v, nil))
	}
	d := c.g.dictFor(keys, types)
	return val{code: d.name + "{" + strings.Join(codes, ", ") + "}", t: dictType(d)}
}

func isExportedIdent(s string) bool {
	return s != "" && s[0] >= 'A' && s[0] <= 'Z' && !strings.ContainsAny(s, " -./$")
}

// truth is text/template's truth of v, as a Go condition.
func (c *compiler) truth(v val) string {
	t := c.typeOf(v)
	code := c.typed(v, nil)
	switch t.Kind() {
	case reflect.Bool:
		return code
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return "len(" + code + ") > 0"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return code + " != 0"
	case reflect.Pointer, reflect.Interface, reflect.Func, reflect.Chan:
		return code + " != nil"
	case reflect.Struct:
		return "true"
	}
	c.failf(v.konst, "the truth of a %s", t)
	return ""
}

// cond is the truth of a pipeline, with and, or and not made Go's.
func (c *compiler) cond(n parse.Node, cmds []*parse.CommandNode) string {
	if len(cmds) == 1 {
		if id, ok := cmds[0].Args[0].(*parse.IdentifierNode); ok {
			if _, user := c.g.in.Funcs[id.Ident]; !user && (id.Ident == "and" || id.Ident == "or" || id.Ident == "not") {
				return c.logic(n, id.Ident, cmds[0].Args[1:], nil)
			}
		}
	}
	return c.truth(c.pipeline(n, cmds))
}

// logic compiles and, or and not to a bool: in a condition the value
// they return (one of their arguments) counts for its truth only.
func (c *compiler) logic(n parse.Node, name string, args []parse.Node, final *val) string {
	if final != nil {
		c.failf(n, "%s at the end of a pipeline", name)
	}
	argTruth := func(a parse.Node) string {
		if p, ok := a.(*parse.PipeNode); ok && len(p.Decl) == 0 {
			return "(" + c.cond(n, p.Cmds) + ")"
		}
		return "(" + c.truth(c.operand(a)) + ")"
	}
	if name == "not" {
		if len(args) != 1 {
			c.failf(n, "not takes one argument")
		}
		return "!" + argTruth(args[0])
	}
	if len(args) < 2 {
		c.failf(n, "%s takes two arguments or more", name)
	}
	op := " && "
	if name == "or" {
		op = " || "
	}
	var parts []string
	for i, a := range args {
		saved := c.out.Len()
		parts = append(parts, argTruth(a))
		if i > 0 && c.out.Len() != saved {
			// text/template does not evaluate what follows the deciding
			// argument.
			c.failf(n, "an argument of %s after the first needs statements (a function that can fail)", name)
		}
	}
	return "(" + strings.Join(parts, op) + ")"
}

type class int

const (
	noClass class = iota
	boolClass
	intClass
	uintClass
	floatClass
	stringClass
)

func classOf(t reflect.Type) class {
	switch t.Kind() {
	case reflect.Bool:
		return boolClass
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intClass
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintClass
	case reflect.Float32, reflect.Float64:
		return floatClass
	case reflect.String:
		return stringClass
	}
	return noClass
}

var classConv = map[class]string{boolClass: "bool", intClass: "int64", uintClass: "uint64", floatClass: "float64", stringClass: "string"}

// compare compiles eq, ne, lt, le, gt and ge of basic values.
func (c *compiler) compare(n parse.Node, name string, vs []val) string {
	if len(vs) < 2 || name != "eq" && len(vs) != 2 {
		c.failf(n, "%s with %d arguments", name, len(vs))
	}
	ops := map[string]string{"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
	side := func(a, b val) string {
		switch {
		case a.konst != nil && b.konst != nil:
			c.failf(n, "%s of two constants", name)
		case a.konst != nil:
			t := c.typeOf(b)
			if classOf(t) == noClass || classOf(t) != classOf(c.typeOf(a)) && !(classOf(t) == uintClass && classOf(c.typeOf(a)) == intClass) {
				c.failf(n, "%s of a %s and %s", name, t, a.konst)
			}
			return c.typed(a, t)
		}
		return ""
	}
	pair := func(a, b val) (string, string) {
		if s := side(a, b); s != "" {
			return s, c.typed(b, nil)
		}
		if s := side(b, a); s != "" {
			return c.typed(a, nil), s
		}
		ta, tb := c.typeOf(a), c.typeOf(b)
		ca, cb := classOf(ta), classOf(tb)
		if ca == noClass || ca != cb {
			c.failf(n, "%s of a %s and a %s is not compiled", name, ta, tb)
		}
		if name != "eq" && name != "ne" && ca == boolClass {
			c.failf(n, "%s of bools", name)
		}
		if ta == tb {
			return c.typed(a, nil), c.typed(b, nil)
		}
		conv := classConv[ca]
		return conv + "(" + c.typed(a, nil) + ")", conv + "(" + c.typed(b, nil) + ")"
	}
	if len(vs) == 2 {
		a, b := pair(vs[0], vs[1])
		return "(" + a + " " + ops[name] + " " + b + ")"
	}
	first := vs[0]
	if first.konst == nil {
		t := c.tmp()
		c.emit("%s := %s", t, first.code)
		first = val{code: t, t: first.t}
	}
	var parts []string
	for _, v := range vs[1:] {
		a, b := pair(first, v)
		parts = append(parts, a+" == "+b)
	}
	return "(" + strings.Join(parts, " || ") + ")"
}

// printf is fmt.Sprintf, or a concatenation where the format has only
// %s verbs and the arguments are plain strings.
func (c *compiler) printf(n parse.Node, vs []val) val {
	if len(vs) == 0 {
		c.failf(n, "printf without a format")
	}
	f, ok := vs[0].konst.(*parse.StringNode)
	if ok && strings.Count(f.Text, "%") == strings.Count(f.Text, "%s") && strings.Count(f.Text, "%s") == len(vs)-1 && !strings.Contains(f.Text, "%%") {
		parts := strings.Split(f.Text, "%s")
		plain := true
		var codes []string
		for i, p := range parts {
			if p != "" {
				codes = append(codes, strconv.Quote(p))
			}
			if i+1 < len(parts) {
				v := vs[i+1]
				t := c.typeOf(v)
				if t.Kind() != reflect.String || t.Implements(stringer) || t.Implements(errorType) {
					plain = false
					break
				}
				code := c.typed(v, nil)
				if t != strType {
					code = "string(" + code + ")"
				}
				codes = append(codes, code)
			}
		}
		if plain {
			if len(codes) == 0 {
				codes = []string{`""`}
			}
			return val{code: "(" + strings.Join(codes, " + ") + ")", t: strType}
		}
	}
	var codes []string
	for i, v := range vs {
		if i == 0 {
			codes = append(codes, c.typed(v, strType))
		} else {
			codes = append(codes, c.typed(v, anyType))
		}
	}
	c.g.pkg("fmt")
	return val{code: "fmt.Sprintf(" + strings.Join(codes, ", ") + ")", t: strType}
}
