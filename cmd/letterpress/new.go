package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"letterpress/internal/build"
	"letterpress/internal/config"
	"letterpress/internal/content"
	"letterpress/internal/diag"
	"letterpress/internal/frontmatter"
)

// newKinds are the documents `letterpress new` can start.
var newKinds = []struct {
	name, usage string
	run         func(n *newDoc, args []string) error
}{
	{"letter", "new letter --to ORG[,ORG...] [--title TITLE] [--topics ID,...] [--date YYYY-MM-DD] [--slug SLUG]", newLetter},
	{"response", "new response --reply-to LETTER_ID [--from ORG] [--title TITLE] [--date YYYY-MM-DD] [--slug SLUG]", newResponse},
	{"report", "new report --title TITLE [--year YYYY | --date YYYY-MM-DD] [--publisher NAME] [--url URL] [--slug SLUG]", newReport},
	{"org", "new org --name NAME [--type TYPE] [--region REGION] [--holder NAME] [--url URL] [--id ID]", newOrg},
}

func newUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: letterpress new <letter|response|report|org> [flags]")
	fmt.Fprintln(w, "\nStarts a document with the right file name and the front matter filled in,")
	fmt.Fprintln(w, "prints its path and never overwrites a file. Letters and responses start")
	fmt.Fprintln(w, "as drafts (draft: true).")
	fmt.Fprintln(w)
	for _, k := range newKinds {
		fmt.Fprintln(w, "  letterpress "+k.usage)
	}
	fmt.Fprintln(w, "\nEvery form also takes --site DIR. Run letterpress new <kind> -h for details.")
}

func runNew(_ context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		newUsage(stderr)
		return usageError{"say what to create: letter, response, report or org"}
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		newUsage(stderr)
		return flag.ErrHelp
	}
	for _, k := range newKinds {
		if k.name == args[0] {
			fs := newFlags("new "+k.name, stderr)
			fs.Usage = func() {
				fmt.Fprintln(stderr, "usage: letterpress "+k.usage+" [--site DIR]")
				fs.PrintDefaults()
			}
			n := &newDoc{fs: fs, stdout: stdout, stderr: stderr}
			n.sf = addSiteFlags(fs)
			n.date = &dateFlag{}
			return k.run(n, args[1:])
		}
	}
	kinds := []string{"letter", "response", "report", "org"}
	return usageError{fmt.Sprintf("cannot create %q: say letter, response, report or org%s", args[0], diag.DidYouMean(args[0], kinds))}
}

// newDoc is one run of `letterpress new`: its flags and, once loaded, the
// site the new document joins.
type newDoc struct {
	fs             *flag.FlagSet
	sf             *siteFlags
	date           *dateFlag
	stdout, stderr io.Writer

	cfg   *config.Config
	site  *content.Site
	today time.Time
}

// dateFlagVar adds --date, the document's date (default: today).
func (n *newDoc) dateFlagVar(what string) {
	n.fs.Var(n.date, "date", what+" `YYYY-MM-DD` (default: today in the UK, or --now, or $SOURCE_DATE_EPOCH)")
}

// load parses the flags and reads the site, which the new document must
// agree with.
func (n *newDoc) load(args []string) error {
	if err := parseFlags(n.fs, args); err != nil {
		return err
	}
	fsys, today, err := n.sf.open(false)
	if err != nil {
		return err
	}
	n.today = today
	if n.date.t.IsZero() {
		n.date.t = today
	}
	g, errs := build.Load(fsys, build.Options{Now: today, Drafts: true})
	if g == nil || g.Config.Unusable {
		errs.Print(n.stderr)
		return errContent
	}
	if errs.HasErrors(false) {
		fmt.Fprintf(n.stderr, "note: the site already has problems (%s); run letterpress check to see them\n", errs.Summary())
	}
	n.cfg, n.site = g.Config, g.Site
	return nil
}

