package main

import (
	"context"
	"io"
	"os"
	"syscall"
	"time"
)

// prSetPdeathsig is PR_SET_PDEATHSIG from <linux/prctl.h>.
const prSetPdeathsig = 1

// contextUntilParentDies returns a context cancelled when the process that started us goes away.
// Three signals cover the races: the kernel's parent-death signal, standard input closing (the
// parent holds the write end of the pipe), and a change of parent pid noticed by polling.
func contextUntilParentDies(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	parent := os.Getppid()

	_, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, prSetPdeathsig, uintptr(syscall.SIGTERM), 0)
	if os.Getppid() != parent || parent == 1 {
		cancel()
	}

	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()

	go func() {
		ticker := time.NewTicker(500 * time.Millisecond)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				if os.Getppid() != parent {
					cancel()
					return
				}
			}
		}
	}()

	return ctx, cancel
}
