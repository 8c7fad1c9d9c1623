package build_test

import (
	"slices"
	"testing"
	"testing/fstest"

	"letterpress/internal/build"
	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/graph"
	"letterpress/internal/sitetest"
)

// TestOlderGraphAfterNewer builds two graphs of the same documents, as the
// preview server does (it keeps the previous graph to find the pages an
// edit changes): the older one must still answer for every document as
// it did before the newer one indexed the same documents.
func TestOlderGraphAfterNewer(t *testing.T) {
	site := sitetest.Load(t, "testdata/check/_base.txtar")
	site.FS["content/letters/2021/2021-03-01-northshire-pcc.cy.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Llythyr\ndate: 2021-03-01\nto: [northshire-pcc]\n---\nParagraff.\n")}
	errs := &diag.List{}
	cfg := config.Load(site.FS, errs)
	docs := content.Load(site.FS, cfg, errs)
	bodies := build.RenderBodies(docs, cfg, errs)
	if errs.HasErrors(false) {
		t.Fatal(errs)
	}
	type answers struct {
		published                         bool
		title                             string
		thread, replies, answers, citedBy []*content.Doc
		cites, correspondence             []*content.Doc
		statuses                          []graph.RecipientStatus
		body                              bool
	}
	ask := func(g *graph.Graph, d *content.Doc) answers {
		a := answers{published: g.Published(d), title: g.Title(d), replies: g.Replies(d), answers: g.Answers(d),
			citedBy: g.CitedBy(d), cites: g.Cites(d), correspondence: g.Correspondence(d), statuses: g.Statuses(d), body: g.Body(d) != nil}
		if th := g.Thread(d); th != nil {
			a.thread = th.Docs
		}
		return a
	}
	older := graph.Build(cfg, docs, bodies, graph.Options{Now: sessionNow}, &diag.List{})
	var before []answers
	related := 0
	for _, d := range docs.All() {
		a := ask(older, d)
		before = append(before, a)
		if len(a.replies) > 0 && len(a.thread) > 1 && len(a.statuses) > 0 && d.Translation {
			related++ // a Welsh letter that shares its original's thread
		}
	}
	if related == 0 {
		t.Fatal("no Welsh letter with replies: the test checks nothing of translations")
	}
	// The newer graph is of the site without its first document, so that
	// every other has another place in it.
	all := docs.All()
	newer := graph.Build(cfg, content.Assemble(all[1:], &diag.List{}), bodies, graph.Options{Now: sessionNow}, &diag.List{})
	if newer.Published(all[0]) {
		t.Fatal("the newer graph has the document left out")
	}
	for i, d := range all {
		got, want := ask(older, d), before[i]
		if got.published != want.published || got.title != want.title || got.body != want.body ||
			!slices.Equal(got.thread, want.thread) || !slices.Equal(got.replies, want.replies) || !slices.Equal(got.answers, want.answers) ||
			!slices.Equal(got.citedBy, want.citedBy) || !slices.Equal(got.cites, want.cites) ||
			!slices.Equal(got.correspondence, want.correspondence) || !slices.Equal(got.statuses, want.statuses) {
			t.Errorf("older graph, %s: %+v, want %+v", d.Path, got, want)
		}
	}
	// A document of neither graph has no facts.
	stranger := &content.Doc{Kind: content.Letter, ID: "stranger", Title: "Stranger"}
	if older.Published(stranger) || older.Replies(stranger) != nil || older.Title(stranger) != "Stranger" {
		t.Error("a document outside the graph has facts")
	}
}