func newLetter(n *newDoc, args []string) error {
	to := n.fs.String("to", "", "the recipients: organisation `ids`, separated by commas (required)")
	title := n.fs.String("title", "", "the letter's `title` (default: \"Letter to\" and the recipients' names)")
	topics := n.fs.String("topics", "", "topic `ids` from site.yaml, separated by commas")
	slug := n.fs.String("slug", "", "the part of the id after the date (default: the recipient's id, with -and-others for several)")
	n.dateFlagVar("the date the letter is sent,")
	if err := n.load(args); err != nil {
		return err
	}
	orgs := splitIDs(*to)
	if len(orgs) == 0 {
		return usageError{"--to is required: the ids of the organisations the letter goes to, such as --to " + n.exampleOrg()}
	}
	id, fm, err := n.letterFront(orgs, *title, *topics, *slug)
	if err != nil {
		return err
	}
	fm.draft()
	_, err = n.create(content.Letter, yearDir(n.date.t), id, fm.text(""))
	return err
}

// letterFront checks a new letter's recipients, title, topics and slug
// against the site and returns its id and front matter (without draft).
func (n *newDoc) letterFront(orgs []string, title, topics, slug string) (string, *frontMatter, error) {
	var names []string
	for _, id := range orgs {
		o, err := n.org("--to", id, nil)
		if err != nil {
			return "", nil, err
		}
		names = append(names, o.Label())
	}
	if dup := firstDuplicate(orgs); dup != "" {
		return "", nil, usageError{fmt.Sprintf("--to names %q twice", dup)}
	}
	topicIDs := splitIDs(topics)
	for _, id := range topicIDs {
		if _, ok := n.cfg.Topic(id); !ok {
			var ids []string
			for _, t := range n.cfg.Topics {
				ids = append(ids, t.ID)
			}
			return "", nil, usageError{fmt.Sprintf("--topics: %q is not a topic in site.yaml%s (topics: %s)", id, diag.DidYouMean(id, ids), strings.Join(ids, ", "))}
		}
	}
	if title == "" {
		if n.cfg.Language == "cy" {
			return "", nil, usageError{"--title is required on a Welsh site: give the letter's title"}
		}
		title = "Letter to " + joinNames(names)
	}
	rest := orgs[0]
	if len(orgs) > 1 {
		rest += "-and-others"
	}
	id, err := datedID(n.date.t, rest, slug)
	if err != nil {
		return "", nil, err
	}
	fm := &frontMatter{}
	fm.str("title", title)
	fm.raw("date", n.date.String())
	fm.list("to", orgs)
	if len(topicIDs) > 0 {
		fm.list("topics", topicIDs)
	}
	return id, fm, nil
}

func newResponse(n *newDoc, args []string) error {
	replyTo := n.fs.String("reply-to", "", "the `id` of the letter this answers (required)")
	from := n.fs.String("from", "", "the organisation `id` that replied (default: the letter's recipient, when there is one)")
	title := n.fs.String("title", "", "the reply's `title` (default: \"Response from\" and the organisation's name)")
	slug := n.fs.String("slug", "", "the part of the id after the date (default: the organisation's id)")
	n.dateFlagVar("the date of the reply,")
	if err := n.load(args); err != nil {
		return err
	}
	letter, err := n.replyTo(*replyTo)
	if err != nil {
		return err
	}
	id, fm, err := n.responseFront(letter, *from, *title, *slug)
	if err != nil {
		return err
	}
	fm.draft()
	if _, err := n.create(content.Response, yearDir(n.date.t), id, fm.text("")); err != nil {
		return err
	}
	fmt.Fprintln(n.stderr, "Paste the text of the reply below the front matter, with [redacted] in place of personal contact details.")
	return nil
}

// replyTo finds the letter --reply-to names.
func (n *newDoc) replyTo(flagValue string) (*content.Doc, error) {
	letterID := strings.TrimSuffix(path.Base(filepath.ToSlash(strings.TrimSpace(flagValue))), ".md")
	if letterID == "" || letterID == "." {
		return nil, usageError{"--reply-to is required: the id of the letter being answered (its file name without .md)"}
	}
	letter := n.site.Get(content.Letter, letterID)
	if letter == nil {
		return nil, usageError{fmt.Sprintf("--reply-to: no letter with id %q%s", letterID, n.didYouMean(letterID, content.Letter))}
	}
	return letter, nil
}

