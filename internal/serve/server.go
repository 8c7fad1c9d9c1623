package serve

import (
	"bytes"
	"crypto/rand"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"letterpress/internal/build"
	"letterpress/internal/diag"
	"letterpress/internal/publish"
)

//go:embed reload.js
var reloadJS []byte

// ReloadScript is put in the <head> of every page the server renders. As
// it serves a page, the server adds the build the page comes from (see
// labelled).
const ReloadScript template.HTML = `<script src="/_letterpress/reload.js" defer></script>`

// State is what open pages are told after each build.
type State struct {
	// Version counts the builds that changed what pages show: the first
	// (whatever its result) and each successful one after it. 0 while
	// the first build runs.
	Version int `json:"version"`
	// Build names the version of the site that pages show now: the
	// server's run and Version. A page whose build is another reloads.
	Build string `json:"build"`
	// Errors are what stops the build (path:line:col: message), when it
	// failed; warnings are not among them.
	Errors []string `json:"errors,omitempty"`
	// Warnings, when the build failed, are those of the files saved
	// since the last good build; OtherWarnings counts the rest.
	Warnings      []string `json:"warnings,omitempty"`
	OtherWarnings int      `json:"otherWarnings,omitempty"`
}

// Server serves a Session's site and the reload events.
type Server struct {
	session atomic.Pointer[build.Session] // nil while the first build runs
	hosts   atomic.Pointer[Hosts]         // nil: loopback names and IP addresses only
	log     io.Writer
	// run tells this server's builds from those of a server run before
	// it, whose pages may still be open.
	run string

	mu      sync.Mutex
	state   State
	clients map[chan State]struct{}
	// built is set once a build has succeeded: until then no page of the
	// site exists, and every path shows the errors.
	built bool
	// saved holds the paths saved since the last good build.
	saved map[string]bool
}

// New serves session; log receives one line per rebuild.
func New(session *build.Session, log io.Writer) *Server {
	s := NewStarting(log)
	s.Start(session)
	return s
}

// NewStarting serves a page saying that the site is being built (state
// version 0) until Start: the first build of a large site takes long
// enough to need saying so, and the page reloads by itself when it is done.
func NewStarting(log io.Writer) *Server {
	s := &Server{log: log, clients: map[chan State]struct{}{}, run: rand.Text()[:8], saved: map[string]bool{}}
	s.state = s.stateOf(nil, 0)
	return s
}

// Start serves session's site, the result of the first build, and tells
// open pages. Rebuild may be called only after Start.
func (s *Server) Start(session *build.Session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.session.Store(session)
	s.built = !session.Errors.HasErrors(false)
	s.state = s.stateOf(session.Errors, 1)
	s.broadcast(s.state)
}

// SetHosts sets the names the server answers besides loopback ones (by
// default it answers only those, and every IP address).
func (s *Server) SetHosts(h *Hosts) {
	s.hosts.Store(h)
}

// startingPage is what every page shows while the first build runs.
var startingPage = []byte(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Building the preview…</title>
` + string(ReloadScript) + `
</head>
<body>
<main>
<h1>Building the preview…</h1>
<p>letterpress is building the whole site for the first time. This page reloads by itself when it is ready.</p>
</main>
</body>
</html>
`)

// failedPage is what every page shows when the first build failed: there
// is no site to show yet, only its errors (which the reload script shows
// over it).
var failedPage = []byte(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site has errors</title>
` + string(ReloadScript) + `
</head>
<body>
<main>
<h1>The site has errors</h1>
<p>letterpress could not build the site: its errors are listed over this page. Fix them and save; this page shows the site as soon as it builds.</p>
</main>
</body>
</html>
`)

