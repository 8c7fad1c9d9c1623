//go:build !linux

package content

import "io/fs"

// stampOf is unknown here: every file is read (see FileStamp).
func stampOf(fs.FileInfo) FileStamp { return FileStamp{} }
