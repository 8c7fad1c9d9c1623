package serve

import (
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strings"
)

// Hosts is whom the preview answers: the names a request's Host header
// may give. Whatever it is set to, the server answers localhost, names
// ending in .localhost and every IP address; a DNS rebinding attack (a
// web page whose own name its owner has pointed at 127.0.0.1, reading the
// preview as its own site) always sends a name of its own, which the
// server refuses. An address cannot be rebound: the pages of
// http://127.0.0.1:1313/ are the server's own, whichever page links to
// them.
type Hosts struct {
	names    map[string]bool // lower case, without a final dot
	allowed  map[string]bool // the names of those given as --allowed-host
	suffixes []string        // ".example.org" (--allowed-host): its subdomains (the name itself is in names and allowed)
}

// NewHosts returns whom a server listening on listen (host:port, as given
// to --addr) answers, besides the names every server answers: the host
// part of listen when it is a name; this computer's host name when listen
// is every interface (0.0.0.0, [::] or no host); and the names of allowed
// (--allowed-host values: a name, or .name for it and its subdomains; a
// port is ignored). An allowed value that is not a host name is an error;
// every one is reported.
func NewHosts(listen string, allowed []string) (*Hosts, error) {
	h := &Hosts{names: map[string]bool{}, allowed: map[string]bool{}}
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		host = listen
	}
	if a, err := netip.ParseAddr(host); host == "" || err == nil && a.IsUnspecified() {
		if name, err := os.Hostname(); err == nil && name != "" {
			name = canonicalName(name)
			h.names[name] = true
			if !strings.Contains(name, ".") {
				h.names[name+".local"] = true // its mDNS name
			}
		}
	} else if err != nil {
		h.names[canonicalName(host)] = true
	}
	var errs []error
	for _, v := range allowed {
		name, err := allowedName(v)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if rest, ok := strings.CutPrefix(name, "."); ok {
			h.names[rest] = true
			h.allowed[rest] = true
			h.suffixes = append(h.suffixes, name)
		} else if name != "" {
			h.names[name] = true
			h.allowed[name] = true
		}
	}
	return h, errors.Join(errs...)
}

// allowedName checks an --allowed-host value and returns it in the form
// Host headers are compared in.
func allowedName(v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	switch {
	case strings.HasPrefix(v, "*.") && len(v) > 2:
		return "", fmt.Errorf("--allowed-host %s: write %s for %s and its subdomains", v, v[1:], v[2:])
	case v == "*" || v == "." || strings.HasPrefix(v, "*"):
		return "", fmt.Errorf("--allowed-host %s: name each host (or .example.org for a domain and its subdomains): answering any name would let any web page read the preview", v)
	case strings.Contains(v, "/"):
		return "", fmt.Errorf("--allowed-host %s: give a host name, such as preview.example.org, without http:// or a path", v)
	}
	host := v
	if h, _, err := net.SplitHostPort(v); err == nil {
		host = h
	} else if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
		host = v[1 : len(v)-1]
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return "", nil // every address is answered
	}
	dot := strings.HasPrefix(host, ".")
	name := canonicalName(strings.TrimPrefix(host, "."))
	if !validName(name) {
		return "", fmt.Errorf("--allowed-host %s: %q is not a host name (letters, digits, hyphens and dots, such as preview.example.org)", v, host)
	}
	if dot {
		return "." + name, nil
	}
	return name, nil
}