// stateOf makes the state pages are told after a build with problems
// errs. Only errors are listed as what to fix; of the warnings, those of
// the files saved since the last good build are listed apart (the editor
// is working on them), and the others are only counted: they were there
// before and do not stop the build. s.mu is held.
func (s *Server) stateOf(errs *diag.List, version int) State {
	st := State{Version: version, Build: fmt.Sprintf("%s.%d", s.run, version)}
	if errs == nil || !errs.HasErrors(false) {
		return st
	}
	for _, e := range errs.Items() {
		switch {
		case e.Severity == diag.Error:
			st.Errors = append(st.Errors, e.Error())
		case s.saved[e.Path]:
			st.Warnings = append(st.Warnings, e.Error())
		default:
			st.OtherWarnings++
		}
	}
	return st
}

// State returns the current build state.
func (s *Server) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// Rebuild applies a batch of changed paths and tells every open page.
func (s *Server) Rebuild(paths []string) build.Result {
	start := time.Now()
	var res build.Result
	session := s.session.Load()
	if len(paths) == 1 && paths[0] == Rescan || containsRescan(paths) {
		res = session.Full()
	} else {
		res = session.Update(paths)
	}
	took := time.Since(start)
	s.mu.Lock()
	version := s.state.Version
	if res.OK {
		version++
		s.built = true
		clear(s.saved)
	} else {
		for _, p := range paths {
			s.saved[p] = true
		}
	}
	s.state = s.stateOf(session.Errors, version)
	s.broadcast(s.state)
	s.mu.Unlock()
	if res.OK {
		what := "incremental"
		if res.Full {
			what = "full"
		}
		fmt.Fprintf(s.log, "rebuilt in %v (%s, %d file(s) changed)\n", took.Round(100*time.Microsecond), what, len(paths))
	} else {
		fmt.Fprintf(s.log, "build failed in %v: %s; still serving the last good site\n", took.Round(100*time.Microsecond), session.Errors.Summary())
		session.Errors.Print(s.log)
	}
	return res
}

// broadcast sends st to every open page. s.mu is held.
func (s *Server) broadcast(st State) {
	for c := range s.clients {
		select {
		case c <- st:
		default:
			// A slow client's queue is full: drop its oldest state, so
			// that the newest, which may be the last, always arrives.
			select {
			case <-c:
			default:
			}
			select {
			case c <- st:
			default:
			}
		}
	}
}

func containsRescan(paths []string) bool {
	for _, p := range paths {
		if p == Rescan {
			return true
		}
	}
	return false
}

// ServeHTTP serves the site, the reload script and the event stream, to
// requests for a name it answers, from none of another site's pages.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	hosts := s.hosts.Load()
	if !hosts.allows(r.Host) {
		refuseHost(w, r)
		return
	}
	// A browser sends Origin with another site's fetch, EventSource or
	// form (another port on this computer is another site); a page's own
	// requests for its links, images and scripts carry none, or its own.
	if origin := r.Header.Get("Origin"); origin != "" && !hosts.allowsOrigin(origin, r.Host) {
		refuseOrigin(w, r)
		return
	}
	events := r.URL.Path == "/_letterpress/events"
	if r.Method != http.MethodGet && (r.Method != http.MethodHead || events) {
		w.Header().Set("Allow", map[bool]string{false: "GET, HEAD", true: "GET"}[events])
		http.Error(w, "method not allowed: the preview only shows the site", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/_letterpress/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(reloadJS)
		return
	case "/_letterpress/events":
		s.events(w, r)
		return
	}
	name, ok := outputName(r.URL)
	if !ok {
		http.Error(w, "bad request: the path leaves the site", http.StatusBadRequest)
		return
	}
	// The build is read before the file is opened: a build changes the
	// files before it is announced, so a page is at least as new as the
	// build it names, and a page that names an older build than the one
	// open pages are told of reloads.
	s.mu.Lock()
	session, built, label := s.session.Load(), s.built, s.state.Build
	s.mu.Unlock()
	if session == nil || !built {
		page := startingPage
		if session != nil {
			page = failedPage
		}
		page = labelled(page, label)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
		if r.Method != http.MethodHead {
			w.Write(page)
		}
		return
	}
	out := session.Out
	if serveFile(w, r, out, name, http.StatusOK, label) {
		return
	}
	// /letters/x → /letters/x/ when that is a page.
	if !strings.HasSuffix(name, "/index.html") && name != "index.html" {
		if out.Has(name + "/index.html") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	if serveFile(w, r, out, "404.html", http.StatusNotFound, label) {
		return
	}
	http.NotFound(w, r)
}

// labelled returns page with the build it comes from (State.Build) in its
// reload script's tag, where the reload script reads it.
func labelled(page []byte, label string) []byte {
	i := bytes.Index(page, []byte(ReloadScript))
	if i < 0 {
		return page
	}
	tag := `<script src="/_letterpress/reload.js" data-build="` + template.HTMLEscapeString(label) + `" defer></script>`
	out := make([]byte, 0, len(page)+len(tag)-len(ReloadScript))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i+len(ReloadScript):]...)
}

