package opendata

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

	"letterpress/internal/content"
	"letterpress/internal/graph"
)

// csvCell neutralises spreadsheet formula injection: a text cell starting
// with =, +, -, @, a tab or a carriage return is prefixed with a quote.
func csvCell(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// writeCSV writes an RFC 4180 file (CRLF line endings) with a BOM and a
// header row. Text cells must already have passed through csvCell.
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	c := newCSVWriter(w, header)
	for _, r := range rows {
		c.row(r)
	}
	return c.close()
}

// csvWriter writes a CSV file as writeCSV does, a row at a time as the
// rows are made.
type csvWriter struct {
	w   *csv.Writer
	err error
}

func newCSVWriter(w io.Writer, header []string) *csvWriter {
	c := &csvWriter{}
	_, c.err = io.WriteString(w, csvBOM)
	c.w = csv.NewWriter(w)
	c.w.UseCRLF = true
	c.row(header)
	return c
}

func (c *csvWriter) row(r []string) {
	if c.err == nil {
		c.err = c.w.Write(r)
	}
}

func (c *csvWriter) close() error {
	c.w.Flush()
	if c.err == nil {
		c.err = c.w.Error()
	}
	return c.err
}

func csvInt(n int) string { return strconv.Itoa(n) }

var correspondenceHeader = []string{
	"letter_id", "letter_url", "letter_date", "letter_title", "recipient_id", "recipient_name",
	"status", "reply_id", "reply_url", "reply_date", "days_to_reply", "due_date", "days_overdue", "topics",
	"reply_arrived", "due_passed", "in_time",
}

// correspondenceCSV is one row per letter and recipient, newest letter
// first, recipients in the letter's order.
func (od *facts) correspondenceCSV(w io.Writer) error {
	g := od.g
	c := newCSVWriter(w, correspondenceHeader)
	for _, l := range g.Letters {
		topics := strings.Join(refIDs(l.Topics), ";")
		for _, st := range g.Statuses(l) {
			row := []string{
				csvCell(l.ID), csvCell(od.abs(l.URLPath())), isoDate(l.Date), csvCell(g.Title(l)),
				csvCell(st.Recipient.Org.ID), csvCell(od.orgName(st.Org, st.Recipient.Org.ID)),
				st.Name(), "", "", "", "", isoDate(st.Due), "", csvCell(topics),
				"", "", "",
			}
			switch st.Status {
			case graph.Replied, graph.Withheld:
				row[7], row[8], row[9], row[10] = csvCell(st.Reply.ID), csvCell(od.abs(st.Reply.URLPath())), isoDate(st.Reply.Date), csvInt(st.Days)
				row[14] = isoDate(graph.Arrived(st.Reply))
			case graph.Overdue:
				row[12] = csvInt(st.DaysLate)
			}
			if due, in := dueFacts(g, l, &st); due != nil {
				row[15] = yesNo(*due)
				if in != nil {
					row[16] = yesNo(*in)
				}
			}
			c.row(row)
		}
	}
	return c.close()
}

var organisationsHeader = []string{
	"id", "name", "type", "region", "url",
	"letters_received", "replied", "withheld", "awaiting", "overdue", "median_days_to_reply",
	"letters_due", "due_replied", "in_time", "long_overdue",
}

// dueFacts says whether a recipient's reply to a letter counts in the
// shares (due: nil for a draft, which counts nowhere) and, if it does,
// whether it came in time (graph.Record counts the same way).
func dueFacts(g *graph.Graph, l *content.Doc, st *graph.RecipientStatus) (due, inTime *bool) {
	if l.Draft || st.Org == nil {
		return nil, nil
	}
	d := g.DueFor(l, st)
	if !d {
		return &d, nil
	}
	in := st.InTime()
	return &d, &in
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// sortedOrgs are the organisations by name, then id.
func (od *facts) sortedOrgs() []*content.Doc {
	orgs := slices.Clone(od.g.Organisations)
	slices.SortStableFunc(orgs, func(a, b *content.Doc) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Label()), strings.ToLower(b.Label())), strings.Compare(a.ID, b.ID))
	})
	return orgs
}

// organisationsCSV is one row per organisation with its reply record.
func (od *facts) organisationsCSV(w io.Writer) error {
	var rows [][]string
	for _, o := range od.sortedOrgs() {
		rec := od.g.Record(o)
		median := ""
		if rec.MedianDays >= 0 {
			median = csvInt(rec.MedianDays)
		}
		rows = append(rows, []string{
			csvCell(o.ID), csvCell(o.Label()), csvCell(o.Type), csvCell(o.Region), csvCell(od.abs(o.URLPath())),
			csvInt(rec.Received), csvInt(rec.Replied), csvInt(rec.Withheld), csvInt(rec.Awaiting), csvInt(rec.Overdue), median,
			csvInt(rec.Due), csvInt(rec.DueReplied), csvInt(rec.InTime), csvInt(rec.LongOverdue),
		})
	}
	return writeCSV(w, organisationsHeader, rows)
}
