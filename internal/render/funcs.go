package render

import (
	"fmt"
	"html/template"
	"maps"
	"path"
	"strings"

	"letterpress/internal/i18n"
)

// funcs are the template functions. Most of what templates need are methods
// on Page and Doc; these are the few general helpers.
// Each is a named function, not a literal: the generated renderer
// (fast_gen.go) calls them by name.
var funcs = template.FuncMap{
	// dict passes several values to a partial: (dict "Page" . "Doc" .Doc).
	"dict": fnDict,
	"list": fnList,
	// T is interface text in a given language (for links to the other
	// language's version of a page).
	"T": text.T,
	// section maps a list's URL segment to its navigation key and label.
	"section":  section,
	"fileType": fileType,
	"join":     strings.Join,
	"add":      fnAdd,
	"plural":   fnPlural,
	"percent":  i18n.Percent,
	"days":     fnDays,
}

func fnDict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key and value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict keys must be strings")
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

func fnList(s ...string) []string { return s }

func fnAdd(a, b int) int { return a + b }

func fnPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func fnDays(n int) string {
	if n < 0 {
		return "–"
	}
	return itoa(n)
}

// funcMap is funcs and the renderer's own functions, which cache what
// they render.
func (r *Renderer) funcMap() template.FuncMap {
	m := maps.Clone(funcs)
	m["card"] = r.card
	m["cards"] = r.cardList
	m["partialCached"] = r.partialCached
	m["eachCached"] = r.eachCached
	return m
}

// fileType names a file's type for a link to it: its extension in
// capitals ("PDF"), or "file".
func fileType(name string) string {
	ext := strings.TrimPrefix(path.Ext(name), ".")
	if ext == "" {
		return "file"
	}
	return strings.ToUpper(ext)
}

// section maps a list's URL segment to its navigation key and label.
func section(s string) string {
	if s == "awaiting-reply" {
		return "awaiting"
	}
	return s
}
