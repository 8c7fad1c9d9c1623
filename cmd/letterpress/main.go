package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // "today" is the UK day, even on a machine without zoneinfo
)

// Exit statuses.
const (
	exitOK      = 0
	exitContent = 1 // the site has errors
	exitUsage   = 2 // the command line is wrong
	// exitInterrupted is a stopped command's status when no signal says
	// otherwise: that of SIGINT.
	exitInterrupted = 130
)

func main() {
	ctx, stop := signalContext()
	defer stop()
	finish := profile()
	code := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	finish()
	os.Exit(code)
}

// signalContext returns a context cancelled, with an interrupted error
// as its cause, by the first Ctrl-C (SIGINT) or SIGTERM. A second one
// ends the program at once, as if it had no handler: a build killed
// anywhere leaves the previous output whole.
func signalContext() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-sigs:
			signal.Stop(sigs)
			cancel(interrupted{s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() { signal.Stop(sigs); cancel(nil) }
}

// interrupted is the cause of a command's context when a signal stopped
// it.
type interrupted struct{ sig os.Signal }

func (e interrupted) Error() string { return "stopped by " + signalName(e.sig) }

func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "Ctrl-C (SIGINT)"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

// exitStatus is the status of a command stopped by a signal: 128 and the
// signal's number, as a shell reports it (130 for SIGINT, 143 for
// SIGTERM).
func (e interrupted) exitStatus() int {
	if n, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 128 + 2
}

// errStopped is returned by a command that stopped because its context
// was cancelled, after saying what it left behind.
var errStopped = errors.New("stopped")

// stoppedStatus is the exit status of a command stopped by ctx's
// cancellation: 128 and the signal's number when a signal did it.
func stoppedStatus(ctx context.Context) int {
	var sig interrupted
	if errors.As(context.Cause(ctx), &sig) {
		return sig.exitStatus()
	}
	return exitInterrupted
}

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errContent means the site has problems that were already printed.
var errContent = errors.New("the site has errors")

type command struct {
	name  string
	short string
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"build", "build the site into public/", runBuild},
	{"check", "validate the site and print every problem", runCheck},
	{"clean-cache", "remove the build cache (what repeat builds reuse)", runCleanCache},
	{"import", "make a draft letter from Word, or a draft reply from a PDF", runImport},
	{"new", "start a letter, response, report or organisation file", runNew},
	{"serve", "preview the site, rebuilding and reloading on every save", runServe},
	{"version", "print the version", runVersion},
}

// Run runs the command line args and returns the exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		var ue usageError
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.Is(err, errStopped):
			return stoppedStatus(ctx)
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "letterpress %s: %s\n", c.name, ue.msg)
			return exitUsage
		case errors.Is(err, errContent):
			return exitContent
		default:
			fmt.Fprintf(stderr, "letterpress %s: %v\n", c.name, err)
			return exitContent
		}
	}
	fmt.Fprintf(stderr, "letterpress: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: letterpress <command> [flags]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.short)
	}
	fmt.Fprintln(w, "\nRun letterpress <command> -h for a command's flags.")
}

// newFlags makes a FlagSet that reports errors instead of exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("letterpress "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args, turning flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}
