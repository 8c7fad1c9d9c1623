package buildcache

import (
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"letterpress/internal/markdown"
	"letterpress/internal/publish"
	"letterpress/internal/render"
)

// ManifestPath is where the manifest of a build into out is kept: in the
// cache folder (Dir), under a name made from out's absolute path.
func ManifestPath(out string) (string, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	dir, err := Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, hexString(sum[:8])), nil
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

// ProgramID identifies the running program by its executable's content,
// so that any other build of letterpress starts cold (Manifest.Program).
func ProgramID() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// NameIn is the file's name in the job named job.
func (f File) NameIn(job string) string {
	if f.Name == "" {
		return job
	}
	return f.Name
}

// Refs are a body's references as the manifest keeps them (without their
// file, the body's). They are made as each entry is kept, not as each
// body is converted: on a large site a copy of every body's references
// was tens of megabytes of the build's peak.
func Refs(refs []markdown.Reference) []Ref {
	if len(refs) == 0 {
		return nil
	}
	out := make([]Ref, len(refs))
	for i, r := range refs {
		out[i] = Ref{Kind: r.Kind, ID: r.ID, Offset: r.Offset, Line: r.Pos.Line, Col: r.Pos.Col, Resolved: r.Resolved}
	}
	return out
}

// Names are the names of the files of the output m describes.
func (m *Manifest) Names() []string {
	names := make([]string, 0, len(m.Jobs)+len(m.Jobs)/8+len(m.Other))
	for job, e := range m.Jobs {
		for _, f := range e.Files {
			names = append(names, f.NameIn(job))
		}
	}
	return append(names, m.Other...)
}

// SetJobs records in m the jobs of plan, with their reads (Keys.Finish,
// aligned with plan), and the files of the output
// (files) each wrote: those it names, and those in the folders it fills
// whole (the search index's), found by their folder. Files written by no
// job (the web editor's) are never reused, but a recycled output must
// know them, to remove them: they go in m.Other.
func (m *Manifest) SetJobs(plan []render.Planned, reads [][]byte, files map[string]publish.FileInfo) {
	m.Jobs = make(map[string]Job, len(plan))
	folder := map[string]int{} // a folder a job fills whole: the last such job
	for i, p := range plan {
		for _, n := range p.Names {
			if strings.HasSuffix(n, "/") {
				folder[n] = i
			}
		}
	}
	// owner is the last job filling a folder of name (each folder of the
	// name is looked up: a few).
	owner := func(name string) (int, bool) {
		i, ok := 0, false
		for j := 0; j < len(name); j++ {
			if name[j] == '/' {
				if f, found := folder[name[:j+1]]; found && (!ok || f > i) {
					i, ok = f, true
				}
			}
		}
		return i, ok
	}
	entries := make([]Job, len(plan))
	named := map[string]bool{} // files in such folders that a job names: its own
	given := 0                 // files given to jobs
	for i, p := range plan {
		entries[i].Key = p.Key
		if i < len(reads) {
			entries[i].Reads = reads[i]
		}
		for _, n := range p.Names {
			if info, ok := files[n]; ok {
				given++
				if _, in := owner(n); in {
					named[n] = true
				}
				if n == p.Name {
					n = "" // most jobs write one file, of their name
				}
				entries[i].Files = append(entries[i].Files, File{Name: n, FileInfo: info})
			}
		}
	}
	if len(folder) > 0 {
		for name, info := range files {
			if i, ok := owner(name); ok && !named[name] {
				entries[i].Files = append(entries[i].Files, File{Name: name, FileInfo: info})
				given++
			}
		}
	}
	for i, p := range plan {
		m.Jobs[p.Name] = entries[i]
	}
	if given < len(files) {
		m.Other = otherFiles(files, plan, entries)
	}
}

// otherFiles are the files that no job's entry holds.
func otherFiles(files map[string]publish.FileInfo, plan []render.Planned, entries []Job) []string {
	given := make(map[string]bool, len(files))
	for i, e := range entries {
		for _, f := range e.Files {
			given[f.NameIn(plan[i].Name)] = true
		}
	}
	var other []string
	for name := range files {
		if !given[name] {
			other = append(other, name)
		}
	}
	return other
}

// KeepSpare records in m that prev's output (that of the build before)
// is kept beside m's, for the next build to recycle. Its jobs' reads are
// numbered as m's (k.Reindex): m.Table is set after.
func (m *Manifest) KeepSpare(prev *Manifest, k *Keys) {
	m.Spare = Spare{Kept: true, Identity: prev.Output, Diff: spareDiff(prev.Jobs, m.Jobs), Other: prev.Other, Dirs: prev.Dirs}
	for i := range m.Spare.Diff {
		e := &m.Spare.Diff[i].Entry
		e.Reads = k.Reindex(e.Reads, prev.Table)
	}
}

// spareDiff lists the jobs of prev (the output to be kept beside this
// build's) that are not as in cur (this build's).
func spareDiff(prev, cur map[string]Job) []SpareJob {
	var diff []SpareJob
	for name, e := range prev {
		c, ok := cur[name]
		if ok {
			e = sameInodes(e, c)
		}
		if !ok || !sameJob(c, e) {
			diff = append(diff, SpareJob{Name: name, Entry: e})
		}
	}
	for name := range cur {
		if _, ok := prev[name]; !ok {
			diff = append(diff, SpareJob{Name: name, Absent: true})
		}
	}
	return diff
}

