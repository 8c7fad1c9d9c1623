package content

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math"
	"time"

	"letterpress/internal/config"
	"letterpress/internal/diag"
)

// A build that starts from an earlier one (package buildcache's manifest)
// keeps what Decode made of every file, encoded by EncodeDecoded, and
// gives it back to LoadFrontMatterCached: a file whose bytes (and the
// settings Decode reads) are the same is not parsed again. YAML was most
// of a repeat build's loading.
//
// An entry holds the document's fields with their positions and every
// problem Decode reported for the file, which the load reports again, so
// that a repeat build says exactly what a cold one says. Whatever later
// stages check (references, threads, files under static/) is checked
// again, as in any build.

// cacheVersion changes with the encoding, or with what Decode makes of a
// file.
const cacheVersion = 5

// decodeSettings is a digest of the settings Decode reads (see
// decodeFields): the site's language and owner.
func decodeSettings(cfg *config.Config) [32]byte {
	var b []byte
	b = appendString(b, cfg.Language)
	b = appendString(b, cfg.Owner)
	b = appendPath(b, cfg.OwnerPos.Path, "")
	b = appendInt(b, int64(cfg.OwnerPos.Line))
	b = appendInt(b, int64(cfg.OwnerPos.Col))
	return sha256.Sum256(b)
}

// encodeDecoded encodes d, as Decode made it, and the problems Decode
// reported for its file, for decodeCached; nil if it cannot. settings is
// decodeSettings of the configuration d was decoded with.
func encodeDecoded(d *Doc, problems []diag.FileError, settings [32]byte) []byte {
	b := make([]byte, 0, 512)
	b = append(b, cacheVersion)
	b = append(b, d.Sum[:]...)
	b = append(b, settings[:]...)

	b = appendString(b, d.Path)
	b = appendUint(b, uint64(d.Kind))
	b = appendString(b, d.ID)
	b = appendBool(b, d.Translation)
	b = appendString(b, d.Lang)

	b = appendString(b, d.Title)
	b = appendTime(b, d.Date)
	b = appendPos(b, d.DatePos)
	b = appendString(b, d.Summary)
	b = appendBool(b, d.Draft)
	b = appendRefs(b, d.Topics)
	b = appendStrings(b, d.Aliases)
	for _, p := range d.AliasPos {
		b = appendPos(b, p)
	}
	b = appendValue(b, paramsValue(d.Params))
	if !encodable(d.Params) {
		return nil
	}

	b = appendRef(b, d.From)
	b = appendRefs(b, d.InReplyTo)
	b = appendRefs(b, d.Cites)
	b = appendLen(b, d.Attachments == nil, len(d.Attachments))
	for _, a := range d.Attachments {
		b = appendString(b, a.Title)
		b = appendString(b, a.File)
		b = appendPos(b, a.Pos)
	}

	b = appendLen(b, d.To == nil, len(d.To))
	for _, r := range d.To {
		b = appendRef(b, r.Org)
		b = appendString(b, r.Name)
		b = appendString(b, r.Role)
	}
	b = appendTime(b, d.ResponseDue)
	b = appendPos(b, d.DuePos)
	b = appendInt(b, int64(d.ResponseWorkingDays))
	b = appendString(b, d.Reference)

	b = appendTime(b, d.Received)
	b = appendString(b, d.Withheld)

	if ro := d.ReportOrg; ro != noReportOrg {
		// Reports and organisations (see reportOrg).
		b = appendString(b, ro.Publisher)
		b = appendInt(b, int64(ro.Year))
		b = appendString(b, ro.URL)
		b = appendString(b, ro.File)
		b = appendPos(b, ro.FilePos)
		b = appendStrings(b, ro.Authors)

		b = appendString(b, ro.Name)
		b = appendString(b, ro.Type)
		b = appendString(b, ro.Region)
		b = appendString(b, ro.Holder)
		b = appendStrings(b, ro.Address)
	}

	b = binary.LittleEndian.AppendUint64(b, d.FrontMatter)
	b = appendUint(b, uint64(d.BodyOffset))
	b = appendPos(b, d.TitlePos)

	b = appendUint(b, uint64(len(problems)))
	for _, p := range problems {
		b = appendPath(b, p.Path, d.Path)
		b = appendInt(b, int64(p.Line))
		b = appendInt(b, int64(p.Col))
		b = appendString(b, p.Msg)
		b = appendInt(b, int64(p.Severity))
	}
	return b
}

