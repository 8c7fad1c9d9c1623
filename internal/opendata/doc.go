// Package opendata writes the site's facts as files for spreadsheets and
// programs, and says what each holds for the page that describes them
// (/data/, package render's):
//
//   - data/correspondence.csv: one row per letter and recipient, with the
//     reply status;
//   - data/organisations.csv: one row per organisation, with its reply
//     record;
//   - data/letters.json, responses.json, reports.json, organisations.json:
//     every published document's front matter and derived facts;
//   - feed.json: the Atom feed's entries as a JSON Feed 1.1.
//
// Only published documents go in, and nothing of a body: summaries are the
// front matter's, and a withheld reply contributes nothing derived from its
// body (not even the reports it links to). So no file changes with an edit
// that changes only a body (the preview server's fast path, which keeps the
// graph): each file is written with no dependencies, and written again
// whenever relations change. The /data/ page shows the files' sizes, which
// change only then too.
//
// Everything is in a fixed order and holds no time but the build date, so
// that two builds of the same files are byte-identical.
//
// The texts of the /data/ page that describe the files are Messages and
// Plurals, written with package i18n in the site's language; render's
// catalogue lists them too, for the page's own text. Nothing here knows
// about layouts.
package opendata
