package render

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash"
	"io/fs"
	"maps"
	"slices"
	"sync"
	"time"
	"unsafe"

	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/par"
	"letterpress/internal/search"
)

// Key is a digest of everything one job of a render depends on: two
// renders that give a job the same key write the same bytes, so a build
// can take the file from its previous output instead of rendering it.
type Key [32]byte

// MarshalBinary and UnmarshalBinary make encoding/gob write a key as 32
// bytes: as an array it writes and reads each byte as a number of its own,
// which was most of the time a repeat build took to read its manifest.
func (k Key) MarshalBinary() ([]byte, error) { return k[:], nil }

func (k *Key) UnmarshalBinary(b []byte) error {
	if len(b) != len(k) {
		return errors.New("render: a key is 32 bytes")
	}
	copy(k[:], b)
	return nil
}

// Planned is one job of a render that reuses files (RenderReusing).
type Planned struct {
	// Name is the job's name; Names are the files (or, ending in "/",
	// folders of files) it writes: its own name, and the names of jobs
	// whose files it writes for them (the sitemaps).
	Name  string
	Names []string
	Key   Key
}

// KeySource is what the renderer cannot see of a build but its files
// depend on.
type KeySource struct {
	// Global is what every file may depend on: the program, site.yaml,
	// the build's options (date, drafts, base URL).
	Global []byte
	// Doc is a document's own key: a digest of its file and of everything
	// its converted body depended on (the titles and addresses of the
	// documents it links to). The zero key makes every file that shows the
	// document be rendered.
	Doc func(*content.Doc) Key
	// Facts, if set, is a digest of what pages other than a document's
	// own show of it: Doc without the body's HTML (its front matter, and
	// what converting its body found besides: summary, footnotes, links).
	// Only the document's own page and the search index show its body;
	// without Facts, Doc stands for both.
	Facts func(*content.Doc) Key
	// Static is a static file's key (of its content), if known without
	// reading it; ok false makes the renderer read it.
	Static func(fsys fs.FS, path string) (Key, bool)
}

// RenderReusing is Render for a build that starts from the files of an
// earlier build: it works out each job's key and asks reuse whether the
// caller already has the job's files with that key (reuse is called from
// several goroutines at once). If it has, reuse returns a function that
// puts them in the output and reports whether it could (it is called
// while other jobs run, from several goroutines at once); the jobs whose
// files it put in place are not run. It returns every job with its key,
// for the next build.
//
// The keys of pages follow what the default layouts show of each
// document (see docKeys). A site that overrides a layout may show
// anything anywhere: then every page's key covers every document.
func (r *Renderer) RenderReusing(g *graph.Graph, out Output, errs *diag.List, ks KeySource, site, defaults fs.FS, reuse func(Planned) func() bool) []Planned {
	if len(r.pages) != len(pageTemplates) {
		return nil // template errors were reported by New
	}
	r.forgetAll()
	sk := &sink{r: r, out: out}
	s := r.newSite(g)
	jobs := r.jobs(g, s, sk)
	r.jobCache = &jobSet{g: g, sink: sk, jobs: jobs}

	k := r.newKeyer(g, s, ks, site, defaults)
	if r.opts.context().Err() != nil {
		return nil // stopped: the keys are unfinished
	}
	plan := make([]Planned, 0, len(jobs))
	var group []string // names of jobs without run, written by the next that has one
	for _, j := range jobs {
		group = append(group, j.name)
		if j.run == nil {
			continue
		}
		plan = append(plan, Planned{Name: j.name, Names: group})
		group = nil
	}
	byName := make(map[string]int, len(plan))
	for i, p := range plan {
		byName[p.Name] = i
	}
	runs := make([]job, 0, len(plan))
	for _, j := range jobs {
		if j.run != nil {
			runs = append(runs, j)
		}
	}
	links := make([]func() bool, len(plan))
	ctx := r.opts.context()
	_ = par.ForContext(ctx, len(runs), func(i int) {
		plan[i].Key = k.job(runs[i], ks)
		links[i] = reuse(plan[i])
		runs[i] = job{}
	})
	runs, jobs, k = nil, nil, nil // each job is let go once it ran (see render)
	// The files reused are put in place while the others are rendered:
	// linking is mostly system calls, and the search index, which goes
	// first, leaves a core idle while it writes its files.
	reused := make([]bool, len(plan))
	linked := make(chan struct{})
	go func() {
		defer close(linked)
		var todo []int
		for i, link := range links {
			if link != nil {
				todo = append(todo, i)
			}
		}
		_ = par.ForContext(ctx, len(todo), func(j int) { reused[todo[j]] = links[todo[j]]() })
	}()
	r.render(g, out, errs, func(j job) bool {
		i, ok := byName[j.name]
		return !ok || links[i] == nil
	})
	<-linked
	// The files that could not be linked after all (the previous output
	// changed) are rendered.
	again := false
	for i, link := range links {
		again = again || link != nil && !reused[i]
	}
	if again {
		r.render(g, out, errs, func(j job) bool {
			i, ok := byName[j.name]
			return ok && links[i] != nil && !reused[i]
		})
	}
	return plan
}

