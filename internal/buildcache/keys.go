package buildcache

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"maps"
	"slices"
	"sync"
	"time"

	"letterpress/internal/assets"
	"letterpress/internal/content"
	"letterpress/internal/feeds"
	"letterpress/internal/graph"
	"letterpress/internal/par"
	"letterpress/internal/readers"
	"letterpress/internal/render"
	searchindex "letterpress/internal/search"
)

// What a repeat build decides reuse from (docs/dependencies.md): every
// output file depends on the site key; a page or an organisation's feed
// on its plan digest (what the plan gives it: its title, address, its
// list's items in order) and on the view keys of the documents its views
// read when it was last rendered (and their bodies' keys, for those whose
// body it showed), recorded while rendering and kept in the manifest; the
// pages that show the whole site (home, organisations tables, statistics
// and open data, the site feed, the sitemap, the search index) on every
// document. A job's key is a digest of these; a job is reused when the
// manifest has it and the same digest, made from this build's site key,
// plan digest and view keys of the documents it read last time, gives
// its key. The reads of a page follow from those inputs (a view goes
// only from a document it read to documents its view key names), so if
// none changed it reads the same documents again.

// KeySource is what the keys cannot see of a build but its files depend
// on.
type KeySource struct {
	// Global is what every file may depend on: the program, site.yaml,
	// the build's options (date, drafts, base URL), the renderer's.
	Global []byte
	// Doc is a document's own key: a digest of its file and of everything
	// its converted body depended on. The zero key makes every file that
	// shows the document be rendered.
	Doc func(*content.Doc) render.Key
	// Facts is a digest of what pages other than a document's own show
	// of it: Doc without the body's HTML (its front matter, and what
	// converting its body found besides: summary, footnotes, links).
	Facts func(*content.Doc) render.Key
	// Defaults are the default layouts and static files: a site's own
	// layouts may show the topics' counts on any page.
	Defaults fs.FS
	// Static is a static file's key (of its content), if known without
	// reading it; ok false makes the keys read it.
	Static func(fsys fs.FS, path string) (render.Key, bool)
}

// Keys are the keys of one build's graph.
type Keys struct {
	g      *graph.Graph
	set    *assets.Set
	ks     KeySource
	all    []*content.Doc // g.Site.All(): the manifest's table
	site   render.Key     // what every file depends on
	whole  render.Key     // every document: for files that may show any
	bodies render.Key     // and every body: the search index
	view   []render.Key   // by index in all
	body   []render.Key
	// from maps the previous manifest's table to indices in all (-1:
	// gone).
	from []int32
	// extra are paths of the table beyond all (see Table).
	extraMu sync.Mutex
	extra   []string
	at      map[string]int32
}

