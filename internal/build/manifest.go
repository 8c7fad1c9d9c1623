package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/markdown"
	"letterpress/internal/publish"
	"letterpress/internal/render"
)

// The manifest describes one build into one output folder, for the next
// build into the same folder: the key of every output file (a digest of
// all it was made from) with its size and time, and what the build made
// of every document's body (its links, summary, footnotes, the search
// index's words) by the key of everything the conversion depended on.
// The next build renders only files whose keys changed, links the others
// from the previous output, and converts only bodies whose keys changed.
//
// It is kept outside the output (which is published as it is), in the
// user's cache folder (see the command). A manifest that is missing,
// unreadable, of another version, or corrupt (its checksum says so) is
// no manifest: the build is a cold one.
type manifest struct {
	// Output is the identity of the output folder the build made; the
	// next build links files from the output only if it is still that
	// folder.
	Output publish.Identity
	// Program is the program that made the build (Incremental.Program):
	// what a document's front matter gives is kept only for the same one.
	Program []byte
	// Started is when the build started loading the site (Unix ns): a
	// file whose stamp is as the build found it, and which had changed
	// well before then, is not read again (content.LoadFrontMatterCached).
	Started int64
	Jobs    map[string]jobEntry // by job name
	Docs    map[string]docEntry // by document path
	Vocab   []string            // the words search entries number
	Search  map[string]render.SearchText
}

// jobEntry is one job of the build and the files it wrote.
type jobEntry struct {
	Key   render.Key
	Files []fileEntry
}

type fileEntry struct {
	Name string // "" for the job's own name
	publish.FileInfo
}

// docEntry is what a build made of a document's body.
type docEntry struct {
	// Conv is the digest of what the conversion read: the program, the
	// file, its language and the site settings the converter uses.
	Conv render.Key
	// Targets is a digest of what each cross-reference resolved to (Refs,
	// in order: see targetsSum).
	Targets render.Key
	// Key is Conv and Targets: the document's key (render.KeySource.Doc).
	Key render.Key

	Refs             []ref
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

// ref is a markdown.Reference without its path (the document's).
type ref struct {
	Kind              content.Kind
	ID                string
	Offset, Line, Col int
	Resolved          bool
}

// manifestMagic starts the file; its number changes with the format.
const manifestMagic = "letterpress manifest 10\n"

// The file is the magic line, then four gob streams: the header (Output,
// Program, Started, Vocab), the jobs, the documents and the search entries (each of
// the last three a stream of batches ending with an empty one, see spill),
// then the trailer (where each stream starts and how many entries the last
// three hold, as little-endian numbers), then the SHA-256 of all of it
// after the magic line. The streams are read in parallel.
const manifestTrailer = 8 * 7

// manifestRead is a manifest being read (startManifest): what loading the
// site needs first (the header and the documents), the rest later.
type manifestRead struct {
	first   chan struct{} // closed once m, err are set
	rest    chan struct{} // closed once m.Jobs, m.Search (or restErr) are set
	m       *manifest
	err     error
	restErr error
}

// startManifest starts reading the manifest at path.
func startManifest(path string) *manifestRead {
	r := &manifestRead{first: make(chan struct{}), rest: make(chan struct{})}
	go r.read(path)
	return r
}

// docs waits for the header and the documents: m is nil if there is no
// manifest.
func (r *manifestRead) docs() (*manifest, error) {
	<-r.first
	return r.m, r.err
}

// jobs waits for the jobs and the search entries, put in the manifest
// that docs returned.
func (r *manifestRead) jobs() error {
	<-r.rest
	return r.restErr
}

func (r *manifestRead) read(path string) {
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
	payload, ok := bytes.CutPrefix(data, []byte(manifestMagic))
	if !ok || len(payload) < manifestTrailer+sha256.Size {
		fail(errors.New("not a manifest of this version"))
		return
	}
	payload, sum := payload[:len(payload)-sha256.Size], payload[len(payload)-sha256.Size:]
	t := payload[len(payload)-manifestTrailer:]
	var n [7]uint64
	for i := range n {
		n[i] = binary.LittleEndian.Uint64(t[8*i:])
	}
	jobsAt, docsAt, searchAt, end := n[0], n[1], n[2], n[3]
	if !(jobsAt <= docsAt && docsAt <= searchAt && searchAt <= end && end == uint64(len(payload)-manifestTrailer)) {
		fail(errors.New("not a manifest of this version"))
		return
	}
	// The numbers of entries make the maps their size; every entry holds
	// a key of 32 bytes at least, which bounds them until the checksum
	// is known to hold.
	nJobs, nDocs, nSearch := min(n[4], (docsAt-jobsAt)/32), min(n[5], (searchAt-docsAt)/32), min(n[6], (end-searchAt)/32)
	// The checksum and the jobs and search entries on one core, the
	// header and the documents on another; the documents are used once
	// the checksum holds.
	m := &manifest{}
	checked := make(chan error, 1)
	go func() {
		err := error(nil)
		if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
			err = errors.New("checksum mismatch")
		}
		checked <- err
		if err == nil {
			m.Jobs, err = decodeStream[jobEntry](payload[jobsAt:docsAt], int(nJobs))
		}
		if err == nil {
			m.Search, err = decodeStream[render.SearchText](payload[searchAt:end], int(nSearch))
		}
		if err != nil {
			m.Jobs, m.Search = nil, nil
		}
		r.restErr = err
		close(r.rest)
	}()
	dec := gob.NewDecoder(bytes.NewReader(payload[:jobsAt]))
	err = dec.Decode(&m.Output)
	if err == nil {
		err = dec.Decode(&m.Program)
	}
	if err == nil {
		err = dec.Decode(&m.Started)
	}
	if err == nil {
		err = dec.Decode(&m.Vocab)
	}
	if err == nil {
		m.Docs, err = decodeStream[docEntry](payload[docsAt:searchAt], int(nDocs))
	}
	if cerr := <-checked; cerr != nil {
		err = cerr
	}
	if err != nil {
		r.err = err
	} else {
		r.m = m
	}
	close(r.first)
}

