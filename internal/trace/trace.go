// Package trace prints how long each stage of a build took, in wall time
// and CPU time, when LETTERPRESS_TRACE is set (docs/performance.md).
package trace

import (
	"fmt"
	"io"
	"os"
	"time"
)

// Stages times the stages of one run. Its zero value prints nothing.
type Stages struct {
	w       io.Writer // nil: LETTERPRESS_TRACE is not set
	last    time.Time
	lastCPU time.Duration
}

// Start starts timing a run: to standard error, if LETTERPRESS_TRACE is
// set.
func Start() Stages {
	if os.Getenv("LETTERPRESS_TRACE") == "" {
		return Stages{}
	}
	return Stages{w: os.Stderr, last: time.Now(), lastCPU: CPUTime()}
}

// Tick prints the time since the last Tick (or Start) as the stage what's.
func (s *Stages) Tick(what string) {
	if s == nil || s.w == nil {
		return
	}
	now, cpu := time.Now(), CPUTime()
	wall := now.Sub(s.last)
	cores := 0.0
	if wall > 0 { // a coarse clock can see no time pass
		cores = float64(cpu-s.lastCPU) / float64(wall)
	}
	fmt.Fprintf(s.w, "%-16s %6v  cpu %6v  %.2f cores\n", what, wall.Round(time.Millisecond), (cpu - s.lastCPU).Round(time.Millisecond), cores)
	s.last, s.lastCPU = now, cpu
}
