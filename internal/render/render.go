package render

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"letterpress/internal/assets"
	"letterpress/internal/clash"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/par"
	"letterpress/internal/readers"
	"letterpress/internal/search"
)

// Output receives the files of the site. Write may be called from several
// goroutines at once; it must not keep data once it returns (the caller
// reuses the buffer): an Output that keeps files keeps copies.
type Output interface {
	Write(name string, data []byte) error
}

// A Streamer is an Output that can also take a file as it is written:
// the open data files of a large site are hundreds of megabytes, which
// Write would need whole in memory. The file is part of the output once
// Close returns nil (a build that fails is thrown away whole, so a file
// whose writing failed needs no undoing).
type Streamer interface {
	Create(name string) (io.WriteCloser, error)
}

// create streams name to out if out can take it, and otherwise collects
// it in memory and writes it on Close.
func create(out Output, name string) (io.WriteCloser, error) {
	if s, ok := out.(Streamer); ok {
		return s.Create(name)
	}
	return &bufferedFile{out: out, name: name}, nil
}

// bufferedFile is a file for an Output that is not a Streamer.
type bufferedFile struct {
	out  Output
	name string
	buf  bytes.Buffer
}

func (f *bufferedFile) Write(p []byte) (int, error) { return f.buf.Write(p) }
func (f *bufferedFile) Close() error                { return f.out.Write(f.name, f.buf.Bytes()) }

// Options changes how pages are rendered.
type Options struct {
	// Head is extra HTML put at the end of every page's <head>, for the
	// preview server's reload script; never set in a production build.
	Head template.HTML
	// NoSearchIndex leaves the search index out (the preview server: it
	// would be rebuilt on every save; search works in the published site).
	NoSearchIndex bool
	// Incremental keeps what Rerender needs: which files show which
	// documents. A one-shot build does not pay for it.
	Incremental bool
	// NoCompiled is for tests: it renders every page with html/template,
	// even where the compiled renderer (compiled.go) would be used, so that
	// the two can be compared.
	NoCompiled bool
	// Search, if set, keeps what the search index takes from each body
	// for the next build, and gives what the previous one took.
	Search *search.Cache
	// RecordReads records, for each page and feed, the documents its views
	// read (Reads). A piece of a page made once and reused (a partial,
	// a list or thread entry) keeps what it read for every page it is
	// reused on. RenderReusing records them always (docs/dependencies.md).
	RecordReads bool
	// Context, if not nil, stops a render once it is done: no job starts
	// after it, and the long ones (the search index, the open data
	// files) stop where they are. The output is then unfinished, to be
	// thrown away.
	Context context.Context
}

// context returns the render's context, never nil.
func (o Options) context() context.Context {
	if o.Context == nil {
		return context.Background()
	}
	return o.Context
}

// Renderer holds the parsed templates and the site's assets.
type Renderer struct {
	pages  map[string]*template.Template
	static *assets.Set // the layouts and static files
	opts   Options
	base   *template.Template // base.html and the partials
	// cards caches each document's entry in lists, rendered once per
	// language and heading level and reused by every list that shows it.
	cardsMu sync.RWMutex
	cards   map[*content.Doc]map[cardVariant]cachedHTML
	// deps records, with Options.Incremental, what each output file read
	// (a page's or feed's recorded reads, Options.RecordReads; the
	// documents the site's feed lists; every body for the search index):
	// an edit re-renders the files that read what it changed (Rerender).
	deps readers.Table
	// reads records, with Options.RecordReads, the documents each job's
	// views read, by job name.
	readsMu sync.Mutex
	reads   map[string][]readers.Read
	// planning is true while jobs plans the pages, with
	// Options.RecordReads: what a page reads then is its planned reads.
	planning bool
	// jobCache holds the jobs of the last graph rendered: an edit that
	// changes no relation renders a few of them again.
	jobCache *jobSet
	// partials caches the output of partials by what it depends on (see
	// partialCached); emptied at every render.
	partialsMu sync.RWMutex
	partials   map[partialKey]cachedHTML
	// compiled says which templates run as compiled Go (compiled.go).
	compiled compiled
	// threadItems caches the compiled thread entries (appendThreadItems);
	// emptied at every render, as partials.
	threadItemsMu sync.Mutex
	threadItems   atomic.Pointer[threadItems]
}

