package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/markdown"
	"letterpress/internal/par"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	searchindex "letterpress/internal/search"
)

// Incremental is a one-shot build into a folder that reuses what the
// previous build into the same folder made (see manifest): bodies whose
// file and link targets did not change are not converted again, the
// search index's words are not taken from them again, and output files
// whose keys did not change are linked from the previous output instead
// of rendered. The output is byte for byte what a cold build makes; the
// folder is still replaced atomically (publish.Dir), and the previous
// output is never changed.
type Incremental struct {
	// Manifest is the file that describes the last build into the
	// output: read at the start, replaced by Save.
	Manifest string
	// Cold ignores the previous manifest (a new one is still written).
	Cold bool
	// Program identifies the program: a new one starts cold.
	Program []byte

	// What the last Build did.
	Converted, Reconverted int                // bodies converted; reused from the manifest
	Decoded                int                // documents whose front matter was decoded (not taken from the manifest)
	Unread                 int                // documents not read at all (their stamps unchanged: see content.LoadFrontMatterCached)
	Why                    string             // why nothing could be reused, if so
	writing                chan manifestWrite // the new manifest, being written
	start, last            time.Time
	lastCPU                time.Duration
	started                int64 // when loading started (Unix ns): manifest.Started
}

// ProgramID identifies the running program by its executable's content,
// so that any other build of letterpress starts cold.
func ProgramID() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// Build builds the site in fsys into dir, reusing what it can. On success
// the caller commits dir, then calls Save.
func (inc *Incremental) Build(fsys, defaults fs.FS, dir *publish.Dir, opts Options, ropts render.Options) (*graph.Graph, *diag.List) {
	inc.Discard() // a last Build never saved
	inc.Converted, inc.Reconverted, inc.Decoded, inc.Unread, inc.Why = 0, 0, 0, 0, ""
	inc.start, inc.last, inc.lastCPU = time.Now(), time.Time{}, cpuTime()
	old := &manifest{}
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
	var reading *manifestRead
	read := false // old is the manifest read
	if inc.Cold {
		inc.Why = "asked for a cold build"
	} else {
		reading = startManifest(inc.Manifest)
	}
	dir.Track()

	spill, err := markdown.NewSpill("")
	if err != nil {
		spill = nil
	}
	defer spill.Close()

	ctx := opts.context()
	errs := &diag.List{}
	// A stopped build returns the graph of nothing.
	nothing := func() *graph.Graph {
		return graph.Build(config.Load(fsys, &diag.List{}), content.Assemble(nil, &diag.List{}), nil, graph.Options{Now: opts.Now}, &diag.List{})
	}
	cfg := config.Load(fsys, errs)
	if opts.BaseURL != "" {
		cfg.SetBaseURL(opts.BaseURL)
	}
	// The documents' entries are waited for once the site's files are
	// found (content.Walk), when the first file is read.
	var first sync.Once
	manifestDocs := func() {
		first.Do(func() {
			m, err := reading.docs()
			switch {
			case err != nil:
				inc.Why = "the build manifest is unusable (" + err.Error() + ")"
			case m == nil:
				inc.Why = "no earlier build"
			default:
				old, read = m, true
			}
		})
	}
	inc.tick("config")
	// Files whose bytes are those of the last build are not decoded
	// again, nor read if their stamps say they are unchanged.
	var earlier func(path string) content.Made
	if reading != nil {
		earlier = func(path string) content.Made {
			manifestDocs()
			if old.Docs == nil || !bytes.Equal(old.Program, inc.Program) {
				return content.Made{}
			}
			e := old.Docs[path]
			return content.Made{Entry: e.Front, Stamp: e.Stamp, Started: old.Started}
		}
	}
	inc.started = time.Now().UnixNano()
	site, fronts, reusedFront, unread := content.LoadFrontMatterCached(ctx, fsys, cfg, errs, earlier)
	if reading != nil {
		manifestDocs()
	}
	if stopped(ctx, errs) {
		return nothing(), errs
	}
	inc.Decoded, inc.Unread = len(fronts)-reusedFront, unread
	docs := site.All()
	inc.tick("load")
	conv := inc.convert(ctx, fsys, docs, site, cfg, spill, old)
	if stopped(ctx, errs) {
		return nothing(), errs
	}
	old.Docs = nil // what is kept of them is in conv
	bodies := make(map[*content.Doc]*markdown.Result, len(docs))
	keys := make(map[*content.Doc]render.Key, len(docs))
	// What pages other than a document's own show of it (render.KeySource.Facts).
	factKeys := make([]render.Key, len(docs))
	par.For(len(docs), func(i int) {
		if c := conv[i]; c.res != nil {
			factKeys[i] = facts(docs[i], fronts[docs[i]].Entry, c.entry, c.res.Refs)
		}
	})
	factsOf := make(map[*content.Doc]render.Key, len(docs))
	// What this build made of each document waits in a temporary file
	// beside the manifest (in memory if it cannot be made), as do its
	// search entries; both are handed to the manifest's writer.
	newDocs := newSpill[docEntry](filepath.Dir(inc.Manifest), "docs-")
	search := newSpill[searchindex.Text](filepath.Dir(inc.Manifest), "search-")
	handed := false
	defer func() {
		if !handed {
			newDocs.close()
			search.close()
		}
	}()
	for i, d := range docs {
		c := conv[i]
		errs.Merge(c.errs)
		if c.res == nil {
			continue
		}
		bodies[d] = c.res
		keys[d] = c.entry.Key
		factsOf[d] = factKeys[i]
		c.entry.Front, c.entry.Stamp = fronts[d].Entry, fronts[d].Stamp
		c.entry.Refs = entryRefs(c.res.Refs)
		newDocs.put(d.Path, c.entry)
		conv[i] = convertedEntry{}
	}
	conv, fronts = nil, nil
	inc.tick("convert")
	texts := attachmentTexts(fsys, site, cfg, errs)
	g := graph.Build(cfg, site, bodies, graph.Options{Now: opts.Now, IncludeDrafts: opts.Drafts, Context: ctx}, errs)
	g.AttachmentText = texts
	if stopped(ctx, errs) {
		return g, errs
	}
	if read {
		// The rest of the manifest; without it, nothing is linked and
		// the search index takes nothing from it.
		if err := reading.jobs(); err != nil {
			inc.Why = "the build manifest is unusable (" + err.Error() + ")"
		}
	}
	// Files are linked from the output only if it is the one the manifest
	// describes; what was made of bodies is good whatever the output.
	linkable := false
	if old.Jobs != nil {
		id, err := dir.PreviousIdentity()
		linkable = err == nil && id == old.Output
		if !linkable && inc.Why == "" {
			inc.Why = "the output is not the one the last build made"
		}
	}
	// The outputs this build replaces or removes must hold only files
	// that a build wrote: checked against what the manifest recorded of
	// them, before anything is touched.
	var cur, spare *publish.Described
	if linkable {
		// The previous output is removed by the names of its files.
		names := make([]string, 0, len(old.Jobs)+len(old.Jobs)/8+len(old.Other))
		for job, e := range old.Jobs {
			for _, f := range e.Files {
				names = append(names, f.name(job))
			}
		}
		names = append(names, old.Other...)
		dir.Previous(names)
		cur = &publish.Described{Identity: old.Output, Names: names, Dirs: old.Dirs}
	}
	spareJobs, spareNames := inc.spare(old)
	if spareJobs != nil {
		spare = &publish.Described{Identity: old.Spare.Identity, Names: spareNames, Dirs: old.Spare.Dirs}
	}
	inc.tick("graph")
	if err := dir.CheckPrevious(cur, spare); err != nil {
		var fe *publish.FolderError
		if errors.As(err, &fe) {
			errs.Add(diag.FileError{Path: fe.Path, Msg: fe.Msg})
		} else {
			errs.Errorf(diag.Pos{Path: dir.Out()}, "cannot check what the output holds: %v", err)
		}
		return g, errs
	}
	inc.tick("check outputs")
	sc := &searchindex.Cache{Key: func(d *content.Doc) searchindex.Key { return searchindex.Key(keys[d]) }, Vocab: old.Vocab, Old: old.Search, Put: search.put}
	ropts.Search = sc
	ropts.Context = ctx
	r := render.New(fsys, defaults, ropts, errs)
	if errs.HasErrors(false) {
		return g, errs
	}
	inc.tick("renderer")
	for _, b := range g.Bodies {
		b.Refs, b.BadLinks = nil, nil
	}

	ks := render.KeySource{
		Global: inc.global(fsys, opts),
		Doc:    func(d *content.Doc) render.Key { return keys[d] },
		Facts:  func(d *content.Doc) render.Key { return factsOf[d] },
		Static: render.StatKey,
	}
	// The output before the previous one, if it is kept beside it, is
	// updated in place into this build's: its files whose jobs' keys are
	// the same are left as they are.
	spareJob := inc.recycle(dir, old, spareJobs, spareNames)
	var linkErrMu sync.Mutex
	var linkErr error
	plan := r.RenderReusing(g, dir, errs, ks, fsys, defaults, func(p render.Planned) func() bool {
		if p.Key == (render.Key{}) {
			return nil
		}
		var keep, link func() bool
		if e, ok := spareJob(p.Name); ok && e.Key == p.Key && len(e.Files) > 0 {
			keep = func() bool {
				return dir.Keep(len(e.Files), func(i int) (string, publish.FileInfo) {
					return e.Files[i].name(p.Name), e.Files[i].FileInfo
				}) == nil
			}
		}
		if e, ok := old.Jobs[p.Name]; linkable && ok && e.Key == p.Key && len(e.Files) > 0 {
			link = func() bool {
				for i, f := range e.Files {
					if err := dir.Link(f.name(p.Name), f.FileInfo); err != nil {
						for _, g := range e.Files[:i] {
							_ = dir.Unlink(g.name(p.Name))
						}
						if !errors.Is(err, publish.ErrChanged) {
							linkErrMu.Lock()
							linkErr = err
							linkErrMu.Unlock()
						}
						return false
					}
				}
				return true
			}
		}
		switch {
		case keep == nil:
			return link
		case link == nil:
			return keep
		}
		return func() bool { return keep() || link() }
	})
	if linkErr != nil {
		errs.Errorf(diag.Pos{Path: dir.Out()}, "cannot reuse the previous output's files: %v", linkErr)
	}
	if stopped(ctx, errs) {
		return g, errs
	}
	publishAdmin(fsys, dir, errs)
	inc.tick("render")
	if errs.HasErrors(false) || stopped(ctx, errs) {
		return g, errs
	}
	// The output this build replaces is kept beside it for the next
	// build to recycle if the two have most files in common (hard links
	// to the same files): otherwise keeping it would double the space
	// the site takes, for little gain.
	files, _ := dir.Stats()
	keepPrev := linkable && 2*dir.Linked() >= files && len(old.Dirs) > 0
	if keepPrev {
		dir.KeepPrevious()
	}
	if err := dir.Sweep(); err != nil {
		errs.Errorf(diag.Pos{Path: dir.Out()}, "cannot remove the files that went from the recycled output: %v", err)
		return g, errs
	}
	if stopped(ctx, errs) {
		return g, errs
	}

	// The build is complete: its Marker is written.
	if err := dir.Finish(); err != nil {
		var full *publish.DiskFullError
		if errors.As(err, &full) {
			file, msg := full.DiskFull()
			errs.Add(diag.FileError{Path: file, Msg: msg})
		} else {
			errs.Errorf(diag.Pos{Path: dir.Out()}, "cannot write the output's %s: %v", publish.Marker, err)
		}
		return g, errs
	}
	// The manifest of this build is written while the caller swaps the
	// output in (and removes the previous one): Save waits for it.
	id, err := dir.Identity()
	if err != nil {
		errs.Warnf(diag.Pos{Path: inc.Manifest}, "cannot write the build manifest (the next build will be a cold one): %v", err)
		return g, errs
	}
	handed = true
	written := make(chan manifestWrite, 1)
	inc.writing = written
	outFiles := dir.Files()
	// The folders' change times are taken while the output is committed,
	// for the build after next to recycle it (one stat a folder, a
	// noticeable cost on a large site). A build with --no-cache, which reuses
	// nothing, leaves them out: the build after it does not keep its
	// output beside its own.
	var stamper *publish.Stamper
	if !inc.Cold {
		if stamper, err = dir.Stamper(); err != nil {
			errs.Warnf(diag.Pos{Path: inc.Manifest}, "cannot write the build manifest (the next build will be a cold one): %v", err)
			return g, errs
		}
	}
	go func() {
		defer newDocs.close()
		defer search.close()
		defer stamper.Close()
		tmp, err := inc.writeManifest(id, plan, outFiles, stamper, docs, keys, newDocs, sc, search, old, keepPrev)
		written <- manifestWrite{tmp, err}
	}()
	return g, errs
}

