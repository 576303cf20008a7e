// Package tool is the Go half of a mixed repository: no KV here.
package tool

func Double(n int) int { return 2 * n }
