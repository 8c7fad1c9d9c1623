package frontmatter

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"letterpress/internal/diag"
)

// File is a source file split into front matter and body.
type File struct {
	Path string
	// Src is the file without a leading UTF-8 byte order mark.
	Src []byte
	// YAML is the front matter text between the --- lines (nil if none).
	YAML []byte
	// YAMLLine is the file line on which YAML starts.
	YAMLLine int
	// Body is the Markdown after the closing --- line.
	Body []byte
	// BodyOffset is the byte offset of Body in Src.
	BodyOffset int
}

var bom = []byte("\xef\xbb\xbf")

// Split checks that src is text and separates its front matter, which every
// file must have. Problems are added to errs; the returned bool is false
// when the file cannot be read further.
func Split(path string, src []byte, errs *diag.List) (*File, bool) {
	src = bytes.TrimPrefix(src, bom)
	f := &File{Path: path, Src: src}
	if !CheckText(path, src, errs) {
		return f, false
	}
	first, rest, _ := cutLine(src)
	switch strings.TrimRight(string(first), " \t\r") {
	case "---":
	case "+++":
		errs.Errorf(diag.Pos{Path: path, Line: 1, Col: 1}, "TOML front matter (+++) is not supported: write the front matter as YAML between --- lines")
		return f, false
	default:
		if strings.HasPrefix(strings.TrimSpace(string(first)), "{") {
			errs.Errorf(diag.Pos{Path: path, Line: 1, Col: 1}, "JSON front matter is not supported: write the front matter as YAML between --- lines")
			return f, false
		}
		errs.Errorf(diag.Pos{Path: path, Line: 1, Col: 1}, "missing front matter: the file must start with a line \"---\", then YAML fields such as title:, then a closing \"---\"")
		return f, false
	}
	f.YAMLLine = 2
	off := len(src) - len(rest)
	start := off
	for len(rest) > 0 {
		line, next, _ := cutLine(rest)
		if t := strings.TrimRight(string(line), " \t\r"); t == "---" || t == "..." {
			f.YAML = src[start:off]
			f.BodyOffset = off + len(line)
			if f.BodyOffset < len(src) { // the newline ending the closing line
				f.BodyOffset++
			}
			f.Body = src[f.BodyOffset:]
			return f, true
		}
		off += len(rest) - len(next)
		rest = next
	}
	errs.Errorf(diag.Pos{Path: path, Line: 1, Col: 1}, "front matter is never closed: add a line \"---\" after the last field")
	return f, false
}

// CheckText reports a NUL byte or invalid UTF-8 in src, which means the file
// is not text we can publish.
func CheckText(path string, src []byte, errs *diag.List) bool {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		errs.Errorf(PosIn(path, src, i), "file contains a NUL byte: it looks like a binary file, not text; save it as plain UTF-8 text (attachments belong under static/)")
		return false
	}
	if !utf8.Valid(src) {
		i := firstInvalidUTF8(src)
		errs.Errorf(PosIn(path, src, i), "file is not valid UTF-8 (byte 0x%02x): save it as UTF-8", src[i])
		return false
	}
	return true
}

// cutLine returns the first line of b (without its \n) and the rest.
func cutLine(b []byte) (line, rest []byte, found bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return 0
}

// PosAt converts a byte offset in Src to a file position; columns count
// characters.
func (f *File) PosAt(offset int) diag.Pos {
	return PosIn(f.Path, f.Src, offset)
}

// PosIn converts a byte offset in src to a position in the file at path.
func PosIn(path string, src []byte, offset int) diag.Pos {
	offset = min(max(offset, 0), len(src))
	before := src[:offset]
	line := bytes.Count(before, []byte{'\n'}) + 1
	ls := bytes.LastIndexByte(before, '\n') + 1
	return diag.Pos{Path: path, Line: line, Col: utf8.RuneCount(before[ls:]) + 1}
}

// ---------------------------------------------------------------------------
// Reading fields.

// Fields reads the top-level mapping of a YAML document, recording problems
// with file positions.
type Fields struct {
	path  string
	text  []byte
	line0 int // file line of YAML line 1, minus 1
	errs  *diag.List
	// fields in file order; a handful, searched in turn (maps, one set a
	// document, were a large part of loading's allocations).
	fields  []field
	arena   *arena // the nodes, if fastParse made them (see Release)
	Present bool   // the document had a mapping at the top
	// uniBreaks: the text holds a character YAML counts as a line break
	// and we do not (NEL, U+2028, U+2029), so YAML's line numbers need
	// translating.
	uniBreaks bool
}