// manifestWrite is the outcome of writing a manifest: the temporary file,
// to be renamed into place.
type manifestWrite struct {
	tmp string
	err error
}

// writeManifest makes the manifest of a build and writes it beside
// inc.Manifest.
func (inc *Incremental) writeManifest(id publish.Identity, plan []render.Planned, files map[string]publish.FileInfo, stamper *publish.Stamper, docs []*content.Doc, keys map[*content.Doc]render.Key, newDocs *spill[docEntry], sc *searchindex.Cache, search *searchSpill, old *manifest, keepPrev bool) (string, error) {
	// The manifest of this build.
	m := &manifest{Output: id, Program: inc.Program, Started: inc.started, Jobs: make(map[string]jobEntry, len(plan)), Vocab: sc.Vocab}
	if err := newDocs.finish(); err != nil {
		return "", err
	}
	if sc.Made {
		if err := search.finish(); err != nil {
			return "", err
		}
	} else {
		// The index was not made again: its words are those of the
		// previous build, for the bodies that are still the same.
		search = nil
		m.Vocab = old.Vocab
		m.Search = map[string]searchindex.Text{}
		for _, d := range docs {
			if st, ok := old.Search[d.Path]; ok && st.Key == searchindex.Key(keys[d]) && st.Key != (searchindex.Key{}) {
				m.Search[d.Path] = st
			}
		}
	}
	// Each job's files: those it names, found in files, and those in the
	// folders it fills whole (the search index's), found by their folder.
	folder := map[string]int{} // a folder a job fills whole: the last such job
	for i, p := range plan {
		for _, n := range p.Names {
			if strings.HasSuffix(n, "/") {
				folder[n] = i
			}
		}
	}
	// owner is the last job filling a folder of name (each folder of the
	// name is looked up: a few).
	owner := func(name string) (int, bool) {
		i, ok := 0, false
		for j := 0; j < len(name); j++ {
			if name[j] == '/' {
				if f, found := folder[name[:j+1]]; found && (!ok || f > i) {
					i, ok = f, true
				}
			}
		}
		return i, ok
	}
	entries := make([]jobEntry, len(plan))
	named := map[string]bool{} // files in such folders that a job names: its own
	given := 0                 // files given to jobs
	for i, p := range plan {
		entries[i].Key = p.Key
		for _, n := range p.Names {
			if info, ok := files[n]; ok {
				given++
				if _, in := owner(n); in {
					named[n] = true
				}
				if n == p.Name {
					n = "" // most jobs write one file, of their name
				}
				entries[i].Files = append(entries[i].Files, fileEntry{Name: n, FileInfo: info})
			}
		}
	}
	if len(folder) > 0 {
		for name, info := range files {
			if i, ok := owner(name); ok && !named[name] {
				entries[i].Files = append(entries[i].Files, fileEntry{Name: name, FileInfo: info})
				given++
			}
		}
	}
	for i, p := range plan {
		m.Jobs[p.Name] = entries[i]
	}
	// Files written by no job (the web editor's files) are never reused,
	// but a recycled output must know them, to remove them.
	if given < len(files) {
		m.Other = otherFiles(files, plan, entries)
	}
	if stamper != nil {
		dirs, err := stamper.DirStamps(maps.Keys(files))
		if err != nil {
			return "", err
		}
		m.Dirs = dirs
	}
	if keepPrev {
		m.Spare = spareEntry{Kept: true, Identity: old.Output, Diff: spareDiff(old.Jobs, m.Jobs), Other: old.Other, Dirs: old.Dirs}
	}
	return writeManifest(inc.Manifest, m, newDocs, search)
}

