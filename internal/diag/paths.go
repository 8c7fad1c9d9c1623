package diag

import (
	"path/filepath"
	"strings"
)

// A problem's Path is a file's path from the site's folder (or a path
// the user gave, such as --out), with slashes, as the site names its
// files everywhere else: in ids, links, URLs and the messages' own
// words. FileError.Error writes it with the system's separator
// (content\letters\x.md:3:1 on Windows), so that it can be pasted into
// any shell there (cmd.exe's own commands take a slash for an option);
// editors and problem matchers read either. The machine formats keep the
// slashes. The message itself is left as it is: the paths in it are the
// site's, like the links and URLs beside them.

// separator is the system's (tests set it to Windows').
var separator = filepath.Separator

// localPath is p with the system's separator.
func localPath(p string) string {
	if separator == '/' {
		return p
	}
	return strings.ReplaceAll(p, "/", string(separator))
}