// NewKeys computes the site key, and each document's view key, from g;
// prev is the previous manifest's table of documents (Manifest.Table).
func NewKeys(g *graph.Graph, set *assets.Set, ks KeySource, prev []string) *Keys {
	all := g.Site.All()
	k := &Keys{g: g, set: set, ks: ks, all: all}
	k.view = make([]render.Key, len(all))
	k.body = make([]render.Key, len(all))
	par.For(len(all), func(i int) {
		k.view[i] = k.viewOf(all[i])
		k.body[i] = ks.Doc(all[i])
	})
	h := newHasher()
	h.str("letterpress keys 2")
	h.str(string(ks.Global))
	own := false // layouts of the site's own, not the defaults
	for _, name := range slices.Sorted(maps.Keys(set.Layouts)) {
		src := set.Layouts[name]
		data, err := src.Read()
		if err != nil {
			h.str("unreadable") // it fails the build
			continue
		}
		h.str(name)
		h.str(string(data))
		if ks.Defaults == nil {
			own = true
		} else if src.FS != ks.Defaults {
			def, err := fs.ReadFile(ks.Defaults, assets.LayoutsDir+"/"+name)
			own = own || err != nil || string(def) != string(data)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(set.Renamed)) {
		h.str(name)
		h.str(set.Renamed[name])
	}
	// What every page shows of the site: its owner (Site.Owner, whose
	// reads are no page's: its own facts and its other language
	// version's), its plain pages (in the footer).
	for _, d := range append([]*content.Doc{g.Org(g.Config.Owner)}, g.Pages...) {
		h.doc(d)
		if d != nil {
			h.key(ks.Facts(d))
			h.bool(g.Published(d))
			h.str(g.Title(d))
			if t := g.Site.Translation(d); t != nil && !d.Translation {
				h.key(ks.Facts(t))
				h.bool(g.Published(t))
				h.str(g.Title(t))
			}
		}
	}
	// The topics' counts (Site.Topics) are not recorded as reads: the
	// default layouts show them on the topics page alone (Plan), a
	// site's own anywhere.
	if own {
		k.topics(h)
	}
	k.site = h.sum()
	h = newHasher()
	h.key(k.site)
	for _, v := range k.view {
		h.key(v)
	}
	k.whole = h.sum()
	h = newHasher()
	h.key(k.whole)
	for _, b := range k.body {
		h.key(b)
	}
	k.bodies = h.sum()
	k.at = make(map[string]int32, len(all))
	for i, d := range all {
		k.at[d.Path] = int32(i)
	}
	k.from = make([]int32, len(prev))
	for i, p := range prev {
		j, ok := k.at[p]
		if !ok {
			j = -1
		}
		k.from[i] = j
	}
	return k
}

// topics hashes the site's topics with their counts.
func (k *Keys) topics(h hasher) {
	for _, t := range k.g.Config.Topics {
		h.str(t.ID)
		h.int(int64(len(k.g.Topic(t.ID))))
	}
}

// viewOf is a digest of d's facts and of everything the graph derives
// about it: what any view of d may show. Related documents are named by
// path alone: their facts count only where a page read them.
func (k *Keys) viewOf(d *content.Doc) render.Key {
	g := k.g
	h := newHasher()
	h.str(d.Path)
	h.key(k.ks.Facts(d))
	h.bool(g.Published(d))
	h.str(g.Title(d))
	h.str(g.Withheld(d))
	if d.Translation {
		h.doc(g.Site.Get(d.Kind, d.ID))
	} else {
		t := g.Site.Translation(d)
		h.doc(t)
		h.bool(t != nil && g.Published(t))
	}
	// The organisations its front matter names, as the graph finds them.
	h.doc(g.Org(d.From.ID))
	for _, r := range d.To {
		h.doc(g.Org(r.Org.ID))
	}
	sts := g.Statuses(d)
	h.int(int64(len(sts)))
	for _, st := range sts {
		h.str(st.Recipient.Org.ID)
		h.str(st.Name())
		h.doc(st.Org)
		h.doc(st.Reply)
		h.int(int64(st.Days))
		h.time(st.Due)
		h.int(int64(st.DaysLate))
	}
	if t := g.Thread(d); t != nil {
		h.docs(t.Docs)
	} else {
		h.docs(nil)
	}
	h.docs(g.Replies(d))
	h.docs(g.Answers(d))
	h.docs(g.Cites(d))
	h.docs(g.CitedBy(d))
	h.doc(g.Publisher(d))
	if d.Kind == content.Organisation {
		rec := g.Record(d)
		for _, n := range []int{rec.Received, rec.Replied, rec.Withheld, rec.Awaiting, rec.Overdue, rec.LongOverdue, rec.Due, rec.DueReplied, rec.InTime, rec.MedianDays, len(rec.Days)} {
			h.int(int64(n))
		}
		for _, n := range rec.Days {
			h.int(int64(n))
		}
		h.int(int64(len(g.Correspondence(d))))
	}
	return h.sum()
}

// Plan sets p's Key and Whole, before the job runs: for a file that shows
// the whole site (Whole), or a static file, its key; for a page or an
// organisation's feed, its plan digest, from which Finish makes its key
// once it ran.
func (k *Keys) Plan(p *render.Planned) {
	p.Whole = true
	if p.Static {
		p.Key = k.static(p.Name)
		return
	}
	h := newHasher()
	h.str(p.Name)
	h.key(k.site)
	if p.Page == nil {
		switch {
		case p.Doc != nil && p.Doc.Kind == content.Organisation:
			// An organisation's feed: its latest correspondence.
			h.str("organisation feed")
			h.docs(feeds.Latest(k.g.Correspondence(p.Doc)))
			p.Whole = false
		case p.Name == searchindex.Dir:
			h.key(k.bodies)
			// The index holds the text of attachments too.
			for _, file := range slices.Sorted(maps.Keys(k.g.AttachmentText)) {
				h.str(file)
				for _, t := range k.g.AttachmentText[file] {
					h.str(t)
				}
			}
		default:
			h.key(k.whole)
		}
		p.Key = h.sum()
		return
	}
	pg := p.Page()
	h.str(pg.Kind)
	h.str(pg.Lang)
	h.str(pg.Title)
	h.str(pg.Description)
	h.str(pg.URL)
	h.str(pg.Canonical)
	h.int(int64(len(pg.Alternates)))
	for _, a := range pg.Alternates {
		h.str(a.Lang)
		h.str(a.URL)
	}
	h.str(pg.Section)
	h.bool(pg.Draft)
	h.str(pg.Feed)
	h.bool(pg.NoIndex)
	if pg.Topic != nil {
		h.str(pg.Topic.ID)
		h.str(pg.Topic.Label)
		h.str(pg.Topic.URL)
		h.int(int64(pg.Topic.Count))
	}
	if pg.Kind == "topics" {
		k.topics(h)
	}
	if pg.Home != nil || pg.Orgs != nil || pg.Data != nil {
		h.key(k.whole)
		p.Key = h.sum()
		return
	}
	if pg.Doc != nil {
		h.doc(pg.Doc.Doc)
	}
	if l := pg.List; l != nil {
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
			h.doc(it.Doc)
		}
	}
	p.Key = h.sum()
	p.Whole = false
}

