package search

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"

	"letterpress/internal/content"
	"letterpress/internal/graph"
	"letterpress/internal/par"
)

// The search index is static files under /search/index/, read by
// static/js/search.js. A query downloads little, however large the site,
// and finds every document that matches (no term's list is cut short):
//
//   - meta.json: the number of documents, the organisations (id and name,
//     for the filter), and the ranges of document numbers by kind and year
//     (documents are numbered in kind, year and date order, so the kind and
//     year of a result need no lookup);
//   - v/PREFIX.json: the terms starting with a two-letter prefix and how
//     many documents hold each, and the words of English text starting
//     with it that are indexed as another term, their stem (vocabShard):
//     how search.js finds the terms of a query's words, and completes the
//     word being typed;
//   - t/BUCKET.json: for the terms hashing (FNV-1a) to a bucket, each
//     term's record in base64, or, for a record over inlineMax bytes, the
//     number K of the file t/BUCKET-K.bin that holds it;
//   - d/N.json: the details of documents N*DocShard ... (URL, title, kind,
//     date, organisations, language, the start of the text, from which
//     search.js cuts the passage it shows), fetched only for the results
//     shown.
//
// The terms are words lower-cased, diacritics folded (tokens): in
// English documents, their stems (stemEnglish); in Welsh ones, the words
// themselves.
//
// A term's record is four sets of numbers (see appendSet): the documents
// holding the term, then, as positions in that list, those with it in the
// title, in an organisation's name (after a byte: 0, the set itself; 1, its
// symmetric difference with the title set), and three or more times in the
// text (left empty for words in most documents).
// Each set is stored as a delta-coded varint list or as a bitmap, whichever
// is smaller, so a term in every document costs one bit per document.
const (
	Dir          = "search/index/"
	DocShard     = 4
	inlineMax    = 1024
	bucketTarget = 8 << 10
	// passageLen is how much of a document's text its details hold, in
	// characters: search.js shows about 280 of them.
	passageLen = 800
)

// Site is how the site's pages show a document: a result links to its
// page and gives its date as the page does (package render's view).
type Site interface {
	// URL is the path of d's page, with the site's base path.
	URL(d *content.Doc) string
	// Date is d's date as its page writes it, in d's language.
	Date(d *content.Doc) string
	// FileURL is the path of a file published from static/ (file is
	// its path there), with the site's base path.
	FileURL(file string) string
}

// inAttachment says that a result is the text of a file published with a
// document ("In the attachment “...”"), in the document's language.
func inAttachment(lang, title string) string {
	if lang == "cy" {
		return "Yn yr atodiad “" + title + "”"
	}
	return "In the attachment “" + title + "”"
}

// entry is one document of the index, or the text of a file
// published with one (att).
type entry struct {
	d     *content.Doc
	kind  string
	year  int
	title string
	orgs  []string // organisation ids involved
	att   *attachment
}

// attachment is a file published with a document whose text could
// be read (graph.AttachmentText): a reply published only as a PDF is
// found by its words. It is a result of its own, which says it is the
// attachment's text that matched, and links to the file.
type attachment struct {
	n     int    // its place among the document's files
	title string // the attachment's title (or its file's name)
	file  string // its path under static/
	pages []string
}

var kinds = map[content.Kind]string{content.Letter: "letter", content.Response: "response", content.Report: "report", content.Organisation: "organisation", content.Page: "page"}

