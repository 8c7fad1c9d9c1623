package build_test

import (
	"bytes"
	"strings"
	"testing"
)

// TestReferenceField: reference is a field of the contract, so a list
// there is an error at its place, and a misspelt key is asked about.
func TestReferenceField(t *testing.T) {
	const letter = "content/letters/2021/2021-03-01-northshire-pcc.md"
	for _, c := range []struct{ field, want string }{
		{"reference: [a, b]\n", letter + ":7:12: reference must be text, such as IASC/2020/041, not a list or a map"},
		{"refrence: IASC/2021/7\n", letter + `:7:1: warning: unknown field "refrence" is kept for templates as .Params.refrence; did you mean "reference"?`},
	} {
		fsys := baseMap(t)
		fsys[letter].Data = bytes.Replace(fsys[letter].Data, []byte("topics: [victim-care]\n"), []byte("topics: [victim-care]\n"+c.field), 1)
		if got := problems(t, fsys, false); !strings.Contains(got, c.want) {
			t.Errorf("%q: want %s\ngot:\n%s", c.field, c.want, got)
		}
	}
}
