// Package publish is where a build's files go. It owns the output and
// every system call that writes, links, swaps or removes it; it renders
// nothing (the caller hands it finished files).
//
// There are three outputs:
//
//   - [Dir], the output folder of build: files are written into a
//     temporary folder beside it, which replaces the output in one step
//     ([Dir.Commit]) only when the whole build succeeded; a failed or
//     killed build leaves the previous output whole.
//   - [Live], the preview server's site: files on disk in a private
//     temporary folder (a large site's pages do not fit in memory),
//     changed a stage at a time, so that a request gets a file of the old
//     site or of the new, never a half-written page.
//   - [Memory], for tests.
//
// # Replacing the output atomically
//
// The temporary folder is swapped in with each platform's strongest
// guarantee ([Swap] names it): renameat2's exchange on Linux, renamex_np's
// swap on macOS, two renames elsewhere (a build killed between them
// leaves the old output where the next build puts it back). The output
// is locked ([LockOut], package filelock) for the whole build, so two
// builds into one folder take turns.
//
// # Never destroying anything else
//
// A build replaces its output folder whole, and removes or replaces the
// folders it keeps beside it (the output before, .public.previous, and
// its temporary folders, .public.tmp-* and .public.old-*). It must never
// destroy anything else:
//
//   - [CheckOut] refuses, before anything is touched, an output that is,
//     holds or lies inside the site or its inputs, the root folder, the
//     home folder or a git repository.
//   - [NewDir] refuses an existing output that is not a folder a build
//     made (no Marker), or that holds a git repository.
//   - [Dir.CheckPrevious] (or Commit, if the caller did not) refuses an
//     output, or a kept previous output, that holds a file no build wrote
//     there: a file the build that made it did not record, or, with no
//     record of that build, any change to the names its Marker sums.
//
// # Repeat builds: linking and recycling
//
// A repeat build writes only the files whose content changed and takes
// the others from the previous output: hard-linked ([Dir.Link]; copied
// where the file system cannot link), after checking that the file is
// the one the previous build wrote. A file is trusted without reading it
// only if its inode, size, modification and change times are those
// recorded (on file systems whose change times are trusted); otherwise
// it is read and its CRC-32C compared, so a file edited by hand, even
// with its size and modification time restored, is written again.
//
// The output before the current one is kept beside it (".public.previous"
// for "public"), where a build that reuses most files does not remove it:
// the next build updates that folder in place into its own output
// ([Dir.Recycle], [Dir.Keep], [Dir.Sweep]) and swaps it in. Most of its
// files are those of the current output (hard links to the same files),
// and are left as they are: a repeat build makes the files that changed
// and removes those that went, instead of linking every unchanged file
// into a new folder and removing every file of the old one.
//
// The kept folder was the published output until the build before, and
// may have been changed by hand meanwhile, like any output. Its files are
// checked one by one, as linked files are. A file added, removed or
// renamed by hand, or a folder replaced by a link, changes the change
// time (ctime) of the folder it is in, which no program can set back: a
// build records each folder's ([DirStamp]), and recycles the kept output
// only if every folder's is as recorded and its top folder holds what it
// should. Otherwise the kept output is removed and the build goes on
// into an empty folder.
//
// # Platforms
//
// On unix (sys_unix.go, with sys_linux.go and sys_darwin.go for the swap
// and the trusted file systems) every file and folder is made, linked,
// checked and removed relative to a folder held open, so that a name is
// never walked from "/" again and a folder renamed meanwhile is still the
// one the build means. On Windows (sys_windows.go) the same functions
// work by path (Windows has no calls relative to an open folder that os
// exposes). Windows keeps no change time that a program cannot set, so
// files are always read to be checked, and a folder's identity is its
// volume's serial number and its file index.
package publish