// field is a top-level field of the front matter.
type field struct {
	key    string
	value  *yaml.Node
	keyPos diag.Pos
	used   bool // read by a typed reader (see Unused)
}

// field returns key's field, nil if absent.
func (fs *Fields) field(key string) *field {
	for i := range fs.fields {
		if fs.fields[i].key == key {
			return &fs.fields[i]
		}
	}
	return nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse decodes yamlText, which starts on file line firstLine of path.
// It returns nil fields (never nil) when the text is not a YAML mapping; the
// problem is in errs.
func Parse(path string, yamlText []byte, firstLine int, errs *diag.List) *Fields {
	fs := &Fields{path: path, text: yamlText, line0: firstLine - 1, errs: errs}
	// YAML counts a lone carriage return as a line break, which would put
	// every later position on the wrong line; no editor of today saves one.
	if i := loneCR(yamlText); i >= 0 {
		p := PosIn(path, yamlText, i)
		p.Line += fs.line0
		errs.Errorf(p, "carriage return without a line feed (old Mac line endings): save the file with LF or CRLF line endings")
		return fs
	}
	fs.uniBreaks = bytes.Contains(yamlText, []byte("\u0085")) || bytes.Contains(yamlText, []byte("\u2028")) || bytes.Contains(yamlText, []byte("\u2029"))
	a := arenas.Get().(*arena)
	root := fastParse(yamlText, a)
	if root != nil {
		fs.arena = a
	} else {
		a.release()
		var doc yaml.Node
		if err := yaml.Unmarshal(yamlText, &doc); err != nil {
			fs.yamlError(err)
			return fs
		}
		if len(doc.Content) == 0 { // empty front matter
			fs.Present = true
			return fs
		}
		root = doc.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		p := fs.pos(root)
		// A document of a start marker alone ("---", no line break) is an
		// empty value YAML places on the line after it, past the text.
		if last := fs.line0 + bytes.Count(yamlText, []byte("\n")) + 1; p.Line > last {
			p.Line, p.Col = last, 1
		}
		errs.Errorf(p, "%s must be a list of fields (key: value), not %s", fs.what(), describe(root))
		return fs
	}
	if !fs.checkAliases(root, 0) {
		return fs
	}
	fs.Present = true
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			errs.Errorf(fs.pos(k), "a field name must be plain text, not %s", describe(k))
			continue
		}
		if f := fs.field(k.Value); f != nil {
			first := f.keyPos
			errs.Errorf(fs.pos(k), "duplicate field %q (first set on line %d): keep one", k.Value, first.Line)
			continue
		}
		if fs.fields == nil {
			fs.fields = make([]field, 0, len(root.Content)/2)
		}
		fs.fields = append(fs.fields, field{key: k.Value, value: v, keyPos: fs.pos(k)})
	}
	return fs
}

// loneCR returns the offset of the first \r not followed by \n, or -1.
func loneCR(b []byte) int {
	for i, c := range b {
		if c == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
			return i
		}
	}
	return -1
}

// maxDepth bounds nesting in front matter; nothing in the contract nests
// more than three levels.
const maxDepth = 32

// checkAliases refuses YAML aliases (which can expand exponentially, the
// "billion laughs") and absurd nesting; neither has a use in front matter.
func (fs *Fields) checkAliases(n *yaml.Node, depth int) bool {
	if depth > maxDepth {
		fs.errs.Errorf(fs.pos(n), "%s is nested more than %d levels deep", fs.what(), maxDepth)
		return false
	}
	if n.Kind == yaml.AliasNode {
		fs.errs.Errorf(fs.pos(n), "YAML aliases (*%s) are not allowed in %s: write the value out", n.Value, fs.what())
		return false
	}
	for _, c := range n.Content {
		if !fs.checkAliases(c, depth+1) {
			return false
		}
	}
	return true
}

