package opendata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"time"

	"letterpress/internal/content"
	"letterpress/internal/graph"
)

// writeJSONArray writes items as a JSON array, one object a line.
func writeJSONArray[T any](w io.Writer, items []T) error {
	a := newJSONArray(w)
	for i := range items {
		a.add(&items[i])
	}
	return a.close()
}

// jsonArray writes a JSON array as writeJSONArray does, an object at a time
// as the objects are made: the slice of every letter's object was larger
// than the file.
type jsonArray struct {
	w   io.Writer
	obj bytes.Buffer // one object at a time
	enc *json.Encoder
	n   int
	err error
}

func newJSONArray(w io.Writer) *jsonArray {
	a := &jsonArray{w: w}
	a.enc = json.NewEncoder(&a.obj)
	_, a.err = io.WriteString(w, "[")
	return a
}

func (a *jsonArray) add(v any) {
	if a.err != nil {
		return
	}
	a.obj.Reset()
	if a.n > 0 {
		a.obj.WriteByte(',')
	}
	a.obj.WriteByte('\n')
	if a.err = a.enc.Encode(v); a.err == nil {
		a.obj.Truncate(a.obj.Len() - 1) // the newline Encode adds
		_, a.err = a.w.Write(a.obj.Bytes())
		a.n++
	}
}

func (a *jsonArray) close() error {
	if a.err != nil {
		return a.err
	}
	end := "]\n"
	if a.n > 0 {
		end = "\n]\n"
	}
	_, err := io.WriteString(a.w, end)
	return err
}

// jsonRef is another document, by kind and id.
type jsonRef struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

func jsonRefs(ds []*content.Doc) []jsonRef {
	out := make([]jsonRef, len(ds))
	for i, d := range ds {
		out[i] = jsonRef{d.Kind.String(), d.ID}
	}
	return out
}

// jsonAttachment is a file published with a letter or reply.
type jsonAttachment struct {
	Title string `json:"title"`
	File  string `json:"file"` // absolute URL
}

func (od *facts) attachments(d *content.Doc) []jsonAttachment {
	if od.g.Withheld(d) != "" {
		return nil // see Doc.Attachments
	}
	var out []jsonAttachment
	for _, a := range d.Attachments {
		out = append(out, jsonAttachment{a.Title, od.abs(a.File)})
	}
	return out
}

// jsonRecipient is one recipient of a letter with its reply status.
type jsonRecipient struct {
	Org         string `json:"org"`
	OrgName     string `json:"org_name"`
	Name        string `json:"name,omitempty"`
	Role        string `json:"role,omitempty"`
	Status      string `json:"status"`
	Reply       string `json:"reply,omitempty"`
	ReplyDate   string `json:"reply_date,omitempty"`
	DaysToReply *int   `json:"days_to_reply,omitempty"`
	Due         string `json:"due"`
	DaysOverdue *int   `json:"days_overdue,omitempty"`
	// ReplyArrived is the date the reply counts from: received, else its date.
	ReplyArrived string `json:"reply_arrived,omitempty"`
	DuePassed    *bool  `json:"due_passed,omitempty"`
	InTime       *bool  `json:"in_time,omitempty"`
}

// jsonLetter is a letter in letters.json.
type jsonLetter struct {
	ID          string           `json:"id"`
	URL         string           `json:"url"`
	Lang        string           `json:"lang"`
	WelshURL    string           `json:"welsh_url,omitempty"`
	Title       string           `json:"title"`
	Reference   string           `json:"reference,omitempty"`
	Date        string           `json:"date"`
	Summary     string           `json:"summary,omitempty"`
	Draft       bool             `json:"draft,omitempty"`
	From        string           `json:"from,omitempty"`
	To          []string         `json:"to"`
	ResponseDue string           `json:"response_due"`
	InReplyTo   string           `json:"in_reply_to,omitempty"`
	Topics      []string         `json:"topics,omitempty"`
	Aliases     []string         `json:"aliases,omitempty"`
	Attachments []jsonAttachment `json:"attachments,omitempty"`
	Params      map[string]any   `json:"params,omitempty"`
	Recipients  []jsonRecipient  `json:"recipients"`
	Thread      []jsonRef        `json:"thread"`
	Replies     []string         `json:"replies"`
	Cites       []string         `json:"cites"`
}

