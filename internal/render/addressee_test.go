package render

import (
	"slices"
	"testing"
)

// TestAddressLines: each of an addressee's name, role, organisation and
// address lines is said once.
func TestAddressLines(t *testing.T) {
	for _, c := range []struct {
		name, role, org string
		address, want   []string
	}{
		// The role is the body's name.
		{"The Rt Hon. Alun Michael", "South Wales Police and Crime Commissioner", "South Wales Police and Crime Commissioner",
			[]string{"Ty Morgannwg", "Bridgend"}, []string{"The Rt Hon. Alun Michael", "South Wales Police and Crime Commissioner", "Ty Morgannwg", "Bridgend"}},
		// The role names the body, whose address starts with its name.
		{"Jane Example MP", "Minister for Safeguarding, Home Office", "Home Office",
			[]string{"Home Office", "2 Marsham Street"}, []string{"Jane Example MP", "Minister for Safeguarding, Home Office", "2 Marsham Street"}},
		// The body's name holds the role.
		{"Jo Example", "Police and Crime Commissioner", "Northshire Police and Crime Commissioner",
			nil, []string{"Jo Example", "Northshire Police and Crime Commissioner"}},
		// Letter case, spaces, "The" and a full stop make no new line.
		{"", "", "The Home Office", []string{"HOME  office.", "London"}, []string{"The Home Office", "London"}},
		{"Home Office", "", "Home Office", []string{"London"}, []string{"Home Office", "London"}},
		// A role inside a word of the body's name is not in it.
		{"Sam", "Chair", "Chairs' Forum", nil, []string{"Sam", "Chair", "Chairs' Forum"}},
		{"Sam", "Chair", "Southshire Anti-Slavery Partnership", []string{"Town Hall"}, []string{"Sam", "Chair", "Southshire Anti-Slavery Partnership", "Town Hall"}},
		// An organisation alone.
		{"", "", "Eastshire Police", nil, []string{"Eastshire Police"}},
	} {
		if got := addressLines(c.name, c.role, c.org, c.address); !slices.Equal(got, c.want) {
			t.Errorf("%q, %q, %q, %q: %q, want %q", c.name, c.role, c.org, c.address, got, c.want)
		}
	}
}