// static is a static file's key: of its content.
func (k *Keys) static(name string) render.Key {
	h := newHasher()
	h.str(name)
	h.str("static")
	if data, ok := k.set.Hashed[name]; ok {
		h.str(string(data))
		return h.sum()
	}
	src, ok := k.set.Files[name]
	if !ok {
		return render.Key{} // never reused
	}
	if k.ks.Static != nil {
		if key, ok := k.ks.Static(src.FS, src.Path); ok {
			h.key(key)
			return h.sum()
		}
	}
	data, err := src.Read()
	if err != nil {
		return render.Key{} // the job reports it
	}
	h.str(string(data))
	return h.sum()
}

// read is one document a job read, by index in a table, and whether it
// read its body.
type read struct {
	i    int32
	body bool
}

// key is a job's key from its plan digest and its reads, in order of
// the table (their indices in all).
func (k *Keys) key(digest render.Key, reads []read) render.Key {
	h := newHasher()
	h.str("reads")
	h.key(digest)
	for _, r := range reads {
		h.key(k.view[r.i])
		if r.body {
			h.key(k.body[r.i])
		}
	}
	return h.sum()
}

// Same reports whether e, the entry of p's job in a previous manifest
// whose table is this build's prev (NewKeys), still holds for p: for a
// job that read documents, whether its key made from p's plan digest and
// this build's view keys of the documents it read then is the one it
// had. If so, p's Reads become those.
func (k *Keys) Same(p *render.Planned, e Job) bool {
	if p.Key == (render.Key{}) {
		return false
	}
	if p.Whole {
		return e.Key == p.Key
	}
	reads, ok := decodeReads(e.Reads, func(i int) (int32, bool) {
		if i >= len(k.from) || k.from[i] < 0 {
			return 0, false // gone: its readers render
		}
		return k.from[i], true
	})
	if !ok || e.Key != k.key(p.Key, reads) {
		return false
	}
	p.Reads = make([]readers.Read, len(reads))
	for i, r := range reads {
		p.Reads[i] = readers.Read{Doc: k.all[r.i], Body: r.body}
	}
	return true
}

// Finish sets the key of every job of plan that read documents, from its
// plan digest and its reads, and gives the reads as the manifest keeps
// them (Job.Reads), indices in Table: it works while the caller goes on
// (completing the output), and the function it returns waits for it.
func (k *Keys) Finish(plan []render.Planned) func() [][]byte {
	done := make(chan [][]byte, 1)
	go func() { done <- k.finish(plan) }()
	return sync.OnceValue(func() [][]byte { return <-done })
}

func (k *Keys) finish(plan []render.Planned) [][]byte {
	out := make([][]byte, len(plan))
	par.For(len(plan), func(i int) {
		p := &plan[i]
		if p.Whole {
			return
		}
		reads := make([]read, 0, len(p.Reads))
		for _, r := range p.Reads {
			j, ok := k.g.Index(r.Doc)
			if !ok || j >= len(k.all) {
				p.Key = render.Key{} // not of this site: never reused
				return
			}
			reads = append(reads, read{int32(j), r.Body})
		}
		slices.SortFunc(reads, func(a, b read) int { return cmp.Compare(a.i, b.i) })
		n := 0
		for _, r := range reads {
			if n > 0 && reads[n-1].i == r.i {
				reads[n-1].body = reads[n-1].body || r.body
				continue
			}
			reads[n] = r
			n++
		}
		reads = reads[:n]
		p.Key = k.key(p.Key, reads)
		out[i] = encodeReads(reads)
		p.Reads = nil
	})
	return out
}

