package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"letterpress/internal/buildcache"
	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/markdown"
	"letterpress/internal/par"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	searchindex "letterpress/internal/search"
	"letterpress/internal/trace"
)

// Incremental is the repeat build: a one-shot build into a folder that
// reuses what the previous build into the same folder made (see
// buildcache.Manifest): bodies whose file and link targets did not
// change are not converted again, the search index's words are not taken
// from them again, and output files whose keys did not change are linked
// from the previous output instead of rendered. The output is byte for
// byte what a cold build makes; the folder is still replaced atomically
// (publish.Dir), and the previous output is never changed.
type Incremental struct {
	// Manifest is the file that describes the last build into the
	// output: read at the start, replaced by Save.
	Manifest string
	// Cold ignores the previous manifest (a new one is still written).
	Cold bool
	// NoManifest builds as Cold does and keeps no manifest: nothing is
	// read, recorded or written for a next build (Manifest is unused).
	// It is for machines that keep nothing between builds, where the
	// next build would find neither the manifest nor the output, such as
	// a deploy service's fresh build image (LETTERPRESS_CACHE=off).
	NoManifest bool
	// Program identifies the program (buildcache.ProgramID): a new one
	// starts cold.
	Program []byte

	// What the last Build did.
	Converted, Reconverted int    // bodies converted; reused from the manifest
	Decoded                int    // documents whose front matter was decoded (not taken from the manifest)
	Unread                 int    // documents not read at all (their stamps unchanged: see content.LoadFrontMatterCached)
	Why                    string // why nothing could be reused, if so

	writing chan manifestWrite // the new manifest, being written
	trace   trace.Stages

	// The state of the build running (see pipeline.run).
	dir      *publish.Dir
	old      *buildcache.Manifest // the previous build's
	reading  *buildcache.Reading
	read     bool  // old is the manifest read
	started  int64 // when loading started (Unix ns): Manifest.Started
	fronts   map[*content.Doc]content.Made
	docs     []*content.Doc
	keys     map[*content.Doc]render.Key
	factsOf  map[*content.Doc]render.Key
	newDocs  *buildcache.Spill[buildcache.Doc]
	searched *buildcache.SearchSpill
	search   *searchindex.Cache
	reuse    *buildcache.Reuse
	keyed    *buildcache.Keys
	plan     []render.Planned
	reads    func() [][]byte // the jobs' reads, as the manifest keeps them
}

// Build builds the site in fsys into dir, reusing what it can. On success
// the caller commits dir, then calls Save.
func (inc *Incremental) Build(fsys, defaults fs.FS, dir *publish.Dir, opts Options, ropts render.Options) (*graph.Graph, *diag.List) {
	defer inc.release()
	return newPipeline(fsys, defaults, opts, ropts).run(inc, dir)
}

// begin starts a build into out (a *publish.Dir): it starts reading the
// previous manifest.
func (inc *Incremental) begin(out render.Output) {
	inc.Discard() // a last Build never saved
	inc.Converted, inc.Reconverted, inc.Decoded, inc.Unread, inc.Why = 0, 0, 0, 0, ""
	inc.trace = trace.Start()
	inc.dir = out.(*publish.Dir)
	inc.old, inc.reading, inc.read = &buildcache.Manifest{}, nil, false
	if inc.NoManifest {
		// The output is still checked against the previous one
		// (checkOutputs), with an empty manifest.
		inc.Why = "no build cache is kept"
		return
	}
	// Manifests of builds that were killed before their output was in
	// place.
	if stale, _ := filepath.Glob(inc.Manifest + ".tmp-*"); len(stale) > 0 {
		for _, s := range stale {
			os.Remove(s)
		}
	}
	// The manifest is read while the build starts: the documents' entries
	// while the site's files are found, the jobs and search entries while
	// they are loaded and converted.
	if inc.Cold {
		inc.Why = "asked for a cold build"
	} else {
		inc.reading = buildcache.Open(inc.Manifest)
	}
	inc.dir.Track()
	// What this build made of each document waits in a temporary file
	// beside the manifest (in memory if it cannot be made), as do its
	// search entries; both are handed to the manifest's writer.
	inc.newDocs = buildcache.NewSpill[buildcache.Doc](filepath.Dir(inc.Manifest), "docs-")
	inc.searched = buildcache.NewSpill[searchindex.Text](filepath.Dir(inc.Manifest), "search-")
}

// release lets go of what the last Build held, and closes the spills
// unless they were handed to the manifest's writer.
func (inc *Incremental) release() {
	inc.newDocs.Close()
	inc.searched.Close()
	inc.dir, inc.old, inc.reading, inc.fronts, inc.docs, inc.keys, inc.factsOf = nil, nil, nil, nil, nil, nil, nil
	inc.newDocs, inc.searched, inc.search, inc.reuse, inc.keyed, inc.plan, inc.reads = nil, nil, nil, nil, nil, nil, nil
}

