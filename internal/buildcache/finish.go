package buildcache

import (
	"maps"

	"letterpress/internal/content"
	"letterpress/internal/publish"
	"letterpress/internal/render"
	searchindex "letterpress/internal/search"
)

// Finish completes m, the manifest of a build, from what it made: its
// search entries (or the previous build's still good), its jobs with
// their reads and files, the output's folders, what of the output before
// the previous one is kept, and the documents' table; and writes it to a
// temporary file beside path, whose name it returns.
func Finish(path string, m, old *Manifest, plan []render.Planned, reads [][]byte, keyed *Keys, files map[string]publish.FileInfo, stamper *publish.Stamper, docs []*content.Doc, keys map[*content.Doc]render.Key, newDocs *Spill[Doc], sc *searchindex.Cache, search *SearchSpill) (string, error) {
	if err := newDocs.Finish(); err != nil {
		return "", err
	}
	if sc.Made {
		if err := search.Finish(); err != nil {
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
	m.SetJobs(plan, reads, files)
	if stamper != nil {
		dirs, err := stamper.DirStamps(maps.Keys(files))
		if err != nil {
			return "", err
		}
		m.Dirs = dirs
	}
	if m.Spare.Kept {
		m.KeepSpare(old, keyed)
	}
	m.Table = keyed.Table()
	return Write(path, m, newDocs, search)
}
