package buildcache

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"

	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/markdown"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	searchindex "letterpress/internal/search"
)

// A Manifest describes one build into one output folder, for the next
// build into the same folder: the key of every output file (a digest of
// all it was made from) with what tells that the file still holds what
// the build wrote (publish.FileInfo: its size, inode, times, CRC-32C),
// and what the build made
// of every document's body (its links, summary, footnotes, the search
// index's words) by the key of everything the conversion depended on.
// The next build renders only files whose keys changed, links the others
// from the previous output, and converts only bodies whose keys changed.
//
// It is kept outside the output (which is published as it is), in the
// user's cache folder (see the command). A manifest that is missing,
// unreadable, of another version, or corrupt (its checksum says so) is
// no manifest: the build is a cold one.
type Manifest struct {
	// Output is the identity of the output folder the build made; the
	// next build links files from the output only if it is still that
	// folder.
	Output publish.Identity
	// Program is the program that made the build (see ProgramID):
	// what a document's front matter gives is kept only for the same one.
	Program []byte
	// Started is when the build started loading the site (Unix ns): a
	// file whose stamp is as the build found it, and which had changed
	// well before then, is not read again (content.LoadFrontMatterCached).
	Started int64
	Jobs    map[string]Job // by job name
	// Table is the documents the jobs' Reads number, by path.
	Table  []string
	Docs   map[string]Doc // by document path
	Vocab  []string       // the words search entries number
	Search map[string]searchindex.Text
	// Other are the output's files that no job wrote (the web editor's).
	Other []string
	// Dirs are the output's folders and their change times, as the build
	// left them (see publish.Dir.Recycle).
	Dirs []publish.DirStamp
	// Spare describes the output before this one, if it is kept beside
	// it for the next build to recycle (publish.Dir.Recycle).
	Spare Spare
}

// Spare describes the output kept beside the current one: the output
// of the build before, whose manifest's jobs are mostly this one's.
type Spare struct {
	Kept     bool
	Identity publish.Identity
	// Diff are its jobs that are not as in Jobs (Absent: it has no such
	// job), by name.
	Diff  []SpareJob
	Other []string
	Dirs  []publish.DirStamp
}

type SpareJob struct {
	Name   string
	Absent bool
	Entry  Job
}

// Job is one job of the build and the files it wrote.
type Job struct {
	// Key is a digest of what the job's files were made from (see Keys).
	Key render.Key
	// Reads are the documents a page or an organisation's feed read, as
	// indices in Table, ascending: each a uvarint, its difference from
	// the last shifted left, with a bit for "read its body"
	// (encodeReads). Empty for jobs that show the whole site or none.
	Reads []byte
	Files []File
}

type File struct {
	Name string // "" for the job's own name
	publish.FileInfo
}

// Doc is what a build made of a document's body.
type Doc struct {
	// Conv is the digest of what the conversion read: the program, the
	// file, its language and the site settings the converter uses.
	Conv render.Key
	// Targets is a digest of what each cross-reference resolved to (Refs,
	// in order: see targetsSum).
	Targets render.Key
	// Key is Conv and Targets: the document's key (buildcache.KeySource.Doc).
	Key render.Key

	Refs             []Ref
	BadLinks         []markdown.BadLink
	Footnotes        int
	FirstFootnote    int
	FirstFootnotePos diag.Pos
	Summary          string
	// Problems are those found while converting (personal data).
	Problems []diag.FileError
	// Front is what loading made of the file (its front matter's fields
	// and problems, see content.LoadFrontMatterCached), for the same
	// bytes.
	Front []byte
	// Stamp is the file's when the build found it (see Started).
	Stamp content.FileStamp
}

// Ref is a markdown.Reference without its path (the document's).
type Ref struct {
	Kind              content.Kind
	ID                string
	Offset, Line, Col int
	Resolved          bool
}

// magic starts the file; its number changes with the format.
// (Format 12 gained the inode, change time and CRC of each file, then
// each job's reads and the table they number, without a new number: gob
// leaves them zero in an older manifest, whose files a build reads to
// check, and whose keys, made by another program, match none of this
// one's anyway; its output and folders are still described, so that a
// build can tell that the output holds only that build's files.)
const magic = "letterpress manifest 12\n"

