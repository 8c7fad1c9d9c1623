package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"letterpress/internal/frontmatter"
	"letterpress/internal/sitefs"
)

// dateFlag is --now: the build date, which decides whether a letter is
// awaiting a reply or overdue. Default: SOURCE_DATE_EPOCH if set, else
// today.
type dateFlag struct{ t time.Time }

func (d *dateFlag) String() string {
	if d.t.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

func (d *dateFlag) Set(s string) error {
	t, err := frontmatter.ParseDate(s)
	if err != nil {
		return err
	}
	d.t = t
	return nil
}

func nowFlag(fs *flag.FlagSet) *dateFlag {
	d := &dateFlag{}
	fs.Var(d, "now", "the build `date` YYYY-MM-DD, which decides awaiting and overdue (default: $SOURCE_DATE_EPOCH, else today)")
	return d
}

// date returns the build date, from the flag, SOURCE_DATE_EPOCH or the
// clock, as a UTC calendar day.
func (d *dateFlag) date() (time.Time, error) {
	if !d.t.IsZero() {
		return d.t, nil
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		t, err := sourceDate(s)
		if err != nil {
			return time.Time{}, usageError{err.Error()}
		}
		return t, nil
	}
	return midnight(time.Now().In(london())), nil
}

// sourceDate reads SOURCE_DATE_EPOCH, the seconds since 1970-01-01 UTC,
// as a calendar day in the years a document's date may be in: a value in
// milliseconds (as JavaScript's Date.now gives) would otherwise be read
// as a year past 50,000, and the build date decides how many days a
// letter is overdue.
func sourceDate(s string) (time.Time, error) {
	const want = "SOURCE_DATE_EPOCH must be the seconds since 1970-01-01 00:00 UTC"
	secs, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a whole number: %s, such as %d for %s", s, want, example.Unix(), example.Format(time.DateOnly))
	}
	first, last := frontmatter.FirstDate.Unix(), frontmatter.LastDate.AddDate(0, 0, 1).Unix()-1
	if secs >= first && secs <= last {
		return midnight(time.Unix(secs, 0).UTC()), nil
	}
	read := "a number too far from 0"
	if err == nil && secs > -1<<62 && secs < 1<<62 { // where time.Unix keeps the year
		read = fmt.Sprintf("read as seconds, the year %d", time.Unix(secs, 0).UTC().Year())
	}
	msg := fmt.Sprintf("SOURCE_DATE_EPOCH=%s is not a date from %s to %s (%s): %s, such as %d for %s",
		s, frontmatter.FirstDate.Format(time.DateOnly), frontmatter.LastDate.Format(time.DateOnly), read, want, example.Unix(), example.Format(time.DateOnly))
	for _, u := range []struct {
		per  int64
		name string
	}{{1e3, "milliseconds"}, {1e6, "microseconds"}, {1e9, "nanoseconds"}} {
		// A clock's reading in a finer unit is of this century.
		if v := secs / u.per; secs > last && v >= since2000 && v <= last {
			msg += fmt.Sprintf("; it looks like %s (%d seconds would be %s)", u.name, v, time.Unix(v, 0).UTC().Format(time.DateOnly))
			break
		}
	}
	return time.Time{}, errors.New(msg)
}

// since2000 is 2000-01-01 in seconds since 1970.
const since2000 = 946684800

// example is a SOURCE_DATE_EPOCH for messages.
var example = time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)

func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// london is the office's time zone: "today" is the UK calendar day.
func london() *time.Location {
	if loc, err := time.LoadLocation("Europe/London"); err == nil {
		return loc
	}
	return time.UTC
}

// siteFS opens the site directory as a file system that refuses to follow
// symbolic links out of it. A one-shot command's keeps each folder it
// opens a file in open (see sitefs.Folders).
func siteFS(dir string, oneShot bool) (fs.FS, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, usageError{fmt.Sprintf("--site %s: %v", dir, err)}
	}
	if !info.IsDir() {
		return nil, usageError{fmt.Sprintf("--site %s is not a directory", dir)}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, usageError{fmt.Sprintf("--site %s: %v", dir, err)}
	}
	if oneShot {
		return sitefs.Folders(root), nil
	}
	return root.FS(), nil
}

// siteFlags are the flags every command that reads a site shares: --site
// and --now.
type siteFlags struct {
	dir *string
	now *dateFlag
}

func addSiteFlags(fs *flag.FlagSet) *siteFlags {
	return &siteFlags{
		dir: fs.String("site", ".", "the site `directory` (holding site.yaml and content/)"),
		now: nowFlag(fs),
	}
}

// open returns the site's files and the build date. oneShot is true for a
// command that reads the site once (build, check), not a preview server's
// for its whole life.
func (f *siteFlags) open(oneShot bool) (fs.FS, time.Time, error) {
	date, err := f.now.date()
	if err != nil {
		return nil, time.Time{}, err
	}
	fsys, err := siteFS(*f.dir, oneShot)
	return fsys, date, err
}
