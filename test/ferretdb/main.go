// Command ferretdb-embedded runs FerretDB in-process on its SQLite backend, so that the MongoDB
// read-store adapter can be tested against a MongoDB wire-protocol server with nothing else
// installed. It prints one line, "ready <mongodb uri> ferretdb <version>", on stdout once the
// listener is bound.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"syscall"

	"github.com/FerretDB/FerretDB/build/version"
	"github.com/FerretDB/FerretDB/ferretdb"
)

const ferretModule = "github.com/FerretDB/FerretDB"

func main() {
	port := flag.Int("port", envInt("FERRETDB_PORT", 0), "TCP port on 127.0.0.1 (0 = any free port)")
	dir := flag.String("dir", os.Getenv("FERRETDB_DIR"), "directory for the SQLite data files (required)")
	watchStdin := flag.Bool("exit-on-stdin-eof", false, "stop when stdin closes (the parent died)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	durable := flag.Bool("durable", false, "fsync every commit (SQLite synchronous=FULL); off by default for tests")
	flag.Parse()

	if err := run(*port, *dir, *watchStdin, *durable, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-embedded:", err)
		os.Exit(1)
	}
}

func run(port int, dir string, watchStdin, durable bool, logLevel string) error {
	if dir == "" {
		return fmt.Errorf("-dir (or FERRETDB_DIR) is required")
	}

	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}

	if err = os.MkdirAll(abs, 0o755); err != nil {
		return err
	}

	var level slog.Level
	if err = level.UnmarshalText([]byte(logLevel)); err != nil {
		return err
	}

	// Embedded builds report "unknown" (version.txt is generated only in FerretDB's own tree);
	// the module version from go.mod is the truth, and buildInfo then shows it to clients.
	version.Get().Version = moduleVersion()

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	// The SQLite backend wants a "file:" URI naming an existing directory, ending with a slash.
	sqliteURL := &url.URL{Scheme: "file", Path: filepath.ToSlash(abs) + "/"}

	// FerretDB commits every written document on its own; without an fsync each, a test database
	// writes many times faster, and it is thrown away anyway.
	if !durable {
		sqliteURL.RawQuery = url.Values{"_pragma": {"synchronous(OFF)"}}.Encode()
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL.String(),
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, bufio.NewReader(os.Stdin))
			stop()
		}()
	}

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// MongoDBURI blocks until Run has bound the listener, so "ready" means connections are accepted.
	fmt.Println("ready", f.MongoDBURI(), "ferretdb", version.Get().Version)

	return <-done
}

func moduleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == ferretModule {
				return dep.Version
			}
		}
	}

	return "unknown"
}

func envInt(name string, fallback int) int {
	v, err := strconv.Atoi(os.Getenv(name))
	if err != nil {
		return fallback
	}

	return v
}