// threadItems are the thread entries of one graph's documents, by
// Graph.Index, English then Welsh: a page finds its thread's entries
// without a map of every document (on a large site that map's look-ups
// were a cache miss each).
type threadItems struct {
	g     *graph.Graph
	items []atomic.Pointer[cachedHTML]
}

// cachedHTML is a piece of a page made once and reused, with the
// documents its views read (Options.RecordReads), to record on each page
// it is reused on.
type cachedHTML struct {
	h     template.HTML
	reads *pageReads
}

// partialKey is a partial's name and what its output depends on.
type partialKey struct {
	name string
	key  [5]any
}

// partialCached executes the partial name with data once for each key
// and reuses the HTML: for what many pages show alike (the site's header,
// head and footer, an entry of a thread), whose markup stays in the
// layouts. The key must hold everything the output depends on but the
// site itself, which is the same for every page of a render: a document
// (*Doc keys stand for their document), a language, a flag. Template
// execution, reflective, was a large part of a build's CPU time, most of
// it spent making the same markup again on every page.
func (r *Renderer) partialCached(name string, data any, key ...any) (template.HTML, error) {
	k := partialKey{name: name}
	if len(key) > len(k.key) {
		return "", fmt.Errorf("partialCached %s: at most %d keys", name, len(k.key))
	}
	for i, v := range key {
		switch v := v.(type) {
		case *Doc:
			if v != nil {
				k.key[i] = v.Doc
			} else {
				k.key[i] = (*content.Doc)(nil)
			}
		case string, bool, int, *content.Doc, nil:
			k.key[i] = v
		default:
			return "", fmt.Errorf("partialCached %s: a %T cannot be a key", name, v)
		}
	}
	r.partialsMu.RLock()
	e, ok := r.partials[k]
	r.partialsMu.RUnlock()
	var reads *pageReads
	var mark readMark
	if r.opts.RecordReads {
		var known bool
		reads, known = readsOf(data)
		if ok && known {
			reads.add(e.reads)
			return e.h, nil
		}
		ok = false
		if reads != nil {
			mark = reads.mark()
		}
	}
	if ok {
		return e.h, nil
	}
	bp := getBuf()
	b, ok, err := r.compiledPartial((*bp)[:0], name, data)
	if !ok && err == nil {
		w := appendWriter{b}
		err = r.base.ExecuteTemplate(&w, name, data)
		b = w.b
	}
	h := template.HTML(b)
	*bp = b
	putBuf(bp)
	if err != nil {
		return "", err
	}
	e = cachedHTML{h: h}
	if r.opts.RecordReads {
		if _, known := readsOf(data); !known {
			return h, nil // made for this page alone: see readsOf
		}
		if reads != nil {
			e.reads = reads.since(mark)
		}
	}
	r.partialsMu.Lock()
	if r.partials == nil {
		r.partials = map[partialKey]cachedHTML{}
	}
	r.partials[k] = e
	r.partialsMu.Unlock()
	return h, nil
}

// eachCached is partialCached for each document of a list, with
// {Page, Doc, Current}: Current tells whether the document is current
// (the page's own, in a thread). Each entry is cached by its document,
// the page's language and Current; the entries are joined.
func (r *Renderer) eachCached(name string, p *Page, docs []*Doc, current *Doc) (template.HTML, error) {
	if name == "partials/thread-item.html" && r.compiled.threadItem {
		b, err := r.appendThreadItems(nil, p, docs, current)
		return template.HTML(b), err
	}
	var b strings.Builder
	for _, d := range docs {
		data := map[string]any{"Page": p, "Doc": d, "Current": current != nil && current.Is(d)}
		if data["Current"] == true {
			// Shown once, on its own page: not worth keeping.
			if err := r.base.ExecuteTemplate(&b, name, data); err != nil {
				return "", err
			}
			continue
		}
		h, err := r.partialCached(name, data, d, p.Lang, false)
		if err != nil {
			return "", err
		}
		b.WriteString(string(h))
	}
	return template.HTML(b.String()), nil
}

