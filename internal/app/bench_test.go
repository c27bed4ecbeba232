package app_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/app"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/demo"
)

// BenchmarkServeStartup measures `roster serve --demo` on an existing
// SQLite database that holds the demo data: from the call to Serve until
// it accepts connections (ready-ns/op), and the whole start-and-stop cycle
// (ns/op). The target is under a second.
//
//	go test ./internal/app -run '^$' -bench ServeStartup -benchtime 10x
func BenchmarkServeStartup(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "data")
	ctx := context.Background()
	d, err := db.Open(ctx, db.Config{DataDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := d.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if res, err := demo.Seed(ctx, d, time.Now()); err != nil || res == nil {
		b.Fatalf("demo seed: %v %v", res, err)
	}
	if err := d.Close(); err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)

	var ready time.Duration
	for b.Loop() {
		start := time.Now()
		readyCh := make(chan struct{})
		o := &app.ServeOptions{DB: app.DBFlags{Data: dir}, Addr: "127.0.0.1:0", Demo: true,
			Ready: func(string) { close(readyCh) }}
		sctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- app.Serve(sctx, o, io.Discard, log) }()
		select {
		case <-readyCh:
		case err := <-done:
			cancel()
			b.Fatalf("Serve returned before it was ready: %v", err)
		}
		ready += time.Since(start)
		cancel()
		if err := <-done; err != nil {
			b.Fatalf("Serve: %v", err)
		}
	}
	b.ReportMetric(float64(ready.Nanoseconds())/float64(b.N), "ready-ns/op")
}
