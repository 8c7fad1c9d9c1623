package frontmatter

import (
	"strings"
	"testing"
)

// TestParseDateRange: dates are taken from 1900-01-01 to 2200-12-31; the
// years 0 and 9999 are real dates to time.Parse but not to a site of
// letters.
func TestParseDateRange(t *testing.T) {
	for _, s := range []string{"1900-01-01", "2020-10-13", "2200-12-31"} {
		if _, err := ParseDate(s); err != nil {
			t.Errorf("ParseDate(%q): %v", s, err)
		}
	}
	for _, s := range []string{"0000-01-01", "0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31"} {
		_, err := ParseDate(s)
		if err == nil || !strings.Contains(err.Error(), `"`+s+`" is outside the years 1900 to 2200`) {
			t.Errorf("ParseDate(%q) = %v", s, err)
		}
	}
}
