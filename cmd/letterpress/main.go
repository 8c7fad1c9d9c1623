// Command letterpress builds, previews and checks a site of published
// correspondence. See the README for the content model.
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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	finish := profile()
	code := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	finish()
	os.Exit(code)
}

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// contentError means the site has problems that were already printed.
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