func (fs *Fields) yamlError(err error) {
	msg := err.Error()
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		// yaml.v3 counts lines from 1 for scanner errors but from 0 for
		// parser errors, which all start "did not find expected".
		if strings.HasPrefix(msg, "did not find expected") {
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	// A parser error's line is that of the token after the mistake, which
	// may be past the end of the front matter: clamp it to the last line.
	last := bytes.Count(fs.text, []byte{'\n'})
	if len(fs.text) > 0 && fs.text[len(fs.text)-1] != '\n' {
		last++
	}
	p := fs.yamlPos(min(max(line, 1), max(last, 1)), 1)
	p.Col = 0
	reported := 0 // the file line yaml.v3 named, even past the end
	if line > 0 {
		reported = p.Line + max(line-last, 0)
	}
	if c, ok := fs.diagnose(msg, reported); ok {
		p := PosIn(fs.path, fs.text, c.off)
		p.Line += fs.line0
		fs.errs.Errorf(p, "invalid YAML in %s: %s", fs.what(), c.msg)
		return
	}
	switch {
	case strings.Contains(msg, "found a tab character"):
		msg += " (YAML does not allow tabs for indentation: use spaces)"
	case strings.Contains(msg, "found character that cannot start any token"):
		// The character is on the line named (yaml.v3 names none on the
		// first).
		text := lineOf(fs.text, max(p.Line-fs.line0, 1))
		if bytes.IndexByte(text, '\t') >= 0 {
			msg += " (YAML does not allow tabs for indentation: use spaces)"
		} else if bytes.ContainsAny(text, "@`") {
			msg += " (a value cannot start with @ or `: put it in quotes)"
		}
	case strings.Contains(msg, "mapping values are not allowed in this context"):
		msg += " (a value containing \": \" must be quoted)"
	}
	fs.errs.Errorf(p, "invalid YAML in %s: %s", fs.what(), msg)
}

// lineOf returns line n (1-based) of text.
func lineOf(text []byte, n int) []byte {
	for ; n > 1; n-- {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			return nil
		}
		text = text[i+1:]
	}
	line, _, _ := bytes.Cut(text, []byte{'\n'})
	return line
}

// what names the YAML in messages: a document's front matter, or a
// settings file such as site.yaml, which is YAML throughout.
func (fs *Fields) what() string {
	if strings.HasSuffix(fs.path, ".yaml") || strings.HasSuffix(fs.path, ".yml") {
		return path.Base(fs.path)
	}
	return "front matter"
}

func (fs *Fields) pos(n *yaml.Node) diag.Pos {
	return fs.yamlPos(n.Line, n.Column)
}

// yamlPos converts a line and column as YAML counts them into a file
// position. YAML also breaks lines at NEL, U+2028 and U+2029, which editors
// and our messages do not; when the text holds one, the position is found
// by walking YAML's lines.
func (fs *Fields) yamlPos(line, col int) diag.Pos {
	if !fs.uniBreaks {
		return diag.Pos{Path: fs.path, Line: fs.line0 + line, Col: col}
	}
	t := fs.text
	i := 0
	for l := 1; l < line && i < len(t); {
		r, n := utf8.DecodeRune(t[i:])
		i += n
		if r == '\n' || r == 0x85 || r == 0x2028 || r == 0x2029 {
			l++
		}
	}
	for c := 1; c < col && i < len(t); c++ {
		r, n := utf8.DecodeRune(t[i:])
		if r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029 {
			break
		}
		i += n
	}
	p := PosIn(fs.path, t, i)
	p.Line += fs.line0
	return p
}

// Pos returns the position of key's value, or of the start of the front
// matter if the key is absent.
func (fs *Fields) Pos(key string) diag.Pos {
	if f := fs.field(key); f != nil {
		return fs.pos(f.value)
	}
	return diag.Pos{Path: fs.path, Line: fs.line0, Col: 1}
}

// Has reports whether key is set (to anything, even null).
func (fs *Fields) Has(key string) bool {
	return fs.field(key) != nil
}

func (fs *Fields) get(key string) *yaml.Node {
	f := fs.field(key)
	if f == nil {
		return nil
	}
	f.used = true
	v := f.value
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	return v
}

// Require records an error for each key that is absent or empty.
func (fs *Fields) Require(what string, keys ...string) {
	for _, k := range keys {
		f := fs.field(k)
		if f == nil {
			fs.errs.Errorf(fs.Pos(k), "missing required field %q: every %s needs one", k, what)
		} else if v := f.value; (v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || strings.TrimSpace(v.Value) == "")) ||
			(v.Kind == yaml.SequenceNode && len(v.Content) == 0) {
			fs.errs.Errorf(fs.pos(v), "required field %q is empty", k)
		}
	}
}

// String reads a text field. Numbers and dates written plainly are accepted
// as their text; lists and maps are errors.
func (fs *Fields) String(key string) string {
	v := fs.get(key)
	if v == nil {
		return ""
	}
	if s, ok := fs.scalarString(key, v); ok {
		return s
	}
	return ""
}

func (fs *Fields) scalarString(what string, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		fs.errs.Errorf(fs.pos(v), "%s must be text, not %s", quoteKey(what), describe(v))
		return "", false
	}
	return v.Value, true
}

// Bool reads a true/false field.
func (fs *Fields) Bool(key string) bool {
	v := fs.get(key)
	if v == nil {
		return false
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!bool" {
		b, _ := strconv.ParseBool(strings.ToLower(v.Value))
		return b
	}
	fs.errs.Errorf(fs.pos(v), "%s must be true or false, not %s", quoteKey(key), describe(v))
	return false
}