// sameInodes is e, a job of the output to be kept beside this build's,
// with what c, the same job of this build, records of the files that are
// the same in both (the same inode: this build linked them). Linking
// changed their change time, which c records.
func sameInodes(e, c Job) Job {
	var by map[string]publish.FileInfo
	if len(c.Files) > 8 {
		by = make(map[string]publish.FileInfo, len(c.Files))
		for _, g := range c.Files {
			by[g.Name] = g.FileInfo
		}
	}
	find := func(name string) (publish.FileInfo, bool) {
		if by != nil {
			g, ok := by[name]
			return g, ok
		}
		for _, g := range c.Files {
			if g.Name == name {
				return g.FileInfo, true
			}
		}
		return publish.FileInfo{}, false
	}
	cloned := false
	for i, f := range e.Files {
		g, ok := find(f.Name)
		if !ok || g.Ino != f.Ino || f.Ino == 0 || g == f.FileInfo {
			continue
		}
		if !cloned {
			e.Files = slices.Clone(e.Files)
			cloned = true
		}
		e.Files[i].FileInfo = g
	}
	return e
}

func sameJob(a, b Job) bool {
	return a.Key == b.Key && slices.Equal(a.Files, b.Files)
}

// SpareJobs returns the jobs of the output kept beside the one m
// describes, and the names of its files (nil if m describes none).
func (m *Manifest) SpareJobs() (jobs func(name string) (Job, bool), names []string) {
	if !m.Spare.Kept || m.Jobs == nil {
		return nil, nil
	}
	diff := make(map[string]*SpareJob, len(m.Spare.Diff))
	for i := range m.Spare.Diff {
		diff[m.Spare.Diff[i].Name] = &m.Spare.Diff[i]
	}
	job := func(name string) (Job, bool) {
		if d, ok := diff[name]; ok {
			return d.Entry, !d.Absent
		}
		e, ok := m.Jobs[name]
		return e, ok
	}
	names = make([]string, 0, len(m.Jobs)+len(m.Jobs)/8)
	add := func(job string, e Job) {
		for _, f := range e.Files {
			names = append(names, f.NameIn(job))
		}
	}
	for name, e := range m.Jobs {
		if _, ok := diff[name]; !ok {
			add(name, e)
		}
	}
	for _, d := range m.Spare.Diff {
		if !d.Absent {
			add(d.Name, d.Entry)
		}
	}
	names = append(names, m.Spare.Other...)
	return job, names
}

// Reuse is what a build takes of the outputs the manifest describes: the
// previous output (its files are linked into the new one) and the one
// kept beside it (updated in place into the new one, see
// publish.Dir.Recycle), a job's files only if the job's key is the same.
type Reuse struct {
	m         *Manifest
	dir       *publish.Dir
	linkable  bool
	spare     func(name string) (Job, bool)
	spareName []string
	mu        sync.Mutex
	err       error
}

// Reuse checks that the outputs into dir that m describes, which the
// build replaces or removes, hold only files that a build wrote, before
// anything is touched. why says why no file is linked, if so.
func (m *Manifest) Reuse(dir *publish.Dir) (r *Reuse, why string, err error) {
	r = &Reuse{m: m, dir: dir}
	// Files are linked from the output only if it is the one the manifest
	// describes.
	if m.Jobs != nil {
		id, err := dir.PreviousIdentity()
		r.linkable = err == nil && id == m.Output
		if !r.linkable {
			why = "the output is not the one the last build made"
		}
	}
	var cur, spare *publish.Described
	if r.linkable {
		// The previous output is removed by the names of its files.
		names := m.Names()
		dir.Previous(names)
		cur = &publish.Described{Identity: m.Output, Names: names, Dirs: m.Dirs}
	}
	r.spare, r.spareName = m.SpareJobs()
	if r.spare != nil {
		spare = &publish.Described{Identity: m.Spare.Identity, Names: r.spareName, Dirs: m.Spare.Dirs}
	}
	return r, why, dir.CheckPrevious(cur, spare)
}

// Linkable reports whether the previous output is the one the manifest
// describes.
func (r *Reuse) Linkable() bool { return r.linkable }

// Recycle makes the build update the output kept beside the previous one
// in place, if the manifest describes one.
func (r *Reuse) Recycle() {
	if r.spare != nil && !r.dir.Recycle(r.m.Spare.Identity, r.spareName, r.m.Spare.Dirs) {
		r.spare = nil
	}
}

// Job returns how the files of job p are reused instead of rendered (see
// render.Renderer.RenderReusing): kept as they are in the recycled
// output, or linked from the previous one, where same says that the
// outputs' entry for the job holds (Keys.Same); nil if they cannot be.
// It reports false if it did not put them in place.
func (r *Reuse) Job(p *render.Planned, same func(*render.Planned, Job) bool) func() bool {
	dir := r.dir
	var keep, link func() bool
	if r.spare != nil {
		if e, ok := r.spare(p.Name); ok && len(e.Files) > 0 && same(p, e) {
			keep = func() bool {
				return dir.Keep(len(e.Files), func(i int) (string, publish.FileInfo) {
					return e.Files[i].NameIn(p.Name), e.Files[i].FileInfo
				}) == nil
			}
		}
	}
	if e, ok := r.m.Jobs[p.Name]; r.linkable && ok && len(e.Files) > 0 && same(p, e) {
		link = func() bool {
			for i, f := range e.Files {
				if err := dir.Link(f.NameIn(p.Name), f.FileInfo); err != nil {
					for _, g := range e.Files[:i] {
						_ = dir.Unlink(g.NameIn(p.Name))
					}
					if !errors.Is(err, publish.ErrChanged) {
						r.mu.Lock()
						r.err = err
						r.mu.Unlock()
					}
					return false
				}
			}
			return true
		}
	}
	switch {
	case keep == nil:
		return link
	case link == nil:
		return keep
	}
	return func() bool { return keep() || link() }
}

// Err is the last error linking a file met, other than the file having
// changed since the manifest described it (which renders the job again).
func (r *Reuse) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}