// FrontKey is a digest of what loading made of a file, from the entry
// LoadFrontMatterCached gave for it (Made.Entry): its front matter's
// fields and problems, not its body (the entry's file digest, which covers
// both, is left out). Pages other than a document's own show only such
// fields of it (and what converting its body gives besides the HTML: see
// package build's facts). ok is false if the entry is not one.
func FrontKey(entry []byte) (key [32]byte, ok bool) {
	const sumEnd = 1 + sha256.Size
	if len(entry) < sumEnd+sha256.Size || entry[0] != cacheVersion {
		return key, false
	}
	h := sha256.New()
	h.Write(entry[:1])
	h.Write(entry[sumEnd:])
	h.Sum(key[:0])
	return key, true
}

// encodable reports whether appendValue keeps every value of v.
func encodable(v any) bool {
	switch v := v.(type) {
	case nil, string, int, float64, bool:
		return true
	case []any:
		for _, e := range v {
			if !encodable(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range v {
			if !encodable(e) {
				return false
			}
		}
		return true
	}
	return false
}

// paramsValue is d.Params as a Value (a nil map stays nil).
func paramsValue(p map[string]any) any {
	if p == nil {
		return nil
	}
	return p
}

var errCorrupt = errors.New("corrupt cache entry")

// cachedSum is the SHA-256 of the bytes an entry was made from.
func cachedSum(data []byte) (sum [32]byte, ok bool) {
	if len(data) < 1+32 || data[0] != cacheVersion {
		return sum, false
	}
	return [32]byte(data[1:33]), true
}

// decodeCached decodes an entry of encodeDecoded if it was made from a
// file of path with the digest sum under the same settings; ok is false
// if not (or if the entry is not one this program can read).
func decodeCached(data []byte, path string, sum, settings [32]byte) (d *Doc, problems []diag.FileError, ok bool) {
	return decodeCachedIn(data, path, sum, settings, nil)
}

// decodeCachedIn is decodeCached keeping the document in ch.
func decodeCachedIn(data []byte, path string, sum, settings [32]byte, ch *chunks) (d *Doc, problems []diag.FileError, ok bool) {
	r := &reader{b: data, path: path, ch: ch}
	if r.byte() != cacheVersion || [32]byte(r.bytes(32)) != sum || [32]byte(r.bytes(32)) != settings || r.string() != path || r.err != nil {
		return nil, nil, false
	}
	d = ch.doc()
	d.Path, d.Sum = path, sum
	d.Kind = Kind(r.uint())
	if d.Kind < 0 || d.Kind >= numKinds {
		return nil, nil, false
	}
	d.ID = r.string()
	d.Translation = r.bool()
	d.Lang = r.string()

	d.Title = ch.str(r.string())
	d.Date = r.time()
	d.DatePos = r.pos()
	d.Summary = r.string()
	d.Draft = r.bool()
	d.Topics = r.refs()
	d.Aliases = r.strings()
	if len(d.Aliases) > 0 {
		d.AliasPos = make([]Pos, len(d.Aliases))
		for i := range d.AliasPos {
			d.AliasPos[i] = r.pos()
		}
	}
	switch p := r.value().(type) {
	case nil:
	case map[string]any:
		d.Params = p
	default:
		return nil, nil, false
	}

	d.From = r.ref()
	d.InReplyTo = r.refs()
	d.Cites = r.refs()
	if n, isNil := r.len(); !isNil {
		d.Attachments = make([]Attachment, n)
		for i := range d.Attachments {
			d.Attachments[i] = Attachment{Title: r.string(), File: r.string(), Pos: r.pos()}
		}
	}

	if n, isNil := r.len(); !isNil {
		d.To = ch.recipientList(n)[:n]
		for i := range d.To {
			d.To[i] = Recipient{Org: r.ref(), Name: r.string(), Role: r.string()}
		}
	}
	d.ResponseDue = r.time()
	d.DuePos = r.pos()
	d.ResponseWorkingDays = int(r.int())
	d.Reference = r.string()

	d.Received = r.time()
	d.Withheld = r.string()

	d.ReportOrg = reportOrg(d.Kind)
	if ro := d.ReportOrg; ro != noReportOrg {
		ro.Publisher = r.string()
		ro.Year = int(r.int())
		ro.URL = r.string()
		ro.File = r.string()
		ro.FilePos = r.pos()
		ro.Authors = r.strings()

		ro.Name = r.string()
		ro.Type = r.string()
		ro.Region = r.string()
		ro.Holder = r.string()
		ro.Address = r.strings()
	}

	d.FrontMatter = binary.LittleEndian.Uint64(r.bytes(8))
	d.BodyOffset = int(r.uint())
	d.TitlePos = r.pos()

	n := r.count()
	for range n {
		problems = append(problems, diag.FileError{Path: r.pathOf(), Line: int(r.int()), Col: int(r.int()), Msg: r.string(), Severity: diag.Severity(r.int())})
	}
	if r.err != nil || len(r.b) != 0 {
		return nil, nil, false
	}
	return d, problems, true
}

func appendUint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }
func appendInt(b []byte, v int64) []byte   { return binary.AppendVarint(b, v) }

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

func appendString(b []byte, s string) []byte {
	b = appendUint(b, uint64(len(s)))
	return append(b, s...)
}

// appendLen writes a slice's or map's length, keeping nil apart from
// empty (encoding/json tells them apart: null and []).
func appendLen(b []byte, isNil bool, n int) []byte {
	if isNil {
		return appendUint(b, 0)
	}
	return appendUint(b, uint64(n)+1)
}

func appendStrings(b []byte, ss []string) []byte {
	b = appendLen(b, ss == nil, len(ss))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

// appendPath writes the path of a position: most are in the document
// itself (path).
func appendPath(b []byte, p, path string) []byte {
	if p == path {
		return append(b, 0)
	}
	b = appendUint(b, uint64(len(p))+1)
	return append(b, p...)
}

func appendPos(b []byte, p Pos) []byte {
	b = appendInt(b, int64(p.Line))
	return appendInt(b, int64(p.Col))
}

func appendRef(b []byte, r Ref) []byte {
	b = appendString(b, r.ID)
	return appendPos(b, r.Pos)
}

func appendRefs(b []byte, rs []Ref) []byte {
	b = appendLen(b, rs == nil, len(rs))
	for _, r := range rs {
		b = appendRef(b, r)
	}
	return b
}

// appendTime keeps what the dates of front matter have: an instant in
// UTC, or the zero time.
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	if t.Location() != time.UTC {
		// Not a date of front matter (ParseDate makes UTC times): keep
		// the instant and the offset.
		data, _ := t.MarshalBinary()
		b = append(b, 2)
		return appendString(b, string(data))
	}
	b = append(b, 1)
	b = appendInt(b, t.Unix())
	return appendInt(b, int64(t.Nanosecond()))
}

// The kinds of values of Params (frontmatter.Value).
const (
	valueNil = iota
	valueString
	valueInt
	valueFloat
	valueFalse
	valueTrue
	valueList
	valueMap
	valueUnknown
)

func appendValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, valueNil)
	case string:
		return appendString(append(b, valueString), v)
	case int:
		return appendInt(append(b, valueInt), int64(v))
	case float64:
		return binary.LittleEndian.AppendUint64(append(b, valueFloat), math.Float64bits(v))
	case bool:
		if v {
			return append(b, valueTrue)
		}
		return append(b, valueFalse)
	case []any:
		b = appendUint(append(b, valueList), uint64(len(v)))
		for _, e := range v {
			b = appendValue(b, e)
		}
		return b
	case map[string]any:
		b = appendUint(append(b, valueMap), uint64(len(v)))
		for k, e := range v {
			b = appendString(b, k)
			b = appendValue(b, e)
		}
		return b
	}
	// frontmatter.Value makes nothing else; an entry that cannot say what
	// the value was is not kept (see encodeDecoded).
	return append(b, valueUnknown)
}