// Table is the manifest's table of documents: the paths of this build's
// documents in Site.All's order, and after them any that Reindex added.
func (k *Keys) Table() []string {
	t := make([]string, len(k.all), len(k.all)+len(k.extra))
	for i, d := range k.all {
		t[i] = d.Path
	}
	return append(t, k.extra...)
}

// Reindex rewrites reads (Job.Reads) that index prev, an earlier
// manifest's table, as indices in Table.
func (k *Keys) Reindex(reads []byte, prev []string) []byte {
	if reads == nil {
		return nil
	}
	k.extraMu.Lock()
	defer k.extraMu.Unlock()
	rs, ok := decodeReads(reads, func(i int) (int32, bool) {
		if i >= len(prev) {
			return 0, false
		}
		j, ok := k.at[prev[i]]
		if !ok {
			j = int32(len(k.all) + len(k.extra))
			k.extra = append(k.extra, prev[i])
			k.at[prev[i]] = j
		}
		return j, true
	})
	if !ok {
		return []byte{} // unreadable: matches no key
	}
	slices.SortStableFunc(rs, func(a, b read) int { return cmp.Compare(a.i, b.i) })
	return encodeReads(rs)
}

// encodeReads codes reads, in order of index, as a uvarint each: the
// index's difference from the last, shifted left, with the body bit.
func encodeReads(reads []read) []byte {
	b := make([]byte, 0, 2*len(reads))
	last := int32(0)
	for _, r := range reads {
		v := uint64(r.i-last) << 1
		if r.body {
			v |= 1
		}
		b = binary.AppendUvarint(b, v)
		last = r.i
	}
	return b
}

// decodeReads decodes reads (encodeReads), mapping each index with to.
func decodeReads(b []byte, to func(int) (int32, bool)) ([]read, bool) {
	var out []read
	last := 0
	for len(b) > 0 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, false
		}
		b = b[n:]
		last += int(v >> 1)
		j, ok := to(last)
		if !ok {
			return nil, false
		}
		out = append(out, read{j, v&1 == 1})
	}
	return out, true
}

// StatKey is a key for a file from what its file system says of it (size,
// times, inode), without reading it: a file rewritten in place gets a new
// change time whatever its modification time says. ok is false where the
// file system does not say (the file is then read).
func StatKey(fsys fs.FS, path string) (render.Key, bool) {
	info, err := fs.Stat(fsys, path)
	if err != nil {
		return render.Key{}, false
	}
	ctime, ino, dev, ok := assets.FileStat(info)
	if !ok {
		return render.Key{}, false
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

// A hasher collects what a key is of, to be hashed at once: most keys
// are of a few short strings, which hashing piece by piece cost a
// SHA-256 state's setup and a call through an interface for each.
type hasher struct{ b *[]byte }

// hashBufs are the buffers of hashers, for reuse: a build takes millions
// of keys.
var hashBufs = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

func newHasher() hasher {
	b := hashBufs.Get().(*[]byte)
	*b = (*b)[:0]
	return hasher{b}
}

// Write makes a hasher an io.Writer (WriteString).
func (h hasher) Write(p []byte) (int, error) {
	*h.b = append(*h.b, p...)
	return len(p), nil
}

func (h hasher) str(s string) {
	*h.b = append(binary.AppendUvarint(*h.b, uint64(len(s))), s...)
}

func (h hasher) int(i int64) { *h.b = binary.AppendVarint(*h.b, i) }

func (h hasher) bool(b bool) {
	if b {
		h.int(1)
	} else {
		h.int(0)
	}
}

func (h hasher) time(t time.Time) { h.int(t.Unix()) }

func (h hasher) key(k render.Key) { *h.b = append(*h.b, k[:]...) }

// doc names a document by its path ("" for none).
func (h hasher) doc(d *content.Doc) {
	if d == nil {
		h.int(0)
		return
	}
	h.int(1)
	h.str(d.Path)
}

func (h hasher) docs(ds []*content.Doc) {
	h.int(int64(len(ds)))
	for _, d := range ds {
		h.doc(d)
	}
}

// sum returns the key, and the buffer for reuse (unless it grew large,
// for a layout or a file): h is not used after.
func (h hasher) sum() render.Key {
	k := render.Key(sha256.Sum256(*h.b))
	if cap(*h.b) <= 64<<10 {
		hashBufs.Put(h.b)
	}
	return k
}