// name is the file's name in the job named job.
func (f fileEntry) name(job string) string {
	if f.Name == "" {
		return job
	}
	return f.Name
}

// otherFiles are the files that no job's entry holds.
func otherFiles(files map[string]publish.FileInfo, plan []render.Planned, entries []jobEntry) []string {
	given := make(map[string]bool, len(files))
	for i, e := range entries {
		for _, f := range e.Files {
			given[f.name(plan[i].Name)] = true
		}
	}
	var other []string
	for name := range files {
		if !given[name] {
			other = append(other, name)
		}
	}
	return other
}

// spareDiff lists the jobs of prev (the output to be kept beside this
// build's) that are not as in cur (this build's).
func spareDiff(prev, cur map[string]jobEntry) []spareJob {
	var diff []spareJob
	for name, e := range prev {
		c, ok := cur[name]
		if ok {
			e = sameInodes(e, c)
		}
		if !ok || !sameJob(c, e) {
			diff = append(diff, spareJob{Name: name, Entry: e})
		}
	}
	for name := range cur {
		if _, ok := prev[name]; !ok {
			diff = append(diff, spareJob{Name: name, Absent: true})
		}
	}
	return diff
}

// sameInodes is e, a job of the output to be kept beside this build's,
// with what c, the same job of this build, records of the files that are
// the same in both (the same inode: this build linked them). Linking
// changed their change time, which c records.
func sameInodes(e, c jobEntry) jobEntry {
	var by map[string]publish.FileInfo
	if len(c.Files) > 8 {
		by = make(map[string]publish.FileInfo, len(c.Files))
		for _, g := range c.Files {
			by[g.Name] = g.FileInfo
		}
	}
	find := func(name string) (publish.FileInfo, bool) {
		if by != nil {
			g, ok := by[name]
			return g, ok
		}
		for _, g := range c.Files {
			if g.Name == name {
				return g.FileInfo, true
			}
		}
		return publish.FileInfo{}, false
	}
	cloned := false
	for i, f := range e.Files {
		g, ok := find(f.Name)
		if !ok || g.Ino != f.Ino || f.Ino == 0 || g == f.FileInfo {
			continue
		}
		if !cloned {
			e.Files = slices.Clone(e.Files)
			cloned = true
		}
		e.Files[i].FileInfo = g
	}
	return e
}

