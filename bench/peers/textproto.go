// textproto.go -- the Go peer of "make bench": net/textproto's ReadResponse.
// Copyright (C) 2026 The smtpreply authors.
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Usage: textproto-peer CORPUS
//
// Read the replies of CORPUS as Go's net/smtp reads a server's: a
// textproto.Reader over a bufio.Reader, ReadResponse(0) for each reply
// (0: any code is welcome).  Print the number of replies and the sum of
// their codes.  A reply ReadResponse refuses is counted and reported, and
// makes the program exit with 1.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: textproto-peer CORPUS")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "textproto-peer:", err)
		os.Exit(2)
	}
	defer f.Close()

	r := textproto.NewReader(bufio.NewReaderSize(f, 64*1024))
	var replies, sum, bad uint64
	for {
		code, _, err := r.ReadResponse(0)
		if err == io.EOF {
			break
		}
		var perr textproto.ProtocolError
		if errors.As(err, &perr) {
			if bad == 0 {
				fmt.Fprintln(os.Stderr, "textproto-peer:", err)
			}
			bad++
			continue
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "textproto-peer:", err)
			os.Exit(1)
		}
		replies++
		sum += uint64(code)
	}
	fmt.Println(replies, sum)
	if bad != 0 {
		fmt.Fprintln(os.Stderr, "textproto-peer:", bad, "replies refused")
		os.Exit(1)
	}
}