// responseFront checks a new reply to letter against the site (from
// defaults to the letter's one recipient) and returns its id and front
// matter (without draft).
func (n *newDoc) responseFront(letter *content.Doc, from, title, slug string) (string, *frontMatter, error) {
	var recipients []string
	for _, r := range letter.To {
		recipients = append(recipients, r.Org.ID)
	}
	if from == "" {
		if len(recipients) != 1 {
			return "", nil, usageError{fmt.Sprintf("letter %s went to %d organisations (%s): say which replied with --from", letter.ID, len(recipients), strings.Join(recipients, ", "))}
		}
		from = recipients[0]
	}
	org, err := n.org("--from", strings.TrimSpace(from), recipients)
	if err != nil {
		return "", nil, err
	}
	if !contains(recipients, org.ID) {
		fmt.Fprintf(n.stderr, "note: %s is not a recipient of letter %s (%s); check will warn about that\n", org.ID, letter.ID, strings.Join(recipients, ", "))
	}
	if n.date.t.Before(letter.Date) {
		return "", nil, usageError{fmt.Sprintf("--date %s is before the letter's date %s: a reply cannot come first", n.date, letter.Date.Format(time.DateOnly))}
	}
	if title == "" {
		title = n.responseTitle(org)
	}
	id, err := datedID(n.date.t, org.ID, slug)
	if err != nil {
		return "", nil, err
	}
	fm := &frontMatter{}
	fm.str("title", title)
	fm.raw("date", n.date.String())
	fm.id("from", org.ID)
	fm.id("in_reply_to", letter.ID)
	return id, fm, nil
}

// responseTitle is the title a reply from org gets when it has none, as
// the graph derives it: "Response from" and the organisation's name (in
// Welsh on a Welsh site).
func (n *newDoc) responseTitle(org *content.Doc) string {
	if n.cfg.Language == "cy" {
		name := org.Label()
		if t := n.site.Translation(org); t != nil && t.Name != "" {
			name = t.Name
		}
		return "Ymateb gan " + name
	}
	return "Response from " + org.Label()
}

func newReport(n *newDoc, args []string) error {
	title := n.fs.String("title", "", "the report's `title` (required)")
	year := n.fs.Int("year", 0, "the `year` of publication (default: this year; or give --date)")
	publisher := n.fs.String("publisher", "", "who published it (`name`)")
	url := n.fs.String("url", "", "the publisher's page for it (`https://...`)")
	slug := n.fs.String("slug", "", "the report's id (default: from the title, with the year)")
	n.dateFlagVar("the date of publication, if known exactly,")
	if err := n.load(args); err != nil {
		return err
	}
	if strings.TrimSpace(*title) == "" {
		return usageError{"--title is required: the report's title"}
	}
	dated := isSet(n.fs, "date")
	if dated && *year != 0 {
		return usageError{"give --year or --date, not both"}
	}
	y := *year
	switch {
	case dated:
		y = n.date.t.Year()
	case y == 0:
		y = n.today.Year()
	case y < 1000 || y > 9999:
		return usageError{fmt.Sprintf("--year must have four digits, not %d", y)}
	case y < frontmatter.FirstYear || y > frontmatter.LastYear:
		return usageError{fmt.Sprintf("--year %d is outside the years %d to %d that dates may be in", y, frontmatter.FirstYear, frontmatter.LastYear)}
	}
	if err := checkURL(*url); err != nil {
		return err
	}
	id := *slug
	if id == "" {
		id = shortID(*title)
		if !strings.Contains(id, strconv.Itoa(y)) {
			id += "-" + strconv.Itoa(y)
		}
	}
	if !content.ValidID(id) {
		return usageError{fmt.Sprintf("--slug %q breaks the id rule: use lower-case a-z, 0-9 and - only, such as %q", id, content.SuggestID(id))}
	}
	var fm frontMatter
	fm.str("title", *title)
	if *publisher != "" {
		fm.str("publisher", *publisher)
	}
	if dated {
		fm.raw("date", n.date.String())
	} else {
		fm.raw("year", strconv.Itoa(y))
	}
	if *url != "" {
		fm.str("url", *url)
	}
	_, err := n.create(content.Report, strconv.Itoa(y), id, fm.text(""))
	return err
}