// The file is the magic line, then four gob streams: the header (Output,
// Program, Started, Vocab), the documents, the search entries and the jobs
// (each of the last three a stream of batches ending with an empty one,
// see spill), then the trailer: where each stream starts and where the
// last ends, how many entries the last three hold, the CRC-32C of each
// stream and of the trailer before it, all little-endian 64-bit numbers.
// The streams are read in parallel, and written so: the documents and
// the search entries are copied from their spills by the kernel while the
// jobs are encoded. A CRC guards the file against truncation and
// corruption (it is a cache, not a secret): SHA-256 of the whole, as in
// format 10, was a noticeable cost of each build of a large site.
const trailerSize = 8 * 12

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Reading is a manifest being read (Open): what loading the
// site needs first (the header and the documents), the rest later.
type Reading struct {
	first   chan struct{} // closed once m, err are set
	rest    chan struct{} // closed once m.Jobs, m.Search (or restErr) are set
	m       *Manifest
	err     error
	restErr error
}

// Open starts reading the manifest at path.
func Open(path string) *Reading {
	r := &Reading{first: make(chan struct{}), rest: make(chan struct{})}
	go r.read(path)
	return r
}

// Docs waits for the header and the documents: m is nil if there is no
// manifest.
func (r *Reading) Docs() (*Manifest, error) {
	<-r.first
	return r.m, r.err
}

// Rest waits for the jobs and the search entries, put in the manifest
// that Docs returned.
func (r *Reading) Rest() error {
	<-r.rest
	return r.restErr
}

func (r *Reading) read(path string) {
	fail := func(err error) {
		r.err = err
		close(r.first)
		r.restErr = err
		close(r.rest)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			err = nil
		}
		fail(err)
		return
	}
	payload, ok := bytes.CutPrefix(data, []byte(magic))
	if !ok || len(payload) < trailerSize {
		fail(errors.New("not a manifest of this version"))
		return
	}
	t := payload[len(payload)-trailerSize:]
	var n [12]uint64
	for i := range n {
		n[i] = binary.LittleEndian.Uint64(t[8*i:])
	}
	if uint64(crc32.Checksum(t[:8*11], castagnoli)) != n[11] {
		fail(errors.New("checksum mismatch"))
		return
	}
	docsAt, searchAt, jobsAt, end := n[0], n[1], n[2], n[3]
	if !(docsAt <= searchAt && searchAt <= jobsAt && jobsAt <= end && end == uint64(len(payload)-trailerSize)) {
		fail(errors.New("not a manifest of this version"))
		return
	}
	section := func(i int, data []byte) error {
		if uint64(crc32.Checksum(data, castagnoli)) != n[7+i] {
			return errors.New("checksum mismatch")
		}
		return nil
	}
	// The numbers of entries make the maps their size; every entry holds
	// a key of 32 bytes at least, which bounds them.
	nDocs, nSearch, nJobs := min(n[4], (searchAt-docsAt)/32), min(n[5], (jobsAt-searchAt)/32), min(n[6], (end-jobsAt)/32)
	// The jobs and search entries on one core, the header and the
	// documents on another, each stream checked before it is decoded.
	m := &Manifest{}
	go func() {
		err := section(3, payload[jobsAt:end])
		if err == nil {
			err = section(2, payload[searchAt:jobsAt])
		}
		if err == nil {
			// The jobs, then the output's files of no job, its folders and
			// the kept output's description.
			var dec *gob.Decoder
			m.Jobs, dec, err = decodeStream[Job](payload[jobsAt:end], int(nJobs))
			if err == nil {
				err = decodeAll(dec, &m.Other, &m.Dirs, &m.Spare)
			}
			if err == nil {
				if err = dec.Decode(&m.Table); err == io.EOF {
					err = nil // an older manifest's
				}
			}
		}
		if err == nil {
			m.Search, _, err = decodeStream[searchindex.Text](payload[searchAt:jobsAt], int(nSearch))
		}
		if err != nil {
			m.Jobs, m.Search = nil, nil
		}
		r.restErr = err
		close(r.rest)
	}()
	err = section(0, payload[:docsAt])
	if err == nil {
		err = section(1, payload[docsAt:searchAt])
	}
	if err == nil {
		err = decodeAll(gob.NewDecoder(bytes.NewReader(payload[:docsAt])), &m.Output, &m.Program, &m.Started, &m.Vocab)
	}
	if err == nil {
		m.Docs, _, err = decodeStream[Doc](payload[docsAt:searchAt], int(nDocs))
	}
	if err != nil {
		r.err = err
	} else {
		r.m = m
	}
	close(r.first)
}