// Int reads a whole-number field; ok is false when absent or wrong.
func (fs *Fields) Int(key string) (n int, ok bool) {
	v := fs.get(key)
	if v == nil {
		return 0, false
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" {
		n, err := strconv.Atoi(v.Value)
		if err == nil {
			return n, true
		}
	}
	fs.errs.Errorf(fs.pos(v), "%s must be a whole number, not %s", quoteKey(key), describe(v))
	return 0, false
}

// Date reads a YYYY-MM-DD field; the zero time when absent or invalid.
func (fs *Fields) Date(key string) (time.Time, diag.Pos) {
	v := fs.get(key)
	if v == nil {
		return time.Time{}, fs.Pos(key)
	}
	return fs.date(key, v), fs.pos(v)
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func (fs *Fields) date(what string, v *yaml.Node) time.Time {
	if v.Kind != yaml.ScalarNode {
		fs.errs.Errorf(fs.pos(v), "%s must be a date (YYYY-MM-DD), not %s", quoteKey(what), describe(v))
		return time.Time{}
	}
	t, err := ParseDate(v.Value)
	if err != nil {
		fs.errs.Errorf(fs.pos(v), "%s: %v", quoteKey(what), err)
		return time.Time{}
	}
	return t
}

// The years a date may fall in. Nothing the site publishes is older, and
// a later date is a typo: pages that count days, months or years between
// dates (the statistics, "overdue by") would count all of those in
// between, and 9999-12-31 made a statistics page of tens of megabytes.
const (
	FirstYear = 1900
	LastYear  = 2200
)

// FirstDate and LastDate are the first and last days a date may be.
var (
	FirstDate = time.Date(FirstYear, 1, 1, 0, 0, 0, 0, time.UTC)
	LastDate  = time.Date(LastYear, 12, 31, 0, 0, 0, 0, time.UTC)
)

// ParseDate parses a YYYY-MM-DD date and refuses dates that do not exist
// or fall outside FirstYear to LastYear.
func ParseDate(s string) (time.Time, error) {
	if !dateRE.MatchString(s) {
		return time.Time{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, for example 2020-10-13", s)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a real date (%s)", s, strings.TrimPrefix(err.Error(), `parsing time "`+s+`": `))
	}
	if t.Year() < FirstYear || t.Year() > LastYear {
		return time.Time{}, fmt.Errorf("%q is outside the years %d to %d that dates may be in: check the year", s, FirstYear, LastYear)
	}
	return t, nil
}

// Item is one element of a list field, with its position.
type Item struct {
	Node *yaml.Node
	Pos  diag.Pos
}

// List reads a list field. A single scalar is an error unless single is
// true, in which case it is read as a one-item list (for fields like
// in_reply_to that take "an id, or a list of ids").
func (fs *Fields) List(key string, single bool) []Item {
	v := fs.get(key)
	if v == nil {
		return nil
	}
	if v.Kind == yaml.ScalarNode && single {
		return []Item{{v, fs.pos(v)}}
	}
	if v.Kind != yaml.SequenceNode {
		fs.errs.Errorf(fs.pos(v), "%s must be a list, not %s: write it as [a, b] or as lines starting with \"- \"", quoteKey(key), describe(v))
		return nil
	}
	items := make([]Item, len(v.Content))
	for i, c := range v.Content {
		items[i] = Item{c, fs.pos(c)}
	}
	return items
}

// Strings reads a list of text values.
func (fs *Fields) Strings(key string, single bool) ([]string, []diag.Pos) {
	items := fs.List(key, single)
	var out []string
	var pos []diag.Pos
	for _, it := range items {
		if s, ok := fs.scalarString("each item of "+key, it.Node); ok {
			out = append(out, s)
			pos = append(pos, it.Pos)
		}
	}
	return out, pos
}

// ItemString reads an item as text.
func (fs *Fields) ItemString(what string, it Item) (string, bool) {
	return fs.scalarString(what, it.Node)
}

// Map is a nested mapping inside a list item (such as a recipient).
type Map struct {
	fs     *Fields
	node   *yaml.Node
	values map[string]*yaml.Node
	Pos    diag.Pos
}

// ItemMap reads an item as a mapping, refusing keys not in allowed.
func (fs *Fields) ItemMap(what string, it Item, allowed ...string) (*Map, bool) {
	if it.Node.Kind != yaml.MappingNode {
		return nil, false
	}
	m := &Map{fs: fs, node: it.Node, values: map[string]*yaml.Node{}, Pos: it.Pos}
	for i := 0; i+1 < len(it.Node.Content); i += 2 {
		k, v := it.Node.Content[i], it.Node.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if !contains(allowed, k.Value) {
			fs.errs.Errorf(fs.pos(k), "unknown key %q in %s: expected %s", k.Value, what, strings.Join(allowed, ", "))
			continue
		}
		if _, dup := m.values[k.Value]; dup {
			fs.errs.Errorf(fs.pos(k), "duplicate key %q in %s", k.Value, what)
			continue
		}
		m.values[k.Value] = v
	}
	return m, true
}

// String reads a text key of the map.
func (m *Map) String(key string) (string, diag.Pos, bool) {
	v, ok := m.values[key]
	if !ok || (v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
		return "", m.Pos, false
	}
	s, ok := m.fs.scalarString(key, v)
	return s, m.fs.pos(v), ok
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// StringMap reads a mapping of text keys to text values, in file order (for
// site.yaml's topics).
func (fs *Fields) StringMap(key string) (keys, values []string, pos []diag.Pos) {
	v := fs.get(key)
	if v == nil {
		return nil, nil, nil
	}
	if v.Kind != yaml.MappingNode {
		fs.errs.Errorf(fs.pos(v), "%s must be a map of id: text, not %s", quoteKey(key), describe(v))
		return nil, nil, nil
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		ks, ok1 := fs.scalarString("each key of "+key, k)
		vs, ok2 := fs.scalarString(key+"."+k.Value, val)
		if !ok1 || !ok2 {
			continue
		}
		if seen[ks] {
			fs.errs.Errorf(fs.pos(k), "duplicate key %q in %s", ks, key)
			continue
		}
		seen[ks] = true
		keys = append(keys, ks)
		values = append(values, vs)
		pos = append(pos, fs.pos(k))
	}
	return keys, values, pos
}

// Node returns the raw node of key (nil if absent or null), marking it read.
func (fs *Fields) Node(key string) *yaml.Node { return fs.get(key) }

// PosOf returns the file position of a node.
func (fs *Fields) PosOf(n *yaml.Node) diag.Pos { return fs.pos(n) }

// Unused returns, in file order, the keys no typed reader asked for: the
// contract keeps them as .Params for templates.
func (fs *Fields) Unused() map[string]any {
	var out map[string]any
	for _, f := range fs.fields {
		if f.used {
			continue
		}
		if out == nil {
			out = map[string]any{}
		}
		out[f.key] = Value(f.value)
	}
	return out
}

// Release lets the nodes be reused for another document: nothing may use
// fs, or a node or Item it gave, afterwards. (The strings it gave are the
// caller's to keep.) Calling it is optional.
func (fs *Fields) Release() {
	if fs.arena != nil {
		fs.arena.release()
		fs.arena = nil
	}
	fs.fields = nil
}

// Keys returns the top-level keys in file order.
func (fs *Fields) Keys() []string {
	keys := make([]string, len(fs.fields))
	for i, f := range fs.fields {
		keys[i] = f.key
	}
	return keys
}

// KeyPos returns the position of a key's name.
func (fs *Fields) KeyPos(key string) diag.Pos {
	if f := fs.field(key); f != nil {
		return f.keyPos
	}
	return diag.Pos{}
}

// Value converts a node into plain Go values (string, int, float64, bool,
// nil, []any, map[string]any) that templates and encoding/json understand.
// Aliases were refused when parsing, so this terminates.
func Value(n *yaml.Node) any {
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil
		case "!!bool":
			b, _ := strconv.ParseBool(strings.ToLower(n.Value))
			return b
		case "!!int":
			if i, err := strconv.Atoi(n.Value); err == nil {
				return i
			}
		case "!!float":
			if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
				return f
			}
		}
		return n.Value
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, c := range n.Content {
			out[i] = Value(c)
		}
		return out
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			out[n.Content[i].Value] = Value(n.Content[i+1])
		}
		return out
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			return Value(n.Content[0])
		}
	}
	return nil
}

func quoteKey(k string) string {
	if strings.ContainsAny(k, " ") {
		return k
	}
	return strconv.Quote(k)
}

// describe names what a node is, for "must be X, not Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a map of fields"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "empty"
		case "!!bool":
			return "true/false (" + n.Value + ")"
		case "!!int", "!!float":
			return "the number " + n.Value
		}
		v := n.Value
		if utf8.RuneCountInString(v) > 40 {
			v = string([]rune(v)[:37]) + "..."
		}
		return fmt.Sprintf("the text %q", v)
	}
	return "an unexpected value"
}
