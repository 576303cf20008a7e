// Package slowlib stands for a library of another module (another project, in GOPATH
// mode): Fetch waits, for a response, but a loop of hotkey that calls it is not paced by
// it. Its fact is not trusted across modules.
package slowlib

import "time"

func Fetch(url string) string { // want Fetch:"waits"
	<-time.After(100 * time.Millisecond)
	return url
}