type cardVariant struct {
	lang     string
	level    int
	awaiting bool // on the list of letters awaiting replies
}

// setDeps records what the file name read, for Rerender.
func (r *Renderer) setDeps(name string, reads []readers.Read) {
	if !r.opts.Incremental {
		return
	}
	r.deps.Set(name, reads)
}

// setReads keeps what a job's views read (Options.RecordReads).
func (r *Renderer) setReads(name string, reads []readers.Read) {
	r.readsMu.Lock()
	if r.reads == nil {
		r.reads = map[string][]readers.Read{}
	}
	r.reads[name] = reads
	r.readsMu.Unlock()
	r.setDeps(name, reads)
}

// Reads returns, after a render with Options.RecordReads, the documents
// each page and feed read, by job name: its own document first, then
// each document in the order first read, once; files that show no
// document have none.
func (r *Renderer) Reads() map[string][]readers.Read {
	r.readsMu.Lock()
	defer r.readsMu.Unlock()
	return maps.Clone(r.reads)
}

// forgetGone drops what files that are not among jobs read: a file that
// comes back is rendered again (Rerender).
func (r *Renderer) forgetGone(jobs []job) {
	names := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		names[j.name] = true
	}
	r.deps.Keep(func(name string) bool { return names[name] })
}

// card renders a document's entry in a list with layouts/partials/card.html
// (. is {Page, Doc, Level}), once per render.
func (r *Renderer) card(p *Page, d *Doc, level int) (template.HTML, error) {
	if r.compiled.card {
		// Compiled, an entry costs less to make again than to keep:
		// keeping every document's entries (four variants each) held a
		// large share of a large build's memory for little time saved.
		bp := getBuf()
		b, err := r.appendCards((*bp)[:0], p, []*Doc{d}, level, false)
		h := template.HTML(b)
		*bp = b
		putBuf(bp)
		return h, err
	}
	v := cardVariant{lang: p.Lang, level: level}
	if d.Kind == content.Letter {
		// A letter's entry on an organisation's page shows that
		// organisation's status, and on the list of letters awaiting
		// replies who is late: kept apart from the entry every other list
		// shows. An organisation's are not kept at all: each is shown on
		// one page only.
		if o := p.Organisation(); o != nil && d.OwnStatus(o) != nil {
			var buf bytes.Buffer
			if err := r.base.ExecuteTemplate(&buf, "partials/card.html", map[string]any{"Page": p, "Doc": d, "Level": level}); err != nil {
				return "", err
			}
			return template.HTML(buf.String()), nil
		}
		v.awaiting = p.Section == "awaiting"
	}
	r.cardsMu.RLock()
	e, ok := r.cards[d.Doc][v]
	r.cardsMu.RUnlock()
	if ok {
		p.reads.add(e.reads)
		return e.h, nil
	}
	var mark readMark
	if p.reads != nil {
		mark = p.reads.mark()
	}
	var buf bytes.Buffer
	if err := r.base.ExecuteTemplate(&buf, "partials/card.html", map[string]any{"Page": p, "Doc": d, "Level": level}); err != nil {
		return "", err
	}
	h := template.HTML(buf.String())
	e = cachedHTML{h: h}
	if p.reads != nil {
		e.reads = p.reads.since(mark)
	} else if r.opts.RecordReads {
		return h, nil // a page that records nothing: not for the pages that do
	}
	r.cardsMu.Lock()
	if r.cards == nil {
		r.cards = map[*content.Doc]map[cardVariant]cachedHTML{}
	}
	m := r.cards[d.Doc]
	if m == nil {
		m = map[cardVariant]cachedHTML{}
		r.cards[d.Doc] = m
	}
	m[v] = e
	r.cardsMu.Unlock()
	return h, nil
}

// cardList is card for each of docs, each on a line of its own: a list of
// 50 or 100 entries in one call rather than one each.
func (r *Renderer) cardList(p *Page, docs []*Doc, level int) (template.HTML, error) {
	if r.compiled.card {
		bp := getBuf()
		b := (*bp)[:0]
		b, err := r.appendCards(b, p, docs, level, true)
		h := template.HTML(b)
		*bp = b
		putBuf(bp)
		return h, err
	}
	hs := make([]template.HTML, len(docs))
	n := 0
	for i, d := range docs {
		h, err := r.card(p, d, level)
		if err != nil {
			return "", err
		}
		hs[i] = h
		n += 1 + len(h)
	}
	var b strings.Builder
	b.Grow(n)
	for _, h := range hs {
		b.WriteByte('\n')
		b.WriteString(string(h))
	}
	return template.HTML(b.String()), nil
}

