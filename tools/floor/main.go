// Command floor is the rough lower bound for any builder of a letterpress
// corpus: it reads every .md file under SRC/content, parses the YAML front
// matter and the Markdown (goldmark with GFM and footnotes), rewrites
// kind:ID links to /kinds/ID/ without checking them, executes one trivial
// html/template per document and writes one index.html per document, on all
// cores. It computes nothing across documents: no threads, reply status,
// citations, lists, or checks.
//
//	go build -o /tmp/floor ./tools/floor && /tmp/floor -src CORPUS -out OUT
//
// scripts/bench.sh and scripts/scale.sh time it beside letterpress build.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var page = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Title}}</title>
<link rel="stylesheet" href="/css/site.css"></head>
<body><header><a href="/">Home</a></header>
<main><h1>{{.Title}}</h1>{{with .Date}}<p>{{.}}</p>{{end}}
{{.Body}}</main></body></html>
`))

type data struct {
	Title, Date, Lang string
	Body              template.HTML
}

// linkKinds maps a cross-reference prefix to its URL section.
var linkKinds = map[string]string{"report": "reports", "letter": "letters", "response": "responses", "org": "organisations"}

// xref rewrites [text](kind:ID) destinations to /kinds/ID/.
type xref struct{}

func (xref) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			if k, id, ok := strings.Cut(string(l.Destination), ":"); ok {
				if dir, ok := linkKinds[k]; ok {
					l.Destination = []byte("/" + dir + "/" + id + "/")
				}
			}
		}
		return ast.WalkContinue, nil
	})
}

func main() {
	src := flag.String("src", "", "corpus directory (holds content/)")
	out := flag.String("out", "", "output directory")
	flag.Parse()
	if *src == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: floor -src CORPUS -out OUT")
		os.Exit(2)
	}
	content := filepath.Join(*src, "content")
	var files []string
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() || !strings.HasSuffix(name, ".md") || name[0] == '_' || name[0] == '.' {
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}

	var written, nbytes atomic.Int64
	var failed atomic.Bool
	jobs := make(chan string, 256)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			md := goldmark.New(
				goldmark.WithExtensions(extension.GFM, extension.Footnote, meta.Meta),
				goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(xref{}, 100))),
			)
			var body, html bytes.Buffer
			for p := range jobs {
				if err := render(md, content, *out, p, &body, &html); err != nil {
					fmt.Fprintln(os.Stderr, "floor:", err)
					failed.Store(true)
					continue
				}
				written.Add(1)
				nbytes.Add(int64(html.Len()))
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	fmt.Printf("floor: %d pages, %d bytes\n", written.Load(), nbytes.Load())
	if failed.Load() {
		os.Exit(1)
	}
}

func render(md goldmark.Markdown, content, out, p string, body, html *bytes.Buffer) error {
	src, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	body.Reset()
	html.Reset()
	ctx := parser.NewContext()
	if err := md.Convert(src, body, parser.WithContext(ctx)); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	fm := meta.Get(ctx)
	str := func(k string) string {
		if v, ok := fm[k]; ok && v != nil {
			return fmt.Sprint(v)
		}
		return ""
	}
	d := data{Title: str("title"), Date: str("date"), Lang: str("lang"), Body: template.HTML(body.String())}
	if d.Title == "" {
		d.Title = str("name")
	}
	if d.Lang == "" {
		d.Lang = "en"
	}
	if err := page.Execute(html, d); err != nil {
		return err
	}
	// content/KIND/[sub/]ID.md -> OUT/KIND/ID/index.html; pages -> OUT/ID/.
	rel, _ := filepath.Rel(content, p)
	kind, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	id := strings.TrimSuffix(filepath.Base(p), ".md")
	dir := filepath.Join(out, kind, id)
	if kind == "pages" {
		dir = filepath.Join(out, id)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), html.Bytes(), 0o644)
}
