//go:build !unix

package main

import "time"

var start = time.Now()

// cpuTime falls back to wall time where the CPU time is not at hand.
func cpuTime() time.Duration { return time.Since(start) }
