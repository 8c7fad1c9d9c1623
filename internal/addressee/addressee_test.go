package addressee

import (
	"slices"
	"testing"
)

// TestLines: each of an addressee's name, role, organisation and
// address lines is said once.
func TestLines(t *testing.T) {
	for _, c := range []struct {
		name, role, org string
		address, want   []string
		mine            int // of want, the addressee's own lines
	}{
		// The role is the body's name.
		{"The Rt Hon. Alun Michael", "South Wales Police and Crime Commissioner", "South Wales Police and Crime Commissioner",
			[]string{"Ty Morgannwg", "Bridgend"}, []string{"The Rt Hon. Alun Michael", "South Wales Police and Crime Commissioner", "Ty Morgannwg", "Bridgend"}, 2},
		// The role names the body, whose address starts with its name.
		{"Jane Example MP", "Minister for Safeguarding, Home Office", "Home Office",
			[]string{"Home Office", "2 Marsham Street"}, []string{"Jane Example MP", "Minister for Safeguarding, Home Office", "2 Marsham Street"}, 2},
		// The body's name holds the role.
		{"Jo Example", "Police and Crime Commissioner", "Northshire Police and Crime Commissioner",
			nil, []string{"Jo Example", "Northshire Police and Crime Commissioner"}, 1},
		// Letter case, spaces, "The" and a full stop make no new line.
		{"", "", "The Home Office", []string{"HOME  office.", "London"}, []string{"The Home Office", "London"}, 0},
		{"Home Office", "", "Home Office", []string{"London"}, []string{"Home Office", "London"}, 1},
		// A role inside a word of the body's name is not in it.
		{"Sam", "Chair", "Chairs' Forum", nil, []string{"Sam", "Chair", "Chairs' Forum"}, 2},
		{"Sam", "Chair", "Southshire Anti-Slavery Partnership", []string{"Town Hall"}, []string{"Sam", "Chair", "Southshire Anti-Slavery Partnership", "Town Hall"}, 2},
		// An organisation alone.
		{"", "", "Eastshire Police", nil, []string{"Eastshire Police"}, 0},
	} {
		if got, mine := Lines(c.name, c.role, c.org, c.address); !slices.Equal(got, c.want) || mine != c.mine {
			t.Errorf("%q, %q, %q, %q: %q (the first %d the addressee's), want %q (%d)", c.name, c.role, c.org, c.address, got, mine, c.want, c.mine)
		}
	}
}
