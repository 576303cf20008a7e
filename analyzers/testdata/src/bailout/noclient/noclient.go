// Package noclient imports no KV client: kvlint returns at once.
package noclient

import "fmt"

func Hello() string { return fmt.Sprint("hello") }
