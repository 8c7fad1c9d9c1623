package main

import (
	"fmt"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"runtime/trace"
	"strings"
	"time"
)

// profile starts the profiles that LETTERPRESS_CPUPROFILE,
// LETTERPRESS_HEAPPROFILE and LETTERPRESS_EXECTRACE (for go tool trace:
// how busy each core was) ask for (files to write), for finding where a
// real site's build spends its time and memory. The heap profile is the
// one taken after the garbage collection that found the most live data:
// the build's peak, not its end. The returned function finishes them.
func profile() func() {
	var stops []func()
	if path := os.Getenv("LETTERPRESS_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "letterpress: LETTERPRESS_CPUPROFILE: %v\n", err)
		} else {
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if path := os.Getenv("LETTERPRESS_EXECTRACE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = trace.Start(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "letterpress: LETTERPRESS_EXECTRACE: %v\n", err)
		} else {
			stops = append(stops, func() { trace.Stop(); f.Close() })
		}
	}
	if path := os.Getenv("LETTERPRESS_HEAPPROFILE"); path != "" {
		done := make(chan struct{})
		finished := make(chan struct{})
		go func() {
			defer close(finished)
			samples := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/total:bytes"}, {Name: "/gc/heap/goal:bytes"}}
			var cycles, peak, total, goal uint64
			var classes []string
			tick := time.NewTicker(20 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-done:
					for _, c := range classes {
						fmt.Fprintln(os.Stderr, c)
					}
					fmt.Fprintf(os.Stderr, "letterpress: peak live heap %d MiB, heap goal %d MiB, memory from the OS %d MiB (profile in %s)\n", peak>>20, goal>>20, total>>20, path)
					return
				case <-tick.C:
				}
				metrics.Read(samples)
				if t := samples[2].Value.Uint64(); t > total {
					var all []metrics.Sample
					for _, d := range metrics.All() {
						if strings.HasPrefix(d.Name, "/memory/classes/") {
							all = append(all, metrics.Sample{Name: d.Name})
						}
					}
					metrics.Read(all)
					classes = classes[:0]
					for _, a := range all {
						classes = append(classes, fmt.Sprintf("%s %d MiB", a.Name, a.Value.Uint64()>>20))
					}
				}
				total, goal = max(total, samples[2].Value.Uint64()), max(goal, samples[3].Value.Uint64())
				if c := samples[0].Value.Uint64(); c != cycles {
					cycles = c
					if live := samples[1].Value.Uint64(); live > peak {
						peak = live
						if f, err := os.Create(path); err == nil {
							pprof.Lookup("heap").WriteTo(f, 0)
							f.Close()
						}
					}
				}
			}
		}()
		stops = append(stops, func() { close(done); <-finished })
	}
	return func() {
		for _, stop := range stops {
			stop()
		}
	}
}