// load loads the site, taking from the previous manifest what it made of
// files whose bytes are the same: they are not decoded again, nor read if
// their stamps say they are unchanged.
func (inc *Incremental) load(ctx context.Context, fsys fs.FS, cfg *config.Config, errs *diag.List) *content.Site {
	if inc.NoManifest {
		site := content.LoadFrontMatter(ctx, fsys, cfg, errs)
		inc.Decoded = len(site.All())
		return site
	}
	// The documents' entries are waited for once the site's files are
	// found (content.Walk), when the first file is read.
	var first sync.Once
	manifestDocs := func() {
		first.Do(func() {
			m, err := inc.reading.Docs()
			switch {
			case err != nil:
				inc.Why = "the build manifest is unusable (" + err.Error() + ")"
			case m == nil:
				inc.Why = "no earlier build"
			default:
				inc.old, inc.read = m, true
			}
		})
	}
	var earlier func(path string) content.Made
	if inc.reading != nil {
		earlier = func(path string) content.Made {
			manifestDocs()
			if inc.old.Docs == nil || !bytes.Equal(inc.old.Program, inc.Program) {
				return content.Made{}
			}
			e := inc.old.Docs[path]
			return content.Made{Entry: e.Front, Stamp: e.Stamp, Started: inc.old.Started}
		}
	}
	inc.started = time.Now().UnixNano()
	site, fronts, reusedFront, unread := content.LoadFrontMatterCached(ctx, fsys, cfg, errs, earlier)
	if inc.reading != nil {
		manifestDocs()
	}
	inc.fronts = fronts
	inc.Decoded, inc.Unread = len(fronts)-reusedFront, unread
	return site
}

// checkOutputs checks that the outputs this build replaces or removes
// hold only files that a build wrote (see buildcache.Manifest.Reuse).
func (inc *Incremental) checkOutputs(errs *diag.List) bool {
	if inc.read {
		// The rest of the manifest; without it, nothing is linked and
		// the search index takes nothing from it.
		if err := inc.reading.Rest(); err != nil {
			inc.Why = "the build manifest is unusable (" + err.Error() + ")"
		}
	}
	reuse, why, err := inc.old.Reuse(inc.dir)
	inc.reuse = reuse
	if inc.Why == "" {
		inc.Why = why
	}
	inc.tick("graph")
	if err != nil {
		if fe, ok := errors.AsType[*publish.FolderError](err); ok {
			errs.Add(diag.FileError{Path: fe.Path, Msg: fe.Msg})
		} else {
			errs.Errorf(diag.Pos{Path: inc.dir.Out()}, "cannot check what the output holds: %v", err)
		}
		return false
	}
	inc.tick("check outputs")
	if inc.NoManifest {
		return true // the search index is made without a cache
	}
	inc.search = &searchindex.Cache{Key: func(d *content.Doc) searchindex.Key { return searchindex.Key(inc.keys[d]) }, Vocab: inc.old.Vocab, Old: inc.old.Search, Put: inc.searched.Put}
	return true
}

// render renders the pages whose keys changed, and links or keeps the
// others' files.
func (inc *Incremental) render(p *pipeline, r *render.Renderer, g *graph.Graph, errs *diag.List) {
	if inc.NoManifest {
		// No keys: nothing is reused, and none is kept.
		r.Render(g, inc.dir, errs)
		return
	}
	inc.keyed = buildcache.NewKeys(g, r.Assets(), buildcache.KeySource{
		Global:   inc.global(p.fsys, p.opts, p.ropts),
		Doc:      func(d *content.Doc) render.Key { return inc.keys[d] },
		Facts:    func(d *content.Doc) render.Key { return inc.factsOf[d] },
		Static:   buildcache.StatKey,
		Defaults: p.defaults,
	}, inc.old.Table)
	// The output before the previous one, if it is kept beside it, is
	// updated in place into this build's: its files whose jobs' keys are
	// the same are left as they are.
	inc.reuse.Recycle()
	inc.plan = r.RenderReusing(g, inc.dir, errs, func(p *render.Planned) func() bool {
		inc.keyed.Plan(p)
		return inc.reuse.Job(p, inc.keyed.Same)
	})
	inc.reads = inc.keyed.Finish(inc.plan)
	if err := inc.reuse.Err(); err != nil {
		errs.Errorf(diag.Pos{Path: inc.dir.Out()}, "cannot reuse the previous output's files: %v", err)
	}
}