// forgetCards drops the cached entries of docs.
func (r *Renderer) forgetCards(docs map[*content.Doc]readers.Change) {
	r.cardsMu.Lock()
	for d := range docs {
		delete(r.cards, d)
	}
	r.cardsMu.Unlock()
}

type jobSet struct {
	g     *graph.Graph
	sink  *sink
	jobs  []job
	index *jobIndex // made by IndexJobs or the first RerenderDocs
}

// pageTemplates are the page types, those of documents and lists and
// those of the sections; each is a file in layouts/ that defines "main",
// executed inside layouts/base.html.
var pageTemplates = append([]string{
	"letter", "response", "report", "organisation", "page",
	"list", "organisations", "topics", "home", "404",
}, sectionPages()...)

// New parses the templates, site layouts over the defaults, and lists
// the static files (package assets). Template errors are reported with
// their file and line.
func New(site, defaults fs.FS, opts Options, errs *diag.List) *Renderer {
	r := &Renderer{pages: map[string]*template.Template{}, opts: opts}
	r.static = assets.Load(site, defaults, errs)
	layouts := r.static.Layouts
	base := template.New("base.html").Funcs(r.funcMap())
	r.base = base
	text, ok := r.static.Layout("base.html", errs)
	if !ok {
		return r
	}
	if _, err := base.Parse(text); err != nil {
		errs.Add(templateError(err))
		return r
	}
	var partials []string
	for name := range layouts {
		if strings.HasPrefix(name, "partials/") && strings.HasSuffix(name, ".html") {
			partials = append(partials, name)
		}
	}
	slices.Sort(partials)
	for _, name := range partials {
		text, ok := r.static.Layout(name, errs)
		if !ok {
			continue
		}
		if _, err := base.New(name).Parse(text); err != nil {
			errs.Add(templateError(err))
		}
	}
	for _, name := range pageTemplates {
		text, ok := r.static.Layout(name+".html", errs)
		if !ok {
			continue
		}
		t, err := base.Clone()
		if err == nil {
			_, err = t.New(name + ".html").Parse(text)
		}
		if err != nil {
			errs.Add(templateError(err))
			continue
		}
		r.pages[name] = t
	}
	r.decideCompiled(layouts, defaults)
	return r
}

var templateLineRE = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateError turns an html/template error into a FileError pointing at
// the layout file ("template: letter.html:12:3: ..." -> layouts/letter.html:12:3).
func templateError(err error) diag.FileError {
	msg := err.Error()
	if m := templateLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return diag.FileError{Path: assets.LayoutsDir + "/" + m[1], Line: line, Col: col, Msg: "template: " + strings.TrimSpace(m[4])}
	}
	return diag.FileError{Path: assets.LayoutsDir, Msg: msg}
}

// execute renders a page with its template into HTML.
func (r *Renderer) execute(p *Page) ([]byte, error) {
	var html []byte
	err := r.executeTo(p, func(b []byte) error {
		html = bytes.Clone(b)
		return nil
	})
	return html, err
}

// executeTo renders a page and passes it to write, in a buffer that is
// reused once write returns: a page is made and written without a copy
// of its own (on a large site the copies came to hundreds of
// megabytes).
func (r *Renderer) executeTo(p *Page, write func([]byte) error) error {
	t := r.pages[p.Kind]
	if t == nil {
		return fmt.Errorf("no layout for %s pages", p.Kind)
	}
	if r.compiled.base[p.Kind] {
		return r.executeCompiled(t, p, write)
	}
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := t.ExecuteTemplate(&buf, "base.html", p); err != nil {
		return err
	}
	return write(buf.Bytes())
}

