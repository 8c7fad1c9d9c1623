//go:build !unix

package serve

// raiseFileLimit: no limit of open files to raise here (Windows watches a
// folder tree with one handle); 0 is "not known".
func raiseFileLimit() uint64 { return 0 }
