package content

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"letterpress/internal/config"
	"letterpress/internal/diag"
	"letterpress/internal/frontmatter"
	"letterpress/internal/par"
)

// Dir is the folder that holds the documents, relative to the site root.
const Dir = "content"

// Site is every document that loaded, by kind. Documents with errors that
// make them unusable (no front matter, bad YAML) are left out; their errors
// are in the list Load was given.
type Site struct {
	Docs [numKinds][]*Doc // sorted by path within a kind
	byID [numKinds]map[string]*Doc
	// Translations maps the key of an original to its Welsh version.
	Translations map[Key]*Doc
	// unreadable holds the ids of files that exist but could not be decoded:
	// their errors are reported once, and references to them are not
	// reported again as unknown ids.
	unreadable [numKinds]map[string]bool
}

// Unreadable reports whether a file for kind k and id exists but could not
// be read.
func (s *Site) Unreadable(k Kind, id string) bool { return s.unreadable[k][id] }

// MarkUnreadable records that the file of kind k and id exists but failed
// to load.
func (s *Site) MarkUnreadable(k Kind, id string) {
	if s.unreadable[k] == nil {
		s.unreadable[k] = map[string]bool{}
	}
	s.unreadable[k][id] = true
}

// Get returns the document of kind k with id, not a translation.
func (s *Site) Get(k Kind, id string) *Doc { return s.byID[k][id] }

