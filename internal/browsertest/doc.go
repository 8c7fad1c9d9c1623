// Package browsertest is what the tests of the published site share: the
// repository's root, headless Chromium (Debian's, through chromedp), the
// npm tools the tests run (axe-core, html-validate), and a loopback server
// that serves a built site as Netlify does, with netlify.toml's headers.
//
// Tools that are missing make a test skip with the command that installs
// them, except under CI (CI set), where they must be there and the test
// fails instead: a browser test is never passed without a browser.
//
// It is for tests only: package published and the command's tests use it.
package browsertest