// decodeAll decodes the next values of dec into vs, in order.
func decodeAll(dec *gob.Decoder, vs ...any) error {
	for _, v := range vs {
		if err := dec.Decode(v); err != nil {
			return err
		}
	}
	return nil
}

// Read reads the manifest at path whole; nil if there is none.
func Read(path string) (*Manifest, error) {
	r := Open(path)
	m, err := r.Docs()
	if err != nil || m == nil {
		return nil, err
	}
	if err := r.Rest(); err != nil {
		return nil, err
	}
	return m, nil
}

// A Spill keeps entries of the manifest (a build's search entries, what it
// made of each document) in an unlinked temporary file until the manifest
// is written: on a large site they are hundreds of megabytes, which
// stayed in memory for the whole build. The file is a gob stream of
// batches ending with an empty one, copied as it is into the manifest.
// Without a file (none could be made) the stream is kept in memory.
type Spill[V any] struct {
	f     *os.File
	buf   *bytes.Buffer // the stream, when there is no file
	sum   *sumWriter    // under w: the stream's CRC and size
	w     *bufio.Writer
	enc   *gob.Encoder
	batch []mapEntry[V]
	n     int // entries put
	err   error
}

type SearchSpill = Spill[searchindex.Text]

// NewSpill makes a spill in a temporary file in dir, or in memory.
func NewSpill[V any](dir, prefix string) *Spill[V] {
	s := &Spill[V]{}
	var f *os.File
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		f, err = os.CreateTemp(dir, prefix)
	}
	if err == nil {
		if err = os.Remove(f.Name()); err != nil {
			f.Close()
		}
	}
	if err == nil {
		s.f = f
		s.sum = &sumWriter{w: f}
		s.w = bufio.NewWriterSize(s.sum, 256<<10)
	} else {
		s.inMemory()
	}
	s.enc = gob.NewEncoder(s.w)
	return s
}

// memSpill makes a spill in memory.
func memSpill[V any]() *Spill[V] {
	s := &Spill[V]{}
	s.inMemory()
	s.enc = gob.NewEncoder(s.w)
	return s
}

// spillAt makes a spill that writes its stream into f at off.
func spillAt[V any](f *os.File, off int64) *Spill[V] {
	s := &Spill[V]{}
	s.sum = &sumWriter{w: io.NewOffsetWriter(f, off)}
	s.w = bufio.NewWriterSize(s.sum, 256<<10)
	s.enc = gob.NewEncoder(s.w)
	return s
}

func (s *Spill[V]) inMemory() {
	s.buf = &bytes.Buffer{}
	s.sum = &sumWriter{w: s.buf}
	s.w = bufio.NewWriterSize(s.sum, 64<<10)
}

func (s *Spill[V]) Put(key string, v V) {
	s.n++
	s.batch = append(s.batch, mapEntry[V]{key, v})
	if len(s.batch) == batchSize {
		s.flush()
	}
}

func (s *Spill[V]) flush() {
	if s.err == nil && len(s.batch) > 0 {
		s.err = s.enc.Encode(s.batch)
	}
	s.batch = s.batch[:0]
}

// Finish ends the stream.
func (s *Spill[V]) Finish() error {
	if s.end() == nil {
		s.err = s.w.Flush()
	}
	return s.err
}

// end ends the stream of batches; more may be encoded after it.
func (s *Spill[V]) end() error {
	s.flush()
	if s.err == nil {
		s.err = s.enc.Encode([]mapEntry[V]{})
	}
	return s.err
}

// copyAt writes the finished stream into dst at off: from file to file in
// the kernel where it can (copy_file_range).
func (s *Spill[V]) copyAt(dst *os.File, off int64) error {
	if s.f == nil {
		_, err := dst.WriteAt(s.buf.Bytes(), off)
		return err
	}
	var src int64
	for src < s.sum.n {
		n, err := copyFileRange(s.f, &src, dst, &off, int(s.sum.n-src))
		if err != nil || n == 0 {
			// Not between these files (another file system, an old
			// kernel, another system): through memory.
			_, err = io.Copy(io.NewOffsetWriter(dst, off), io.NewSectionReader(s.f, src, s.sum.n-src))
			return err
		}
	}
	return nil
}

