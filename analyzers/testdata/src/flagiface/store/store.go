// Package store declares stores the way applications split them: small interfaces
// embedded in the one the application passes around, an alias, and a struct that
// embeds a concrete client. Only the -kvlint.wrappers flag says they are KV.
package store

type Reader interface {
	Get(key string) (string, error)
}

type Writer interface {
	Set(key, value string) error
}

// Store is named in the flag; its methods are declared by Reader and Writer.
type Store interface {
	Reader
	Writer
}

// Files embeds the same Reader and is not named: a file store is not KV.
type Files interface {
	Reader
	Writer
}

// Cache is an alias of an unnamed interface, named in the flag.
type Cache = interface {
	Get(key string) (string, error)
	Set(key, value string) error
}

// Client is a concrete client whose methods the analysis cannot see into.
type Client struct{ handle uintptr }

func (c *Client) Get(key string) (string, error) { return lookup(c.handle, key) }
func (c *Client) Set(key, value string) error    { return store(c.handle, key, value) }

// Service holds a Client by embedding; the flag names Service.Get and Service.Set.
type Service struct {
	*Client
	Name string
}

func lookup(h uintptr, key string) (string, error) { return "", nil }
func store(h uintptr, key, value string) error     { return nil }
