package content

import (
	"time"

	"letterpress/internal/config"
	"letterpress/internal/diag"
)

// Kind is the kind of a document, fixed by its folder under content/.
type Kind int

const (
	Letter Kind = iota
	Response
	Report
	Organisation
	Page
	numKinds
)

// Kinds lists every kind in a stable order.
var Kinds = [...]Kind{Letter, Response, Report, Organisation, Page}

var kindInfo = [numKinds]struct {
	dir     string // folder under content/ and URL section
	name    string // in messages: "letter"
	xref    string // cross-reference prefix in bodies: "letter:"
	section string // URL section ("" for pages, which live at /ID/)
}{
	Letter:       {"letters", "letter", "letter", "letters"},
	Response:     {"responses", "response", "response", "responses"},
	Report:       {"reports", "report", "report", "reports"},
	Organisation: {"organisations", "organisation", "org", "organisations"},
	Page:         {"pages", "page", "", ""},
}

// Dir is the kind's folder under content/.
func (k Kind) Dir() string { return kindInfo[k].dir }

// String is the kind's name in messages.
func (k Kind) String() string { return kindInfo[k].name }

// Prefix is the kind's cross-reference prefix ("org" for organisations); ""
// for pages, which cannot be cross-referenced by id.
func (k Kind) Prefix() string { return kindInfo[k].xref }

// KindForPrefix maps a cross-reference prefix to its kind.
func KindForPrefix(p string) (Kind, bool) {
	for _, k := range Kinds {
		if kindInfo[k].xref != "" && kindInfo[k].xref == p {
			return k, true
		}
	}
	return 0, false
}

// Pos is a position in a document's own file, kept small (a large site
// holds millions of them): Doc.At makes it a diag.Pos.
type Pos struct {
	Line, Col int32
}

// Positions that are not in the document's file.
var (
	// noPos is no position at all (diag.Pos{}).
	noPos = Pos{Line: -1}
	// ownerPos is the owner field of site.yaml: a letter's default
	// sender (see Doc.DefaultFrom).
	ownerPos = Pos{Line: -2}
)

// compact keeps a position that frontmatter gave for the document's file.
func compact(p diag.Pos) Pos {
	if p == (diag.Pos{}) {
		return noPos
	}
	return Pos{Line: int32(p.Line), Col: int32(p.Col)}
}

// At is p as a position in d's file.
func (d *Doc) At(p Pos) diag.Pos {
	switch p {
	case noPos:
		return diag.Pos{}
	case ownerPos:
		return diag.Pos{Path: config.File}
	}
	return diag.Pos{Path: d.Path, Line: int(p.Line), Col: int(p.Col)}
}

// DefaultFrom reports whether d's sender is the site's owner because d
// names none (site.yaml says who that is).
func (d *Doc) DefaultFrom() bool { return d.From.Pos == ownerPos }

// Ref is a reference to another document by id, where it was written.
type Ref struct {
	ID  string
	Pos Pos
}

// Recipient is one addressee of a letter.
type Recipient struct {
	Org  Ref
	Name string // the addressee on this letter, if named
	Role string // their role, if given
}

// Attachment is a file published with a letter or response.
type Attachment struct {
	Title string
	File  string // path under static/, without a leading slash
	Pos   Pos
}

// Doc is one document of any kind. Fields that belong to one kind only are
// left zero on the others; templates see one shape for all.
type Doc struct {
	Kind Kind
	ID   string
	// Path is the file's slash-separated path from the site root, as printed
	// in messages: content/letters/2020/2020-10-13-x.md.
	Path string
	// Lang is "en" or "cy": the lang field, the .cy.md suffix, or the site's
	// language.
	Lang string
	// Translation is true for ID.cy.md beside ID.md: the Welsh version of
	// the same document, published under /cy/.
	Translation bool

	// Common fields.
	Draft bool
	Title string
	// TitlePos is where the title (or an organisation's name) was set, or
	// the top of the file when it was not.
	TitlePos Pos
	DatePos  Pos
	Date     time.Time
	Summary  string
	Topics   []Ref
	Aliases  []string
	AliasPos []Pos // where each alias is
	Params   map[string]any

	// Letters and responses.
	From        Ref // letters: the sender (default: the site owner); responses: who replied
	InReplyTo   []Ref
	Cites       []Ref
	Attachments []Attachment

	// Letters.
	To          []Recipient
	ResponseDue time.Time // zero: date + the time allowed
	DuePos      Pos
	// Reference is the office's own reference for a letter (IASC/2020/041).
	Reference string
	// ResponseWorkingDays is the time allowed for a reply to this letter
	// in working days (0: the site's).
	ResponseWorkingDays int

	// Responses.
	Received time.Time
	Withheld string

	// Reports and organisations: their fields are apart, since most
	// documents are letters and responses. Never nil: documents of
	// other kinds share one that is empty (and must not be changed).
	*ReportOrg

	// FrontMatter is a hash of the front matter text: the preview server
	// compares it to tell a body-only edit from one that changes relations.
	FrontMatter uint64
	// Sum is the SHA-256 of the whole file as it was read: a one-shot
	// build keeps what it made of a file by it (see package buildcache's
	// manifest), and ReadText checks that the file is still the same.
	Sum [32]byte

	// Source, kept so that positions in the body can be computed (until
	// the body is converted; see also LoadFrontMatter).
	Src        []byte
	Body       []byte
	BodyOffset int
	// srcHash is a fast hash of the file as it was read: ReadText's check
	// that the file is still the same, without SHA-256 or Split.
	srcHash uint64
	// urlPath is URLPath(), made once by Decode (pages ask for their
	// documents' paths many times each).
	urlPath string
}

// ReportOrg holds the fields of reports and organisations.
type ReportOrg struct {
	// Reports.
	Publisher string
	Year      int
	URL       string // reports: the publisher's page; organisations: their site
	File      string // reports: a PDF under static/
	FilePos   Pos
	Authors   []string

	// Organisations.
	Name    string
	Type    string
	Region  string
	Holder  string
	Address []string
}

// noReportOrg is the ReportOrg of documents that are neither reports nor
// organisations.
var noReportOrg = &ReportOrg{}

// reportOrg is the ReportOrg for a document of kind k: its own, or the
// shared empty one.
func reportOrg(k Kind) *ReportOrg {
	if k == Report || k == Organisation {
		return &ReportOrg{}
	}
	return noReportOrg
}

// Label is what a document is called in lists and links: its title, an
// organisation's name, or a response's default title.
func (d *Doc) Label() string {
	if d.Kind == Organisation && d.Name != "" {
		return d.Name
	}
	return d.Title
}

// Key identifies a document across kinds and languages.
type Key struct {
	Kind        Kind
	ID          string
	Translation bool
}

// Key returns the document's key.
func (d *Doc) Key() Key { return Key{d.Kind, d.ID, d.Translation} }

// URLPath is the document's page path from the site root, as the contract
// sets it: /letters/ID/ (and /cy/letters/ID/ for a Welsh version), /ID/ for
// pages.
func (d *Doc) URLPath() string {
	if d.urlPath != "" {
		return d.urlPath
	}
	return URLPath(d.Kind, d.ID, d.Translation)
}

// URLPath is the page path of a document of kind k with id.
func URLPath(k Kind, id string, welsh bool) string {
	cy := ""
	if welsh {
		cy = "/cy"
	}
	if s := kindInfo[k].section; s != "" {
		return cy + "/" + s + "/" + id + "/"
	}
	return cy + "/" + id + "/"
}