// Write writes the index's files through write as each is
// made, and returns the documents in index order. Once ctx is done it
// stops where it is and returns ctx's error.
func Write(ctx context.Context, g *graph.Graph, site Site, write func(name string, data []byte) error, sc *Cache) ([]*content.Doc, error) {
	var docs []*entry
	for _, d := range g.Site.All() {
		if !g.Published(d) {
			continue
		}
		sd := &entry{d: d, kind: kinds[d.Kind], year: d.Date.Year(), title: g.Title(d)}
		if d.Date.IsZero() {
			sd.year = d.Year
		}
		switch d.Kind {
		case content.Letter:
			for _, r := range d.To {
				sd.orgs = append(sd.orgs, r.Org.ID)
			}
		case content.Response:
			sd.orgs = append(sd.orgs, d.From.ID)
		case content.Organisation:
			sd.orgs = append(sd.orgs, d.ID)
		}
		docs = append(docs, sd)
		docs = append(docs, attachmentDocs(g, sd)...)
	}
	// Number documents by kind, then year (newest first), then date; a
	// document's files follow it.
	kindOrder := map[string]int{"letter": 0, "response": 1, "report": 2, "organisation": 3, "page": 4}
	slices.SortFunc(docs, func(a, b *entry) int {
		return cmp.Or(cmp.Compare(kindOrder[a.kind], kindOrder[b.kind]), cmp.Compare(b.year, a.year),
			b.d.Date.Compare(a.d.Date), cmp.Compare(a.d.ID, b.d.ID), cmp.Compare(a.d.Lang, b.d.Lang), cmp.Compare(a.attN(), b.attN()))
	})

	// Organisations' names, in the organisation's language (the name of
	// an English organisation is English in a Welsh letter too).
	type orgName struct {
		tokens []string
		lang   int
	}
	orgNames := map[string]orgName{}
	for _, o := range g.Organisations {
		orgNames[o.ID] = orgName{tokens(o.Label()), langOf(o)}
	}

	// Postings, built in parallel over chunks of documents, each chunk's
	// lists in document order, then joined in chunk order. Each body's
	// text is made, tokenised and cut to its passage here, one document
	// at a time, and what each chunk made for the cache and the document
	// details goes out when the chunk is done: nothing is held for every
	// document at once but the postings, packed tight.
	const chunk = 4096 // a multiple of DocShard
	nChunks := (len(docs) + chunk - 1) / chunk
	parts := make([]chunkTerms, nChunks)
	keeper := sc.keeper()
	var errMu sync.Mutex
	var firstErr error
	fail := func(err error) {
		errMu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		errMu.Unlock()
	}
	put := func(name string, data []byte) {
		if err := write(name, data); err != nil {
			fail(err)
		}
	}
	// The stems of English words, for every chunk: each chunk meets most
	// of the site's words again, and stemming a word costs more than
	// finding it here.
	var stemMu sync.Mutex
	stems := map[string]string{}
	stemOf := func(w string) string {
		stemMu.Lock()
		s, ok := stems[w]
		stemMu.Unlock()
		if !ok {
			s = stemEnglish(w)
			stemMu.Lock()
			stems[w] = s
			stemMu.Unlock()
		}
		return s
	}
	stop := ctx.Done()
	if err := par.ForContext(ctx, nChunks, func(c int) {
		m := newTermTable[*termList]()
		// The chunk's words, as written (asWritten) and in English text
		// (inEnglish), each with the list of the term it is indexed as.
		var surface [2]*termTable[*surfaceWord]
		for k := range surface {
			surface[k] = newTermTable[*surfaceWord]()
		}
		// The words of the chunk, numbered (surfaceWord.id), for the
		// cache entries made in it.
		var words []string
		var forms []wordForm
		// touch starts l's posting for doc, if not yet started.
		touch := func(l *termList, doc int) {
			if l.cur != int32(doc) {
				l.flush()
				l.cur, l.n = int32(doc), l.n+1
			}
		}
		// listOf returns the list of term t, made if new.
		listOf := func(t []byte) *termList {
			l, h := m.get(t)
			if l == nil {
				l = newTermList()
				m.add(t, h, l)
			}
			return l
		}
		// word returns word t of a document in language lang (asWritten
		// or inEnglish).
		word := func(t []byte, lang int) *surfaceWord {
			w, h := surface[lang].get(t)
			if w != nil {
				return w
			}
			w = &surfaceWord{id: int32(len(words)), doc: -1}
			s := surface[lang].add(t, h, w)
			words = append(words, s)
			if lang == inEnglish {
				if stem := stemOf(s); stem != s {
					forms = append(forms, wordForm{word: s, stem: stem})
					w.l = listOf([]byte(stem))
					return w
				}
			}
			w.l = listOf(t)
			return w
		}
		add := func(t []byte, lang int, doc int, flag uint8) {
			l := word(t, lang).l
			touch(l, doc)
			l.curFlags |= flag
		}
		first, end := c*chunk, min(len(docs), (c+1)*chunk)
		var texts []Text
		if sc != nil {
			texts = make([]Text, end-first)
		}
		// One buffer for each body's HTML, and those of its text, reused
		// from document to document: a large site's bodies are hundreds
		// of megabytes, and copies of them were most of the garbage.
		var htmlBuf, titleBuf, orgKey []byte
		var text htmlText
		var inText []*surfaceWord
		// byVocab: the previous build's words, by number, in each language.
		var byVocab [2][]*surfaceWord
		passages := make([]string, end-first)
		for i := first; i < end; i++ {
			if i%64 == 0 {
				// A chunk is thousands of bodies: look up now and then.
				select {
				case <-stop:
					return
				default:
				}
			}
			sd := docs[i]
			lang := langOf(sd.d)
			titleBuf = append(titleBuf[:0], sd.title...)
			text.word = appendEachToken(text.word, titleBuf, func(t []byte) { add(t, lang, i, inTitle) })
			for _, id := range sd.orgs {
				name := orgNames[id]
				for _, t := range name.tokens {
					add([]byte(t), name.lang, i, inOrg)
				}
				orgKey = append(append(orgKey[:0], "org:"...), id...)
				touch(listOf(orgKey), i)
			}
			// A withheld reply is found by its title and organisation only:
			// neither its body nor its summary is published.
			var start, summary string
			if sd.att != nil {
				// Not cached (texts[i-first] stays empty): the file's text
				// comes from package extract's cache.
				htmlBuf = sd.att.appendHTML(htmlBuf[:0])
				start = string(text.scan(htmlBuf, passageLen+1, func(t []byte) {
					w := word(t, lang)
					touch(w.l, i)
					w.l.curTF = uint8(min(255, int(w.l.curTF)+1))
				}))
			} else if g.Withheld(sd.d) == "" {
				summary = sd.d.Summary
				if st, ok := sc.lookup(sd.d); ok {
					// The words the previous build took from the same body,
					// by their number in its vocabulary.
					if byVocab[lang] == nil {
						byVocab[lang] = make([]*surfaceWord, len(sc.Vocab))
					}
					sc.each(st.Words, func(id int, times int) {
						w := byVocab[lang][id]
						if w == nil {
							w = word([]byte(sc.Vocab[id]), lang)
							byVocab[lang][id] = w
						}
						touch(w.l, i)
						w.l.curTF = uint8(min(255, int(w.l.curTF)+times))
					})
					start = st.Start
					texts[i-first] = st
				} else if b := g.Body(sd.d); b != nil {
					htmlBuf = b.AppendBytes(htmlBuf[:0])
					inText = inText[:0]
					start = string(text.scan(htmlBuf, passageLen+1, func(t []byte) {
						w := word(t, lang)
						touch(w.l, i)
						w.l.curTF = uint8(min(255, int(w.l.curTF)+1))
						if sc != nil {
							// The words of the text, each once, for the cache.
							if w.doc != int32(i) {
								w.doc, w.tf = int32(i), 0
								inText = append(inText, w)
							}
							w.tf = uint8(min(255, int(w.tf)+1))
						}
					}))
					if sc != nil {
						var enc []byte
						for _, w := range inText {
							enc = binary.AppendUvarint(enc, uint64(w.id))
							enc = append(enc, w.tf)
						}
						texts[i-first] = Text{Key: sc.Key(sd.d), Words: enc, Start: start, local: true}
					}
				}
			}
			passages[i-first] = passage(summary, start)
		}
		htmlBuf, text = nil, htmlText{}
		keeper.keep(docs[first:end], texts, words)
		texts = nil
		// The chunk's document details.
		for at := first; at < end; at += DocShard {
			shard := make([]detail, 0, DocShard)
			for i := at; i < min(end, at+DocShard); i++ {
				sd := docs[i]
				det := detail{URL: site.URL(sd.d), Title: sd.title, Kind: sd.kind, Date: site.Date(sd.d), Orgs: sd.orgs, Lang: sd.d.Lang, Text: passages[i-first]}
				if sd.att != nil {
					det.URL, det.Title = site.FileURL(sd.att.file), g.Title(sd.d)
					det.In = inAttachment(sd.d.Lang, sd.att.title)
				}
				shard = append(shard, det)
			}
			put(fmt.Sprintf("search/index/d/%d.json", at/DocShard), mustJSON(shard))
		}
		// The postings, packed into one block: each list grew by doubling,
		// and the spare capacity was as much again as the postings.
		size := 0
		for _, e := range m.terms {
			l := e.v
			l.flush()
			size += len(l.enc)
		}
		block := make([]byte, 0, size)
		for _, e := range m.terms {
			l := e.v
			at := len(block)
			block = append(block, l.enc...)
			l.enc = block[at:len(block):len(block)]
		}
		// The words written as they stand that are also forms of English
		// words (see wordForm.both) are found among these.
		written := make([]string, len(surface[asWritten].terms))
		for k, e := range surface[asWritten].terms {
			written[k] = e.term
		}
		parts[c] = chunkTerms{terms: m.terms, forms: forms, written: written}
	}); err != nil {
		keeper.done()
		return nil, err
	}
	keeper.done()
	if err := ctx.Err(); err != nil {
		return nil, err // a chunk stopped half-way
	}
	// Each term's lists, in chunk order: joined one term at a time as its
	// record is made, so that the postings are never held twice. The
	// forms of English words, and which are also words as written.
	lists := map[string][]*termList{}
	formOf := map[string]wordForm{}
	for _, part := range parts {
		for _, e := range part.terms {
			lists[e.term] = append(lists[e.term], e.v)
		}
		for _, f := range part.forms {
			formOf[f.word] = f
		}
	}
	for _, part := range parts {
		for _, w := range part.written {
			if f, ok := formOf[w]; ok {
				f.both = true
				formOf[w] = f
			}
		}
	}
	parts = nil

	// Records, and the vocabulary.
	terms := make([]string, 0, len(lists))
	for t := range lists {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	records := make([][]byte, len(terms))
	sizes := make([]int, len(terms))
	counts := make([]int, len(terms))
	ordered := make([][]*termList, len(terms))
	for i, t := range terms {
		ordered[i] = lists[t]
	}
	lists = nil
	// Records over inlineMax bytes (most of a large index's bytes) wait in
	// an unlinked temporary file until the number of buckets, which
	// depends on all the others, is known: on a large site they would be
	// much of the memory held beside the postings. Without a file they
	// stay in memory.
	spill, spillAt := bigRecordSpill(), make([]int64, len(terms))
	if spill != nil {
		defer spill.Close()
	}
	var spillEnd atomic.Int64
	if err := par.ForContext(ctx, len(terms), func(i int) {
		rec, n := record(ordered[i])
		ordered[i] = nil
		sizes[i], counts[i] = len(rec), n
		if len(rec) > inlineMax && spill != nil {
			at := spillEnd.Add(int64(len(rec))) - int64(len(rec))
			if _, err := spill.WriteAt(rec, at); err == nil {
				spillAt[i] = at
				return
			}
		}
		records[i] = rec
	}); err != nil {
		return nil, err
	}
	vocab := map[string]*vocabShard{}
	shard := func(pre string) *vocabShard {
		v := vocab[pre]
		if v == nil {
			v = &vocabShard{Terms: map[string]int{}}
			vocab[pre] = v
		}
		return v
	}
	inline := 0
	countOf := make(map[string]int, len(terms))
	for i, t := range terms {
		if sizes[i] <= inlineMax {
			inline += sizes[i]
		}
		if !strings.HasPrefix(t, "org:") {
			shard(prefix(t)).Terms[t] = counts[i]
			countOf[t] = counts[i]
		}
	}
	// Each form of an English word, with its word, and the count of its
	// word if that is in another shard (so that a shard ranks all the
	// words it completes to).
	for w, f := range formOf {
		pre := prefix(w)
		v := shard(pre)
		if v.Forms == nil {
			v.Forms = map[string]any{}
		}
		v.Forms[w] = f.encode()
		if prefix(f.stem) != pre {
			v.Terms[f.stem] = countOf[f.stem]
		}
	}
	// Enough buckets that each holds about bucketTarget bytes of base64.
	nb := 64
	for nb*bucketTarget < inline*4/3 {
		nb *= 2
	}
	inBucket := make([][]int, nb)
	for i, t := range terms {
		b := int(fnv32(t) % uint32(nb))
		inBucket[b] = append(inBucket[b], i)
	}
	// Each file is written as soon as it is made. A bucket's big records
	// are numbered in term order.
	if err := par.ForContext(ctx, nb, func(b int) {
		if len(inBucket[b]) == 0 {
			return
		}
		bucket := make(map[string]any, len(inBucket[b]))
		big := 0
		var buf []byte
		for _, i := range inBucket[b] {
			t, rec := terms[i], records[i]
			if sizes[i] <= inlineMax {
				bucket[t] = base64.StdEncoding.EncodeToString(rec)
				continue
			}
			if rec == nil {
				buf = slices.Grow(buf[:0], sizes[i])[:sizes[i]]
				if _, err := spill.ReadAt(buf, spillAt[i]); err != nil {
					fail(fmt.Errorf("reading the search index's temporary file: %w", err))
					return
				}
				rec = buf
			}
			bucket[t] = big
			put(fmt.Sprintf("search/index/t/%d-%d.bin", b, big), rec)
			big++
		}
		put(fmt.Sprintf("search/index/t/%d.json", b), mustJSON(bucket))
	}); err != nil {
		return nil, err
	}
	for pre, terms := range vocab {
		put("search/index/v/"+pre+".json", mustJSON(terms))
	}

	// Meta: counts, organisations, and kind/year ranges.
	type span struct {
		Kind string `json:"k"`
		Year int    `json:"y"`
		From int    `json:"f"`
		To   int    `json:"t"`
	}
	var spans []span
	for i, sd := range docs {
		if n := len(spans); n > 0 && spans[n-1].Kind == sd.kind && spans[n-1].Year == sd.year {
			spans[n-1].To = i + 1
			continue
		}
		spans = append(spans, span{sd.kind, sd.year, i, i + 1})
	}
	orgs := make([][2]string, 0, len(g.Organisations))
	for _, o := range g.Organisations {
		orgs = append(orgs, [2]string{o.ID, o.Label()})
	}
	put("search/index/meta.json", mustJSON(map[string]any{
		"version": 4, "docs": len(docs), "buckets": nb, "shard": DocShard, "spans": spans, "orgs": orgs,
	}))
	all := make([]*content.Doc, 0, len(docs))
	for _, sd := range docs {
		if sd.att == nil {
			all = append(all, sd.d)
		}
	}
	return all, firstErr
}

// bigRecordSpill makes an unlinked temporary file for the search index's
// big records; nil if it cannot.
func bigRecordSpill() *os.File {
	f, err := os.CreateTemp("", "letterpress-search-")
	if err != nil {
		return nil
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil
	}
	return f
}

// detail is a document's entry in search/index/d/N.json.
type detail struct {
	URL   string   `json:"u"`
	Title string   `json:"t"`
	Kind  string   `json:"k"`
	Date  string   `json:"d,omitempty"`
	Orgs  []string `json:"o,omitempty"`
	Lang  string   `json:"l"`
	Text  string   `json:"x,omitempty"` // see passage
	// In says the text is an attachment's ("In the attachment “...”").
	In string `json:"a,omitempty"`
}

// attachmentDocs are the entries of the files published with sd's
// document whose text was read, each file once in the site (a Welsh
// version often has its original's). A withheld reply's files are not
// published, and not indexed.
func attachmentDocs(g *graph.Graph, sd *entry) []*entry {
	if len(g.AttachmentText) == 0 || g.Withheld(sd.d) != "" {
		return nil
	}
	var out []*entry
	add := func(title, file string) {
		pages, ok := g.AttachmentText[file]
		if !ok || sd.d.Translation && sharesFile(g, sd.d, file) {
			return
		}
		if title == "" {
			title = path.Base(file)
		}
		out = append(out, &entry{d: sd.d, kind: sd.kind, year: sd.year, title: title, orgs: sd.orgs,
			att: &attachment{n: len(out) + 1, title: title, file: file, pages: pages}})
	}
	for _, a := range sd.d.Attachments {
		add(a.Title, a.File)
	}
	add("", sd.d.File)
	return out
}

// sharesFile reports whether the original of Welsh version d publishes
// file too (it is indexed with the original).
func sharesFile(g *graph.Graph, d *content.Doc, file string) bool {
	o := g.Site.Get(d.Kind, d.ID)
	if o == nil || o == d || !g.Published(o) {
		return false
	}
	if o.File == file {
		return true
	}
	for _, a := range o.Attachments {
		if a.File == file {
			return true
		}
	}
	return false
}

// attN is 0 for a document, n for its nth file.
func (sd *entry) attN() int {
	if sd.att == nil {
		return 0
	}
	return sd.att.n
}

// appendHTML appends the file's text as HTML, a paragraph a page, for
// htmlText.scan.
func (a *attachment) appendHTML(b []byte) []byte {
	for _, p := range a.pages {
		b = append(b, "<p>"...)
		b = append(b, html.EscapeString(p)...)
		b = append(b, "</p>"...)
	}
	return b
}

// The languages words are indexed in: English text is indexed by the
// stems of its words; any other (Welsh) as its words are written.
const (
	asWritten = iota
	inEnglish
)

// langOf is the language d's words are indexed in.
func langOf(d *content.Doc) int {
	if d.Lang == "en" {
		return inEnglish
	}
	return asWritten
}

// stemEnglish is the stem of an English word (a term, lower-case and
// folded): Porter2, the English stemmer of the Snowball project, which
// makes one term of "letter" and "letters", "wash", "washes" and
// "washing". search.js has no stemmer: the vocabulary tells it the stem
// of each word of the site's English text (wordForm).
func stemEnglish(w string) string {
	if s := english.Stem(w, true); s != "" {
		return s
	}
	return w
}

// surfaceWord is a word of a chunk's text, titles or organisations'
// names, in one language.
type surfaceWord struct {
	l   *termList // the postings of the term it is indexed as
	id  int32     // its number among the chunk's words
	doc int32     // the document whose text it was last counted in, -1 if none
	tf  uint8     // how often it is in that text (at most 255)
}

// wordForm is a word of English text indexed as another term, its stem.
type wordForm struct {
	word, stem string
	// both: the word is also indexed as written, in a text not in English.
	both bool
}

// encode is what a vocabulary shard holds for f: the number of letters to
// drop from the end of the word to make its stem (for a stem that is the
// start of a plain ASCII word), else the stem, in a list if the word is
// also a term of its own (both).
func (f wordForm) encode() any {
	var v any = f.stem
	if strings.HasPrefix(f.word, f.stem) && isASCII(f.word) {
		v = len(f.word) - len(f.stem)
	}
	if f.both {
		return []any{v}
	}
	return v
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// chunkTerms is what a chunk of documents leaves for the records and the
// vocabulary.
type chunkTerms struct {
	terms   []termEntry[*termList]
	forms   []wordForm
	written []string // the words indexed as written
}

// vocabShard is search/index/v/PREFIX.json: the terms starting with the
// prefix, each with the number of documents holding it, and the forms of
// English words starting with it, each with its stem (wordForm.encode).
type vocabShard struct {
	Terms map[string]int `json:"t"`
	Forms map[string]any `json:"s,omitempty"`
}

// Where a term is, besides the text.
const (
	inTitle = 1 << iota
	inOrg
)

// termTable holds a chunk's terms (or words) and what is kept for each:
// a map of its own, whose lookups took clearly less time than a
// string-keyed map's for the tens of millions of words of a large site's
// text. The terms are in the order they came, found through a table of
// their numbers and hashes (open addressing, at most half full). The zero
// V is for none.
type termTable[V comparable] struct {
	terms []termEntry[V]
	slots []termSlot // a power of two of them
}

type termEntry[V comparable] struct {
	term string
	v    V
}

type termSlot struct {
	hash uint32 // the term's hash, high half
	n    int32  // 1 + the term's number in terms; 0 for an empty slot
}

func newTermTable[V comparable]() *termTable[V] {
	return &termTable[V]{slots: make([]termSlot, 1<<12)}
}

// get returns what is kept for term t, the zero V if none, and t's hash.
func (m *termTable[V]) get(t []byte) (V, uint64) {
	h := termHash(t)
	mask := uint64(len(m.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := m.slots[i]
		if e.n == 0 {
			var none V
			return none, h
		}
		if e.hash == uint32(h>>32) {
			if te := &m.terms[e.n-1]; te.term == string(t) {
				return te.v, h
			}
		}
	}
}

// add adds term t, not in m, with hash h, and returns it as a string.
func (m *termTable[V]) add(t []byte, h uint64, v V) string {
	if 2*(len(m.terms)+1) > len(m.slots) {
		m.slots = make([]termSlot, 2*len(m.slots))
		for n, e := range m.terms {
			m.put(termHash(e.term), int32(n+1))
		}
	}
	e := termEntry[V]{string(t), v}
	m.terms = append(m.terms, e)
	m.put(h, int32(len(m.terms)))
	return e.term
}

func (m *termTable[V]) put(h uint64, n int32) {
	mask := uint64(len(m.slots) - 1)
	i := h & mask
	for m.slots[i].n != 0 {
		i = (i + 1) & mask
	}
	m.slots[i] = termSlot{uint32(h >> 32), n}
}

// termHash hashes a term for termTable: its bytes read 8 at a time (the
// last 8, or fewer, overlapping), each mixed in by a multiplication.
func termHash[S string | []byte](t S) uint64 {
	const k = 0x9E3779B97F4A7C15
	n := len(t)
	h := uint64(n) * k
	var tail uint64
	switch {
	case n >= 8:
		for i := 0; i < n-8; i += 8 {
			h = (h ^ le64(t[i:])) * k
			h ^= h >> 29
		}
		tail = le64(t[n-8:])
	case n >= 4:
		tail = le32(t) | le32(t[n-4:])<<32
	case n > 0:
		tail = uint64(t[0]) | uint64(t[n/2])<<8 | uint64(t[n-1])<<16
	}
	h = (h ^ tail) * k
	return h ^ h>>31
}

// le64 and le32 read 8 and 4 bytes, little-endian.
func le64[S string | []byte](b S) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

func le32[S string | []byte](b S) uint64 {
	_ = b[3]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24
}

// termList is one term's postings in one chunk of documents, in document
// order. A large site has a hundred million postings: each is a varint
// in enc, about a byte, rather than a document number, flags and a count
// in three slices (nine bytes, with their spare capacity), which was a
// large build's peak. The last posting stays unencoded while its
// document is being read.
type termList struct {
	n        int32 // postings, the current one included
	cur      int32 // the current posting's document, -1 if none
	curFlags uint8 // its inTitle and inOrg
	curTF    uint8 // how often the word is in its text (at most 255)
	prev     int32 // the document of the last posting in enc
	// enc holds the postings before the current one, each
	// uvarint((doc - previous doc) << 3 | often << 2 | flags), where often
	// is a text using the word three or more times.
	enc []byte
}

func newTermList() *termList { return &termList{cur: -1} }

// flush encodes the current posting.
func (l *termList) flush() {
	if l.cur < 0 {
		return
	}
	v := uint64(l.cur-l.prev)<<3 | uint64(l.curFlags)
	if l.curTF >= 3 {
		v |= 1 << 2
	}
	l.enc = binary.AppendUvarint(l.enc, v)
	l.prev, l.cur, l.curFlags, l.curTF = l.cur, -1, 0, 0
}

// record encodes one term's lists (flushed, from consecutive chunks) for
// search.js, and returns it with the number of documents: the
// documents, then the positions in that list of those with the term in
// the title, in an organisation's name, and three or more times in the
// text (unless that set would cost more than a quarter of the list).
func record(ls []*termList) ([]byte, int) {
	n := 0
	for _, l := range ls {
		n += int(l.n)
	}
	docs := make([]int32, 0, n)
	var title, org, often []int32
	for _, l := range ls {
		doc := int32(0)
		for b := l.enc; len(b) > 0; {
			v, k := binary.Uvarint(b)
			b = b[k:]
			doc += int32(v >> 3)
			i := int32(len(docs))
			docs = append(docs, doc)
			if v&inTitle != 0 {
				title = append(title, i)
			}
			if v&inOrg != 0 {
				org = append(org, i)
			}
			if v&(1<<2) != 0 {
				often = append(often, i)
			}
		}
	}
	b := appendSet(nil, docs)
	docsLen := len(b)
	b = appendSet(b, title)
	// The organisation set is often much the same as the title set (a
	// letter's title names its recipient), so it may be stored as the
	// documents in one of the two but not both: a byte says which.
	plain, diff := appendSet([]byte{0}, org), appendSet([]byte{1}, symmetricDifference(title, org))
	b = append(b, shorter(plain, diff)...)
	// How often a word is used matters only for words few documents
	// hold: for a word in most of them, the set would cost as much as the
	// list itself and rank almost nothing, so it is left empty.
	if f := appendSet(nil, often); len(f) <= docsLen/4 {
		return append(b, f...), len(docs)
	}
	return appendSet(b, nil), len(docs)
}

// symmetricDifference returns the numbers in one of two sorted sets but
// not both.
func symmetricDifference(a, b []int32) []int32 {
	var out []int32
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return out
}

func shorter(a, b []byte) []byte {
	if len(b) < len(a) {
		return b
	}
	return a
}

// appendSet appends a sorted set of distinct non-negative numbers, as
// whichever is shorter of
//
//	0, uvarint(count), uvarint(v0), uvarint(v1-v0-1), uvarint(v2-v1-1) ...
//	1, uvarint(first), uvarint(nbytes), bitmap (bit j of byte k: first+8k+j)
func appendSet(b []byte, set []int32) []byte {
	list := binary.AppendUvarint([]byte{0}, uint64(len(set)))
	prev := int32(-1)
	for _, v := range set {
		list = binary.AppendUvarint(list, uint64(v-prev-1))
		prev = v
	}
	if len(set) > 0 {
		first := set[0]
		n := int(set[len(set)-1]-first)/8 + 1
		if head := 1 + uvarintLen(uint64(first)) + uvarintLen(uint64(n)); head+n < len(list) {
			bm := binary.AppendUvarint([]byte{1}, uint64(first))
			bm = binary.AppendUvarint(bm, uint64(n))
			at := len(bm)
			bm = append(bm, make([]byte, n)...)
			for _, v := range set {
				bm[at+int(v-first)/8] |= 1 << ((v - first) % 8)
			}
			return append(b, bm...)
		}
	}
	return append(b, list...)
}

func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

func mustJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only plain values are encoded
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// fnv32 is FNV-1a over the UTF-8 bytes, as search.js computes it.
func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// prefix is a term's vocabulary shard: its first two characters, as hex of
// their UTF-8 bytes when they are not a-z 0-9.
func prefix(t string) string {
	r := []rune(t)
	p := string(r[:min(2, len(r))])
	for _, c := range p {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return fmt.Sprintf("%x", p)
		}
	}
	return p
}