// readManifest reads the manifest at path whole; nil if there is none.
func readManifest(path string) (*manifest, error) {
	r := startManifest(path)
	m, err := r.docs()
	if err != nil || m == nil {
		return nil, err
	}
	if err := r.jobs(); err != nil {
		return nil, err
	}
	return m, nil
}

// spill keeps entries of the manifest (a build's search entries, what it
// made of each document) in an unlinked temporary file until the manifest
// is written: at 100,000 letters they are hundreds of megabytes, which
// stayed in memory for the whole build. The file is a gob stream of
// batches ending with an empty one, copied as it is into the manifest.
// Without a file (none could be made) the stream is kept in memory.
type spill[V any] struct {
	f     *os.File
	buf   *bytes.Buffer // the stream, when there is no file
	w     *bufio.Writer
	enc   *gob.Encoder
	batch []mapEntry[V]
	n     int // entries put
	err   error
}

type searchSpill = spill[render.SearchText]

// newSpill makes a spill in a temporary file in dir, or in memory.
func newSpill[V any](dir, prefix string) *spill[V] {
	s := &spill[V]{}
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
		s.w = bufio.NewWriterSize(f, 256<<10)
	} else {
		s.buf = &bytes.Buffer{}
		s.w = bufio.NewWriter(s.buf)
	}
	s.enc = gob.NewEncoder(s.w)
	return s
}

func (s *spill[V]) put(key string, v V) {
	s.n++
	s.batch = append(s.batch, mapEntry[V]{key, v})
	if len(s.batch) == manifestBatch {
		s.flush()
	}
}

func (s *spill[V]) flush() {
	if s.err == nil && len(s.batch) > 0 {
		s.err = s.enc.Encode(s.batch)
	}
	s.batch = s.batch[:0]
}

// finish ends the stream.
func (s *spill[V]) finish() error {
	s.flush()
	if s.err == nil {
		s.err = s.enc.Encode([]mapEntry[V]{})
	}
	if s.err == nil {
		s.err = s.w.Flush()
	}
	return s.err
}

// copyTo writes the finished stream to w.
func (s *spill[V]) copyTo(w io.Writer) error {
	if s.f == nil {
		_, err := w.Write(s.buf.Bytes())
		return err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, s.f)
	return err
}

func (s *spill[V]) close() {
	if s != nil && s.f != nil {
		s.f.Close()
	}
}

// decodeStream reads a stream of batches ending with an empty one (see
// spill), of about n entries, into a map.
func decodeStream[V any](data []byte, n int) (map[string]V, error) {
	dec := gob.NewDecoder(bytes.NewReader(data)) // an io.ByteReader: gob reads no further than each message
	m := make(map[string]V, n)
	for {
		var batch []mapEntry[V]
		if err := dec.Decode(&batch); err != nil {
			return nil, err
		}
		if len(batch) == 0 {
			return m, nil
		}
		for _, e := range batch {
			m[e.K] = e.V
		}
	}
}

// manifestBatch is how many entries of a map go in one gob message: gob
// holds a whole message in memory before writing it, and one message of
// a large site's manifest was a build's largest allocation.
const manifestBatch = 1024

type mapEntry[V any] struct {
	K string
	V V
}

// writeManifest writes m beside path (see manifestMagic), its documents
// and search entries from docs and search (or m.Search if search is nil).
// The caller renames it into place (so that a build killed before its
// output is in place leaves the previous manifest).
func writeManifest(path string, m *manifest, docs *spill[docEntry], search *searchSpill) (tmp string, err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-")
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	_, err = w.WriteString(manifestMagic)
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(w, h)}
	var at [4]uint64 // where the jobs, documents and search entries start, and the end
	if err == nil {
		enc := gob.NewEncoder(cw)
		err = enc.Encode(m.Output)
		if err == nil {
			err = enc.Encode(m.Program)
		}
		if err == nil {
			err = enc.Encode(m.Started)
		}
		if err == nil {
			err = enc.Encode(m.Vocab)
		}
	}
	if err == nil {
		at[0] = cw.n
		jobs := &spill[jobEntry]{w: bufio.NewWriter(cw)}
		jobs.enc = gob.NewEncoder(jobs.w)
		for k, v := range m.Jobs {
			jobs.put(k, v)
		}
		err = jobs.finish()
	}
	if err == nil {
		at[1] = cw.n
		err = docs.copyTo(cw)
	}
	nSearch := 0
	if err == nil {
		at[2] = cw.n
		if search != nil {
			nSearch = search.n
			err = search.copyTo(cw)
		} else {
			s := &searchSpill{w: bufio.NewWriter(cw)}
			s.enc = gob.NewEncoder(s.w)
			for k, v := range m.Search {
				s.put(k, v)
			}
			nSearch = s.n
			err = s.finish()
		}
	}
	if err == nil {
		at[3] = cw.n
		var t []byte
		for _, v := range []uint64{at[0], at[1], at[2], at[3], uint64(len(m.Jobs)), uint64(docs.n), uint64(nSearch)} {
			t = binary.LittleEndian.AppendUint64(t, v)
		}
		_, err = cw.Write(t)
	}
	if err == nil {
		_, err = w.Write(h.Sum(nil))
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("writing the build manifest: %w", err)
	}
	return f.Name(), nil
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n uint64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += uint64(n)
	return n, err
}