// sumWriter counts and checksums what is written through it.
type sumWriter struct {
	w   io.Writer
	n   int64
	crc uint32
}

func (c *sumWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.crc = crc32.Update(c.crc, castagnoli, p[:n])
	c.n += int64(n)
	return n, err
}

func (s *Spill[V]) Close() {
	if s != nil && s.f != nil {
		s.f.Close()
	}
}

// decodeStream reads a stream of batches ending with an empty one (see
// spill), of about n entries, into a map; the decoder goes on with what
// follows.
func decodeStream[V any](data []byte, n int) (map[string]V, *gob.Decoder, error) {
	dec := gob.NewDecoder(bytes.NewReader(data)) // an io.ByteReader: gob reads no further than each message
	m := make(map[string]V, n)
	for {
		var batch []mapEntry[V]
		if err := dec.Decode(&batch); err != nil {
			return nil, nil, err
		}
		if len(batch) == 0 {
			return m, dec, nil
		}
		for _, e := range batch {
			m[e.K] = e.V
		}
	}
}

// batchSize is how many entries of a map go in one gob message: gob
// holds a whole message in memory before writing it, and one message of
// a large site's manifest was a build's largest allocation.
const batchSize = 1024

type mapEntry[V any] struct {
	K string
	V V
}

// Write writes m beside path (see magic), its documents
// and search entries from docs and search (or m.Search if search is nil).
// The caller renames it into place (so that a build killed before its
// output is in place leaves the previous manifest).
func Write(path string, m *Manifest, docs *Spill[Doc], search *SearchSpill) (tmp string, err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-")
	if err != nil {
		return "", err
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
		if err != nil {
			os.Remove(f.Name())
			tmp, err = "", fmt.Errorf("writing the build manifest: %w", err)
		}
	}()
	head := memSpill[struct{}]()
	for _, v := range []any{m.Output, m.Program, m.Started, m.Vocab} {
		if err := head.enc.Encode(v); err != nil {
			return "", err
		}
	}
	if err := head.w.Flush(); err != nil {
		return "", err
	}
	at := int64(len(magic))
	docsAt := head.sum.n
	searchAt := docsAt + docs.sum.n
	// The spilled documents (and search entries) are copied while the
	// rest is encoded straight into the file after them.
	spilled := search
	copied := make(chan error, 1)
	go func() {
		err := docs.copyAt(f, at+docsAt)
		if err == nil && spilled != nil {
			err = spilled.copyAt(f, at+searchAt)
		}
		copied <- err
	}()
	if search == nil {
		search = spillAt[searchindex.Text](f, at+searchAt)
		for k, v := range m.Search {
			search.Put(k, v)
		}
		err = search.Finish()
	}
	jobsAt := searchAt + search.sum.n
	jobs := spillAt[Job](f, at+jobsAt)
	for k, v := range m.Jobs {
		jobs.Put(k, v)
	}
	if err == nil {
		err = jobs.end()
	}
	for _, v := range []any{m.Other, m.Dirs, m.Spare, m.Table} {
		if err == nil {
			err = jobs.enc.Encode(v)
		}
	}
	if err == nil {
		err = jobs.w.Flush()
	}
	if err == nil {
		_, err = f.WriteAt(append([]byte(magic), head.buf.Bytes()...), 0)
	}
	if cerr := <-copied; err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	end := jobsAt + jobs.sum.n
	var t []byte
	for _, v := range []uint64{uint64(docsAt), uint64(searchAt), uint64(jobsAt), uint64(end), uint64(docs.n), uint64(search.n), uint64(jobs.n),
		uint64(head.sum.crc), uint64(docs.sum.crc), uint64(search.sum.crc), uint64(jobs.sum.crc)} {
		t = binary.LittleEndian.AppendUint64(t, v)
	}
	t = binary.LittleEndian.AppendUint64(t, uint64(crc32.Checksum(t, castagnoli)))
	if _, err := f.WriteAt(t, at+end); err != nil {
		return "", err
	}
	return f.Name(), nil
}
