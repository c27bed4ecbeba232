package dbtest

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rosterhq/roster/internal/db"
)

// CPU is the CPU time used so far by this process and, on PostgreSQL,
// by d's server processes: what a benchmark's operations cost in work,
// which other load on a shared machine does not stretch the way it
// stretches wall time (the wait for a core). The server processes are
// found by the application_name PostgresURL gives each test database and
// read from /proc, so ok is false when the server runs elsewhere (or
// outside Linux): a benchmark then reports nothing rather than half the
// cost. A connection closed between two readings takes its share with it.
func CPU(ctx context.Context, d *db.DB) (total time.Duration, ok bool) {
	self, server, ok := CPUParts(ctx, d)
	return self + server, ok
}

// CPUParts is CPU's two parts: this process's time and the server
// processes' (zero on SQLite), for benchmarks that report them apart.
func CPUParts(ctx context.Context, d *db.DB) (self, server time.Duration, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0, false
	}
	self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	if d.Dialect() != db.Postgres {
		return self, 0, true
	}
	rows, err := d.QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE application_name = current_setting('application_name')`)
	if err != nil {
		return 0, 0, false
	}
	defer rows.Close()
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			return 0, 0, false
		}
		t, ok := serverCPU(pid)
		if !ok {
			return 0, 0, false
		}
		server += t
	}
	return self, server, rows.Err() == nil
}

// serverCPU reads a PostgreSQL backend's time on a CPU (the first field
// of /proc/PID/schedstat, in nanoseconds; a backend has one thread).
func serverCPU(pid int) (time.Duration, bool) {
	comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	if err != nil || !strings.HasPrefix(string(comm), "postgres") {
		return 0, false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/schedstat", pid))
	if err != nil {
		return 0, false
	}
	fields := strings.Fields(string(stat))
	if len(fields) == 0 {
		return 0, false
	}
	ns, err := strconv.ParseInt(fields[0], 10, 64)
	return time.Duration(ns), err == nil
}