// IDs returns every id of kind k (for "did you mean" suggestions).
func (s *Site) IDs(k Kind) []string {
	ids := make([]string, 0, len(s.byID[k]))
	for id := range s.byID[k] {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// All returns every document, originals and translations, in kind and path
// order.
func (s *Site) All() []*Doc {
	var out []*Doc
	for _, k := range Kinds {
		out = append(out, s.Docs[k]...)
	}
	return out
}

var idRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// ValidID reports whether id follows the id rule.
func ValidID(id string) bool { return idRE.MatchString(id) }

// SuggestID turns a file name into one that follows the id rule.
func SuggestID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// Source is a document file found under content/.
type Source struct {
	Path  string // from the site root
	Kind  Kind
	ID    string
	Welsh bool // ID.cy.md
	// Walked is true for a source found by Walk, which saw that it is a
	// regular file: reading it needs no separate Lstat (with os.Root, an
	// Lstat opens every folder on the path, one system call each: a
	// large part of a large site's loading time).
	Walked bool
	// entry is the walk's, for the file's stamp (see FileStamp).
	entry fs.DirEntry
}

// Load reads every document under content/ in fsys (rooted at the site), in
// parallel, each file once.
func Load(fsys fs.FS, cfg *config.Config, errs *diag.List) *Site {
	return load(context.Background(), fsys, cfg, errs, true, nil)
}

// LoadFrontMatter is Load for a build that converts the bodies after
// loading every document: each document's source is let go as soon as its
// front matter is decoded, and ReadText reads it again when its body is
// converted. Holding every source at once was a large build's peak;
// reading a file just read again costs little.
// Once ctx is done it stops reading and returns an empty site.
func LoadFrontMatter(ctx context.Context, fsys fs.FS, cfg *config.Config, errs *diag.List) *Site {
	return load(ctx, fsys, cfg, errs, false, nil)
}

// Made is what a load made of a document's file, for the next: the
// entry of cache.go, the file's stamp when the load found it, and when
// that load started (Unix nanoseconds; 0 if unknown).
type Made struct {
	Entry   []byte
	Stamp   FileStamp
	Started int64
}

// LoadFrontMatterCached is LoadFrontMatter for a build that starts from
// an earlier one. earlier returns what the earlier load made of the file
// at a path (the zero Made if nothing; earlier may be nil). A file whose
// bytes, and the settings Decode reads, are those the entry was made from
// is not decoded again (see cache.go); a file whose stamp is the one the
// earlier load found, and which had last changed well before that load
// started (see trusted), is not even read: the entry holds the SHA-256 of
// the bytes it was made from, which a later conversion checks. A repeat
// build of a site of 30,000 files, one of them edited, reads one. It
// returns what this load made of every document (Started left 0: the
// caller knows when it started), how many were taken from earlier, and
// how many of those were not read.
func LoadFrontMatterCached(ctx context.Context, fsys fs.FS, cfg *config.Config, errs *diag.List, earlier func(path string) Made) (site *Site, made map[*Doc]Made, reused, unread int) {
	c := &decodeCache{old: earlier, settings: decodeSettings(cfg)}
	site = load(ctx, fsys, cfg, errs, false, c)
	return site, c.made, int(c.reused.Load()), int(c.unread.Load())
}

func (c *decodeCache) lookup(path string) Made {
	if c.old == nil {
		return Made{}
	}
	return c.old(path)
}

// decodeCache is the state of one LoadFrontMatterCached.
type decodeCache struct {
	old      func(path string) Made
	settings [32]byte
	entries  []Made // by source
	made     map[*Doc]Made
	reused   atomic.Int64
	unread   atomic.Int64
}

func load(ctx context.Context, fsys fs.FS, cfg *config.Config, errs *diag.List, keepSources bool, cache *decodeCache) *Site {
	ch := &chunks{}
	sources := walk(ctx, fsys, errs, ch)
	docs := make([]*Doc, len(sources))
	if cache != nil {
		cache.entries = make([]Made, len(sources))
	}
	err := par.ForContext(ctx, len(sources), func(i int) {
		if keepSources {
			if cache != nil {
				docs[i] = cache.load(fsys, sources[i], i, cfg, errs, nil, ch)
			} else {
				docs[i] = loadFile(fsys, sources[i], cfg, errs, nil, ch)
			}
			return
		}
		// Nothing decoded keeps a reference into the source (yaml.v3
		// and fastParse copy every string, and so does the cache's
		// encoding), so the next file can be read into the same buffer.
		buf := readBufs.Get().(*[]byte)
		var d *Doc
		if cache != nil {
			d = cache.load(fsys, sources[i], i, cfg, errs, buf, ch)
		} else {
			d = loadFile(fsys, sources[i], cfg, errs, *buf, ch)
			if d != nil {
				*buf = d.Src[:0]
			}
		}
		if d != nil {
			d.Release()
		}
		readBufs.Put(buf)
		docs[i] = d
	})
	if err != nil {
		// Stopped: the caller throws the site away.
		if cache != nil {
			cache.made = map[*Doc]Made{}
		}
		return Assemble(nil, errs)
	}
	if cache != nil {
		cache.made = make(map[*Doc]Made, len(docs))
		for i, d := range docs {
			if d != nil && cache.entries[i].Entry != nil {
				cache.made[d] = cache.entries[i]
			}
		}
		cache.entries = nil
	}
	site := Assemble(docs, errs)
	site.share()
	for i, d := range docs {
		if d == nil && !sources[i].Welsh {
			site.MarkUnreadable(sources[i].Kind, sources[i].ID)
		}
	}
	CheckFiles(fsys, site, errs)
	return site
}

// load is LoadFile, taking the document from the cache's entry for the
// file if it holds, and keeping the entry of what it loaded as the i-th.
// It reads the file into *buf, if buf is not nil, and leaves there the
// space it used.
func (c *decodeCache) load(fsys fs.FS, s Source, i int, cfg *config.Config, errs *diag.List, buf *[]byte, ch *chunks) *Doc {
	e := c.lookup(s.Path)
	var stamp FileStamp
	if s.entry != nil {
		if info, err := s.entry.Info(); err == nil {
			stamp = stampOf(info)
		}
	}
	// reuse takes d, decoded from the entry for the file, if it is
	// the document the walk found.
	reuse := func(d *Doc, problems []diag.FileError, ok bool) bool {
		if !ok || d.Kind != s.Kind || d.ID != s.ID || d.Translation != s.Welsh {
			return false
		}
		d.ID = s.ID // a part of the path, which d keeps anyway
		for _, p := range problems {
			errs.Add(p)
		}
		c.entries[i] = Made{Entry: e.Entry, Stamp: stamp}
		c.reused.Add(1)
		return true
	}
	if e.Entry != nil && trusted(stamp, e.Stamp, e.Started) {
		if sum, ok := cachedSum(e.Entry); ok {
			if d, problems, ok := decodeCachedIn(e.Entry, s.Path, sum, c.settings, ch); reuse(d, problems, ok) {
				// Not read: ReadText checks the bytes against d.Sum.
				d.urlPath = ch.urlPath(d.Kind, d.ID, d.Translation)
				c.unread.Add(1)
				return d
			}
		}
	}
	var space []byte
	if buf != nil {
		space = *buf
	}
	src, err := readFile(fsys, s.Path, s.Walked, space)
	if err != nil {
		errs.Errorf(diag.Pos{Path: s.Path}, "%v", err)
		return nil
	}
	if buf != nil {
		*buf = src[:0]
	}
	sum := sha256.Sum256(src)
	if e.Entry != nil {
		if d, problems, ok := decodeCachedIn(e.Entry, s.Path, sum, c.settings, ch); reuse(d, problems, ok) {
			d.fromSource(src, ch)
			return d
		}
	}
	var own diag.List
	d := decode(s.Path, s.Kind, s.ID, s.Welsh, src, sum, cfg, &own, ch)
	problems := own.Items()
	for _, p := range problems {
		errs.Add(p)
	}
	if d != nil {
		c.entries[i] = Made{Entry: encodeDecoded(d, problems, c.settings), Stamp: stamp}
	}
	return d
}

// Assemble indexes loaded documents by kind and id, reporting duplicates.
// The incremental path of the preview server calls it with a mix of kept and
// re-read documents.
func Assemble(docs []*Doc, errs *diag.List) *Site {
	s := &Site{Translations: map[Key]*Doc{}}
	for k := range s.byID {
		s.byID[k] = map[string]*Doc{}
	}
	docs = slices.DeleteFunc(slices.Clone(docs), func(d *Doc) bool { return d == nil })
	slices.SortFunc(docs, func(a, b *Doc) int { return strings.Compare(a.Path, b.Path) })
	translations := map[Key]*Doc{}
	for _, d := range docs {
		if d.Translation {
			if other, dup := translations[d.Key()]; dup {
				errs.Errorf(diag.Pos{Path: d.Path}, "duplicate Welsh %s id %q: also defined in %s; ids must be unique within a kind, whatever the folder", d.Kind, d.ID, other.Path)
				errs.Errorf(diag.Pos{Path: other.Path}, "duplicate Welsh %s id %q: also defined in %s", d.Kind, d.ID, d.Path)
				continue
			}
			translations[d.Key()] = d
			continue
		}
		if other, dup := s.byID[d.Kind][d.ID]; dup {
			errs.Errorf(diag.Pos{Path: d.Path}, "duplicate %s id %q: also defined in %s; ids must be unique within a kind, whatever the folder", d.Kind, d.ID, other.Path)
			errs.Errorf(diag.Pos{Path: other.Path}, "duplicate %s id %q: also defined in %s", d.Kind, d.ID, d.Path)
			continue
		}
		s.byID[d.Kind][d.ID] = d
		s.Docs[d.Kind] = append(s.Docs[d.Kind], d)
	}
	for key, t := range translations {
		orig := s.byID[key.Kind][key.ID]
		if orig == nil {
			errs.Errorf(diag.Pos{Path: t.Path}, "Welsh version %s has no original: add %s.md beside it, or rename it to %s.md if it is a Welsh-only document (with lang: cy)", t.Path, key.ID, key.ID)
			continue
		}
		s.Translations[orig.Key()] = t
		s.Docs[t.Kind] = append(s.Docs[t.Kind], t)
	}
	for _, k := range Kinds {
		slices.SortFunc(s.Docs[k], func(a, b *Doc) int { return strings.Compare(a.Path, b.Path) })
	}
	return s
}

// share makes each reference to a document hold that document's own id
// rather than a copy read from front matter: on a large site, the copies
// (an organisation's id in every letter to it) were tens of megabytes.
func (s *Site) share() {
	id := func(k Kind, r *Ref) {
		if t := s.byID[k][r.ID]; t != nil {
			r.ID = t.ID
		}
	}
	for _, ds := range s.Docs {
		for _, d := range ds {
			if d.Kind != Letter && d.Kind != Response {
				continue
			}
			id(Organisation, &d.From)
			for i := range d.To {
				id(Organisation, &d.To[i].Org)
			}
			for i := range d.Cites {
				id(Report, &d.Cites[i])
			}
			answers := Letter
			if d.Kind == Letter {
				answers = Response
			}
			for i := range d.InReplyTo {
				id(answers, &d.InReplyTo[i])
			}
		}
	}
}

// Translation returns the Welsh version of d, if any.
func (s *Site) Translation(d *Doc) *Doc {
	if d.Translation {
		return nil
	}
	return s.Translations[d.Key()]
}

// Walk lists the Markdown files under content/, checking names and folders.
func Walk(fsys fs.FS, errs *diag.List) []Source { return walk(context.Background(), fsys, errs, nil) }

// listed is a file system whose folders under content/ were listed in
// advance (listAhead).
type listed struct {
	fsys fs.FS
	dirs map[string][]fs.DirEntry
}

func (l listed) Open(name string) (fs.File, error)     { return l.fsys.Open(name) }
func (l listed) Stat(name string) (fs.FileInfo, error) { return fs.Stat(l.fsys, name) }
func (l listed) ReadDir(name string) ([]fs.DirEntry, error) {
	if es, ok := l.dirs[name]; ok {
		return es, nil
	}
	return fs.ReadDir(l.fsys, name)
}

// listAhead lists the folders the walk will enter (the kind folders and
// the folders in them but hidden ones), a level at a time on every core:
// listing a large site's files one folder after another was a noticeable
// part of its build (on a file system without file types in its
// listings, each entry costs an lstat). A folder that cannot be listed is
// left to the walk, which says why.
func listAhead(ctx context.Context, fsys fs.FS) fs.FS {
	top, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		return fsys
	}
	dirs := map[string][]fs.DirEntry{Dir: top}
	var level []string
	for _, e := range top {
		if e.IsDir() && kindOfDir(e.Name()) >= 0 {
			level = append(level, Dir+"/"+e.Name())
		}
	}
	var mu sync.Mutex
	for len(level) > 0 {
		var next []string
		_ = par.ForContext(ctx, len(level), func(i int) {
			es, err := fs.ReadDir(fsys, level[i])
			if err != nil {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			dirs[level[i]] = es
			for _, e := range es {
				if n := e.Name(); e.IsDir() && !strings.HasPrefix(n, "_") && !strings.HasPrefix(n, ".") {
					next = append(next, level[i]+"/"+n)
				}
			}
		})
		level = next
	}
	return listed{fsys, dirs}
}

// walk is Walk, keeping the paths in ch.
func walk(ctx context.Context, fsys fs.FS, errs *diag.List, ch *chunks) []Source {
	var out []Source
	// Names that break the id rule are reported after the walk, so that a
	// name differing only in case from an existing id (Report.md beside
	// report.md) says so instead of suggesting a rename onto it.
	type badName struct {
		path, name, want string
		kind             Kind
	}
	var bad []badName
	defer func() {
		if len(bad) == 0 {
			return
		}
		taken := map[Key]string{}
		for _, s := range out {
			taken[Key{s.Kind, s.ID, s.Welsh}] = s.Path
		}
		for _, b := range bad {
			id, cy := strings.CutSuffix(b.want, ".cy")
			if other, ok := taken[Key{b.kind, id, cy}]; ok && id != "" {
				errs.Errorf(diag.Pos{Path: b.path}, "file name %q breaks the id rule (lower-case a-z, 0-9 and - only), and %s already has the id %q: merge the two files, or give this one another name", b.name, other, id)
				continue
			}
			errs.Errorf(diag.Pos{Path: b.path}, "file name %q breaks the id rule (lower-case a-z, 0-9 and - only): rename it to %s.md", b.name, b.want)
		}
	}()
	err := fs.WalkDir(listAhead(ctx, fsys), Dir, func(p string, d fs.DirEntry, err error) error {
		if d != nil && d.IsDir() && ctx.Err() != nil {
			return fs.SkipAll // stopped
		}
		if err != nil {
			if p == Dir && errors.Is(err, fs.ErrNotExist) {
				errs.Errorf(diag.Pos{Path: Dir}, "no content/ folder: a site keeps its documents in content/letters, content/responses, content/reports, content/organisations and content/pages")
				return fs.SkipDir
			}
			errs.Errorf(diag.Pos{Path: p}, "cannot read: %v", unwrapPathError(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != Dir && (strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel := strings.TrimPrefix(p, Dir+"/")
		if d.IsDir() {
			if p == Dir {
				return nil
			}
			if !strings.Contains(rel, "/") && kindOfDir(rel) < 0 {
				errs.Errorf(diag.Pos{Path: p}, "unknown folder %s: documents go in content/letters, content/responses, content/reports, content/organisations or content/pages", p)
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// fs.WalkDir does not follow links; a link to a folder or to a
			// file outside the site must not be published.
			errs.Errorf(diag.Pos{Path: p}, "symbolic links are not followed in content/: replace the link with the file itself")
			return nil
		}
		if !d.Type().IsRegular() {
			errs.Errorf(diag.Pos{Path: p}, "not a regular file: remove it from content/")
			return nil
		}
		if !strings.HasSuffix(name, ".md") {
			errs.Warnf(diag.Pos{Path: p}, "ignored: only .md files are read from content/ (files to publish as they are belong under static/)")
			return nil
		}
		dir, _, _ := strings.Cut(rel, "/")
		if !strings.Contains(rel, "/") {
			errs.Errorf(diag.Pos{Path: p}, "document outside a kind folder: move it into content/letters, content/responses, content/reports, content/organisations or content/pages")
			return nil
		}
		kind := Kind(kindOfDir(dir))
		// The id is cut from the path, which the document keeps anyway,
		// rather than from the name, a string of its own.
		p = ch.str(p)
		base := name
		if strings.HasSuffix(p, "/"+name) {
			base = p[len(p)-len(name):]
		}
		id := strings.TrimSuffix(base, ".md")
		cy := false
		if base, ok := strings.CutSuffix(id, ".cy"); ok {
			id, cy = base, true
		}
		if !ValidID(id) {
			want := SuggestID(id)
			if cy {
				want += ".cy"
			}
			bad = append(bad, badName{p, name, want, kind})
			return nil
		}
		out = append(out, Source{Path: p, Kind: kind, ID: id, Welsh: cy, Walked: true, entry: d})
		return nil
	})
	if err != nil {
		errs.Errorf(diag.Pos{Path: Dir}, "cannot read content/: %v", err)
	}
	return out
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func kindOfDir(dir string) int {
	for _, k := range Kinds {
		if k.Dir() == dir {
			return int(k)
		}
	}
	return -1
}

// MaxFileSize bounds a document; anything larger is not a letter.
const MaxFileSize = 16 << 20

// LoadFile reads and decodes one document; nil if it cannot be used (the
// reasons are in errs).
func LoadFile(fsys fs.FS, s Source, cfg *config.Config, errs *diag.List) *Doc {
	return loadFile(fsys, s, cfg, errs, nil, nil)
}

// readBufs are the buffers LoadFrontMatter reads files into.
var readBufs = sync.Pool{New: func() any { return new([]byte) }}

// loadFile is LoadFile reading into buf's space if it is large enough.
func loadFile(fsys fs.FS, s Source, cfg *config.Config, errs *diag.List, buf []byte, ch *chunks) *Doc {
	src, err := readFile(fsys, s.Path, s.Walked, buf)
	if err != nil {
		errs.Errorf(diag.Pos{Path: s.Path}, "%v", err)
		return nil
	}
	return decode(s.Path, s.Kind, s.ID, s.Welsh, src, sha256.Sum256(src), cfg, errs, ch)
}

// readFile reads a document, refusing one over MaxFileSize before reading
// it. It opens the file once (fs.ReadFile would too, but a separate size
// check would resolve the path twice). walked says that a walk of the
// folder saw a regular file there.
func readFile(fsys fs.FS, p string, walked bool, buf []byte) ([]byte, error) {
	// The preview server reads a saved file without walking to it: refuse
	// what the walk refuses, before opening (opening a named pipe blocks
	// until something writes to it).
	if !walked {
		info, err := Lstat(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("cannot read: %v", unwrapPathError(err))
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return nil, errors.New("symbolic links are not followed in content/: replace the link with the file itself")
		}
		if !info.Mode().IsRegular() {
			return nil, errors.New("not a regular file: remove it from content/")
		}
	}
	f, err := fsys.Open(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", unwrapPathError(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", unwrapPathError(err))
	}
	if !info.Mode().IsRegular() {
		// Replaced since the walk (by a folder, a link to one).
		return nil, errors.New("not a regular file: remove it from content/")
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is %d MB, larger than the %d MB limit for a document: split it, or publish it as an attachment under static/", info.Size()>>20, MaxFileSize>>20)
	}
	if int64(cap(buf)) < info.Size()+1 {
		buf = make([]byte, 0, info.Size()+1)
	}
	buf = buf[:0]
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read: %v", unwrapPathError(err))
		}
		if len(buf) > MaxFileSize {
			return nil, fmt.Errorf("file is larger than the %d MB limit for a document", MaxFileSize>>20)
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// Lstat describes p without following a symbolic link, where the file
// system can tell (os.DirFS and os.Root can).
func Lstat(fsys fs.FS, p string) (fs.FileInfo, error) {
	if l, ok := fsys.(fs.ReadLinkFS); ok {
		return l.Lstat(p)
	}
	return fs.Stat(fsys, p)
}

// Release lets d's source go (d.Src and d.Body): a document loaded by
// LoadFrontMatter holds none, and ReadText reads it again when it is
// needed.
func (d *Doc) Release() { d.Src, d.Body = nil, nil }

// Released reports whether d holds no source (see Release).
func (d *Doc) Released() bool { return d.Src == nil && d.Body == nil }

// Text is a document's file read again (ReadText), in space that Release
// gives back for the next file read: every body of a large site is read
// again to be converted, one after another.
type Text struct {
	Src, Body []byte
	space     *[]byte // Src's space, from readBufs; nil if it is Src's own
}

// Release gives the text's space back; nothing of Src or Body may be kept.
func (t *Text) Release() {
	if t.space != nil {
		*t.space = t.Src[:0]
		readBufs.Put(t.space)
	}
	*t = Text{}
}

// ReadText reads d's file again (see LoadFrontMatter). walked says that
// a walk of the folder saw a regular file there (Source.Walked): else the
// path is checked first, as LoadFile checks it. A file whose front matter
// changed since d was loaded would mix two versions in one build: it
// says so.
func ReadText(fsys fs.FS, d *Doc, walked bool) (Text, error) {
	space := readBufs.Get().(*[]byte)
	src, err := readFile(fsys, d.Path, walked, *space)
	if err != nil {
		readBufs.Put(space)
		return Text{}, err
	}
	if d.srcHash != 0 && maphash.Bytes(srcSeed, src) == d.srcHash {
		// The bytes Decode checked and split: what it found holds.
		// (A 64-bit hash is what the check needs against a file
		// changed by an editor; SHA-256 and splitting again were a
		// tenth of converting the bodies.)
		src = bytes.TrimPrefix(src, bom)
		return Text{Src: src, Body: src[d.BodyOffset:], space: space}, nil
	}
	// (The space stays with src.)
	var errs diag.List
	f, ok := frontmatter.Split(d.Path, src, &errs)
	if !ok || hash(f.YAML) != d.FrontMatter || sha256.Sum256(src) != d.Sum {
		return Text{}, errors.New("the file changed while the site was being built: build again")
	}
	d.BodyOffset = f.BodyOffset // a document taken from the decode cache has none yet
	return Text{Src: f.Src, Body: f.Body}, nil
}

// ParsePath classifies a path under content/ as a document source; ok is
// false for paths that are not documents (other files, ignored names, bad
// ids: a full walk reports those).
func ParsePath(p string) (Source, bool) {
	k, id, cy, ok := parsePath(p)
	return Source{Path: p, Kind: k, ID: id, Welsh: cy}, ok
}

func parsePath(p string) (kind Kind, id string, cy bool, ok bool) {
	rel, found := strings.CutPrefix(p, Dir+"/")
	if !found || !strings.HasSuffix(rel, ".md") {
		return 0, "", false, false
	}
	dir, _, hasSub := strings.Cut(rel, "/")
	k := kindOfDir(dir)
	name := path.Base(rel)
	if !hasSub || k < 0 || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
		return 0, "", false, false
	}
	id = strings.TrimSuffix(name, ".md")
	id, cy = strings.CutSuffix(id, ".cy")
	return Kind(k), id, cy, ValidID(id)
}

// Decode checks and decodes one document's source.
func Decode(p string, kind Kind, id string, cy bool, src []byte, cfg *config.Config, errs *diag.List) *Doc {
	return decode(p, kind, id, cy, src, sha256.Sum256(src), cfg, errs, nil)
}

// decode is Decode of a file whose SHA-256 is sum.
func decode(p string, kind Kind, id string, cy bool, src []byte, sum [32]byte, cfg *config.Config, errs *diag.List, ch *chunks) *Doc {
	f, ok := frontmatter.Split(p, src, errs)
	if !ok {
		return nil
	}
	fields := frontmatter.Parse(p, f.YAML, f.YAMLLine, errs)
	if !fields.Present {
		return nil
	}
	d := ch.doc()
	*d = Doc{Kind: kind, ID: id, Path: p, Translation: cy, Src: f.Src, Body: f.Body, BodyOffset: f.BodyOffset, FrontMatter: hash(f.YAML), Sum: sum,
		srcHash: maphash.Bytes(srcSeed, src), urlPath: ch.urlPath(kind, id, cy)}
	decodeFields(d, fields, cfg, errs, ch)
	fields.Release() // d holds nothing of the nodes
	return d
}

// String makes a Doc print usefully in test failures.
func (d *Doc) String() string { return fmt.Sprintf("%s %s (%s)", d.Kind, d.ID, d.Path) }

// fromSource gives a document taken from the decode cache what Decode
// gives one made from src besides its fields.
func (d *Doc) fromSource(src []byte, ch *chunks) {
	d.srcHash, d.urlPath = maphash.Bytes(srcSeed, src), ch.urlPath(d.Kind, d.ID, d.Translation)
}

// srcSeed seeds Doc.srcHash, which lives as long as the process.
var srcSeed = maphash.MakeSeed()

// bom is a UTF-8 byte order mark, which Split drops.
var bom = []byte("\xef\xbb\xbf")

// hash is FNV-1a, to tell whether front matter changed between two saves.
func hash(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}