// keyer computes keys from one graph.
type keyer struct {
	g        *graph.Graph
	global   Key // the caller's Global, the layouts and the assets
	site     Key // global, and what every page shows of the site
	all      Key // every document: for files that may show any
	bodies   Key // every document's body too: the search index
	override bool
	// Keys of each document, in the order of g.Site.All() (g.Index).
	sh   []Key // a document's own facts (shallow)
	shxs []Key // shx of each
	card []Key // what a list entry or link shows of it
	page []Key // what its own page shows
	r    *Renderer
}

// of returns d's key in keys, or the zero key for a document not of the
// site.
func (k *keyer) of(keys []Key, d *content.Doc) Key {
	if i, ok := k.g.Index(d); ok && i < len(keys) {
		return keys[i]
	}
	return Key{}
}

type hasher struct{ h hash.Hash }

// hashers are SHA-256 states for reuse: a build takes millions of keys
// (a new state for each was hundreds of megabytes of allocations on a
// large site).
var hashers = sync.Pool{New: func() any { return sha256.New() }}

func newHasher() hasher {
	h := hashers.Get().(hash.Hash)
	h.Reset()
	return hasher{h}
}

func (h hasher) str(s string) {
	var n [binary.MaxVarintLen64]byte
	h.h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
	// Write keeps nothing of its argument: the string's bytes are
	// hashed where they are.
	h.h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
}

func (h hasher) int(i int64) {
	var n [binary.MaxVarintLen64]byte
	h.h.Write(n[:binary.PutVarint(n[:], i)])
}

func (h hasher) bool(b bool) {
	if b {
		h.int(1)
	} else {
		h.int(0)
	}
}

func (h hasher) time(t time.Time) { h.int(t.Unix()) }

func (h hasher) key(k Key) { h.h.Write(k[:]) }

// sum returns the key, and the state for reuse: h is not used after.
func (h hasher) sum() Key {
	var k Key
	h.h.Sum(k[:0])
	hashers.Put(h.h)
	return k
}

func (r *Renderer) newKeyer(g *graph.Graph, s *Site, ks KeySource, site, defaults fs.FS) *keyer {
	k := &keyer{g: g, r: r}
	// The layouts, as the renderer read them: the defaults and the site's
	// own. A site layout that differs from the default may show anything.
	h := newHasher()
	h.str("letterpress render keys 1")
	h.str(string(ks.Global))
	var throwaway diag.List
	layouts := overlay(site, defaults, LayoutsDir, &throwaway)
	names := make([]string, 0, len(layouts))
	for name := range layouts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		src := layouts[name]
		data, err := fs.ReadFile(src.fsys, src.path)
		if err != nil {
			k.override = true
			continue
		}
		h.str(name)
		h.str(string(data))
		if site != nil && src.fsys == site {
			def, err := fs.ReadFile(defaults, src.path)
			if err != nil || string(def) != string(data) {
				k.override = true
			}
		}
	}
	assets := make([]string, 0, len(r.assets))
	for name := range r.assets {
		assets = append(assets, name)
	}
	slices.Sort(assets)
	for _, name := range assets {
		h.str(name)
		h.str(r.assets[name])
	}
	h.str(string(r.opts.Head))
	h.bool(r.opts.NoSearchIndex)
	k.global = h.sum()

	all := g.Site.All()
	own := make([]Key, len(all))
	facts := ks.Facts
	if facts == nil {
		facts = ks.Doc
	}
	ctx := r.opts.context()
	_ = par.ForContext(ctx, len(all), func(i int) {
		d := all[i]
		h := newHasher()
		h.str(d.Path)
		if facts != nil {
			h.key(facts(d))
		}
		h.bool(g.Published(d))
		h.str(g.Title(d))
		own[i] = h.sum()
	})
	k.sh = own
	k.shxs = make([]Key, len(all))
	_ = par.ForContext(ctx, len(all), func(i int) { k.shxs[i] = k.shxOf(all[i]) })
	// Everything: the graph is made from the documents alone (and
	// site.yaml and the options, in global).
	h = newHasher()
	h.key(k.global)
	for _, o := range own {
		h.key(o)
	}
	k.all = h.sum()
	k.bodies = k.all
	if ks.Facts != nil {
		h = newHasher()
		h.key(k.all)
		for _, d := range all {
			h.key(ks.Doc(d))
		}
		k.bodies = h.sum()
	}

	// What every page shows of the site: its settings (in global), its
	// owner, its plain pages in the footer.
	h = newHasher()
	h.key(k.global)
	h.key(k.shx(g.Org(g.Config.Owner)))
	for _, p := range s.FooterPages {
		h.str(p.Title)
		h.str(p.Path)
	}
	if s.About != nil {
		h.str(s.About.Title)
		h.str(s.About.Path)
	}
	// A page in Welsh links to the Welsh versions of the plain pages
	// (Page.FooterLinks).
	for _, d := range g.Pages {
		h.key(k.shx(d))
	}
	k.site = h.sum()

	cards := make([]Key, len(all))
	_ = par.ForContext(ctx, len(all), func(i int) { cards[i] = k.cardKey(all[i]) })
	k.card = cards
	pages := make([]Key, len(all))
	_ = par.ForContext(ctx, len(all), func(i int) { pages[i] = k.pageKey(all[i]) })
	k.page = pages
	return k
}

