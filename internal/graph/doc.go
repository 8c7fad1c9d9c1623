// Package graph computes the site as data: which documents are published,
// the threads of letters and replies, each recipient's reply status, which
// documents cite each report, every organisation's correspondence and reply
// record, and the documents of each topic. It also finds every broken
// reference. It does no I/O.
//
// [Build] takes the settings, the loaded documents (package content) and
// what each body's conversion found (package markdown's Results: the
// cross-references in the text) and returns a [Graph], with every broken
// reference, unknown organisation, missing reply target or shadowed
// alias added to the problem list, each at the position of the text that
// made it. Every later output (pages, feeds, search, open data,
// statistics) reads the Graph and decides nothing of its own about what
// exists or how documents relate.
//
// # Reply statuses and records
//
// A letter's reply status is per recipient ([RecipientStatus]): replied,
// withheld, awaiting, overdue, or long overdue when a reply is still
// missing after twice the time allowed. The time allowed is calendar days
// or working days ([Graph.Allowed]), working days skipping weekends and
// the bank holidays of package holidays; the build date (Options.Now)
// decides what is due. A draft letter was not sent: its recipients have
// the status None, which counts nowhere.
//
// An organisation's [Record] is the one place its figures are counted,
// so that every page, chart and data file that shows them agrees. Shares
// of replies are taken over the letters due by the build date only: a
// letter not yet due is in no share, answered or not.
//
// # Why facts live in a slice
//
// All the graph knows of a document is one struct in a slice, found from
// the document's seat (its index in this graph) without a map: a page
// asks many questions about each document it shows, and on a large site
// a look-up in a map keyed by document is a cache miss. Other packages
// keep their own facts about documents in slices in the same order
// ([Graph.Index]).
package graph
