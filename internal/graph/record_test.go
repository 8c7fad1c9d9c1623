package graph_test

import (
	"testing"
	"testing/fstest"
	"time"

	"letterpress/internal/build"
	"letterpress/internal/content"
)

// TestRecordDueAndInTime pins the edges of the rule every share of
// replies follows: a letter counts once its due date is before the build
// date (a letter due on the build date is not yet due, as it is not yet
// overdue); a reply is in time if it arrived (received, else its date) on
// or before the due date; a reply to a letter not yet due counts in
// Replied but in no share.
func TestRecordDueAndInTime(t *testing.T) {
	site := fstest.MapFS{
		"site.yaml":                       {Data: []byte("title: T\nbase_url: https://example.org/\nowner: office\nresponse_days: 28\n")},
		"content/organisations/body.md":   {Data: []byte("---\nname: Body\n---\n")},
		"content/organisations/office.md": {Data: []byte("---\nname: Office\n---\n")},
	}
	letter := func(id, date string) {
		site["content/letters/"+id+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + id + "\ndate: " + date + "\nto: [body]\n---\nText.\n")}
	}
	reply := func(id, to, date, received string) {
		fm := "---\ndate: " + date + "\nfrom: body\nin_reply_to: " + to + "\n"
		if received != "" {
			fm += "received: " + received + "\n"
		}
		site["content/responses/"+id+".md"] = &fstest.MapFile{Data: []byte(fm + "---\nReply.\n")}
	}
	// Built on 1 March 2021. Letters of 1 January are due 29 January.
	letter("on-due-date", "2021-01-01")
	reply("r1", "on-due-date", "2021-01-20", "2021-01-29") // arrived on the due date: in time
	letter("day-late", "2021-01-02")
	reply("r2", "day-late", "2021-01-20", "2021-01-31") // due 30 January, arrived the 31st: late
	letter("late-by-date", "2021-01-03")
	reply("r3", "late-by-date", "2021-02-05", "") // due 31 January: late
	letter("unanswered", "2021-01-04")            // overdue
	letter("due-today", "2021-02-01")             // due 1 March, the build date: not yet due
	letter("early-reply", "2021-02-10")
	reply("r4", "early-reply", "2021-02-12", "") // answered before it is due: in no share

	g, errs := build.Load(site, build.Options{Now: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)})
	if errs.HasErrors(false) {
		t.Fatalf("load: %v", errs)
	}
	rec := g.Record(g.Site.Get(content.Organisation, "body"))
	want := struct{ received, replied, due, dueReplied, inTime, overdue, awaiting int }{6, 4, 4, 3, 1, 1, 1}
	got := struct{ received, replied, due, dueReplied, inTime, overdue, awaiting int }{rec.Received, rec.Replied, rec.Due, rec.DueReplied, rec.InTime, rec.Overdue, rec.Awaiting}
	if got != want {
		t.Errorf("record %+v, want %+v", got, want)
	}
	if rec.Late() != 2 || rec.InTimeRate() != 0.25 || rec.ReplyRate() != 0.75 {
		t.Errorf("late %d, in time %v, replied %v; want 2, 0.25, 0.75", rec.Late(), rec.InTimeRate(), rec.ReplyRate())
	}
}
