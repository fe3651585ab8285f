package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// runFerretDB serves FerretDB (SQLite handler) on a Unix socket in the data folder, for
// administrators, and the app's guarded door on a loopback TCP port. It prints one JSON line
// {"uri": ..., "adminUri": ...} on standard output once both accept connections.
func runFerretDB(args []string) error {
	flags := flag.NewFlagSet("ferretdb", flag.ContinueOnError)
	dataDir := flags.String("data", "data/store", "directory of the SQLite files")
	listen := flags.String("listen", "127.0.0.1:0", "TCP address of the app's guarded door")
	appendOnly := flags.String("append-only", "", "comma-separated collections the app may only insert into and read")
	logLevel := flags.String("log-level", "warn", "debug, info, warn or error")
	if err := flags.Parse(args); err != nil {
		return err
	}

	tuneGarbageCollector()

	absDir, err := filepath.Abs(*dataDir)
	if err != nil {
		return fmt.Errorf("data directory %q: %w", *dataDir, err)
	}
	if err := os.MkdirAll(absDir, 0o700); err != nil {
		return fmt.Errorf("data directory %q: %w", absDir, err)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("log level %q: %w", *logLevel, err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	socket, err := adminSocketPath(absDir)
	if err != nil {
		return err
	}
	// A socket left by a killed run would stop the listener from binding.
	_ = os.Remove(socket)
	guardListener, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *listen, err)
	}
	policy := &guardPolicy{appendOnly: map[string]bool{}, validators: &validatorStore{dataDir: absDir}}
	for _, name := range strings.Split(*appendOnly, ",") {
		if name = strings.TrimSpace(name); name != "" {
			policy.appendOnly[name] = true
		}
	}

	db, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{Unix: socket},
		Logger:   logger,
		Handler:  "sqlite",
		// Beside FerretDB's write-ahead log: commits skip the fsync, checkpoints keep it; a crash of
		// this process loses nothing, a power cut at most the last commits (docs/embedded-store.md).
		SQLiteURL: "file:" + absDir + "/?_pragma=synchronous(normal)",
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	ctx, cancel := contextUntilParentDies(ctx)
	defer cancel()

	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = db.Run(ctx)
	}()

	// MongoDBURI blocks until the listener is bound, so printing it announces readiness.
	adminURI := db.MongoDBURI()
	go serveGuard(ctx, guardListener, socket, policy, logger)
	ready, _ := json.Marshal(map[string]string{
		"uri":      "mongodb://" + guardListener.Addr().String() + "/",
		"adminUri": adminURI,
	})
	fmt.Println(string(ready))

	<-done
	return nil
}

// The store allocates a document tree for every document read or written. With Go's default
// (collect at 100 % heap growth) it spent 8.9 s of CPU on the 10,000-post ingest benchmark and
// 6.3 s at 400 %, for a peak resident size of 82 MB against 101 MB. The soft memory limit makes
// the collector run sooner again should the live heap ever grow large. GOGC or GOMEMLIMIT in the
// environment win.
const (
	gcPercent     = 400
	softMemoryCap = 1 << 30
)

func tuneGarbageCollector() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryCap)
	}
}

// adminSocketPath puts the administrators' socket in the store's private folder, or in a private
// temporary folder when that path is too long for a Unix socket (108 bytes on Linux).
func adminSocketPath(dataDir string) (string, error) {
	path := filepath.Join(dataDir, "admin.sock")
	if len(path) < 100 {
		return path, nil
	}
	dir, err := os.MkdirTemp("", "monitor-store-")
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "admin.sock"), nil
}
