//go:build !unix

package build_test

import (
	"errors"
	"time"
)

// processCPU: not measured here (the benchmark reports 0).
func processCPU() time.Duration { return 0 }

// mkfifo: no named pipes in the file system here; the tests skip.
func mkfifo(string) error { return errors.ErrUnsupported }