// finish completes the output (removing what is left of the recycled
// one, writing its marker) and starts writing the manifest.
func (inc *Incremental) finish(ctx context.Context, errs *diag.List) {
	old, dir := inc.old, inc.dir
	if errs.HasErrors(false) || stopped(ctx, errs) {
		return
	}
	// The output this build replaces is kept beside it for the next
	// build to recycle if the two have most files in common (hard links
	// to the same files): otherwise keeping it would double the space
	// the site takes, for little gain.
	files, _ := dir.Stats()
	keepPrev := inc.reuse.Linkable() && 2*dir.Linked() >= files && len(old.Dirs) > 0
	if keepPrev {
		dir.KeepPrevious()
	}
	if err := dir.Sweep(); err != nil {
		errs.Errorf(diag.Pos{Path: dir.Out()}, "cannot remove the files that went from the recycled output: %v", err)
		return
	}
	if stopped(ctx, errs) {
		return
	}
	// The build is complete: its Marker is written.
	if err := dir.Finish(); err != nil {
		if full, ok := errors.AsType[*publish.DiskFullError](err); ok {
			file, msg := full.DiskFull()
			errs.Add(diag.FileError{Path: file, Msg: msg})
		} else {
			errs.Errorf(diag.Pos{Path: dir.Out()}, "cannot write the output's %s: %v", publish.Marker, err)
		}
		return
	}
	if inc.NoManifest {
		return
	}
	// The manifest of this build is written while the caller swaps the
	// output in (and removes the previous one): Save waits for it.
	id, err := dir.Identity()
	if err != nil {
		errs.Warnf(diag.Pos{Path: inc.Manifest}, "cannot write the build manifest (the next build will be a cold one): %v", err)
		return
	}
	// The folders' change times are taken while the output is committed,
	// for the build after next to recycle it (one stat a folder, a
	// noticeable cost on a large site). A build with --no-cache, which
	// reuses nothing, leaves them out: the build after it does not keep
	// its output beside its own.
	var stamper *publish.Stamper
	if !inc.Cold {
		if stamper, err = dir.Stamper(); err != nil {
			errs.Warnf(diag.Pos{Path: inc.Manifest}, "cannot write the build manifest (the next build will be a cold one): %v", err)
			return
		}
	}
	m := &buildcache.Manifest{Output: id, Program: inc.Program, Started: inc.started, Vocab: inc.search.Vocab}
	if keepPrev {
		m.Spare.Kept = true
	}
	written := make(chan manifestWrite, 1)
	inc.writing = written
	newDocs, searched, outFiles := inc.newDocs, inc.searched, dir.Files()
	inc.newDocs, inc.searched = nil, nil // handed to the writer
	plan, reads, docs, keys, keyed, sc := inc.plan, inc.reads, inc.docs, inc.keys, inc.keyed, inc.search
	go func() {
		defer newDocs.Close()
		defer searched.Close()
		defer stamper.Close()
		tmp, err := buildcache.Finish(inc.Manifest, m, old, plan, reads(), keyed, outFiles, stamper, docs, keys, newDocs, sc, searched)
		written <- manifestWrite{tmp, err}
	}()
}

// manifestWrite is the outcome of writing a manifest: the temporary file,
// to be renamed into place.
type manifestWrite struct {
	tmp string
	err error
}

// tick ends a stage of the build (LETTERPRESS_TRACE).
func (inc *Incremental) tick(what string) {
	if inc != nil {
		inc.trace.Tick(what)
	}
}

// wait waits for the manifest of the last Build to be written.
func (inc *Incremental) wait() (tmp string, err error) {
	if inc.writing == nil {
		return "", nil
	}
	w := <-inc.writing
	inc.writing = nil
	inc.tick("manifest wait")
	return w.tmp, w.err
}

// Save puts the manifest of the last Build in place, once its output is.
func (inc *Incremental) Save() error {
	tmp, err := inc.wait()
	if err != nil || tmp == "" {
		return err
	}
	return os.Rename(tmp, inc.Manifest)
}

// Discard throws the manifest of the last Build away (its output was not
// committed).
func (inc *Incremental) Discard() {
	if tmp, _ := inc.wait(); tmp != "" {
		os.Remove(tmp)
	}
}

// global is what every output file may depend on that the renderer
// cannot see: the program, site.yaml, the options.
func (inc *Incremental) global(fsys fs.FS, opts Options, ropts render.Options) []byte {
	h := sha256.New()
	h.Write(inc.Program)
	yaml, _ := fs.ReadFile(fsys, config.File)
	buildcache.WriteString(h, string(yaml))
	buildcache.WriteString(h, opts.Now.Format(time.RFC3339Nano))
	buildcache.WriteString(h, opts.BaseURL)
	if opts.Drafts {
		buildcache.WriteString(h, "drafts")
	}
	buildcache.WriteString(h, string(ropts.Head))
	if ropts.NoSearchIndex {
		buildcache.WriteString(h, "no search index")
	}
	return h.Sum(nil)
}

