//go:build unix

package serve

import "golang.org/x/sys/unix"

// raiseFileLimit raises the process's limit of open files to the most it
// may (its hard limit; on macOS no more than kern.maxfilesperproc), and
// returns the limit then in force. fsnotify's kqueue backend on macOS
// holds a file open for every file and folder watched, and macOS starts
// processes with a limit of 256. (Go raises it too as a program starts;
// this says what the limit is, and raises it where Go did not.)
func raiseFileLimit() uint64 {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) != nil {
		return 0
	}
	want := maxOpenFiles(lim.Max)
	if lim.Cur < want {
		raised := lim
		raised.Cur = want
		if unix.Setrlimit(unix.RLIMIT_NOFILE, &raised) == nil {
			lim = raised
		}
	}
	return lim.Cur
}
