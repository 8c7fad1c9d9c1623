package serve_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"letterpress/internal/browsertest"
)

// chromium starts headless Chromium with attacker.test pointed at
// 127.0.0.1, as a name whose owner rebinds it there would be.
func chromium(t *testing.T) context.Context {
	t.Helper()
	return browsertest.Chromium(t, chromedp.Flag("host-resolver-rules", "MAP attacker.test 127.0.0.1"))
}

// In a real browser: the preview's own page opens its event stream; a
// page at a rebound name gets the refusal, not the draft; and a page of
// another site can neither open the event stream nor read a page.
func TestBrowserRebindingRefused(t *testing.T) {
	srv, hs := draftSite(t)
	p := port(t, hs)
	browser := chromium(t)

	own, cancel := chromedp.NewContext(browser)
	defer cancel()
	if _, err := chromedp.Run(own, chromedp.Navigate("http://localhost:"+p+draftPage)); err != nil {
		t.Fatal(err)
	}
	if title, err := chromedp.Run(own, chromedp.Title()); err != nil || !strings.Contains(title, draftTitle) {
		t.Fatalf("the preview's own page: %q %v", title, err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for srv.Clients() < 1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if srv.Clients() != 1 {
		t.Fatalf("the page's event stream: %d clients", srv.Clients())
	}

	rebound, cancel := chromedp.NewContext(browser)
	defer cancel()
	if _, err := chromedp.Run(rebound, chromedp.Navigate("http://attacker.test:"+p+draftPage)); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(rebound, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil || strings.Contains(text, draftTitle) || !strings.Contains(text, "you asked for attacker.test") {
		t.Fatalf("at a rebound name: %v\n%s", err, text)
	}
	// Its script reads what it can of the same origin.
	read, err := chromedp.Run(rebound, chromedp.Evaluate[string](`fetch("/letters/").then(r => r.status + " " + r.statusText)`, chromedp.EvalAwaitPromise))
	if err != nil || !strings.HasPrefix(read, "403") {
		t.Fatalf("fetch at a rebound name: %q %v", read, err)
	}

	// Another site's page (another port is another origin).
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>Another site</title>`)
	}))
	defer other.Close()
	cross, cancel := chromedp.NewContext(browser)
	defer cancel()
	if _, err := chromedp.Run(cross, chromedp.Navigate(other.URL)); err != nil {
		t.Fatal(err)
	}
	opened, err := chromedp.Run(cross, chromedp.Evaluate[string](`new Promise(done => {
		const es = new EventSource("http://localhost:`+p+`/_letterpress/events");
		es.onopen = () => { es.close(); done("open"); };
		es.onerror = () => { es.close(); done("refused"); };
	})`, chromedp.EvalAwaitPromise))
	if err != nil || opened != "refused" || srv.Clients() != 1 {
		t.Fatalf("another site's event stream: %q %v, %d clients", opened, err, srv.Clients())
	}
	fetched, err := chromedp.Run(cross, chromedp.Evaluate[string](`fetch("http://localhost:`+p+draftPage+`").then(r => r.text(), e => "failed")`, chromedp.EvalAwaitPromise))
	if err != nil || strings.Contains(fetched, draftTitle) {
		t.Fatalf("another site's fetch: %q %v", fetched, err)
	}
}
