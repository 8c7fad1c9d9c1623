package diag

import (
	"path/filepath"
	"strings"
)

// separator is the system's (tests set it to Windows').
var separator = filepath.Separator

// localPath is p with the system's separator.
func localPath(p string) string {
	if separator == '/' {
		return p
	}
	return strings.ReplaceAll(p, "/", string(separator))
}