// job is one file of output. Pages of documents carry the document, so
// that the preview server can re-render only the pages of the documents a
// change affects; static files never change with content.
type job struct {
	name   string
	doc    *content.Doc
	static bool
	run    func() error // nil for a name another job writes
	// page makes the page a page's job renders (nil for other files):
	// RenderReusing gives it to the caller, for what the plan gives it.
	page func() *Page
	// first runs the job before the pages: the search index, whose
	// postings are a build's largest transient memory, is best made while
	// little else is held (the cached list entries grow as pages are made).
	first bool
	// early runs the job at the start of the pages: the open data files
	// are the longest jobs; taken last, one core made them while the
	// other had nothing left to do.
	early bool
}

// Render writes the whole site to out, in parallel. Errors (a template that
// fails, a write that fails) are collected in errs.
func (r *Renderer) Render(g *graph.Graph, out Output, errs *diag.List) {
	r.forgetAll()
	r.render(g, out, errs, nil)
}

// forgetAll drops the cached list entries and the record of which files
// show which documents: what a render from scratch starts without.
func (r *Renderer) forgetAll() {
	r.cardsMu.Lock()
	r.cards = nil
	r.cardsMu.Unlock()
	r.deps.Reset()
	r.readsMu.Lock()
	r.reads = nil
	r.readsMu.Unlock()
}

// forgetPartials drops the partials and thread entries made by the last
// render: they are made again at every render.
func (r *Renderer) forgetPartials() {
	r.partialsMu.Lock()
	r.partials = nil
	r.partialsMu.Unlock()
	r.threadItems.Store(nil)
}

// A job whose name ends in "/" writes every file under that folder; the
// names Rerender returns include such folders.

// Rerender writes the files that can have changed after an edit: those
// that read what changed (see Change), the files of an organisation whose
// record changed, those not rendered yet and, with
// lists (an edit that may have changed relations, and so which documents
// a list holds), every file that is not a document's page; static files
// are not written again. The cached list entries of changed documents
// are dropped first. It returns the name of every file of the whole
// site, so the caller can remove what no longer exists.
func (r *Renderer) Rerender(g *graph.Graph, out Output, errs *diag.List, changed map[*content.Doc]readers.Change, lists bool) []string {
	r.forgetCards(changed)
	users := r.deps.Readers(changed)
	// deps is only added to while rendering; asking it here, before, is
	// safe because render starts its workers after want has been asked of
	// every job.
	return r.render(g, out, errs, func(j job) bool {
		if j.static {
			return false
		}
		if !r.deps.Has(j.name) || users[j.name] || j.doc != nil && changed[j.doc] == readers.RecordChanged {
			return true
		}
		return j.doc == nil && lists
	})
}

// Forget drops the cached list entries of documents that no longer exist.
func (r *Renderer) Forget(gone func(*content.Doc) bool) {
	r.cardsMu.Lock()
	for d := range r.cards {
		if gone(d) {
			delete(r.cards, d)
		}
	}
	r.cardsMu.Unlock()
}

func (r *Renderer) render(g *graph.Graph, out Output, errs *diag.List, want func(job) bool) []string {
	if len(r.pages) != len(pageTemplates) {
		return nil // template errors were reported by New
	}
	r.forgetPartials()
	planned := r.jobCache == nil || r.jobCache.g != g
	if planned {
		sk := &sink{r: r}
		r.jobCache = &jobSet{g: g, sink: sk, jobs: r.jobs(g, r.newSite(g), sk)}
	}
	r.jobCache.sink.out = out
	jobs := r.jobCache.jobs
	if planned && r.opts.Incremental {
		r.forgetGone(jobs)
	}
	names := make([]string, len(jobs))
	todo := make([]job, 0, len(jobs))
	refused := clash.Check(g, jobList(jobs), errs)
	for i, j := range jobs {
		names[i] = j.name
		if refused[i] {
			continue
		}
		if j.run != nil && (want == nil || want(j)) {
			todo = append(todo, j)
		}
	}
	if !r.opts.Incremental {
		// A one-shot build renders each file once: let each job (its
		// page, the page's view of the documents) go as soon as it ran.
		r.jobCache, jobs = nil, nil
	}
	r.runJobs(todo, errs)
	return names
}

// jobList is the jobs' files, for package clash.
type jobList []job