func sameJob(a, b jobEntry) bool {
	return a.Key == b.Key && slices.Equal(a.Files, b.Files)
}

// spare returns the jobs of the output kept beside the previous one, as
// the manifest describes it, and the names of its files (nil if it
// describes none).
func (inc *Incremental) spare(old *manifest) (jobs func(name string) (jobEntry, bool), names []string) {
	if !old.Spare.Kept || old.Jobs == nil {
		return nil, nil
	}
	diff := make(map[string]*spareJob, len(old.Spare.Diff))
	for i := range old.Spare.Diff {
		diff[old.Spare.Diff[i].Name] = &old.Spare.Diff[i]
	}
	job := func(name string) (jobEntry, bool) {
		if d, ok := diff[name]; ok {
			return d.Entry, !d.Absent
		}
		e, ok := old.Jobs[name]
		return e, ok
	}
	names = make([]string, 0, len(old.Jobs)+len(old.Jobs)/8)
	add := func(job string, e jobEntry) {
		for _, f := range e.Files {
			names = append(names, f.name(job))
		}
	}
	for name, e := range old.Jobs {
		if _, ok := diff[name]; !ok {
			add(name, e)
		}
	}
	for _, d := range old.Spare.Diff {
		if !d.Absent {
			add(d.Name, d.Entry)
		}
	}
	names = append(names, old.Spare.Other...)
	return job, names
}

