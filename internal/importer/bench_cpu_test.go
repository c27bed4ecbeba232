package importer

import (
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/rosterhq/roster/internal/db"
)

// cpuClock reads the CPU time an import costs: this process's (user +
// system, parser and writer together) and, on PostgreSQL on the same
// machine, the server backends' of the benchmark's database (from
// /proc; zero when the server runs elsewhere). On a shared machine the
// load moves wall-clock rates by 2-5x; CPU per row barely moves.
// benchAppName is the application_name of the benchmark's PostgreSQL
// connections: other people's tests share the server.
var benchAppName = "roster_bench_" + strconv.Itoa(os.Getpid())

type cpuClock struct {
	d       *db.DB
	self    time.Duration
	backend map[int]time.Duration
}

func startCPU(b testing.TB, d *db.DB) *cpuClock {
	c := &cpuClock{d: d}
	c.self, c.backend = selfCPU(b), backendCPU(b, d)
	return c
}

// stop returns the process's and the server's CPU since start.
func (c *cpuClock) stop(b testing.TB) (self, server time.Duration) {
	self = selfCPU(b) - c.self
	for pid, t := range backendCPU(b, c.d) {
		server += t - c.backend[pid]
	}
	return self, server
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

func selfCPU(b testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// backendCPU is the CPU time of each server process of the benchmark's
// connections (benchDB names them benchAppName), by pid.
func backendCPU(b testing.TB, d *db.DB) map[int]time.Duration {
	out := map[int]time.Duration{}
	if d.Dialect() != db.Postgres {
		return out
	}
	rows, err := d.QueryContext(context.Background(), `SELECT pid FROM pg_stat_activity WHERE application_name = ?`, benchAppName)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			b.Fatal(err)
		}
		if t, ok := procCPU(pid); ok {
			out[pid] = t
		}
	}
	return out
}

// procCPU is utime + stime of a process from /proc/PID/stat.
func procCPU(pid int) (time.Duration, bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// Fields after the command name, which is in parentheses.
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, false
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const tick = 10 * time.Millisecond // USER_HZ is 100 on Linux
	return time.Duration(utime+stime) * tick, true
}
