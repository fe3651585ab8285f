// Command monitor-embedded runs the servers the monitor owns when none are configured:
//
//	monitor-embedded ferretdb -data DIR [-listen 127.0.0.1:0]
//	monitor-embedded supervise -- redis-server ARGS...
//
// Both modes exit when their parent dies (PR_SET_PDEATHSIG plus end-of-file on
// standard input), so a killed monitor never leaves a server behind.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: monitor-embedded ferretdb|supervise ...")
		os.Exit(2)
	}

	var err error
	switch os.Args[1] {
	case "ferretdb":
		err = runFerretDB(os.Args[2:])
	case "supervise":
		err = runSupervised(os.Args[2:])
	default:
		err = fmt.Errorf("unknown mode %q (want ferretdb or supervise)", os.Args[1])
	}

	if err != nil {
		fmt.Fprintln(os.Stderr, "monitor-embedded:", err)
		os.Exit(1)
	}
}
