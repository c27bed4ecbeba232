package importer

import (
	"context"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// cpuClock reads the CPU time an import costs: this process's (parser
// and writer together) and, on PostgreSQL on the same machine, the
// server processes' of the benchmark's database (dbtest.CPUParts; none
// when the server runs elsewhere). On a shared machine the load moves
// wall-clock rates by 2-5x; CPU per row moves much less.
type cpuClock struct {
	d            *db.DB
	self, server time.Duration
	ok           bool
}

func startCPU(d *db.DB) *cpuClock {
	c := &cpuClock{d: d}
	c.self, c.server, c.ok = dbtest.CPUParts(context.Background(), d)
	return c
}

// stop returns the process's and the server's CPU since start; the
// server's is zero when it could not be read.
func (c *cpuClock) stop(b testing.TB) (self, server time.Duration) {
	s, srv, ok := dbtest.CPUParts(context.Background(), c.d)
	if !ok || !c.ok {
		b.Log("CPU time not readable (server on another machine?)")
		return 0, 0
	}
	return s - c.self, srv - c.server
}

// threadCPU is the CPU time of the calling OS thread (lock the goroutine
// to it first). Run writes on its caller's goroutine while the parser
// runs on another: the writer's time per row is the bound on the rate
// when two cores are free, which the process's total is not.
func threadCPU(b testing.TB) time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ts.Nano())
}
