package holidays

import (
	"slices"
	"strings"
	"time"
)

// Event is one bank holiday, as GOV.UK publishes it
// (https://www.gov.uk/bank-holidays.json).
type Event struct {
	Title   string `json:"title"`
	Date    string `json:"date"` // YYYY-MM-DD
	Notes   string `json:"notes"`
	Bunting bool   `json:"bunting"`
}

// Division is one calendar of GOV.UK's file.
type Division struct {
	Division string  `json:"division"`
	Events   []Event `json:"events"`
}

// The calendars, named as GOV.UK names them.
const (
	EnglandAndWales = "england-and-wales"
	Scotland        = "scotland"
	NorthernIreland = "northern-ireland"
)

// Names lists the calendars letterpress ships, the default first.
var Names = []string{EnglandAndWales, Scotland, NorthernIreland}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// easter is Easter Sunday of year y (the Gregorian computus, Meeus/Jones/Butcher).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date(y, time.Month(month), day)
}

// firstMonday and lastMonday of a month.
func firstMonday(y int, m time.Month) time.Time {
	t := date(y, m, 1)
	for t.Weekday() != time.Monday {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

func lastMonday(y int, m time.Month) time.Time {
	t := date(y, m+1, 1).AddDate(0, 0, -1)
	for t.Weekday() != time.Monday {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

// byRule returns the bank holidays of one division in year y by the
// standing rules: fixed days moved to the next free weekday when they fall
// at a weekend ("substitute day"), Easter, and the May and August Mondays.
// One-off changes (a jubilee, a state funeral, a moved May holiday) are
// not rules: oneOff holds those for the years it knows.
func byRule(division string, y int) []Event {
	var out []Event
	taken := map[time.Time]bool{}
	add := func(title string, t time.Time, notes string) {
		out = append(out, Event{Title: title, Date: t.Format("2006-01-02"), Notes: notes, Bunting: true})
		taken[t] = true
	}
	// fixed adds a day with a set date; if it falls on a weekend, or on a
	// day already taken, the holiday is the next weekday that is free.
	fixed := func(title string, t time.Time) {
		if t.Weekday() != time.Saturday && t.Weekday() != time.Sunday && !taken[t] {
			add(title, t, "")
			return
		}
		s := t
		for s.Weekday() == time.Saturday || s.Weekday() == time.Sunday || taken[s] {
			s = s.AddDate(0, 0, 1)
		}
		add(title, s, "Substitute day")
	}
	fixed("New Year’s Day", date(y, time.January, 1))
	if division == Scotland {
		fixed("2nd January", date(y, time.January, 2))
	}
	if division == NorthernIreland {
		fixed("St Patrick’s Day", date(y, time.March, 17))
	}
	e := easter(y)
	add("Good Friday", e.AddDate(0, 0, -2), "")
	if division != Scotland {
		add("Easter Monday", e.AddDate(0, 0, 1), "")
	}
	add("Early May bank holiday", firstMonday(y, time.May), "")
	add("Spring bank holiday", lastMonday(y, time.May), "")
	if division == NorthernIreland {
		fixed("Battle of the Boyne (Orangemen’s Day)", date(y, time.July, 12))
	}
	if division == Scotland {
		add("Summer bank holiday", firstMonday(y, time.August), "")
	} else {
		add("Summer bank holiday", lastMonday(y, time.August), "")
	}
	if division == Scotland {
		fixed("St Andrew’s Day", date(y, time.November, 30))
	}
	if date(y, time.December, 25).Weekday() == time.Sunday {
		// Boxing Day keeps its Monday; Christmas moves to the Tuesday.
		add("Boxing Day", date(y, time.December, 26), "")
		add("Christmas Day", date(y, time.December, 27), "Substitute day")
	} else {
		fixed("Christmas Day", date(y, time.December, 25))
		fixed("Boxing Day", date(y, time.December, 26))
	}
	return out
}

// oneOff are the changes to the rules proclaimed for particular years, in
// every part of the UK: a holiday moved (Date set, Title of the holiday
// it replaces in Replaces) or one added (Replaces empty).
var oneOff = []struct {
	Replaces string // date of the rule's holiday this one replaces
	Event    Event
}{
	{"2020-05-04", Event{Title: "Early May bank holiday (VE day)", Date: "2020-05-08", Bunting: true}},
	{"2022-05-30", Event{Title: "Spring bank holiday", Date: "2022-06-02", Bunting: true}},
	{"", Event{Title: "Platinum Jubilee bank holiday", Date: "2022-06-03", Bunting: true}},
	{"", Event{Title: "Bank Holiday for the State Funeral of Queen Elizabeth II", Date: "2022-09-19"}},
	{"", Event{Title: "Bank holiday for the coronation of King Charles III", Date: "2023-05-08", Bunting: true}},
}

// Compute returns the bank holidays of a division in years first..last,
// by rule with the one-off changes applied, sorted by date.
func Compute(division string, first, last int) []Event {
	var out []Event
	for y := first; y <= last; y++ {
		evs := byRule(division, y)
		for _, o := range oneOff {
			if o.Event.Date[:4] != date(y, 1, 1).Format("2006") {
				continue
			}
			if o.Replaces != "" {
				for i := range evs {
					if evs[i].Date == o.Replaces {
						evs = append(evs[:i], evs[i+1:]...)
						break
					}
				}
			}
			evs = append(evs, o.Event)
		}
		sortEvents(evs)
		out = append(out, evs...)
	}
	return out
}

func sortEvents(evs []Event) {
	slices.SortStableFunc(evs, func(a, b Event) int { return strings.Compare(a.Date, b.Date) })
}

// Generate returns the three calendars for FirstYear..LastYear, keyed by
// division as in GOV.UK's file.
func Generate() map[string]Division {
	out := map[string]Division{}
	for _, n := range Names {
		out[n] = Division{Division: n, Events: Compute(n, FirstYear, LastYear)}
	}
	return out
}