// jsonResponse is a reply in responses.json.
type jsonResponse struct {
	ID          string           `json:"id"`
	URL         string           `json:"url"`
	Lang        string           `json:"lang"`
	WelshURL    string           `json:"welsh_url,omitempty"`
	Title       string           `json:"title"`
	Date        string           `json:"date"`
	Received    string           `json:"received,omitempty"`
	Summary     string           `json:"summary,omitempty"`
	Draft       bool             `json:"draft,omitempty"`
	From        string           `json:"from"`
	InReplyTo   []string         `json:"in_reply_to"`
	Withheld    string           `json:"withheld,omitempty"`
	Topics      []string         `json:"topics,omitempty"`
	Aliases     []string         `json:"aliases,omitempty"`
	Attachments []jsonAttachment `json:"attachments,omitempty"`
	Params      map[string]any   `json:"params,omitempty"`
	FollowUps   []string         `json:"follow_ups"`
	Thread      []jsonRef        `json:"thread"`
	Cites       []string         `json:"cites"`
}

// jsonReport is a report in reports.json.
type jsonReport struct {
	ID           string         `json:"id"`
	URL          string         `json:"url"`
	Lang         string         `json:"lang"`
	WelshURL     string         `json:"welsh_url,omitempty"`
	Title        string         `json:"title"`
	Date         string         `json:"date,omitempty"`
	Year         int            `json:"year,omitempty"`
	Summary      string         `json:"summary,omitempty"`
	Draft        bool           `json:"draft,omitempty"`
	Publisher    string         `json:"publisher,omitempty"`
	Authors      []string       `json:"authors,omitempty"`
	PublisherURL string         `json:"publisher_url,omitempty"`
	File         string         `json:"file,omitempty"`
	Topics       []string       `json:"topics,omitempty"`
	Aliases      []string       `json:"aliases,omitempty"`
	Params       map[string]any `json:"params,omitempty"`
	CitedBy      []jsonRef      `json:"cited_by"`
}

// jsonRecord is an organisation's reply record.
type jsonRecord struct {
	LettersReceived   int  `json:"letters_received"`
	Replied           int  `json:"replied"`
	Withheld          int  `json:"withheld"`
	Awaiting          int  `json:"awaiting"`
	Overdue           int  `json:"overdue"`
	MedianDaysToReply *int `json:"median_days_to_reply,omitempty"`
	LettersDue        int  `json:"letters_due"`
	DueReplied        int  `json:"due_replied"`
	InTime            int  `json:"in_time"`
	LongOverdue       int  `json:"long_overdue"`
}

// jsonOrganisation is an organisation in organisations.json.
type jsonOrganisation struct {
	ID       string         `json:"id"`
	URL      string         `json:"url"`
	Lang     string         `json:"lang"`
	WelshURL string         `json:"welsh_url,omitempty"`
	Name     string         `json:"name"`
	Title    string         `json:"title,omitempty"`
	Date     string         `json:"date,omitempty"`
	Summary  string         `json:"summary,omitempty"`
	Draft    bool           `json:"draft,omitempty"`
	Type     string         `json:"type,omitempty"`
	Region   string         `json:"region,omitempty"`
	Holder   string         `json:"holder,omitempty"`
	Address  []string       `json:"address,omitempty"`
	Website  string         `json:"website,omitempty"`
	Topics   []string       `json:"topics,omitempty"`
	Aliases  []string       `json:"aliases,omitempty"`
	Params   map[string]any `json:"params,omitempty"`
	Record   jsonRecord     `json:"record"`
}

func intPtr(n int) *int { return &n }

func (od *facts) lettersJSON(w io.Writer) error {
	g := od.g
	out := newJSONArray(w)
	for _, l := range g.Letters {
		dl := jsonLetter{
			ID: l.ID, URL: od.abs(l.URLPath()), Lang: l.Lang, WelshURL: od.welshURL(l),
			Title: g.Title(l), Reference: l.Reference, Date: isoDate(l.Date), Summary: l.Summary, Draft: l.Draft, From: l.From.ID,
			ResponseDue: isoDate(g.Due(l)), Topics: refIDs(l.Topics), Aliases: l.Aliases,
			Attachments: od.attachments(l), Params: params(l.Params),
			Recipients: []jsonRecipient{}, Thread: od.thread(l), Replies: ids(g.Replies(l)), Cites: ids(od.cites(l)),
		}
		for _, r := range l.To {
			dl.To = append(dl.To, r.Org.ID)
		}
		if as := g.Answers(l); len(as) > 0 {
			dl.InReplyTo = as[0].ID
		}
		for _, st := range g.Statuses(l) {
			r := jsonRecipient{
				Org: st.Recipient.Org.ID, OrgName: od.orgName(st.Org, st.Recipient.Org.ID),
				Name: st.Recipient.Name, Role: st.Recipient.Role, Status: st.Name(), Due: isoDate(st.Due),
			}
			switch st.Status {
			case graph.Replied, graph.Withheld:
				r.Reply, r.ReplyDate, r.DaysToReply = st.Reply.ID, isoDate(st.Reply.Date), intPtr(st.Days)
				r.ReplyArrived = isoDate(graph.Arrived(st.Reply))
			case graph.Overdue:
				r.DaysOverdue = intPtr(st.DaysLate)
			}
			r.DuePassed, r.InTime = dueFacts(g, l, &st)
			dl.Recipients = append(dl.Recipients, r)
		}
		out.add(&dl)
	}
	return out.close()
}

