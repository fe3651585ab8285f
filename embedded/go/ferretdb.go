package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// runFerretDB serves the MongoDB wire protocol on a loopback port with the SQLite handler and
// prints one JSON line {"uri": ...} on standard output once it accepts connections.
func runFerretDB(args []string) error {
	flags := flag.NewFlagSet("ferretdb", flag.ContinueOnError)
	dataDir := flags.String("data", "data/store", "directory of the SQLite files")
	listen := flags.String("listen", "127.0.0.1:0", "TCP address to listen on")
	logLevel := flags.String("log-level", "warn", "debug, info, warn or error")
	if err := flags.Parse(args); err != nil {
		return err
	}

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

	db, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + absDir + "/",
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
	ready, _ := json.Marshal(map[string]string{"uri": db.MongoDBURI()})
	fmt.Println(string(ready))

	<-done
	return nil
}
