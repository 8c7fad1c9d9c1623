// Package serve is the preview server: it builds the site into a private
// temporary folder, serves it, watches the site's files, rebuilds
// incrementally after each save and tells open pages to reload, or shows
// them the build's errors. It answers only GET and HEAD requests, for
// localhost, IP addresses and the names it is told (see Hosts), and none
// sent by another site's page. It holds no build logic of its own
// (package build does).
package serve

import (
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

// ReloadScript is put in the <head> of every page the server renders.
const ReloadScript template.HTML = `<script src="/_letterpress/reload.js" defer></script>`

// State is what open pages are told after each build.
type State struct {
	Version int      `json:"version"`          // counts successful builds
	Errors  []string `json:"errors,omitempty"` // path:line:col: message, when the build failed
}

// Server serves a Session's site and the reload events.
type Server struct {
	session atomic.Pointer[build.Session] // nil while the first build runs
	hosts   atomic.Pointer[Hosts]         // nil: loopback names and IP addresses only
	log     io.Writer

	mu      sync.Mutex
	state   State
	clients map[chan State]struct{}
}

// New serves session; log receives one line per rebuild.
func New(session *build.Session, log io.Writer) *Server {
	s := NewStarting(log)
	s.Start(session)
	return s
}

// NewStarting serves a page saying that the site is being built (state
// version 0) until Start: the first build of a large site takes minutes,
// and the page reloads by itself when it is done.
func NewStarting(log io.Writer) *Server {
	return &Server{log: log, clients: map[chan State]struct{}{}}
}

// Start serves session's site, the result of the first build, and tells
// open pages. Rebuild may be called only after Start.
func (s *Server) Start(session *build.Session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.session.Store(session)
	s.state = stateOf(session.Errors, 1)
	s.broadcast(s.state)
}

// SetHosts sets the names the server answers besides loopback ones (by
// default it answers only those, and every IP address).
func (s *Server) SetHosts(h *Hosts) {
	s.hosts.Store(h)
}

// startingPage is what every page shows while the first build runs.
const startingPage = `<!doctype html>
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
`

func stateOf(errs *diag.List, version int) State {
	st := State{Version: version}
	if errs != nil && errs.HasErrors(false) {
		for _, e := range errs.Items() {
			st.Errors = append(st.Errors, e.Error())
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
	}
	s.state = stateOf(session.Errors, version)
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
	session := s.session.Load()
	if session == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
		if r.Method != http.MethodHead {
			io.WriteString(w, startingPage)
		}
		return
	}
	out := session.Out
	if serveFile(w, r, out, name, http.StatusOK) {
		return
	}
	// /letters/x → /letters/x/ when that is a page.
	if !strings.HasSuffix(name, "/index.html") && name != "index.html" {
		if out.Has(name + "/index.html") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	if serveFile(w, r, out, "404.html", http.StatusNotFound) {
		return
	}
	http.NotFound(w, r)
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

// serveFile serves a file of the site, if it has it. The file is opened
// under the site's lock, so it is the whole of one version even if a
// rebuild replaces it while it is sent.
func serveFile(w http.ResponseWriter, r *http.Request, out *publish.Live, name string, status int) bool {
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