type convertedEntry struct {
	res   *markdown.Result
	errs  *diag.List
	entry buildcache.Doc
}

// convert converts the bodies whose entries in the previous manifest do
// not hold, and makes the others' results from their entries, to be
// converted again only if a page shows them. It keeps what it made of
// each in the next manifest's spill, with the document's keys.
func (inc *Incremental) convert(ctx context.Context, fsys fs.FS, site *content.Site, cfg *config.Config, spill *markdown.Spill, errs *diag.List) map[*content.Doc]*markdown.Result {
	docs := site.All()
	if inc.NoManifest {
		inc.Converted = len(docs)
		return (&pipeline{ctx: ctx, fsys: fsys}).convert(docs, site, cfg, spill, nil, errs)
	}
	conv := inc.convertOrReuse(ctx, fsys, docs, site, cfg, spill)
	if ctx.Err() != nil {
		return nil
	}
	inc.old.Docs = nil // what is kept of them is in conv
	bodies := make(map[*content.Doc]*markdown.Result, len(docs))
	inc.docs = docs
	inc.keys = make(map[*content.Doc]render.Key, len(docs))
	// What pages other than a document's own show of it (buildcache.KeySource.Facts).
	factKeys := make([]render.Key, len(docs))
	par.For(len(docs), func(i int) {
		if c := conv[i]; c.res != nil {
			factKeys[i] = buildcache.Facts(docs[i], inc.fronts[docs[i]].Entry, c.entry, c.res.Refs)
		}
	})
	inc.factsOf = make(map[*content.Doc]render.Key, len(docs))
	for i, d := range docs {
		c := conv[i]
		errs.Merge(c.errs)
		if c.res == nil {
			continue
		}
		bodies[d] = c.res
		inc.keys[d] = c.entry.Key
		inc.factsOf[d] = factKeys[i]
		c.entry.Front, c.entry.Stamp = inc.fronts[d].Entry, inc.fronts[d].Stamp
		c.entry.Refs = buildcache.Refs(c.res.Refs)
		inc.newDocs.Put(d.Path, c.entry)
		conv[i] = convertedEntry{}
	}
	inc.fronts = nil
	return bodies
}

// convertOrReuse converts the bodies of docs whose entries in the previous
// manifest do not hold, and makes the others' results from their entries.
func (inc *Incremental) convertOrReuse(ctx context.Context, fsys fs.FS, docs []*content.Doc, site *content.Site, cfg *config.Config, spill *markdown.Spill) []convertedEntry {
	out := make([]convertedEntry, len(docs))
	settings := buildcache.Settings(inc.Program, cfg.BaseURL.Path, cfg.PrivacyAllow)
	res := func(d *content.Doc) markdown.Resolver {
		return resolver{site: site, from: d, base: cfg.BaseURL.Path}
	}
	if par.ForContext(ctx, len(docs), func(i int) {
		d := docs[i]
		e, ok := inc.old.Docs[d.Path]
		if !ok {
			return
		}
		rs := res(d)
		r := e.Result(d.Path, buildcache.ConvKey(settings, d), rs)
		if r == nil {
			return
		}
		var mu sync.Mutex
		r.Redo(func() ([]byte, error) {
			mu.Lock()
			defer mu.Unlock()
			t, err := content.ReadText(fsys, d, true)
			if err != nil {
				return nil, errors.New(d.Path + ": " + err.Error())
			}
			again, err := converter(d).Convert(t.Body, rs)
			t.Release()
			if err != nil {
				return nil, errors.New(d.Path + ": cannot render Markdown: " + err.Error())
			}
			return again.HTML, nil
		})
		errs := &diag.List{}
		for _, p := range e.Problems {
			errs.Add(p)
		}
		out[i] = convertedEntry{res: r, errs: errs, entry: e}
	}) != nil {
		return out // stopped
	}
	var todo []int
	for i := range docs {
		if out[i].res == nil {
			todo = append(todo, i)
		}
	}
	inc.Reconverted = len(docs) - len(todo)
	inc.Converted = len(todo)
	fresh := make([]*content.Doc, len(todo))
	for j, i := range todo {
		fresh[j] = docs[i]
	}
	conv := convertBodies(ctx, fsys, fresh, site, cfg, spill, nil)
	if ctx.Err() != nil {
		return out // stopped
	}
	par.For(len(todo), func(j int) {
		i, d, c := todo[j], fresh[j], conv[j]
		out[i] = convertedEntry{res: c.res, errs: c.errs}
		if c.res != nil {
			// Its Refs are made from c.res.Refs when it is kept (buildcache.Refs).
			out[i].entry = buildcache.NewDoc(buildcache.ConvKey(settings, d), res(d), d.Path, c.res, c.errs.Items())
		}
	})
	return out
}
