package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"letterpress/internal/diag"
	"letterpress/internal/frontmatter"
	"letterpress/internal/holidays"
)

// File is where the settings live, relative to the site root.
const File = "site.yaml"

// Topic is one entry of site.yaml's topics, kept in file order.
type Topic struct {
	ID    string
	Label string
	Pos   diag.Pos
}

// Config is a site's settings.
type Config struct {
	Title        string
	Description  string
	BaseURL      *url.URL // always ends in "/"
	Language     string   // "en" or "cy"
	Owner        string   // organisation id of the default sender
	OwnerPos     diag.Pos
	ResponseDays int
	// ResponseWorkingDays, when set, is the time allowed for a reply in
	// working days (weekends and Holidays skipped); it wins over
	// ResponseDays.
	ResponseWorkingDays int
	// Holidays is the bank holiday calendar working days skip, with the
	// site's extra_holidays added. Never nil from Load or Parse.
	Holidays *holidays.Calendar
	Topics   []Topic
	// PrivacyAllow lists contact details the office publishes on purpose
	// (its own email addresses and phone numbers).
	PrivacyAllow []string
	// Unusable is set when site.yaml is missing or unreadable, so that
	// later stages do not report every topic as undeclared.
	Unusable bool
	// Params holds keys the contract does not define, for templates.
	Params map[string]any
}

// Topic returns the topic with the given id.
func (c *Config) Topic(id string) (Topic, bool) {
	for _, t := range c.Topics {
		if t.ID == id {
			return t, true
		}
	}
	return Topic{}, false
}

// Defaults used when site.yaml leaves a setting out.
const (
	DefaultLanguage     = "en"
	DefaultResponseDays = 28
)

var idRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// Load reads site.yaml from the site root. A missing file is an error: a
// site needs at least an owner. Problems go to errs; the Config returned is
// usable (defaults filled in) even when there were problems.
func Load(fsys fs.FS, errs *diag.List) *Config {
	// A named pipe, socket or device would block the read (for ever, for
	// a pipe nothing writes to): refuse it by its type, never opening it.
	if info, err := fs.Stat(fsys, File); err == nil && !info.Mode().IsRegular() {
		errs.Errorf(diag.Pos{Path: File}, "not a regular file (a folder, named pipe, socket or device): replace it with the site's settings as a text file")
		c := Parse(nil, &diag.List{})
		c.Unusable = true
		return c
	}
	src, err := fs.ReadFile(fsys, File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			errs.Errorf(diag.Pos{Path: File}, "site.yaml is missing: create it with at least title:, base_url: and owner: (see the README)")
		} else {
			errs.Errorf(diag.Pos{Path: File}, "cannot read site.yaml: %v", err)
		}
		c := Parse(nil, &diag.List{})
		c.Unusable = true
		return c
	}
	return Parse(src, errs)
}

