// Package sitefs is the file system a one-shot command (build, check)
// reads a site through.
//
// The command opens the site with os.OpenRoot, so that no symbolic link
// leads out of it; [Folders] wraps that root so that opening a file costs
// one system call rather than one for each folder on its path, with
// links followed, and refused, exactly as by the site's root. On Linux
// a regular file is opened and read with plain system calls rather than
// as an *os.File, whose opening costs five more (see openIn). It keeps
// what it opens until Close, which suits a command that reads the site
// once; the preview server, which runs while folders are renamed, reads
// the site through os.Root's own file system.
package sitefs