func newOrg(n *newDoc, args []string) error {
	name := n.fs.String("name", "", "the organisation's `name` (required)")
	typ := n.fs.String("type", "", "what it is, such as \"Police and Crime Commissioner\"")
	region := n.fs.String("region", "", "the `region` it covers")
	holder := n.fs.String("holder", "", "the current office-holder's `name`")
	url := n.fs.String("url", "", "its web site (`https://...`)")
	idFlag := n.fs.String("id", "", "its `id`, which letters use in to: (default: from the name)")
	if err := n.load(args); err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" {
		return usageError{"--name is required: the organisation's name"}
	}
	if err := checkURL(*url); err != nil {
		return err
	}
	id := *idFlag
	if id == "" {
		id = shortID(*name)
	}
	if !content.ValidID(id) {
		return usageError{fmt.Sprintf("--id %q breaks the id rule: use lower-case a-z, 0-9 and - only, such as %q", id, content.SuggestID(id))}
	}
	var fm frontMatter
	fm.str("name", *name)
	for _, f := range []struct{ key, v string }{{"type", *typ}, {"region", *region}, {"holder", *holder}, {"url", *url}} {
		if f.v != "" {
			fm.str(f.key, f.v)
		}
	}
	_, err := n.create(content.Organisation, "", id, fm.text(""))
	return err
}

// org finds an organisation named on the command line; a mistake gets a
// suggestion from near (the letter's recipients), else from every id.
func (n *newDoc) org(flagName, id string, near []string) (*content.Doc, error) {
	if o := n.site.Get(content.Organisation, id); o != nil {
		return o, nil
	}
	hint := diag.DidYouMean(id, near)
	if hint == "" {
		hint = n.didYouMean(id, content.Organisation)
	}
	if hint == "" {
		hint = " (add it with letterpress new org --name \"...\" first)"
	}
	return nil, usageError{fmt.Sprintf("%s: no organisation with id %q%s", flagName, id, hint)}
}

func (n *newDoc) didYouMean(id string, k content.Kind) string {
	return diag.DidYouMean(id, n.site.IDs(k))
}

func (n *newDoc) exampleOrg() string {
	for _, id := range n.site.IDs(content.Organisation) {
		if id != n.cfg.Owner {
			return id
		}
	}
	return "ORG"
}

// create writes a new document of kind k with id in content/KIND/SUB/,
// after checking that the site holds no document of that kind and id and
// that the text decodes cleanly, then prints its path. It returns the
// path from the site's folder (content/KIND/SUB/ID.md).
func (n *newDoc) create(k content.Kind, sub, id string, text []byte) (string, error) {
	if d := n.site.Get(k, id); d != nil {
		article := "a"
		if k == content.Organisation {
			article = "an"
		}
		return "", fmt.Errorf("there is already %s %s with id %s (%s): give another %s", article, k, id, d.Path, idFlagName(k))
	}
	rel := path.Join(k.Dir(), sub, id+".md")
	errs := &diag.List{}
	content.Decode(path.Join(content.Dir, rel), k, id, false, text, n.cfg, errs)
	if errs.HasErrors(false) {
		return "", fmt.Errorf("the new file would not load (please report this):\n%s", errs.Error())
	}
	if err := writeNewFile(*n.sf.dir, content.Dir, rel, text); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("%s already exists: not overwritten; give another %s", filepath.Join(*n.sf.dir, content.Dir, filepath.FromSlash(rel)), idFlagName(k))
		}
		return "", err
	}
	fmt.Fprintln(n.stdout, filepath.Join(*n.sf.dir, content.Dir, filepath.FromSlash(rel)))
	if k == content.Letter || k == content.Response {
		fmt.Fprintln(n.stderr, "It is a draft: delete the line draft: true to publish it.")
	}
	return path.Join(content.Dir, rel), nil
}

func idFlagName(k content.Kind) string {
	if k == content.Organisation {
		return "--id"
	}
	return "--slug"
}