// shx is a document's own facts and its other language version's: a page
// in either language shows the version in its own.
func (k *keyer) shx(d *content.Doc) Key {
	if d == nil {
		return Key{}
	}
	if i, ok := k.g.Index(d); ok && i < len(k.shxs) {
		return k.shxs[i]
	}
	return k.shxOf(d)
}

func (k *keyer) shxOf(d *content.Doc) Key {
	h := newHasher()
	h.key(k.of(k.sh, d))
	if d.Translation {
		if o := k.g.Site.Get(d.Kind, d.ID); o != nil {
			h.key(k.of(k.sh, o))
		}
	} else if t := k.g.Site.Translation(d); t != nil {
		h.key(k.of(k.sh, t))
	}
	return h.sum()
}

// cardKey covers what a list entry, a thread entry, a link or a status
// shows of d: its own facts (title, date, summary, kind, language,
// address), its organisations' names, and its recipients' reply statuses
// with the replies' titles.
func (k *keyer) cardKey(d *content.Doc) Key {
	g := k.g
	h := newHasher()
	h.key(k.shx(d))
	h.int(int64(len(d.To)))
	for _, r := range d.To {
		h.key(k.shx(g.Org(r.Org.ID)))
	}
	h.key(k.shx(g.Org(d.From.ID)))
	sts := g.Statuses(d)
	h.int(int64(len(sts)))
	for _, st := range sts {
		h.str(st.Recipient.Org.ID)
		h.str(st.Name())
		h.key(k.shx(st.Org))
		h.key(k.shx(st.Reply))
		h.int(int64(st.Days))
		h.time(st.Due)
		h.int(int64(st.DaysLate))
	}
	return h.sum()
}

// pageKey covers what d's own page shows of d and of the documents around
// it: its thread, replies, answers, citations, a report's publisher, and
// an organisation's reply record. (An organisation's correspondence is its
// pages' list, in their keys.)
func (k *keyer) pageKey(d *content.Doc) Key {
	g := k.g
	h := newHasher()
	h.key(k.of(k.card, d))
	list := func(ds []*content.Doc) {
		h.int(int64(len(ds)))
		for _, x := range ds {
			h.key(k.of(k.card, x))
		}
	}
	if t := g.Thread(d); t != nil {
		list(t.Docs)
	} else {
		list(nil)
	}
	list(g.Replies(d))
	list(g.Answers(d))
	list(g.Cites(d))
	list(g.CitedBy(d))
	// A report's page links its publisher's organisation by name.
	h.key(k.shx(g.Publisher(d)))
	if d.Kind == content.Organisation {
		rec := g.Record(d)
		for _, n := range []int{rec.Received, rec.Replied, rec.Withheld, rec.Awaiting, rec.Overdue, rec.Due, rec.DueReplied, rec.InTime, rec.MedianDays, len(rec.Days)} {
			h.int(int64(n))
		}
		for _, n := range rec.Days {
			h.int(int64(n))
		}
	}
	return h.sum()
}

