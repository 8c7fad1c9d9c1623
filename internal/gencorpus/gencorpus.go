package gencorpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Fixed calendar of the corpus.
var (
	firstDay  = day(2018, 1, 1)   // earliest letter
	lastDay   = day(2026, 11, 30) // nothing is dated after this
	reportDay = day(2015, 1, 1)   // earliest report
)

const (
	ownerID      = "iasc"
	responseDays = 28
	numOrgs      = 200
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// ---------------------------------------------------------------------------
// Data model of the generated corpus.

type org struct {
	ID, Name, Type, Region, Holder, Role string
	Address                              []string
	URL                                  string
}

type report struct {
	ID, Title, Publisher, URL string
	Authors                   []string
	Date                      time.Time
}

type letter struct {
	ID        string
	Date      time.Time
	To        []string // organisation ids
	Subject   subject
	InReplyTo *response // follow-up letters only
	Batch     bool
	Draft     bool
	Lang      string
	Due       time.Time // zero: default (date + response_days)
}

type response struct {
	ID     string
	Date   time.Time
	From   string
	Letter *letter
	Draft  bool
	Lang   string
}

// subject is what a letter is about: a slug fragment, a phrase for titles
// and sentences, and the topic id it belongs to.
type subject struct{ slug, phrase, topic string }

// ---------------------------------------------------------------------------
// Vocabulary. Everything below is invented for the generator.

var topics = []string{"victim-care", "law-enforcement", "prevention", "research", "international"}

var subjects = []subject{
	{"vru", "violence reduction units", "prevention"},
	{"nrm-decisions", "National Referral Mechanism decision making", "victim-care"},
	{"child-victims", "support for child victims of trafficking", "victim-care"},
	{"statutory-defence", "the section 45 statutory defence", "law-enforcement"},
	{"supply-chains", "transparency in supply chains", "prevention"},
	{"data-sharing", "data sharing between agencies", "research"},
	{"first-responders", "first responder training", "victim-care"},
	{"prosecutions", "modern slavery prosecutions", "law-enforcement"},
	{"county-lines", "criminal exploitation and county lines", "law-enforcement"},
	{"labour-exploitation", "labour exploitation in high-risk sectors", "prevention"},
	{"recovery-support", "long-term recovery support for survivors", "victim-care"},
	{"public-health", "a public health approach to modern slavery", "research"},
	{"overseas-cooperation", "cooperation with source countries", "international"},
	{"returns", "safe and sustainable returns", "international"},
	{"housing", "safe accommodation for survivors", "victim-care"},
	{"financial-investigation", "financial investigation and asset recovery", "law-enforcement"},
	{"procurement", "ethical public procurement", "prevention"},
	{"evidence-base", "the modern slavery evidence base", "research"},
	{"strategic-plan", "the strategic plan and its priorities", "research"},
	{"care-leavers", "care leavers at risk of exploitation", "prevention"},
}

var sentenceSubjects = []string{
	"my office", "the Home Office", "local authorities", "your force", "partner agencies",
	"the Crown Prosecution Service", "first responder organisations", "Independent Child Trafficking Guardians",
	"the Single Competent Authority", "survivor-led organisations", "police forces", "health partners",
	"businesses in the region", "the Gangmasters and Labour Abuse Authority", "frontline practitioners",
	"Police and Crime Commissioners", "the Government", "safeguarding partnerships", "the devolved administrations",
	"the voluntary sector", "my policy leads", "independent researchers", "the multi-agency team",
}

var sentenceVerbs = []string{
	"identified", "highlighted", "raised concerns about", "reported improvements in", "committed to",
	"reviewed", "underlined the importance of", "set out plans for", "invested in", "published guidance on",
	"should consider", "must prioritise", "could strengthen", "would benefit from", "will need to review",
	"have begun to examine", "continue to support", "agreed to share information on", "were asked to report on",
	"need clearer direction on", "asked for evidence about", "responded positively to work on",
}

var sentenceObjects = []string{
	"the identification of victims", "early intervention", "the quality of referrals", "support for child victims",
	"the use of the statutory defence", "long-term recovery support", "training for frontline staff",
	"prosecution outcomes", "the recording of modern slavery crimes", "victim-centred investigation",
	"multi-agency safeguarding arrangements", "the needs of adult survivors", "exploitation in supply chains",
	"the length of time taken to reach decisions", "access to legal advice", "the disruption of organised networks",
	"information sharing protocols", "the availability of interpreters", "safe accommodation",
	"the transition from child to adult services", "data on outcomes for survivors", "awareness among employers",
	"the findings of recent inspections", "local anti-slavery partnerships", "the commissioning of support services",
	"intelligence on emerging threats", "the experience of people with lived experience", "compensation for victims",
	"joint working with immigration enforcement", "the protection of people in temporary work",
}

var qualifiers = []string{
	"across England and Wales", "in the coming year", "as a matter of urgency", "within existing resources",
	"in line with the Modern Slavery Act 2015", "ahead of the next spending review", "at a local level",
	"over the last twelve months", "since the pandemic", "in partnership with the voluntary sector",
	"for the first time", "in every force area", "where resources allow", "during the current financial year",
	"", "", "", "",
}

var connectors = []string{"However", "In addition", "Furthermore", "At the same time", "In particular",
	"Nevertheless", "As a result", "More broadly", "In my view", "Encouragingly"}

var requests = []string{"an update", "further information", "your assessment", "details of the steps taken",
	"a summary of progress", "data", "your views", "an indication of timescales"}

var headings = []string{"Background", "Victim identification", "Next steps", "Data and evidence",
	"Partnership working", "Training and awareness", "Funding", "Recommendations", "Support for survivors",
	"Criminal exploitation", "Prosecutions", "International cooperation", "Questions for your office"}

// A small Welsh grammar for lang: cy documents.
var (
	cySubjects   = []string{"fy swyddfa", "yr heddlu", "awdurdodau lleol", "ein partneriaid", "Llywodraeth Cymru", "y gwasanaethau iechyd", "y trydydd sector"}
	cyVerbs      = []string{"wedi nodi", "yn cefnogi", "yn ystyried", "wedi adolygu", "yn blaenoriaethu", "wedi cyhoeddi canllawiau ar"}
	cyObjects    = []string{"gofal dioddefwyr", "caethwasiaeth fodern", "atal camfanteisio", "hyfforddiant staff", "rhannu data", "cefnogaeth hirdymor i oroeswyr", "erlyniadau"}
	cyQualifiers = []string{"ledled Cymru", "eleni", "ar frys", "yn lleol", "dros y flwyddyn nesaf", ""}
)

var firstNames = []string{"Alun", "Bethan", "Catherine", "David", "Eleri", "Fiona", "Gareth", "Helen", "Ian",
	"Joanna", "Kieran", "Lowri", "Mark", "Nia", "Owen", "Priya", "Rhys", "Sarah", "Tom", "Usha", "Vikram", "Wendy", "Yusuf", "Zara"}
var lastNames = []string{"Ahmed", "Bowen", "Carter", "Davies", "Evans", "Fletcher", "Griffiths", "Hughes", "Islam",
	"Jones", "Khan", "Lewis", "Morgan", "Nicholls", "Owens", "Patel", "Quinn", "Roberts", "Singh", "Thomas", "Walsh", "Williams"}
var streets = []string{"High Street", "Station Road", "Castle Street", "Park Lane", "Church Road", "Victoria Way", "Mill Lane", "Queen Street"}

var areas = []struct{ id, name string }{
	{"avon-and-somerset", "Avon and Somerset"}, {"bedfordshire", "Bedfordshire"}, {"cambridgeshire", "Cambridgeshire"},
	{"cheshire", "Cheshire"}, {"cleveland", "Cleveland"}, {"cumbria", "Cumbria"}, {"derbyshire", "Derbyshire"},
	{"devon-and-cornwall", "Devon and Cornwall"}, {"dorset", "Dorset"}, {"durham", "Durham"}, {"dyfed-powys", "Dyfed-Powys"},
	{"essex", "Essex"}, {"gloucestershire", "Gloucestershire"}, {"greater-manchester", "Greater Manchester"}, {"gwent", "Gwent"},
	{"hampshire", "Hampshire"}, {"hertfordshire", "Hertfordshire"}, {"humberside", "Humberside"}, {"kent", "Kent"},
	{"lancashire", "Lancashire"}, {"leicestershire", "Leicestershire"}, {"lincolnshire", "Lincolnshire"},
	{"merseyside", "Merseyside"}, {"norfolk", "Norfolk"}, {"north-wales", "North Wales"}, {"north-yorkshire", "North Yorkshire"},
	{"northamptonshire", "Northamptonshire"}, {"northumbria", "Northumbria"}, {"nottinghamshire", "Nottinghamshire"},
	{"south-wales", "South Wales"}, {"south-yorkshire", "South Yorkshire"}, {"staffordshire", "Staffordshire"},
	{"suffolk", "Suffolk"}, {"surrey", "Surrey"}, {"sussex", "Sussex"}, {"thames-valley", "Thames Valley"},
	{"warwickshire", "Warwickshire"}, {"west-mercia", "West Mercia"}, {"west-midlands", "West Midlands"},
	{"west-yorkshire", "West Yorkshire"}, {"wiltshire", "Wiltshire"}, {"london", "London"},
}

// Per-area bodies: id suffix, name pattern, type, role of the office-holder.
var areaBodies = []struct{ suffix, name, typ, role string }{
	{"pcc", "%s Police and Crime Commissioner", "Police and Crime Commissioner", "Police and Crime Commissioner"},
	{"police", "%s Police", "Police force", "Chief Constable"},
	{"council", "%s County Council", "Local authority", "Chief Executive"},
	{"asp", "%s Anti-Slavery Partnership", "Anti-slavery partnership", "Chair"},
}

// National bodies; the first is the site owner. 168 area bodies + 32 = 200.
var nationalBodies = []struct{ id, name, typ string }{
	{"iasc", "Independent Anti-Slavery Commissioner", "Independent office"},
	{"home-office", "Home Office", "Government department"},
	{"ministry-of-justice", "Ministry of Justice", "Government department"},
	{"cps", "Crown Prosecution Service", "Prosecuting authority"},
	{"nca", "National Crime Agency", "Law enforcement agency"},
	{"dwp", "Department for Work and Pensions", "Government department"},
	{"dfe", "Department for Education", "Government department"},
	{"dhsc", "Department of Health and Social Care", "Government department"},
	{"fcdo", "Foreign, Commonwealth and Development Office", "Government department"},
	{"dbt", "Department for Business and Trade", "Government department"},
	{"cabinet-office", "Cabinet Office", "Government department"},
	{"hm-treasury", "HM Treasury", "Government department"},
	{"welsh-government", "Welsh Government", "Devolved government"},
	{"scottish-government", "Scottish Government", "Devolved government"},
	{"ni-executive", "Northern Ireland Executive", "Devolved government"},
	{"glaa", "Gangmasters and Labour Abuse Authority", "Regulator"},
	{"cqc", "Care Quality Commission", "Regulator"},
	{"ofsted", "Ofsted", "Inspectorate"},
	{"hmicfrs", "HM Inspectorate of Constabulary and Fire & Rescue Services", "Inspectorate"},
	{"college-of-policing", "College of Policing", "Professional body"},
	{"npcc", "National Police Chiefs' Council", "Police body"},
	{"apcc", "Association of Police and Crime Commissioners", "Police body"},
	{"lga", "Local Government Association", "Membership body"},
	{"nhs-england", "NHS England", "Health body"},
	{"ukhsa", "UK Health Security Agency", "Health body"},
	{"ukvi", "UK Visas and Immigration", "Government agency"},
	{"border-force", "Border Force", "Government agency"},
	{"hmrc", "HM Revenue and Customs", "Government department"},
	{"victims-commissioner", "Victims' Commissioner", "Independent office"},
	{"childrens-commissioner", "Children's Commissioner for England", "Independent office"},
	{"ehrc", "Equality and Human Rights Commission", "Regulator"},
	{"modern-slavery-pec", "Modern Slavery and Human Rights Policy and Evidence Centre", "Research centre"},
}

var reportKinds = []string{"a call for evidence", "findings and recommendations", "a review of current practice",
	"a thematic inspection", "an evidence review", "a scoping study", "interim findings", "practitioner guidance"}
var externalPublishers = []string{"University of Nottingham Rights Lab", "Office for National Statistics",
	"Anti-Slavery International", "ECPAT UK", "Hope for Justice", "Unseen UK", "The Salvation Army", "Human Trafficking Foundation"}

// ---------------------------------------------------------------------------
// Generator state.

type gen struct {
	rng       *rand.Rand
	orgs      []*org
	orgByID   map[string]*org
	byType    map[string][]*org // area bodies grouped by suffix, for batch letters
	reports   []*report         // sorted by date
	letters   []*letter
	responses []*response
	used      map[string]bool // ids taken, per kind prefix ("l:", "r:", "p:")
	out       string
	files     int
	bytes     int64
}

func (g *gen) intn(n int) int         { return g.rng.IntN(n) }
func (g *gen) chance(p float64) bool  { return g.rng.Float64() < p }
func (g *gen) pick(s []string) string { return s[g.rng.IntN(len(s))] }
func (g *gen) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// uniqueID returns base, or base-2, base-3 ... if taken within kind.
func (g *gen) uniqueID(kind, base string) string {
	id := base
	for i := 2; g.used[kind+id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	g.used[kind+id] = true
	return id
}

// Stats counts what Write wrote.
type Stats struct {
	Files                                      int
	Bytes                                      int64
	Letters, Responses, Reports, Organisations int
}

// Write writes the corpus of n letters made from seed into dir, which must
// not exist or be empty. The same n and seed always give the same files.
func Write(dir string, n int, seed uint64) (Stats, error) {
	if n < 1 {
		return Stats{}, fmt.Errorf("gencorpus: %d letters: give at least 1", n)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return Stats{}, fmt.Errorf("gencorpus: %s is not empty: give a new or empty folder", dir)
	}
	g := &gen{
		rng:     rand.New(rand.NewPCG(seed, 0x6c65747465727072)), // "letterpr"
		orgByID: map[string]*org{},
		byType:  map[string][]*org{},
		used:    map[string]bool{},
		out:     dir,
	}
	g.makeOrgs()
	g.makeReports(max(n/10, 20))
	g.makeCorrespondence(n)
	if err := g.writeAll(); err != nil {
		return Stats{}, fmt.Errorf("gencorpus: %w", err)
	}
	return Stats{Files: g.files, Bytes: g.bytes, Letters: len(g.letters), Responses: len(g.responses),
		Reports: len(g.reports), Organisations: len(g.orgs)}, nil
}

// ---------------------------------------------------------------------------
// Planning: who writes to whom, when.

func (g *gen) person() string { return g.pick(firstNames) + " " + g.pick(lastNames) }

func (g *gen) postcode() string {
	l := func() byte { return byte('A' + g.intn(26)) }
	return fmt.Sprintf("%c%c%d %d%c%c", l(), l(), g.between(1, 99), g.intn(10), l(), l())
}

func (g *gen) makeOrgs() {
	add := func(o *org) { g.orgs = append(g.orgs, o); g.orgByID[o.ID] = o }
	for _, nb := range nationalBodies {
		add(&org{ID: nb.id, Name: nb.name, Type: nb.typ, Region: "United Kingdom", Holder: g.person(), Role: "Chief Executive",
			Address: []string{strconv.Itoa(g.between(1, 120)) + " " + g.pick(streets), "London", g.postcode()},
			URL:     "https://www.example.gov.uk/" + nb.id})
	}
	for _, b := range areaBodies {
		for _, a := range areas {
			o := &org{ID: a.id + "-" + b.suffix, Name: fmt.Sprintf(b.name, a.name), Type: b.typ, Region: a.name,
				Holder: g.person(), Role: b.role,
				Address: []string{strconv.Itoa(g.between(1, 120)) + " " + g.pick(streets), a.name, g.postcode()},
				URL:     "https://www.example.org.uk/" + a.id + "-" + b.suffix}
			add(o)
			g.byType[b.suffix] = append(g.byType[b.suffix], o)
		}
	}
	g.orgs[0].Role = "Independent Anti-Slavery Commissioner" // the site owner; the plan picks recipients from g.orgs[1:numOrgs]
}

func (g *gen) makeReports(count int) {
	span := int(lastDay.Sub(reportDay).Hours() / 24)
	for i := 0; i < count; i++ {
		d := reportDay.AddDate(0, 0, g.intn(span-30))
		r := &report{Date: d}
		switch {
		case g.chance(0.1):
			r.Title = fmt.Sprintf("Annual Report %d to %d", d.Year()-1, d.Year())
			r.Publisher = g.orgs[0].Name
		default:
			s := subjects[g.intn(len(subjects))]
			r.Title = upperFirst(s.phrase) + ": " + g.pick(reportKinds)
			if g.chance(0.5) {
				r.Publisher = g.orgs[g.intn(len(nationalBodies))].Name
			} else {
				r.Publisher = g.pick(externalPublishers)
			}
		}
		for k := g.between(0, 3); k > 0; k-- {
			r.Authors = append(r.Authors, g.person())
		}
		base, year := slugify(r.Title, 8), strconv.Itoa(d.Year())
		if !strings.HasSuffix(base, year) {
			base += "-" + year
		}
		r.ID = g.uniqueID("p:", base)
		r.URL = "https://www.example.org/publications/" + r.ID
		g.reports = append(g.reports, r)
	}
	sort.SliceStable(g.reports, func(i, j int) bool { return g.reports[i].Date.Before(g.reports[j].Date) })
}

// makeCorrespondence creates exactly n letters. Base letters are drawn one at
// a time; each is followed through its replies and follow-ups (a FIFO queue)
// before the next base letter, and no follow-up is created once n is reached.
func (g *gen) makeCorrespondence(n int) {
	span := int(lastDay.Sub(firstDay).Hours() / 24)
	for len(g.letters) < n {
		l := &letter{Date: firstDay.AddDate(0, 0, g.intn(span+1)), Subject: subjects[g.intn(len(subjects))]}
		if g.chance(0.10) {
			l.Batch = true
			kind := areaBodies[g.intn(2)].suffix // batches go to PCCs or chief constables
			pool := g.byType[kind]
			for _, i := range g.rng.Perm(len(pool))[:18] {
				l.To = append(l.To, pool[i].ID)
			}
		} else {
			k := 1
			if r := g.rng.Float64(); r > 0.9 {
				k = 3
			} else if r > 0.6 {
				k = 2
			}
			for _, i := range g.rng.Perm(numOrgs - 1)[:k] {
				l.To = append(l.To, g.orgs[i+1].ID) // never the owner
			}
		}
		g.addLetter(l)
		queue := []*letter{l}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			if cur.Draft {
				continue // drafts are not sent, so never answered
			}
			for _, to := range cur.To {
				if !g.chance(0.7) {
					continue
				}
				rd := cur.Date.AddDate(0, 0, g.replyDelay())
				if rd.After(lastDay) {
					continue
				}
				r := &response{Date: rd, From: to, Letter: cur, Draft: g.chance(0.01)}
				if g.chance(0.05) {
					r.Lang = "cy"
				}
				r.ID = g.uniqueID("r:", rd.Format("2006-01-02")+"-"+to)
				g.responses = append(g.responses, r)
				if r.Draft || len(g.letters) >= n || !g.chance(0.10) {
					continue
				}
				fd := rd.AddDate(0, 0, g.between(5, 45))
				if fd.After(lastDay) {
					continue
				}
				f := &letter{Date: fd, To: []string{to}, Subject: cur.Subject, InReplyTo: r}
				g.addLetter(f)
				queue = append(queue, f)
			}
		}
	}
}

// replyDelay is skewed: most replies come within two months, a few take four.
func (g *gen) replyDelay() int {
	if g.chance(0.8) {
		return g.between(7, 60)
	}
	return g.between(61, 120)
}

func (g *gen) addLetter(l *letter) {
	l.Draft = l.InReplyTo == nil && g.chance(0.01)
	if g.chance(0.05) {
		l.Lang = "cy"
	}
	if g.chance(0.05) {
		l.Due = l.Date.AddDate(0, 0, g.pick2(14, 56))
	}
	slug := l.To[0] + "-" + l.Subject.slug
	switch {
	case l.Batch:
		slug = "batch-pccs-" + l.Subject.slug
		if strings.HasSuffix(l.To[0], "-police") {
			slug = "batch-chief-constables-" + l.Subject.slug
		}
	case l.InReplyTo != nil:
		slug = l.To[0] + "-follow-up"
	}
	l.ID = g.uniqueID("l:", l.Date.Format("2006-01-02")+"-"+slug)
	g.letters = append(g.letters, l)
}

func (g *gen) pick2(a, b int) int {
	if g.chance(0.5) {
		return a
	}
	return b
}

// citeable returns a report published on or before d (mostly recent ones).
func (g *gen) citeable(d time.Time) *report {
	k := sort.Search(len(g.reports), func(i int) bool { return g.reports[i].Date.After(d) })
	if k == 0 {
		return g.reports[g.intn(min(5, len(g.reports)))]
	}
	if g.chance(0.7) {
		lo := max(0, k-60)
		return g.reports[lo+g.intn(k-lo)]
	}
	return g.reports[g.intn(k)]
}

// ---------------------------------------------------------------------------
// Text.

func (g *gen) sentence(lang string) string {
	if lang == "cy" {
		s := "Mae " + g.pick(cySubjects) + " " + g.pick(cyVerbs) + " " + g.pick(cyObjects)
		if q := g.pick(cyQualifiers); q != "" {
			s += " " + q
		}
		return s + "."
	}
	q := g.pick(qualifiers)
	if q != "" {
		q = " " + q
	}
	switch g.intn(6) {
	case 0:
		return fmt.Sprintf("I would welcome %s on %s%s.", g.pick(requests), g.pick(sentenceObjects), q)
	case 1:
		return fmt.Sprintf("%s, %s %s %s, and %s %s %s.", g.pick(connectors), g.pick(sentenceSubjects),
			g.pick(sentenceVerbs), g.pick(sentenceObjects), g.pick(sentenceSubjects), g.pick(sentenceVerbs), g.pick(sentenceObjects))
	case 2:
		return fmt.Sprintf("In %d, %s %s %s%s.", g.between(2015, 2026), g.pick(sentenceSubjects), g.pick(sentenceVerbs), g.pick(sentenceObjects), q)
	case 3:
		return fmt.Sprintf("It is essential that %s improve %s%s.", g.pick(sentenceSubjects), g.pick(sentenceObjects), q)
	default:
		return upperFirst(fmt.Sprintf("%s %s %s%s.", g.pick(sentenceSubjects), g.pick(sentenceVerbs), g.pick(sentenceObjects), q))
	}
}

// doc accumulates a Markdown body and counts its words.
type doc struct {
	g     *gen
	lang  string
	paras []string // blocks, joined by blank lines
	words int
	notes []string // footnote definitions, in order
	cites []string // report ids, first-seen order
}

func (d *doc) add(block string) {
	d.paras = append(d.paras, block)
	d.words += len(strings.Fields(block))
}

func (d *doc) paragraph() string {
	k := d.g.between(2, 5)
	s := make([]string, k)
	for i := range s {
		s[i] = d.g.sentence(d.lang)
	}
	return strings.Join(s, " ")
}

func (d *doc) cite(r *report) {
	for _, id := range d.cites {
		if id == r.ID {
			return
		}
	}
	d.cites = append(d.cites, r.ID)
}

// footnote returns a "[^k]" marker whose definition cites a report.
func (d *doc) footnote(r *report) string {
	d.cite(r)
	d.notes = append(d.notes, fmt.Sprintf("[^%d]: %s (%d) [%s](report:%s)", len(d.notes)+1, r.Publisher, r.Date.Year(), r.Title, r.ID))
	return fmt.Sprintf("[^%d]", len(d.notes))
}

func (d *doc) list() string {
	k := d.g.between(3, 6)
	items := make([]string, k)
	for i := range items {
		items[i] = "- " + upperFirst(d.g.pick(sentenceObjects)) + strings.TrimRight(" "+d.g.pick(qualifiers), " ")
	}
	return strings.Join(items, "\n")
}

func (d *doc) table() string {
	var b strings.Builder
	y := d.g.between(2018, 2025)
	fmt.Fprintf(&b, "| Area | Referrals %d | Referrals %d | Change |\n|---|---:|---:|---:|\n", y-1, y)
	for k := d.g.between(4, 8); k > 0; k-- {
		a, c := d.g.between(20, 900), d.g.between(20, 900)
		fmt.Fprintf(&b, "| %s | %d | %d | %+d%% |\n", areas[d.g.intn(len(areas))].name, a, c, (c-a)*100/a)
	}
	return strings.TrimRight(b.String(), "\n")
}

// body builds the main text to about target words, weaving in footnotes,
// headings, a list, a table and org: links as requested.
func (d *doc) body(target, footnotes int, date time.Time, headings, list, table bool) {
	start := len(d.paras)
	for d.words < target {
		if headings && len(d.paras) > start && d.g.chance(0.25) {
			d.add("## " + d.g.pick(headingsFor(d.lang)))
		}
		p := d.paragraph()
		if d.g.chance(0.15) {
			o := d.g.orgs[1+d.g.intn(numOrgs-1)]
			p += fmt.Sprintf(" I have also written to [%s](org:%s) on this matter.", o.Name, o.ID)
		}
		if d.g.chance(0.08) {
			r := d.g.citeable(date)
			d.cite(r)
			p += fmt.Sprintf(" This builds on [%s](report:%s).", r.Title, r.ID)
		}
		d.add(p)
		if list && d.g.chance(0.3) {
			d.add("I would be grateful for information on:\n\n" + d.list())
			list = false
		}
		if table && d.g.chance(0.3) {
			d.add(d.table())
			table = false
		}
	}
	// Put footnote markers at the end of distinct body paragraphs, in order.
	var candidates []int
	for i := start; i < len(d.paras); i++ {
		if p := d.paras[i]; !strings.HasPrefix(p, "#") && !strings.HasPrefix(p, "|") && !strings.Contains(p, "\n- ") {
			candidates = append(candidates, i)
		}
	}
	footnotes = min(footnotes, len(candidates))
	chosen := d.g.rng.Perm(len(candidates))[:footnotes]
	sort.Ints(chosen)
	for _, c := range chosen {
		i := candidates[c]
		d.paras[i] += d.footnote(d.g.citeable(date))
	}
}

func headingsFor(lang string) []string {
	if lang == "cy" {
		return []string{"Cefndir", "Y camau nesaf", "Data a thystiolaeth", "Argymhellion"}
	}
	return headings
}

func (d *doc) String() string {
	s := strings.Join(d.paras, "\n\n") + "\n"
	if len(d.notes) > 0 {
		s += "\n" + strings.Join(d.notes, "\n") + "\n"
	}
	return s
}

// ---------------------------------------------------------------------------
// Output.

func (g *gen) write(rel string, content string) error {
	p := filepath.Join(g.out, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	g.files++
	g.bytes += int64(len(content))
	return os.WriteFile(p, []byte(content), 0o644)
}

// fm is a tiny YAML front matter writer: strings are double-quoted, dates and
// ids written plain, lists in flow style.
type fm struct{ b strings.Builder }

func (f *fm) str(k, v string)   { fmt.Fprintf(&f.b, "%s: %s\n", k, strconv.Quote(v)) }
func (f *fm) plain(k, v string) { fmt.Fprintf(&f.b, "%s: %s\n", k, v) }
func (f *fm) date(k string, t time.Time) {
	f.plain(k, t.Format("2006-01-02"))
}
func (f *fm) list(k string, vs []string, quote bool) {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = v
		if quote {
			q[i] = strconv.Quote(v)
		}
	}
	fmt.Fprintf(&f.b, "%s: [%s]\n", k, strings.Join(q, ", "))
}
func (f *fm) doc(body string) string { return "---\n" + f.b.String() + "---\n\n" + body }

func longDate(t time.Time) string { return t.Format("2 January 2006") }

func (g *gen) orgNames(ids []string) string {
	if len(ids) > 3 {
		return fmt.Sprintf("%d %ss", len(ids), strings.ToLower(g.orgByID[ids[0]].Type))
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = g.orgByID[id].Name
	}
	return strings.Join(names, ", ")
}

func (g *gen) writeAll() error {
	if err := g.writeSite(); err != nil {
		return err
	}
	for _, o := range g.orgs {
		var f fm
		f.str("name", o.Name)
		f.str("type", o.Type)
		f.str("region", o.Region)
		f.str("holder", o.Holder)
		f.list("address", o.Address, true)
		f.plain("url", o.URL)
		body := fmt.Sprintf("%s is the %s for %s. %s\n", o.Name, strings.ToLower(o.Type), o.Region, g.sentence("en"))
		if err := g.write("content/organisations/"+o.ID+".md", f.doc(body)); err != nil {
			return err
		}
	}
	for _, r := range g.reports {
		var f fm
		f.str("title", r.Title)
		f.str("publisher", r.Publisher)
		f.date("date", r.Date)
		f.plain("url", r.URL)
		if len(r.Authors) > 0 {
			f.list("authors", r.Authors, true)
		}
		body := ""
		if g.chance(0.8) {
			d := &doc{g: g, lang: "en"}
			d.add(d.paragraph())
			if g.chance(0.5) {
				d.add(d.paragraph())
			}
			body = d.String()
		}
		if err := g.write(fmt.Sprintf("content/reports/%d/%s.md", r.Date.Year(), r.ID), f.doc(body)); err != nil {
			return err
		}
	}
	for _, l := range g.letters {
		if err := g.writeLetter(l); err != nil {
			return err
		}
	}
	for _, r := range g.responses {
		if err := g.writeResponse(r); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) writeLetter(l *letter) error {
	d := &doc{g: g, lang: l.Lang}
	first := g.orgByID[l.To[0]]
	switch {
	case l.Batch && l.Lang == "cy":
		d.add("Annwyl Gomisiynydd,")
	case l.Batch:
		d.add("Dear " + first.Role + ",")
	case l.Lang == "cy":
		d.add("Annwyl " + strings.Fields(first.Holder)[0] + ",")
	default:
		d.add("Dear " + strings.Fields(first.Holder)[0] + ",")
	}
	open := fmt.Sprintf("I am writing to you about %s.", l.Subject.phrase)
	if l.InReplyTo != nil {
		open = fmt.Sprintf("Thank you for [your reply of %s](response:%s) about %s.", longDate(l.InReplyTo.Date), l.InReplyTo.ID, l.Subject.phrase)
	}
	d.add(open + " " + d.paragraph())
	target := g.between(430, 760) - 40 // paragraphs overshoot; leave room for the closing lines
	d.body(target, g.between(1, 5), l.Date, g.chance(0.3), g.chance(0.4), g.chance(0.05))
	if l.Lang == "cy" {
		d.add("Edrychaf ymlaen at dderbyn eich ymateb. " + g.sentence("cy"))
		d.add("Yn gywir,\n\nComisiynydd Annibynnol Gwrth-Gaethwasiaeth")
	} else {
		d.add("I look forward to your reply, which I intend to publish on my website alongside this letter. " + g.sentence("en"))
		d.add("Yours sincerely,\n\nIndependent Anti-Slavery Commissioner")
	}

	var f fm
	title := "Letter to " + g.orgNames(l.To) + " on " + l.Subject.phrase
	if l.InReplyTo != nil {
		title = "Follow-up letter to " + first.Name + " on " + l.Subject.phrase
	}
	if l.Lang == "cy" {
		title = "Llythyr at " + g.orgNames(l.To)
	}
	f.str("title", title)
	f.date("date", l.Date)
	f.list("to", l.To, false)
	if l.InReplyTo != nil {
		f.plain("in_reply_to", l.InReplyTo.ID)
	}
	if len(d.cites) > 0 {
		f.list("cites", d.cites, false)
	}
	ts := []string{l.Subject.topic}
	if t := g.pick(topics); t != ts[0] && g.chance(0.3) {
		ts = append(ts, t)
	}
	f.list("topics", ts, false)
	if !l.Due.IsZero() {
		f.date("response_due", l.Due)
	}
	if l.Lang != "" {
		f.plain("lang", l.Lang)
	}
	if l.Draft {
		f.plain("draft", "true")
	}
	if g.chance(0.1) {
		f.str("summary", g.sentence(l.Lang))
	}
	return g.write(fmt.Sprintf("content/letters/%d/%s.md", l.Date.Year(), l.ID), f.doc(d.String()))
}

func (g *gen) writeResponse(r *response) error {
	d := &doc{g: g, lang: r.Lang}
	o := g.orgByID[r.From]
	l := r.Letter
	if r.Lang == "cy" {
		d.add("Annwyl Gomisiynydd,")
		d.add(fmt.Sprintf("Diolch am [eich llythyr dyddiedig %s](letter:%s). %s", longDate(l.Date), l.ID, d.paragraph()))
	} else {
		d.add("Dear Commissioner,")
		d.add(fmt.Sprintf("Thank you for [your letter of %s](letter:%s) about %s. %s", longDate(l.Date), l.ID, l.Subject.phrase, d.paragraph()))
	}
	notes := 0
	if g.chance(0.15) {
		notes = g.between(1, 3)
	}
	d.body(g.between(220, 1400)-30, notes, r.Date, g.chance(0.2), g.chance(0.3), g.chance(0.03))
	if r.Lang == "cy" {
		d.add("Yn gywir,\n\n" + o.Holder + "  \n" + o.Role)
	} else {
		d.add("Yours sincerely,\n\n" + o.Holder + "  \n" + o.Role + ", " + o.Name)
	}

	var f fm
	if g.chance(0.5) {
		f.str("title", "Reply from "+o.Name+" on "+l.Subject.phrase)
	}
	f.date("date", r.Date)
	f.plain("from", r.From)
	f.plain("in_reply_to", l.ID)
	if g.chance(0.05) {
		f.date("received", r.Date.AddDate(0, 0, g.between(1, 6)))
	}
	if len(d.cites) > 0 {
		f.list("cites", d.cites, false)
	}
	f.list("topics", []string{l.Subject.topic}, false)
	if r.Lang != "" {
		f.plain("lang", r.Lang)
	}
	if r.Draft {
		f.plain("draft", "true")
	}
	return g.write(fmt.Sprintf("content/responses/%d/%s.md", r.Date.Year(), r.ID), f.doc(d.String()))
}

func (g *gen) writeSite() error {
	site := `# Generated by gencorpus. The title is quoted: a plain YAML scalar may not contain ": ".
title: "Independent Anti-Slavery Commissioner: correspondence"
base_url: https://example.org/
language: en
owner: ` + ownerID + `
response_days: ` + strconv.Itoa(responseDays) + `
topics:
  victim-care: Improving victim care and support
  law-enforcement: Supporting law enforcement and prosecutions
  prevention: Focusing on prevention
  research: Getting value out of research and innovation
  international: International activity
`
	if err := g.write("site.yaml", site); err != nil {
		return err
	}
	about := &doc{g: g, lang: "en"}
	about.add("This site publishes the letters the Commissioner sends, the replies received and the reports they cite.")
	for range 3 {
		about.add(about.paragraph())
	}
	var f fm
	f.str("title", "About this site")
	if err := g.write("content/pages/about.md", f.doc(about.String())); err != nil {
		return err
	}
	acc := &doc{g: g, lang: "en"}
	acc.add("We want as many people as possible to be able to use this website.")
	acc.add("## How accessible this website is\n\n" + acc.list())
	acc.add("## Reporting problems\n\nIf you find a problem, contact the office and we will reply within 10 working days.")
	var fa fm
	fa.str("title", "Accessibility statement")
	if err := g.write("content/pages/accessibility.md", fa.doc(acc.String())); err != nil {
		return err
	}
	return g.write("static/css/site.css", css)
}

const css = `body{font-family:system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1b1b1b}
a{color:#1d4f91}
header,footer{border-bottom:1px solid #ccc;padding:.5rem 0}
footer{border-top:1px solid #ccc;border-bottom:0;margin-top:2rem}
table{border-collapse:collapse}
td,th{border:1px solid #bbb;padding:.25rem .5rem}
.status-replied{color:#126b12}.status-awaiting{color:#7a5b00}.status-overdue{color:#a11}
`

// ---------------------------------------------------------------------------
// Helpers.

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// slugify lower-cases s, keeps a-z 0-9, joins at most maxWords words with "-".
func slugify(s string, maxWords int) string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, c := range strings.ToLower(s) {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			cur.WriteRune(c)
		} else {
			flush()
		}
	}
	flush()
	if len(words) > maxWords {
		words = words[:maxWords]
	}
	return strings.Join(words, "-")
}
