//go:build !unix

package build_test

import "errors"

// mkfifo: no named pipes in the file system here; the tests skip.
func mkfifo(string) error { return errors.ErrUnsupported }
