package render

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"letterpress/internal/feeds"
	"letterpress/internal/graph"
	"letterpress/internal/opendata"
)

// The open data page (/data/) and the jobs that write the files it
// describes (package opendata).

// dataPage is the data of the /data/ page.
type dataPage struct {
	Files []*dataFile
}

// dataFile is one open data file as the /data/ page describes it.
type dataFile struct {
	*opendata.File
	URL    string // path with the base path
	Anchor string // id of its section on the page

	out  Output
	once sync.Once
	size int
	err  error
}

// produce makes the file and writes it, once per graph. Its job and the
// /data/ page (for the size) both ask, in parallel; only the size is kept
// (the files of a large site are tens of megabytes).
func (f *dataFile) produce() error {
	f.once.Do(func() {
		w, err := create(f.out, f.Path)
		if err != nil {
			f.err = err
			return
		}
		cw := &countingWriter{w: w}
		bw := bufio.NewWriterSize(cw, 64<<10)
		err = f.Write(bw)
		if err == nil {
			err = bw.Flush()
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		f.size, f.err = int(cw.n), err
	})
	return f.err
}

// countingWriter counts what goes through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Size is the file's size in kilobytes, rounded up to a tenth ("0.1 KB"
// for a few bytes).
func (f *dataFile) Size() (string, error) {
	if err := f.produce(); err != nil {
		return "", err
	}
	return strconv.FormatFloat(math.Ceil(float64(f.size)*10/1024)/10, 'f', 1, 64) + " KB", nil
}

// dataJobs adds the open data files and the /data/ page.
func (ru *run) dataJobs(jobs *[]job) {
	g, s := ru.g, ru.s
	lang := s.Lang
	p := ru.r.page(g, s, "data", lang, "/data/", text.T(lang, "data-title"))
	p.Section = "data"
	p.Description = text.T(lang, "data-description")
	site := opendata.Site{
		BaseURL: s.BaseURL, BasePath: s.BasePath, Title: s.Title, Description: s.Description, Lang: s.Lang,
		Author: s.Title, FeedLength: feeds.Length, Feed: func() []opendata.FeedEntry { return feedEntries(g, s, ru.r) },
	}
	if s.Owner != nil {
		site.Author = s.Owner.Label()
	}
	var files []*dataFile
	for _, f := range opendata.Files(g, site) {
		files = append(files, &dataFile{File: f, URL: p.URLFor("/" + f.Path), Anchor: "file-" + strings.ReplaceAll(f.Name, ".", "-"), out: ru.out})
	}
	p.Data = &dataPage{Files: files}
	// Each file is made by its own job, early and on every core; the page,
	// which shows their sizes, waits for those not made yet (it made them
	// all itself, one after another, while their jobs waited for it).
	for _, f := range files {
		// Such files show no document's entry (see file).
		*jobs = append(*jobs, job{name: f.Path, early: true, run: func() error {
			ru.r.setDeps(f.Path, nil)
			return f.produce()
		}})
	}
	// The page shows no document's entry; the sizes it shows change only
	// with the files, that is with relations, when every page that is not
	// a document's is rendered again.
	ru.add(jobs, p, "/data/")
}

// feedEntries are the entries of feed.xml as feed.json has them.
func feedEntries(g *graph.Graph, s *Site, r *Renderer) []opendata.FeedEntry {
	p := &Page{Site: s, Lang: s.Lang, g: g, r: r}
	var out []opendata.FeedEntry
	for _, d := range feeds.Latest(g.Letters, g.Responses) {
		w := p.wrap(d)
		e := opendata.FeedEntry{URL: w.URL(), Title: w.Title(), Summary: w.localised().Summary, Published: feeds.Time(d.Date), Kind: d.Kind.String()}
		if w.Withheld() != "" {
			e.Summary = ""
		}
		if o := w.Sender(); o != nil {
			e.Authors = []string{o.Label()}
		}
		out = append(out, e)
	}
	return out
}
