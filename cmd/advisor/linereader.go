package main

import (
	"bufio"
	"io"
)

// lineReader hands out its input one line per Read. huh's accessible prompts each wrap the
// reader in a new bufio.Scanner, which reads as much as it can get: from a pipe, the first
// prompt would swallow every answer and the others would see none. Behind this reader the
// read-ahead stays in one shared bufio.Reader, and each Scanner gets exactly one line.
type lineReader struct {
	r *bufio.Reader
	// consumed counts the bytes handed out, and eof records that the input ended, so the
	// interview can tell an answer from a prompt that met the end of the input.
	consumed int
	eof      bool
}

func newLineReader(r io.Reader) *lineReader { return &lineReader{r: bufio.NewReader(r)} }

func (l *lineReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		b, err := l.r.ReadByte()
		if err != nil {
			if err == io.EOF {
				l.eof = true
			}
			if n > 0 {
				break // hand out the last line; the error comes with the next Read
			}
			return 0, err
		}
		p[n] = b
		n++
		if b == '\n' {
			break
		}
	}
	l.consumed += n
	return n, nil
}