// writeNewFile writes data to rel under the site's folder top (content/
// or static/), atomically (a reader sees no file or the whole file) and
// never over an existing file. It goes through os.Root, so neither a
// symbolic link nor a ".." can make it write outside top.
func writeNewFile(siteDir, top, rel string, data []byte) error {
	root, err := os.OpenRoot(siteDir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.Mkdir(top, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	cr, err := root.OpenRoot(top)
	if err != nil {
		return err
	}
	defer cr.Close()
	if err := cr.MkdirAll(path.Dir(rel), 0o755); err != nil {
		return err
	}
	// The temporary name starts with "." (the site ignores it) and ends in
	// .tmp (the preview server ignores it).
	var r [6]byte
	_, _ = rand.Read(r[:])
	tmp := path.Join(path.Dir(rel), "."+path.Base(rel)+"."+hex.EncodeToString(r[:])+".tmp")
	f, err := cr.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	defer cr.Remove(tmp)
	if err != nil {
		return err
	}
	// A hard link fails if the name exists, so two runs at once cannot
	// overwrite each other. Where links are not supported, check and rename.
	if err := cr.Link(tmp, rel); err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, err := cr.Lstat(rel); err == nil {
		return fs.ErrExist
	}
	return cr.Rename(tmp, rel)
}

// ---------------------------------------------------------------------------
// Ids and front matter text.

// datedID is DATE-rest, or DATE-slug when --slug was given.
func datedID(date time.Time, rest, slug string) (string, error) {
	if slug != "" {
		if !content.ValidID(slug) {
			return "", usageError{fmt.Sprintf("--slug %q breaks the id rule: use lower-case a-z, 0-9 and - only, such as %q", slug, content.SuggestID(slug))}
		}
		rest = slug
	}
	return date.Format(time.DateOnly) + "-" + rest, nil
}

func yearDir(t time.Time) string { return strconv.Itoa(t.Year()) }

// shortID makes an id from a title or name, cut at a word to at most 60
// characters.
func shortID(s string) string {
	id := content.SuggestID(s)
	for len(id) > 60 {
		i := strings.LastIndexByte(id[:60], '-')
		if i <= 0 {
			id = id[:60]
			break
		}
		id = id[:i]
	}
	return id
}

func splitIDs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func firstDuplicate(ids []string) string {
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			return id
		}
		seen[id] = true
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// joinNames is "A", "A and B", "A, B and C", or "A and 3 others".
func joinNames(names []string) string {
	switch len(names) {
	case 1:
		return names[0]
	case 2, 3:
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	default:
		return fmt.Sprintf("%s and %d others", names[0], len(names)-1)
	}
}

func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func checkURL(u string) error {
	if u == "" {
		return nil
	}
	l := strings.ToLower(u)
	if !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "http://") {
		return usageError{fmt.Sprintf("--url %q must be a web address starting with https://", u)}
	}
	return nil
}

// frontMatter writes YAML front matter a field at a time.
type frontMatter struct{ b strings.Builder }

// str writes a string field, always double-quoted so that a title such as
// "Re: no" or "2021" stays a string.
func (f *frontMatter) str(key, v string) {
	v = strings.ToValidUTF8(strings.TrimSpace(v), "\uFFFD")
	f.b.WriteString(key + ": " + strconv.Quote(v) + "\n")
}

// raw writes a date, number or bool as it is.
func (f *frontMatter) raw(key, v string) { f.b.WriteString(key + ": " + v + "\n") }

// id writes an id plainly when YAML reads it back as the same string.
func (f *frontMatter) id(key, v string) { f.b.WriteString(key + ": " + yamlID(v) + "\n") }

func (f *frontMatter) list(key string, ids []string) {
	f.b.WriteString(key + ":\n")
	for _, id := range ids {
		f.b.WriteString("  - " + yamlID(id) + "\n")
	}
}

// attachment writes an attachments: list of one file under static/.
func (f *frontMatter) attachment(title, file string) {
	f.b.WriteString("attachments:\n  - title: " + strconv.Quote(title) + "\n    file: " + strconv.Quote(file) + "\n")
}

func (f *frontMatter) draft() {
	f.b.WriteString("draft: true   # delete this line to publish\n")
}

func (f *frontMatter) text(body string) []byte {
	return []byte("---\n" + f.b.String() + "---\n" + body)
}

func yamlID(id string) string {
	var n yaml.Node
	if utf8.ValidString(id) && yaml.Unmarshal([]byte(id), &n) == nil && len(n.Content) == 1 &&
		n.Content[0].Tag == "!!str" && n.Content[0].Value == id {
		return id
	}
	return strconv.Quote(id)
}
