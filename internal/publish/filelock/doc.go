// Package filelock takes an exclusive lock on a file, held until it is
// released or the process ends (the system releases it then, so a killed
// program leaves no lock behind): flock on unix, LockFileEx on Windows.
//
// Package publish uses it for the lock beside an output folder (one build
// at a time into it) and for the preview server's private folder (a
// folder whose lock is free belongs to a process that is gone, and may be
// removed). The lock file itself is never removed: removing it would let
// a second program lock a new file of the same name while a first holds
// the old.
package filelock