func (l jobList) Len() int            { return len(l) }
func (l jobList) Name(i int) string   { return l[i].name }
func (l jobList) Static(i int) bool   { return l[i].static }
func (l jobList) Source(i int) string { return jobSource(l[i]) }

// jobSource is the file a job publishes, for messages: the static file,
// the document, or the file the site makes itself.
func jobSource(j job) string {
	switch {
	case j.static:
		return assets.StaticDir + "/" + j.name
	case j.doc != nil:
		return j.doc.Path
	}
	return j.name
}

// runJobs runs jobs in parallel, collecting their errors.
func (r *Renderer) runJobs(todo []job, errs *diag.List) {
	var mu sync.Mutex
	var templateErrs []string
	var fileErrs []diag.FileError
	var full []diag.FileError // files not written for want of space
	// The jobs that go first run before the others start, not beside
	// them: the search index (parallel within) holds its postings and
	// every body's text in turn, and pages made at the same time added
	// their memory to its peak.
	rank := func(j job) int {
		switch {
		case j.first:
			return 0
		case j.early:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(todo, func(a, b job) int { return cmp.Compare(rank(a), rank(b)) })
	nFirst := 0
	for nFirst < len(todo) && todo[nFirst].first {
		nFirst++
	}
	do := func(i int) {
		err := runJob(todo[i].run)
		if !r.opts.Incremental {
			todo[i] = job{}
		}
		if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return // a job stopped by Options.Context: the caller says so
		}
		mu.Lock()
		defer mu.Unlock()
		// A full disk is not the template's mistake either, even when a
		// template's function (the size of an open data file) met it.
		if f, ok := diskFull(err); ok {
			full = append(full, f)
			return
		}
		// A file that cannot be read (a symbolic link out of the site, a
		// file without read permission) is not a template's mistake.
		var pe *fs.PathError
		if errors.As(err, &pe) && !strings.HasPrefix(err.Error(), "template:") {
			fileErrs = append(fileErrs, diag.FileError{Path: pe.Path, Msg: assets.FileProblem(pe.Err)})
			return
		}
		templateErrs = append(templateErrs, err.Error())
	}
	ctx := r.opts.context()
	if par.ForContext(ctx, nFirst, do) == nil {
		_ = par.ForContext(ctx, len(todo)-nFirst, func(i int) { do(nFirst + i) })
	}
	slices.Sort(templateErrs)
	templateErrs = slices.Compact(templateErrs)
	for _, e := range templateErrs {
		errs.Add(templateError(errors.New(e)))
	}
	for _, e := range fileErrs {
		errs.Add(e)
	}
	if len(full) > 0 {
		// Once the disk is full, every file after fails: one error says it.
		slices.SortFunc(full, func(a, b diag.FileError) int { return cmp.Compare(a.Path, b.Path) })
		full = slices.CompactFunc(full, func(a, b diag.FileError) bool { return a.Path == b.Path })
		e := full[0]
		if len(full) > 1 {
			e.Msg += fmt.Sprintf(" (%d other files could not be written either)", len(full)-1)
		}
		errs.Add(e)
	}
}

// diskFull reports whether err, from writing a file, says that the
// device is full (or its quota used up), wherever it surfaced (a
// template's function wraps what it met): as an error that says where
// and what to do.
func diskFull(err error) (diag.FileError, bool) {
	var full interface{ DiskFull() (file, msg string) }
	if errors.As(err, &full) {
		file, msg := full.DiskFull()
		return diag.FileError{Path: file, Msg: msg}, true
	}
	if !errors.Is(err, syscall.ENOSPC) && !errors.Is(err, syscall.EDQUOT) {
		return diag.FileError{}, false
	}
	file := "the output"
	var pe *fs.PathError
	if errors.As(err, &pe) {
		file = pe.Path
	}
	what := "no space left on the device"
	if errors.Is(err, syscall.EDQUOT) {
		what = "disk quota exceeded on the device"
	}
	return diag.FileError{Path: file, Msg: "cannot write: " + what + ": free some space and build again"}, true
}

// runJob runs a job, turning a panic in a template function into an error
// so that one bad layout cannot take the preview server down.
func runJob(j func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("rendering failed: %v", v)
		}
	}()
	return j()
}
