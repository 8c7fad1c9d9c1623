package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
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
}

// ref is a markdown.Reference without its path (the document's).
type ref struct {
	Kind              content.Kind
	ID                string
	Offset, Line, Col int
	Resolved          bool
}

// manifestMagic starts the file; its number changes with the format.
const manifestMagic = "letterpress manifest 8\n"

// readManifest reads the manifest at path; nil if there is none.
func readManifest(path string) (*manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	payload, ok := bytes.CutPrefix(data, []byte(manifestMagic))
	if !ok || len(payload) < sha256.Size {
		return nil, errors.New("not a manifest of this version")
	}
	payload, sum := payload[:len(payload)-sha256.Size], payload[len(payload)-sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
		return nil, errors.New("checksum mismatch")
	}
	m := &manifest{}
	r := bytes.NewReader(payload) // an io.ByteReader: gob reads no further than each message
	dec := gob.NewDecoder(r)
	if err := dec.Decode(&m.Output); err != nil {
		return nil, err
	}
	if err := dec.Decode(&m.Program); err != nil {
		return nil, err
	}
	if err := dec.Decode(&m.Vocab); err != nil {
		return nil, err
	}

	if m.Jobs, err = decodeMap[jobEntry](dec); err != nil {
		return nil, err
	}
	// What the build made of each document, then its search entries:
	// gob streams of their own (see spill), each of batches ending with
	// an empty one.
	if m.Docs, err = decodeStream[docEntry](r); err != nil {
		return nil, err
	}
	if m.Search, err = decodeStream[render.SearchText](r); err != nil {
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
// spill) into a map.
func decodeStream[V any](r io.Reader) (map[string]V, error) {
	dec := gob.NewDecoder(r)
	m := map[string]V{}
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

// encodeMap writes m as its length, then messages of manifestBatch
// entries.
func encodeMap[V any](enc *gob.Encoder, m map[string]V) error {
	if err := enc.Encode(len(m)); err != nil {
		return err
	}
	batch := make([]mapEntry[V], 0, manifestBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := enc.Encode(batch)
		batch = batch[:0]
		return err
	}
	for k, v := range m {
		batch = append(batch, mapEntry[V]{k, v})
		if len(batch) == manifestBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// decodeMap reads what encodeMap wrote.
func decodeMap[V any](dec *gob.Decoder) (map[string]V, error) {
	var n int
	if err := dec.Decode(&n); err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, errors.New("bad map length")
	}
	m := make(map[string]V, min(n, 1<<20))
	for len(m) < n {
		var batch []mapEntry[V]
		if err := dec.Decode(&batch); err != nil {
			return nil, err
		}
		if len(batch) == 0 {
			return nil, errors.New("empty batch")
		}
		for _, e := range batch {
			m[e.K] = e.V
		}
	}
	return m, nil
}

// writeManifest writes m beside path: the magic line, the gob encoding,
// and its SHA-256. The caller renames it into place (so that a build
// killed before its output is in place leaves the previous manifest).
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
	if err == nil {
		enc := gob.NewEncoder(io.MultiWriter(w, h))
		err = enc.Encode(m.Output)
		if err == nil {
			err = enc.Encode(m.Program)
		}
		if err == nil {
			err = enc.Encode(m.Vocab)
		}
		if err == nil {
			err = encodeMap(enc, m.Jobs)
		}
		if err == nil {
			err = docs.copyTo(io.MultiWriter(w, h))
		}
		switch {
		case err != nil:
		case search != nil:
			err = search.copyTo(io.MultiWriter(w, h))
		default:
			s := &searchSpill{enc: gob.NewEncoder(io.MultiWriter(w, h))}
			for k, v := range m.Search {
				s.put(k, v)
			}
			s.flush()
			if err = s.err; err == nil {
				err = s.enc.Encode([]mapEntry[render.SearchText]{})
			}
		}
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