// reader reads what the append functions wrote; the first error sticks
// and makes every later read return zero values.
type reader struct {
	b    []byte
	err  error
	path string // the document's (see appendPath)
	ch   *chunks
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errCorrupt
	}
	r.b = nil
}

func (r *reader) byte() byte {
	if len(r.b) < 1 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) bytes(n int) []byte {
	if len(r.b) < n {
		r.fail()
		return make([]byte, n)
	}
	s := r.b[:n]
	r.b = r.b[n:]
	return s
}

func (r *reader) uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) int() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a number of items to come, each at least a byte long.
func (r *reader) count() int {
	n := r.uint()
	if n > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *reader) len() (n int, isNil bool) {
	v := r.uint()
	if v == 0 {
		return 0, true
	}
	if v-1 > uint64(len(r.b)) {
		r.fail()
		return 0, true
	}
	return int(v - 1), false
}

func (r *reader) bool() bool { return r.byte() == 1 }

func (r *reader) string() string {
	n := r.uint()
	if n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *reader) strings() []string {
	n, isNil := r.len()
	if isNil {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.string()
	}
	return out
}

func (r *reader) pathOf() string {
	n := r.uint()
	if n == 0 {
		return r.path
	}
	if n-1 > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	s := string(r.b[:n-1])
	r.b = r.b[n-1:]
	return s
}