// Parse validates the text of site.yaml.
func Parse(src []byte, errs *diag.List) *Config {
	c := &Config{Language: DefaultLanguage, ResponseDays: DefaultResponseDays, OwnerPos: diag.Pos{Path: File}, Holidays: holidays.Default()}
	c.BaseURL, _ = url.Parse("/")
	if src == nil {
		return c
	}
	pos := diag.Pos{Path: File, Line: 1, Col: 1}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !frontmatter.CheckText(File, src, errs) {
		c.Unusable = true
		return c
	}
	fields := frontmatter.Parse(File, src, 1, errs)
	if !fields.Present {
		c.Unusable = true
		return c
	}
	if len(fields.Keys()) == 0 {
		errs.Errorf(pos, "site.yaml is empty: it needs at least title:, base_url: and owner:")
		c.Unusable = true
		return c
	}
	fields.Require("site.yaml", "title", "base_url", "owner")
	c.Title = fields.String("title")
	c.Description = fields.String("description")
	if raw := fields.String("base_url"); raw != "" {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs.Errorf(fields.Pos("base_url"), "base_url %q is not an absolute http(s) URL, such as https://example.org/", raw)
		} else {
			if !strings.HasSuffix(u.Path, "/") {
				u.Path += "/"
			}
			u.RawQuery, u.Fragment = "", ""
			c.BaseURL = u
		}
	}
	if fields.Has("language") {
		c.Language = fields.String("language")
		if c.Language != "en" && c.Language != "cy" {
			errs.Errorf(fields.Pos("language"), "language must be en or cy, not %q", c.Language)
			c.Language = DefaultLanguage
		}
	}
	c.Owner = fields.String("owner")
	if fields.Has("owner") {
		c.OwnerPos = fields.Pos("owner")
	}
	if c.Owner != "" && !idRE.MatchString(c.Owner) {
		errs.Errorf(c.OwnerPos, "owner %q is not an organisation id (lower-case a-z, 0-9 and -)", c.Owner)
	}
	if n, ok := fields.Int("response_days"); ok {
		if n < 1 || n > 3650 {
			errs.Errorf(fields.Pos("response_days"), "response_days must be between 1 and 3650, not %d", n)
		} else {
			c.ResponseDays = n
		}
	}
	if n, ok := fields.Int("response_working_days"); ok {
		if n < 1 || n > 2500 {
			errs.Errorf(fields.Pos("response_working_days"), "response_working_days must be between 1 and 2500, not %d", n)
		} else {
			c.ResponseWorkingDays = n
		}
	}
	c.Holidays = loadHolidays(fields, errs)
	ids, labels, tpos := fields.StringMap("topics")
	for i, id := range ids {
		if !idRE.MatchString(id) {
			errs.Errorf(tpos[i], "topic id %q breaks the id rule: use lower-case a-z, 0-9 and - only", id)
			continue
		}
		c.Topics = append(c.Topics, Topic{ID: id, Label: labels[i], Pos: tpos[i]})
	}
	if n := fields.Node("privacy"); n != nil {
		if m, ok := frontmatter.Value(n).(map[string]any); ok {
			if allow, ok := m["allow"].([]any); ok {
				for _, a := range allow {
					if s, ok := a.(string); ok {
						c.PrivacyAllow = append(c.PrivacyAllow, s)
					}
				}
			}
		} else {
			errs.Errorf(fields.PosOf(n), "privacy must be a map with an allow: list")
		}
	}
	c.Params = fields.Unused()
	return c
}

// SetBaseURL replaces the base URL (from the command line); the caller has
// checked that it is an absolute http(s) URL.
func (c *Config) SetBaseURL(raw string) {
	u, err := url.Parse(raw)
	if err != nil {
		return
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	c.BaseURL = u
}

// loadHolidays reads holidays: (a calendar's name, england-and-wales when
// left out) and extra_holidays: (dates to skip besides it).
func loadHolidays(fields *frontmatter.Fields, errs *diag.List) *holidays.Calendar {
	name := holidays.EnglandAndWales
	if fields.Has("holidays") {
		name = fields.String("holidays")
		if !slices.Contains(holidays.Names, name) {
			msg := fmt.Sprintf("holidays %q is not a bank holiday calendar: use %s", name, strings.Join(holidays.Names, ", "))
			if s := diag.Suggest(name, holidays.Names); s != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", s)
			}
			errs.Errorf(fields.Pos("holidays"), "%s", msg)
			name = holidays.EnglandAndWales
		}
	}
	var extra []time.Time
	if fields.Has("extra_holidays") {
		days, pos := fields.Strings("extra_holidays", false)
		for i, d := range days {
			t, err := time.Parse(time.DateOnly, d)
			if err != nil || t.Year() < 1900 || t.Year() > 2200 {
				errs.Errorf(pos[i], "extra_holidays: %q is not a date: write it as YYYY-MM-DD, such as 2026-12-29", d)
				continue
			}
			extra = append(extra, t)
		}
	}
	cal, err := holidays.Load(name, extra)
	if err != nil {
		errs.Errorf(fields.Pos("holidays"), "%v", err)
		return holidays.Default()
	}
	return cal
}
