package holidays

//go:generate go run ./internal/gen -out bank-holidays.json

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// The years bank-holidays.json covers.
const (
	FirstYear = 2015
	LastYear  = 2030
)

//go:embed bank-holidays.json
var govukJSON []byte

// Calendar is the days that are not working days besides weekends: one
// division's bank holidays and a site's extra days.
type Calendar struct {
	Division string
	days     map[time.Time]string // date → the holiday's title
}

// Load returns the named division's calendar with the extra days added.
// An unknown name is an error that lists the names there are.
func Load(division string, extra []time.Time) (*Calendar, error) {
	var file map[string]Division
	if err := json.Unmarshal(govukJSON, &file); err != nil {
		return nil, fmt.Errorf("the bundled bank holidays are unreadable: %v", err)
	}
	d, ok := file[division]
	if !ok {
		return nil, fmt.Errorf("no bank holiday calendar %q: use %s, %s or %s", division, Names[0], Names[1], Names[2])
	}
	c := &Calendar{Division: division, days: map[time.Time]string{}}
	for _, e := range d.Events {
		t, err := time.Parse("2006-01-02", e.Date)
		if err != nil {
			return nil, fmt.Errorf("the bundled bank holidays hold a bad date %q", e.Date)
		}
		c.days[t] = e.Title
	}
	for _, t := range extra {
		c.days[day(t)] = "extra holiday"
	}
	return c, nil
}

// Default is England and Wales's calendar with no extra days, the
// calendar of a site whose site.yaml names none.
func Default() *Calendar {
	defaultOnce.Do(func() {
		c, err := Load(EnglandAndWales, nil)
		if err != nil {
			panic(err) // the bundled file is checked by TestBundledFileIsGenerated
		}
		defaultCal = c
	})
	return defaultCal
}

var (
	defaultOnce sync.Once
	defaultCal  *Calendar
)

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// Holiday returns the name of the holiday on t's date, or "".
func (c *Calendar) Holiday(t time.Time) string {
	t = day(t)
	if y := t.Year(); y < FirstYear || y > LastYear {
		if _, ok := c.days[t]; !ok {
			for _, e := range byRule(c.Division, y) {
				if e.Date == t.Format("2006-01-02") {
					return e.Title
				}
			}
		}
	}
	return c.days[t]
}

// WorkingDay reports whether t's date is a working day: not a Saturday,
// Sunday or holiday.
func (c *Calendar) WorkingDay(t time.Time) bool {
	if w := t.Weekday(); w == time.Saturday || w == time.Sunday {
		return false
	}
	return c.Holiday(t) == ""
}

// AddWorkingDays returns the date n working days after t: the first
// working day after t is day 1, as the Freedom of Information Act counts
// "the twentieth working day following the date of receipt".
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	t = day(t)
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if c.WorkingDay(t) {
			n--
		}
	}
	return t
}
