// Command gencorpus writes the synthetic letterpress corpus of
// internal/gencorpus, the one the tests and benchmarks build.
//
//	go run ./tools/gencorpus -n 10000 -out /tmp/site10k [-seed 1]
//	go run ./tools/gencorpus -n 10000 -cached   # prints the cached corpus's folder
//	go run ./tools/gencorpus -version
//
// With -out it writes into a new or empty folder. With -cached it prints
// the folder under $TMPDIR/letterpress-corpus/VERSION/ that the tests use
// too, writing the corpus there first if it is missing; VERSION is a hash
// of the generator's source, so a changed generator never reuses an old
// corpus. The same -n and -seed always give byte-identical output.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"letterpress/internal/gencorpus"
)

func main() {
	n := flag.Int("n", 1000, "number of letters")
	out := flag.String("out", "", "output folder (new or empty)")
	cached := flag.Bool("cached", false, "print the folder of the cached corpus, writing it first if missing")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same corpus")
	version := flag.Bool("version", false, "print the generator's version (a hash of its source) and exit")
	flag.Parse()
	switch {
	case *version:
		fmt.Println(gencorpus.Version())
	case flag.NArg() > 0 || *n < 1 || (*out == "") == !*cached:
		fmt.Fprintln(os.Stderr, "usage: gencorpus -n LETTERS (-out DIR | -cached) [-seed N]\n       gencorpus -version")
		os.Exit(2)
	case *cached:
		if _, err := os.Stat(filepath.Join(gencorpus.CacheDir(*n, *seed), "site.yaml")); err != nil {
			fmt.Fprintf(os.Stderr, "gencorpus: writing the corpus of %d letters into %s\n", *n, gencorpus.CacheDir(*n, *seed))
		}
		dir, err := gencorpus.Cached(*n, *seed)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(dir)
	default:
		s, err := gencorpus.Write(*out, *n, *seed)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("gencorpus: %d files, %d bytes in %s (letters %d, responses %d, reports %d, organisations %d, pages 2, seed %d, version %s)\n",
			s.Files, s.Bytes, *out, s.Letters, s.Responses, s.Reports, s.Organisations, *seed, gencorpus.Version())
	}
}
