package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strconv"
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
		secs, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, usageError{fmt.Sprintf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)}
		}
		return midnight(time.Unix(secs, 0).UTC()), nil
	}
	return midnight(time.Now().In(london())), nil
}

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
// opens a file in open (see folderRootFS).
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
