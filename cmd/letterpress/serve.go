package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/render"
	"letterpress/internal/serve"
)

// serveMemoryLimit is the preview server's soft memory limit (see
// runtime/debug.SetMemoryLimit) unless GOMEMLIMIT is set.
const serveMemoryLimit = 4 << 30

// serveStopGrace is how long letterpress serve waits, once asked to stop,
// for its last rebuild to end and its temporary folder to go.
const serveStopGrace = 500 * time.Millisecond

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	sf := addSiteFlags(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "the `address` to listen on; the default is reachable only from this computer (on any other, drafts are hidden unless --drafts-on-network)")
	noDrafts := fs.Bool("no-drafts", false, "hide drafts, as the published site does")
	draftsOnNetwork := fs.Bool("drafts-on-network", false, "show drafts even when --addr is reachable from other computers")
	var allowed hostList
	fs.Var(&allowed, "allowed-host", "also answer requests for this host `name` (repeat it or separate names with commas; .example.org is the domain and its subdomains); localhost and IP addresses are always answered")
	open := fs.Bool("open", false, "open the preview in the web browser")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *noDrafts && *draftsOnNetwork {
		return usageError{"--no-drafts hides drafts and --drafts-on-network shows them: give one"}
	}
	hosts, err := serve.NewHosts(*addr, allowed)
	if err != nil {
		return usageError{strings.ReplaceAll(err.Error(), "\n", "\nletterpress serve: ")}
	}
	fsys, date, err := sf.open(false)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return usageError{fmt.Sprintf("--addr %s: %v", *addr, err)}
	}
	defer ln.Close()
	base := "http://" + ln.Addr().String() + "/"
	// Beyond loopback, anyone who can reach the address reads the
	// preview: say so, and show drafts there only when asked to.
	tcp := ln.Addr().(*net.TCPAddr) // (a "tcp" listener's)
	network := !tcp.IP.IsLoopback()
	if tcp.IP.IsUnspecified() {
		// Every interface, loopback included: the address that opens
		// in this computer's browser.
		base = fmt.Sprintf("http://localhost:%d/", tcp.Port)
	}
	drafts := !*noDrafts && (!network || *draftsOnNetwork)
	showing := map[bool]string{true: "drafts shown", false: "drafts hidden"}[drafts]
	if network {
		where := tcp.String()
		if tcp.IP.IsUnspecified() {
			where = fmt.Sprintf("every network interface (port %d)", tcp.Port)
		}
		fmt.Fprintf(stderr, "letterpress serve: WARNING: listening on %s, which other computers on the network can reach, not only this one: anyone who can reach it can read the site it shows\n", where)
		switch {
		case drafts:
			showing = "drafts shown to the network"
			fmt.Fprintf(stderr, "letterpress serve: WARNING: drafts are shown to anyone who can reach it (--drafts-on-network)\n")
		case !*noDrafts:
			showing = "drafts hidden: the preview can be reached from the network; give --drafts-on-network to show them"
			fmt.Fprintf(stderr, "letterpress serve: drafts are hidden, as on the published site; give --drafts-on-network to show them on the network too, or --addr 127.0.0.1:%d to keep the preview on this computer\n", tcp.Port)
		}
	}

	// The preview keeps a large site's graph, jobs and list entries
	// (gigabytes on a very large site) and makes as much again of garbage
	// in a save that changes relations: past serveMemoryLimit, collect
	// harder rather than let the heap double (the default, GOGC=100).
	// GOMEMLIMIT overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
	// Watch before the first build, so that saves made while it runs are
	// rebuilt after it.
	watcher, err := serve.NewWatcher(*sf.dir, serve.Debounce)
	if err != nil {
		return fmt.Errorf("cannot watch %s: %v", *sf.dir, err)
	}
	go func() {
		for err := range watcher.Errors {
			fmt.Fprintf(stderr, "watching: %v\n", err)
		}
	}()
	// Pages say the site is being built until the first build is done
	// (minutes for a large site), then reload by themselves.
	srv := serve.NewStarting(stdout)
	srv.SetHosts(hosts)
	var session *build.Session
	rebuilding := make(chan struct{})
	go func() {
		defer close(rebuilding)
		start := time.Now()
		// Once ctx is done (Ctrl-C), a render in progress stops where it
		// is: the server is stopping, and its folder goes with it.
		session = build.NewSession(fsys, letterpress.Defaults, build.Options{Now: date, Drafts: drafts, BaseURL: base}, render.Options{Head: serve.ReloadScript, NoSearchIndex: true, Context: ctx})
		if session.Errors.HasErrors(false) {
			session.Errors.Print(stderr)
			fmt.Fprintf(stderr, "the site has errors (%s): the preview shows them until they are fixed\n", session.Errors.Summary())
		} else {
			fmt.Fprintf(stdout, "built in %v\n", time.Since(start).Round(time.Millisecond))
		}
		srv.Start(session)
		for batch := range watcher.Batches {
			srv.Rebuild(batch)
		}
	}()
	// The site is in a temporary folder: removed when the server stops,
	// after the last rebuild. Removing a large site's files can take
	// minutes on a busy disk: what is not removed in time (or a folder
	// left by a server stopped during its first build, or killed) is
	// removed by the next server.
	// Stopping takes at most serveStopGrace: a rebuild still running
	// then, or a folder not yet removed, is left to the next server.
	defer func() {
		watcher.Close()
		deadline := time.After(serveStopGrace)
		select {
		case <-rebuilding:
		case <-deadline:
			fmt.Fprintf(stderr, "stopped during a build: the next letterpress serve removes the preview's temporary folder\n")
			return
		}
		dir := session.Out.Dir() // (Close holds the folder's lock)
		closed := make(chan struct{})
		go func() {
			session.Close()
			close(closed)
		}()
		select {
		case <-closed:
		case <-deadline:
			fmt.Fprintf(stderr, "the preview's temporary folder %s is still being removed; the next letterpress serve removes what is left\n", dir)
		}
	}()

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving %s at %s (%s), building it first; press Ctrl+C to stop\n", *sf.dir, base, showing)
	if *open {
		openBrowser(base)
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case <-ctx.Done():
		// Close, not Shutdown: open pages hold their reload event
		// streams for ever, and a stopped server ends them all at once.
		_ = hs.Close()
		return nil
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}

// hostList is --allowed-host: names given in several flags or separated
// by commas.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

func (h *hostList) Set(s string) error {
	*h = append(*h, strings.Split(s, ",")...)
	return nil
}

// openBrowser opens url in the desktop's browser, if there is one.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	_ = cmd.Start()
}