func (r *reader) pos() Pos {
	line, col := r.int(), r.int()
	if line < math.MinInt32 || line > math.MaxInt32 || col < math.MinInt32 || col > math.MaxInt32 {
		r.fail()
		return Pos{}
	}
	return Pos{Line: int32(line), Col: int32(col)}
}

func (r *reader) ref() Ref { return Ref{ID: r.string(), Pos: r.pos()} }

func (r *reader) refs() []Ref {
	n, isNil := r.len()
	if isNil {
		return nil
	}
	out := r.ch.refList(n)[:n]
	for i := range out {
		out[i] = r.ref()
	}
	return out
}

func (r *reader) time() time.Time {
	switch r.byte() {
	case 0:
		return time.Time{}
	case 1:
		sec, nsec := r.int(), r.int()
		return time.Unix(sec, nsec).UTC()
	case 2:
		var t time.Time
		if err := t.UnmarshalBinary([]byte(r.string())); err != nil {
			r.fail()
		}
		return t
	}
	r.fail()
	return time.Time{}
}

func (r *reader) value() any {
	switch r.byte() {
	case valueNil:
		return nil
	case valueString:
		return r.string()
	case valueInt:
		return int(r.int())
	case valueFloat:
		return math.Float64frombits(binary.LittleEndian.Uint64(r.bytes(8)))
	case valueFalse:
		return false
	case valueTrue:
		return true
	case valueList:
		out := make([]any, r.count())
		for i := range out {
			out[i] = r.value()
		}
		return out
	case valueMap:
		n := r.count()
		out := make(map[string]any, n)
		for range n {
			k := r.string()
			out[k] = r.value()
		}
		return out
	}
	r.fail()
	return nil
}
