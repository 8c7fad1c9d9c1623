// Command letterpress builds, previews and checks a site of published
// correspondence: the letters an office sends, the replies it receives,
// and the reports they cite.
//
// Usage:
//
//	letterpress build [--site DIR] [--out DIR] [flags]
//	letterpress serve [--site DIR] [--addr HOST:PORT] [flags]
//	letterpress check [--site DIR] [--strict] [--format text|github|json]
//	letterpress new letter|response|report|org [flags]
//	letterpress import LETTER.docx|LETTER.odt|REPLY.pdf [flags]
//	letterpress clean-cache
//	letterpress version
//
// docs/commands.md is the full reference; the README and
// docs/content-model.md describe the site it reads.
//
// # Shape
//
// main only maps what [Run] returns to an exit status (0, 1 when the site
// has errors, 2 for a mistake on the command line, 128 and the signal's
// number when stopped); Run(ctx, args, stdout, stderr) is what the tests
// call, so that every path a user can take is reachable from a test. Each
// subcommand is one file with its own flag.FlagSet (build.go, serve.go,
// check.go, new.go, import.go, cleancache.go, version.go); flags.go holds
// what several share (--site, --now, opening the site through os.Root).
// The commands hold no build logic: build and check call package build,
// serve runs package serve over a build.Session.
//
// # Signals
//
// The first Ctrl-C or SIGTERM cancels the command's context; a build
// throws its temporary folder away and never starts the swap once the
// context is done, so the previous output stays whole. A second signal
// kills the program, which is as safe. The command waits for the build to
// stop for a short grace period, then returns without it.
//
// # Memory
//
// build and serve set a soft memory limit (runtime/debug.SetMemoryLimit)
// unless GOMEMLIMIT is set: past it, the collector works harder rather
// than letting the heap grow to twice what is live. LETTERPRESS_CPUPROFILE,
// LETTERPRESS_HEAPPROFILE and LETTERPRESS_EXECTRACE write profiles of any
// command (profile.go); LETTERPRESS_TRACE=1 prints each stage's time.
package main
