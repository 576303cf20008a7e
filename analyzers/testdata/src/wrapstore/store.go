package wrapstore // want package:`kv`

// wrapstore wraps a KV namespace; its functions are summarised as wrapper facts.

import (
	"strconv"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

type Store struct{ ns *wkv.Namespace }

func New() *Store {
	ns, _ := wkv.NewNamespace("STORE")
	return &Store{ns: ns}
}

// Load reads a user record: key template "user:"+k, namespace the receiver's ns field.
func (s *Store) Load(k string) (string, error) { // want Load:`kv get key="user:"\+\$1 ns=\$0.ns result=0`
	return s.ns.GetString("user:"+k, nil)
}

func (s *Store) Save(k, v string) error { // want Save:`kv put key="user:"\+\$1 ns=\$0.ns value=\$2`
	return s.ns.PutString("user:"+k, v, nil)
}

// ReadCount and WriteCount take the namespace as a parameter.
func ReadCount(ns *wkv.Namespace, k string) int { // want ReadCount:`kv get key=\$1 ns=\$0 result=0`
	v, _ := ns.GetString(k, nil)
	n, _ := strconv.Atoi(v)
	return n
}

func WriteCount(ns *wkv.Namespace, k string, n int) { // want WriteCount:`kv put key=\$1 ns=\$0 value=\$2`
	ns.PutString(k, strconv.Itoa(n), nil)
}

// LoadProfile is a wrapper of a wrapper.
func LoadProfile(s *Store, id string) string { // want LoadProfile:`kv get key="user:"\+\$1 ns=\$0.ns result=0`
	v, _ := s.Load(id)
	return v
}

// Config reads a fixed key of a fixed binding: a wrapper with no parameters.
func Config() string { // want Config:`kv get key="config" ns=kv.binding\("CONFIG"\) result=0`
	ns, _ := wkv.NewNamespace("CONFIG")
	v, _ := ns.GetString("config", nil)
	return v
}

// Random keys are not a template: no fact.
func Touch(ns *wkv.Namespace, next func() string) {
	ns.PutString(next(), "1", nil)
}

// A look-alike method is not a wrapper.
type Fake struct{}

func (Fake) GetString(k string, _ *wkv.GetOptions) (string, error) { return "", nil }

func UseFake(f Fake, k string) string {
	v, _ := f.GetString(k, nil)
	return v
}

// LoadChecked returns early on error: the value read is in the second return statement.
func (s *Store) LoadChecked(k string) (string, error) { // want LoadChecked:`kv get key="user:"\+\$1 ns=\$0.ns result=0`
	v, err := s.ns.GetString("user:"+k, nil)
	if err != nil {
		return "", err
	}
	return v, nil
}
