package content

import (
	"io/fs"
	"time"
)

// FileStamp is what the file system says of a file that changes whenever
// its bytes do: writing a file sets its change time (which no program can
// set back), and replacing it gives another inode. The zero FileStamp is
// unknown.
type FileStamp struct {
	Ino, Size    uint64
	Mtime, Ctime int64 // Unix nanoseconds
}

// Known reports whether s was read from the file system.
func (s FileStamp) Known() bool { return s.Ctime != 0 }

// StampOf is the stamp of a file from its fs.FileInfo (as fs.DirEntry.Info
// and os.Lstat give it); unknown where the system gives none.
func StampOf(info fs.FileInfo) FileStamp { return stampOf(info) }

// stampMargin is how long before an earlier load's start a file must have
// last changed for its stamp to be trusted (see trusted): file systems
// keep times to a few milliseconds, some (FAT) to two seconds, and a file
// changed in the same tick as the load read it would keep its stamp.
var stampMargin = 2 * time.Second

// trusted reports whether a file whose stamp is now still has the bytes
// it had when an earlier load, started at started (Unix ns), found it with
// the stamp then and read it: the stamps are equal, and the file had
// already last changed a margin before that load started.
func trusted(now, then FileStamp, started int64) bool {
	limit := started - int64(stampMargin)
	return now.Known() && now == then && started > 0 && now.Mtime < limit && now.Ctime < limit
}