func validName(name string) bool {
	if name == "" || len(name) > 253 {
		return false
	}
	for label := range strings.SplitSeq(name, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, c := range label {
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// canonicalName is name in lower case without a final dot (localhost. is
// localhost).
func canonicalName(name string) string {
	return strings.TrimSuffix(strings.ToLower(name), ".")
}

// splitHost returns the host of a Host header (or an Origin's host)
// without its port: an address, or else a name in lower case. ok is false
// if it is neither.
func splitHost(hostport string) (name string, addr netip.Addr, ok bool) {
	host := hostport
	if strings.HasPrefix(hostport, "[") {
		end := strings.IndexByte(hostport, ']')
		if end < 0 {
			return "", netip.Addr{}, false
		}
		host = hostport[1:end]
		if !validPort(hostport[end+1:]) {
			return "", netip.Addr{}, false
		}
		if z, err := url.PathUnescape(host); err == nil {
			host = z // fe80::1%25eth0
		}
		a, err := netip.ParseAddr(host)
		if err != nil {
			return "", netip.Addr{}, false
		}
		return "", a, true
	}
	if i := strings.IndexByte(hostport, ':'); i >= 0 {
		host = hostport[:i]
		if !validPort(hostport[i:]) {
			return "", netip.Addr{}, false
		}
	}
	if a, err := netip.ParseAddr(host); err == nil {
		return "", a, true
	}
	if host == "" {
		return "", netip.Addr{}, false
	}
	return canonicalName(host), netip.Addr{}, true
}

// validPort reports whether s is nothing or a colon and digits, as what
// follows the host in a Host header must be.
func validPort(s string) bool {
	if s == "" {
		return true
	}
	digits, ok := strings.CutPrefix(s, ":")
	if !ok || len(digits) > 5 {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// allows reports whether the server answers hostport (a Host header). h
// may be nil: loopback names and addresses only.
func (h *Hosts) allows(hostport string) bool {
	name, addr, ok := splitHost(hostport)
	switch {
	case !ok:
		return false
	case addr.IsValid():
		return true
	case name == "localhost" || strings.HasSuffix(name, ".localhost"):
		return true
	case h == nil:
		return false
	}
	return h.names[name] || h.allowedName(name)
}

// allowedName reports whether name is one of --allowed-host or in a
// domain of one.
func (h *Hosts) allowedName(name string) bool {
	if h == nil {
		return false
	}
	if h.allowed[name] {
		return true
	}
	for _, s := range h.suffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// allowsOrigin reports whether a request for host (its Host header) with
// this Origin header may be answered: one from the server's own pages
// (the origin's host and port are those asked for), or from a page of an
// --allowed-host name (a proxy in front of the server may have changed
// the Host it asks for). Pages of other servers on this computer, other
// ports included, are other sites. ("null", sent by sandboxed frames and
// file: pages, is refused too.)
func (h *Hosts) allowsOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Path != "" {
		return false
	}
	if sameHost(u.Host, host) {
		return true
	}
	name, _, ok := splitHost(u.Host)
	return ok && name != "" && h.allowedName(name)
}

// sameHost reports whether two Host values name the same host and port,
// the default ports (80 and 443) being the same as none.
func sameHost(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(s)
		for _, p := range []string{":80", ":443"} {
			if t, ok := strings.CutSuffix(s, p); ok {
				return t
			}
		}
		return s
	}
	return norm(a) == norm(b)
}

var refusalPage = template.Must(template.New("refused").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p>{{.Text}}</p>
<p>Open <a href="{{.URL}}">{{.URL}}</a>{{if .Name}} or start the preview with <code>letterpress serve --allowed-host {{.Name}}</code> if you really need this name{{end}}.</p>
</main>
</body>
</html>
`))

// refuseHost answers a request for a name the server does not answer.
func refuseHost(w http.ResponseWriter, r *http.Request) {
	name, _, ok := splitHost(r.Host)
	asked := "you asked for " + name
	switch {
	case r.Host == "":
		asked = "your request named no host"
	case !ok:
		asked = "you asked for " + r.Host + ", which is not a host name"
	}
	refuse(w, r, "This preview only answers to localhost",
		"This preview only answers to localhost and this computer's own names, so that other web sites cannot read the letters it shows (drafts included) through your browser: "+asked+".", name)
}

// refuseOrigin answers a request sent by a page of another site.
func refuseOrigin(w http.ResponseWriter, r *http.Request) {
	refuse(w, r, "This preview does not answer pages of other sites",
		"This preview does not answer requests made by pages of other sites, so that they cannot read the letters it shows (drafts included) through your browser: this one came from "+r.Header.Get("Origin")+".", "")
}

func refuse(w http.ResponseWriter, r *http.Request, title, text, name string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusForbidden)
	if r.Method == http.MethodHead {
		return
	}
	refusalPage.Execute(w, struct{ Title, Text, URL, Name string }{title, text, localURL(r), name})
}

// localURL is the address at which the server answers the person who sent
// r: http://localhost:PORT/ if r came through loopback (or any
// interface), else the address it came to.
func localURL(r *http.Request) string {
	local, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	ap, err := netip.ParseAddrPort(fmt.Sprint(local))
	if local == nil || err != nil {
		return "http://localhost/"
	}
	a := ap.Addr().Unmap().WithZone("")
	if a.IsLoopback() || a.IsUnspecified() {
		return fmt.Sprintf("http://localhost:%d/", ap.Port())
	}
	return "http://" + netip.AddrPortFrom(a, ap.Port()).String() + "/"
}
