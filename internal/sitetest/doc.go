// Package sitetest builds whole small sites for tests from txtar archives,
// in the style of Hugo's integration tests: a site written inline, loaded
// from memory, with assertions on what comes out.
//
// It is for tests only and owns no behaviour of letterpress. [Parse] and
// [Load] make a [Site] (an fstest.MapFS plus the archive's sections that
// describe the test, such as "want"); later archives replace files of
// earlier ones, so a case starts from a shared base. [Generated] gives
// the generated corpus of n letters (package gencorpus), written once and
// shared by every test that asks for it; [AddSiteFiles] seeds fuzz
// targets with the repository's own content; [NeedTool] finds a program
// a test runs (pandoc, pdftotext), skipping without it except under CI,
// where a missing tool fails the test. InodeOf and MountTmpfs are the
// platform-specific helpers the output-folder tests share.
package sitetest
