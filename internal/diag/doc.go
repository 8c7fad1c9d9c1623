// Package diag carries problems found in a site's files, each with the
// position of the offending text, and prints them the way compilers do
// (path:line:col: message) so that editors and CI can annotate them.
//
// It owns [FileError] (one problem at one place, an error or a warning),
// [Pos], and [List], which collects them. It imports no other package of
// letterpress, and every other package may use it: a stage is given a
// *List and adds to it, and whoever runs the stages prints the list once,
// sorted, at the end.
//
// # Collect, do not stop
//
// A List collects every problem of a run rather than stopping at the
// first: an editor fixing a site wants to see all of them at once. It is
// safe for concurrent use, because the stages load, convert and check
// documents on every core. Whether the run failed is asked of the list at
// the end ([List.HasErrors]; check --strict counts warnings too).
//
// A problem with a whole file, rather than a place in it, is printed at
// 1:1, so that every line has the same shape for the tools that read it.
// [List.PrintFormat] also writes the list as GitHub Actions annotations
// and as JSON (check --format). What a message prints is escaped
// ([Escape]): a file name or a value quoted from a file must not be able
// to move a terminal's cursor or forge another line.
//
// # Paths
//
// A problem's Path is a file's path from the site's folder (or a path
// the user gave, such as --out), with slashes, as the site names its
// files everywhere else: in ids, links, URLs and the messages' own
// words. [FileError.Error] writes it with the system's separator
// (content\letters\x.md:3:1 on Windows), so that it can be pasted into
// any shell there (cmd.exe's own commands take a slash for an option);
// editors and problem matchers read either. The machine formats keep the
// slashes. The message itself is left as it is: the paths in it are the
// site's, like the links and URLs beside them.
//
// # Suggestions
//
// A typo in an id or a field name gets a "did you mean" ([DidYouMean],
// [Suggest]): the closest candidate by edit distance, when one is close
// enough to be the likely intent.
package diag