// outputName maps a request path to a file of the build, refusing any
// path that would leave it (.., encoded or not, and backslashes).
func outputName(u *url.URL) (string, bool) {
	raw := u.EscapedPath()
	p, err := url.PathUnescape(raw)
	if err != nil || !strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") {
		clean = strings.TrimSuffix(clean, "/") + "/index.html"
	}
	name := strings.TrimPrefix(clean, "/")
	if name == "" {
		name = "index.html"
	}
	return name, true
}

// serveFile serves a file of the site, if it has it; an HTML page is
// labelled with the build label. The file is opened under the site's
// lock, so it is the whole of one version even if a rebuild replaces it
// while it is sent.
func serveFile(w http.ResponseWriter, r *http.Request, out *publish.Live, name string, status int, label string) bool {
	f, err := out.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	ct := contentType(name)
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(ct, "text/html") {
		page, err := io.ReadAll(f)
		if err != nil {
			return false
		}
		page = labelled(page, label)
		w.Header().Set("Content-Length", fmt.Sprint(len(page)))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(page)
		}
		return true
	}
	w.Header().Set("Content-Length", fmt.Sprint(info.Size()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		io.Copy(w, f)
	}
	return true
}

func contentType(name string) string {
	switch ext := path.Ext(name); {
	case name == "feed.xml" || strings.HasSuffix(name, "/feed.xml"):
		return "application/atom+xml; charset=utf-8"
	case ext == ".xml":
		return "application/xml; charset=utf-8"
	case ext == ".html":
		return "text/html; charset=utf-8"
	case ext == ".css":
		return "text/css; charset=utf-8"
	case ext == ".js":
		return "text/javascript; charset=utf-8"
	case ext == ".txt" || path.Base(name) == "_redirects":
		return "text/plain; charset=utf-8"
	case ext == ".pdf":
		return "application/pdf"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
		return "application/octet-stream"
	}
}

// events streams the build state as Server-Sent Events: the current state
// at once, then each new one.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no")
	c := make(chan State, 4)
	s.mu.Lock()
	s.clients[c] = struct{}{}
	st := s.state
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	send := func(st State) bool {
		data, _ := json.Marshal(st)
		if _, err := fmt.Fprintf(w, "event: state\ndata: %s\n\n", data); err != nil {
			return false
		}
		flusher.Flush()
		return true
	}
	if !send(st) {
		return
	}
	keepalive := time.NewTicker(25 * time.Second)
	defer keepalive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case st := <-c:
			if !send(st) {
				return
			}
		case <-keepalive.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// Subscribe sends every new state to c (for tests and benchmarks; pages
// use the event stream).
func (s *Server) Subscribe(c chan State) {
	s.mu.Lock()
	s.clients[c] = struct{}{}
	s.mu.Unlock()
}

// Clients returns the number of open event streams.
func (s *Server) Clients() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}