// job is the key of one job.
func (k *keyer) job(j job, ks KeySource) Key {
	h := newHasher()
	h.str(j.name)
	if j.static {
		h.str("static")
		if data, ok := k.r.hashed[j.name]; ok {
			sum := sha256.Sum256(data)
			h.h.Write(sum[:])
			return h.sum()
		}
		src, ok := k.r.files[j.name]
		if !ok {
			return Key{} // never reused
		}
		if ks.Static != nil {
			if key, ok := ks.Static(src.fsys, src.path); ok {
				h.key(key)
				return h.sum()
			}
		}
		data, err := fs.ReadFile(src.fsys, src.path)
		if err != nil {
			return Key{} // the job reports it
		}
		sum := sha256.Sum256(data)
		h.h.Write(sum[:])
		return h.sum()
	}
	h.key(k.site)
	if j.page == nil && j.doc != nil && j.doc.Kind == content.Organisation && !k.override {
		// An organisation's feed (see jobs): its name and what its
		// latest correspondence shows in a list (title, date, sender,
		// summary), not the whole site, so that an edit does not rewrite
		// every organisation's feed.
		h.str("organisation feed")
		h.key(k.shx(j.doc))
		for _, d := range latest(k.g.Correspondence(j.doc)) {
			h.key(k.of(k.card, d))
		}
		return h.sum()
	}
	if k.override || j.name == search.Dir {
		// A layout of the site's own may show any body anywhere.
		h.key(k.bodies)
		if j.name == search.Dir {
			// The index holds the text of attachments too.
			for _, file := range slices.Sorted(maps.Keys(k.g.AttachmentText)) {
				h.str(file)
				for _, p := range k.g.AttachmentText[file] {
					h.str(p)
				}
			}
		}
		return h.sum()
	}
	if j.page == nil {
		h.key(k.all)
		return h.sum()
	}
	p := j.page()
	h.str(p.Kind)
	h.str(p.Lang)
	h.str(p.Title)
	h.str(p.Description)
	h.str(p.URL)
	h.str(p.Canonical)
	h.int(int64(len(p.Alternates)))
	for _, a := range p.Alternates {
		h.str(a.Lang)
		h.str(a.URL)
	}
	h.str(p.Section)
	h.bool(p.Draft)
	h.str(p.Feed)
	h.bool(p.NoIndex)
	if p.Topic != nil {
		h.str(p.Topic.ID)
		h.str(p.Topic.Label)
		h.str(p.Topic.URL)
		h.int(int64(p.Topic.Count))
	}
	if p.Kind == "topics" {
		for _, t := range p.Site.Topics {
			h.str(t.ID)
			h.int(int64(t.Count))
		}
	}
	if p.Home != nil || p.Orgs != nil || p.Data != nil {
		h.key(k.all)
		return h.sum()
	}
	if p.Doc != nil {
		// A document's own page shows its body.
		h.key(k.of(k.page, p.Doc.Doc))
		if ks.Doc != nil {
			h.key(ks.Doc(p.Doc.Doc))
		}
	}
	if l := p.List; l != nil {
		h.str(l.Intro)
		for _, n := range []int{l.PageNum, l.PageCount, l.Total, len(l.Pages), len(l.Items)} {
			h.int(int64(n))
		}
		h.str(l.Prev)
		h.str(l.Next)
		for _, pl := range l.Pages {
			h.int(int64(pl.Num))
			h.str(pl.URL)
			h.bool(pl.Current)
			h.bool(pl.Gap)
		}
		for _, it := range l.Items {
			h.key(k.of(k.card, it.Doc))
		}
	}
	return h.sum()
}

// StatKey is a key for a file from what its file system says of it (size,
// times, inode), without reading it: a file rewritten in place gets a new
// change time whatever its modification time says. ok is false where the
// file system does not say (the file is then read).
func StatKey(fsys fs.FS, path string) (Key, bool) {
	info, err := fs.Stat(fsys, path)
	if err != nil {
		return Key{}, false
	}
	ctime, ino, dev, ok := statOf(info)
	if !ok {
		return Key{}, false
	}
	h := newHasher()
	h.str("stat")
	h.int(info.Size())
	h.int(info.ModTime().UnixNano())
	h.int(ctime)
	h.int(int64(ino))
	h.int(int64(dev))
	h.int(int64(info.Mode()))
	return h.sum(), true
}

// Keys returns the key of every job of g's render (by its name) as
// RenderReusing works them out, without rendering: for tests that check
// what a key covers.
func (r *Renderer) Keys(g *graph.Graph, ks KeySource, site, defaults fs.FS) map[string]Key {
	if len(r.pages) != len(pageTemplates) {
		return nil // template errors were reported by New
	}
	s := r.newSite(g)
	jobs := r.jobs(g, s, &sink{r: r})
	k := r.newKeyer(g, s, ks, site, defaults)
	keys := make(map[string]Key, len(jobs))
	for _, j := range jobs {
		if j.run != nil {
			keys[j.name] = k.job(j, ks)
		}
	}
	return keys
}