// thread is the whole thread of d, oldest first (d alone when it is in
// none).
func (od *facts) thread(d *content.Doc) []jsonRef {
	if t := od.g.Thread(d); t != nil && len(t.Docs) > 0 {
		return jsonRefs(t.Docs)
	}
	return jsonRefs([]*content.Doc{d})
}

func (od *facts) responsesJSON(w io.Writer) error {
	g := od.g
	out := newJSONArray(w)
	for _, r := range g.Responses {
		withheld := g.Withheld(r)
		summary := r.Summary
		if withheld != "" {
			summary = "" // it says what the body says
		}
		out.add(&jsonResponse{
			ID: r.ID, URL: od.abs(r.URLPath()), Lang: r.Lang, WelshURL: od.welshURL(r),
			Title: g.Title(r), Date: isoDate(r.Date), Received: isoDate(r.Received), Summary: summary, Draft: r.Draft,
			From: r.From.ID, InReplyTo: ids(g.Answers(r)), Withheld: withheld,
			Topics: refIDs(r.Topics), Aliases: r.Aliases, Attachments: od.attachments(r), Params: params(r.Params),
			FollowUps: ids(g.Replies(r)), Thread: od.thread(r), Cites: ids(od.cites(r)),
		})
	}
	return out.close()
}

func (od *facts) reportsJSON(w io.Writer) error {
	g := od.g
	out := newJSONArray(w)
	for _, rp := range g.Reports {
		dr := jsonReport{
			ID: rp.ID, URL: od.abs(rp.URLPath()), Lang: rp.Lang, WelshURL: od.welshURL(rp),
			Title: g.Title(rp), Date: isoDate(rp.Date), Year: rp.Year, Summary: rp.Summary, Draft: rp.Draft,
			Publisher: rp.Publisher, Authors: rp.Authors, PublisherURL: rp.URL,
			Topics: refIDs(rp.Topics), Aliases: rp.Aliases, Params: params(rp.Params), CitedBy: []jsonRef{},
		}
		if rp.File != "" {
			dr.File = od.abs(rp.File)
		}
		for _, d := range g.CitedBy(rp) {
			if slices.Contains(od.cites(d), rp) {
				dr.CitedBy = append(dr.CitedBy, jsonRef{d.Kind.String(), d.ID})
			}
		}
		out.add(&dr)
	}
	return out.close()
}

func (od *facts) organisationsJSON(w io.Writer) error {
	g := od.g
	var out []jsonOrganisation
	for _, o := range od.sortedOrgs() {
		rec := g.Record(o)
		do := jsonOrganisation{
			ID: o.ID, URL: od.abs(o.URLPath()), Lang: o.Lang, WelshURL: od.welshURL(o),
			Name: o.Label(), Title: o.Title, Date: isoDate(o.Date), Summary: o.Summary, Draft: o.Draft,
			Type: o.Type, Region: o.Region, Holder: o.Holder, Address: o.Address, Website: o.URL,
			Topics: refIDs(o.Topics), Aliases: o.Aliases, Params: params(o.Params),
			Record: jsonRecord{LettersReceived: rec.Received, Replied: rec.Replied, Withheld: rec.Withheld, Awaiting: rec.Awaiting, Overdue: rec.Overdue,
				LettersDue: rec.Due, DueReplied: rec.DueReplied, InTime: rec.InTime, LongOverdue: rec.LongOverdue},
		}
		if rec.MedianDays >= 0 {
			do.Record.MedianDaysToReply = intPtr(rec.MedianDays)
		}
		out = append(out, do)
	}
	return writeJSONArray(w, out)
}

// params makes front matter values that JSON cannot hold (numbers that
// are not finite, maps with keys that are not strings) into ones it can. encoding/json writes map keys sorted, so
// the output is stable.
func params(m map[string]any) map[string]any {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = paramValue(v)
	}
	return out
}

func paramValue(v any) any {
	switch v := v.(type) {
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Sprint(v)
		}
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = paramValue(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = paramValue(x)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[fmt.Sprint(k)] = paramValue(x)
		}
		return out
	case time.Time:
		return v.Format(time.RFC3339)
	}
	return v
}