// recycle makes the build update the output kept beside the previous one
// in place (publish.Dir.Recycle), if the manifest describes it (jobs and
// names, from spare); it returns that output's jobs (none if it is not
// recycled).
func (inc *Incremental) recycle(dir *publish.Dir, old *manifest, jobs func(name string) (jobEntry, bool), names []string) func(name string) (jobEntry, bool) {
	if jobs == nil || !dir.Recycle(old.Spare.Identity, names, old.Spare.Dirs) {
		return func(string) (jobEntry, bool) { return jobEntry{}, false }
	}
	return jobs
}

func (inc *Incremental) tick(what string) {
	if os.Getenv("LETTERPRESS_TRACE") == "" {
		return
	}
	if inc.last.IsZero() {
		inc.last = inc.start
	}
	now := time.Now()
	cpu := cpuTime()
	wall := now.Sub(inc.last)
	fmt.Fprintf(os.Stderr, "%-16s %6v  cpu %6v  %.2f cores\n", what, wall.Round(time.Millisecond), (cpu - inc.lastCPU).Round(time.Millisecond), float64(cpu-inc.lastCPU)/float64(wall))
	inc.last, inc.lastCPU = now, cpu
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
func (inc *Incremental) global(fsys fs.FS, opts Options) []byte {
	h := sha256.New()
	h.Write(inc.Program)
	yaml, _ := fs.ReadFile(fsys, config.File)
	writeStr(h, string(yaml))
	writeStr(h, opts.Now.Format(time.RFC3339Nano))
	writeStr(h, opts.BaseURL)
	if opts.Drafts {
		writeStr(h, "drafts")
	}
	return h.Sum(nil)
}

func writeStr(h io.Writer, s string) {
	var n [8]byte
	for i := range n {
		n[i] = byte(len(s) >> (8 * i))
	}
	h.Write(n[:])
	io.WriteString(h, s)
}

type convertedEntry struct {
	res   *markdown.Result
	errs  *diag.List
	entry docEntry
}

// convert converts the bodies of docs whose entries in old do not hold,
// and makes the others' results from their entries, to be converted
// again only if a page shows them.
func (inc *Incremental) convert(ctx context.Context, fsys fs.FS, docs []*content.Doc, site *content.Site, cfg *config.Config, spill *markdown.Spill, old *manifest) []convertedEntry {
	out := make([]convertedEntry, len(docs))
	var todo []int
	settings := sha256.New()
	settings.Write(inc.Program)
	writeStr(settings, cfg.BaseURL.Path)
	for _, a := range cfg.PrivacyAllow {
		writeStr(settings, a)
	}
	base := settings.Sum(nil)
	convKey := func(d *content.Doc) render.Key {
		h := sha256.New()
		h.Write(base)
		writeStr(h, d.Path)
		writeStr(h, d.Lang)
		writeStr(h, d.Kind.String())
		if d.Translation {
			writeStr(h, "cy")
		}
		h.Write(d.Sum[:])
		var k render.Key
		h.Sum(k[:0])
		return k
	}
	res := func(d *content.Doc) markdown.Resolver {
		return resolver{site: site, from: d, base: cfg.BaseURL.Path}
	}
	if par.ForContext(ctx, len(docs), func(i int) {
		d := docs[i]
		ck := convKey(d)
		e, ok := old.Docs[d.Path]
		if !ok || e.Conv != ck {
			return
		}
		rs := res(d)
		refs := make([]markdown.Reference, len(e.Refs))
		for j, r := range e.Refs {
			refs[j] = markdown.Reference{Kind: r.Kind, ID: r.ID, Offset: r.Offset, Resolved: r.Resolved, Pos: diag.Pos{Path: d.Path, Line: r.Line, Col: r.Col}}
		}
		if targetsSum(rs, refs) != e.Targets {
			return
		}
		r := &markdown.Result{Refs: refs, BadLinks: e.BadLinks, Footnotes: e.Footnotes, FirstFootnote: e.FirstFootnote, FirstFootnotePos: e.FirstFootnotePos, Summary: e.Summary}
		e.Refs = nil // made again from r.Refs for the next manifest (entryRefs)
		var mu sync.Mutex
		r.Redo(func() ([]byte, error) {
			mu.Lock()
			defer mu.Unlock()
			if err := content.Reload(fsys, d); err != nil {
				return nil, errors.New(d.Path + ": " + err.Error())
			}
			md := converters[d.Lang]
			if md == nil {
				md = converters["en"]
			}
			again, err := md.Convert(d.Body, rs)
			d.Release()
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
	conv := convertBodies(ctx, fsys, fresh, site, cfg, spill)
	if ctx.Err() != nil {
		return out // stopped
	}
	par.For(len(todo), func(j int) {
		i, d, c := todo[j], fresh[j], conv[j]
		out[i] = convertedEntry{res: c.res, errs: c.errs}
		if c.res == nil {
			return
		}
		e := docEntry{Conv: convKey(d), BadLinks: c.res.BadLinks, Footnotes: c.res.Footnotes,
			FirstFootnote: c.res.FirstFootnote, FirstFootnotePos: c.res.FirstFootnotePos, Summary: c.res.Summary, Problems: c.errs.Items()}
		e.Targets = targetsSum(res(d), c.res.Refs)
		h := sha256.New()
		h.Write(e.Conv[:])
		h.Write(e.Targets[:])
		h.Sum(e.Key[:0])
		for _, r := range c.res.Refs {
			if r.Pos.Path != d.Path {
				e.Conv = render.Key{} // not kept for the next build
			}
		}
		out[i].entry = e // its Refs are made from c.res.Refs when it is kept (entryRefs)
	})
	return out
}

// entryRefs are a body's references as the manifest keeps them (without
// their file, the body's). They are made as each entry is kept, not as
// each body is converted: on a large site a copy of every body's
// references was tens of megabytes of the build's peak.
func entryRefs(refs []markdown.Reference) []ref {
	if len(refs) == 0 {
		return nil
	}
	out := make([]ref, len(refs))
	for i, r := range refs {
		out[i] = ref{Kind: r.Kind, ID: r.ID, Offset: r.Offset, Line: r.Pos.Line, Col: r.Pos.Col, Resolved: r.Resolved}
	}
	return out
}

// facts is a digest of what pages other than d's own show of it (see
// render.KeySource.Facts): its front matter (from front, what loading
// made of it), and what converting its body found besides the HTML.
func facts(d *content.Doc, front []byte, e docEntry, refs []markdown.Reference) render.Key {
	b := make([]byte, 0, 256)
	if fk, ok := content.FrontKey(front); ok {
		b = append(b, fk[:]...)
	} else {
		b = append(append(b, "whole file"...), d.Sum[:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(e.Summary)))
	b = append(b, e.Summary...)
	b = binary.AppendVarint(b, int64(e.Footnotes))
	b = binary.AppendVarint(b, int64(e.FirstFootnote))
	for _, r := range refs {
		b = binary.AppendUvarint(b, uint64(r.Kind))
		b = binary.AppendUvarint(b, uint64(len(r.ID)))
		b = append(b, r.ID...)
		if r.Resolved {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return sha256.Sum256(b)
}

// targetsSum is a digest of what each of refs resolves to: a body
// converted again with the same file gives the same HTML if its links
// lead to the same addresses with the same titles.
func targetsSum(rs markdown.Resolver, refs []markdown.Reference) render.Key {
	h := sha256.New()
	for _, r := range refs {
		t, ok := rs.Resolve(r.Kind, r.ID)
		if ok {
			writeStr(h, "ok")
		} else {
			writeStr(h, "no")
		}
		writeStr(h, t.URL)
		writeStr(h, t.Title)
	}
	var k render.Key
	h.Sum(k[:0])
	return k
}

// DefaultManifest is where the manifest of a build into out is kept: in
// the user's cache folder (or $LETTERPRESS_CACHE), under a name made from
// out's absolute path.
func DefaultManifest(out string) (string, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	dir, err := CacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, hexString(sum[:8])), nil
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}
