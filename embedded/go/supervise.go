package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

// runSupervised starts a server (redis-server) as our child with the parent-death signal set, and
// stops it with SIGTERM when our own parent dies or signals us. Its exit code becomes ours.
func runSupervised(args []string) error {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		return errors.New("supervise: no command given")
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	ctx, cancel := contextUntilParentDies(ctx)
	defer cancel()

	// Pdeathsig fires when the creating OS thread exits, so keep this goroutine on its thread.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("supervise: start %s: %w", args[0], err)
	}

	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	select {
	case err := <-exited:
		return exitError(err)
	case <-ctx.Done():
		_ = cmd.Process.Signal(syscall.SIGTERM)
	}

	select {
	case err := <-exited:
		return exitError(err)
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		return errors.New("supervise: child ignored SIGTERM for 20 s and was killed")
	}
}

func exitError(err error) error {
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() < 0 {
		return nil // ended by our own SIGTERM
	}
	return err
}
