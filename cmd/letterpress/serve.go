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
	"time"

	"letterpress"
	"letterpress/internal/build"
	"letterpress/internal/render"
	"letterpress/internal/serve"
)

// serveMemoryLimit is the preview server's soft memory limit (see
// runtime/debug.SetMemoryLimit) unless GOMEMLIMIT is set.
const serveMemoryLimit = 4 << 30

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	sf := addSiteFlags(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "the `address` to listen on; the default is reachable only from this computer")
	noDrafts := fs.Bool("no-drafts", false, "hide drafts, as the published site does")
	open := fs.Bool("open", false, "open the preview in the web browser")
	if err := parseFlags(fs, args); err != nil {
		return err
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

	// The preview keeps a large site's graph, jobs and list entries (2 GB
	// at 100,000 letters) and makes as much again of garbage in a save
	// that changes relations: past 4 GB, collect harder rather than let
	// the heap double (the default, GOGC=100). GOMEMLIMIT overrides it.
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
	var session *build.Session
	rebuilding := make(chan struct{})
	go func() {
		defer close(rebuilding)
		start := time.Now()
		session = build.NewSession(fsys, letterpress.Defaults, build.Options{Now: date, Drafts: !*noDrafts, BaseURL: base}, render.Options{Head: serve.ReloadScript, NoSearchIndex: true})
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
	// after the last rebuild. Removing 350,000 files takes minutes on a
	// busy disk: what is not removed within seconds (or a folder left by a
	// server stopped during its first build, or killed) is removed by the
	// next server.
	defer func() {
		watcher.Close()
		select {
		case <-rebuilding:
		case <-time.After(2 * time.Second):
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
		case <-time.After(5 * time.Second):
			fmt.Fprintf(stderr, "the preview's temporary folder %s is still being removed; the next letterpress serve removes what is left\n", dir)
		}
	}()

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving %s at %s (drafts %s), building it first; press Ctrl+C to stop\n", *sf.dir, base, map[bool]string{true: "hidden", false: "shown"}[*noDrafts])
	if *open {
		openBrowser(base)
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = hs.Shutdown(shutdown)
		return nil
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
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
