package ifacestore // want package:`kv`

// ifacestore puts an interface in front of a KV client, as real services do: the
// interface's only implementation in the module is a wrapper, so calls through the
// interface are KV operations.

import (
	"encoding/json"
	"time"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Storage is what the services see.
type Storage interface {
	Get(key string) (string, error)                               // want Get:`kv get key=\$1 ns=\$0.namespace result=0`
	PutWithExpiration(key, value string, ttl time.Duration) error // want PutWithExpiration:`kv put key=\$1 ns=\$0.namespace value=\$2`
}

// Config is the package configuration the namespace's binding name comes from.
type Config struct{ KVNamespace string }

var cfg = &Config{KVNamespace: "STORE"}

// GetConfig returns the package configuration.
func GetConfig() *Config { return cfg }

type kvStorage struct{ namespace *wkv.Namespace }

// New returns the Storage.
func New() Storage { return &kvStorage{} }

func (k *kvStorage) Get(key string) (string, error) { // want Get:`kv get key=\$1 ns=\$0.namespace result=0`
	if k.namespace == nil {
		ns, err := wkv.NewNamespace(GetConfig().KVNamespace)
		if err != nil {
			return "", err
		}
		k.namespace = ns
	}
	return k.namespace.GetString(key, nil)
}

func (k *kvStorage) PutWithExpiration(key, value string, ttl time.Duration) error { // want PutWithExpiration:`kv put key=\$1 ns=\$0.namespace value=\$2`
	if k.namespace == nil {
		ns, err := wkv.NewNamespace(GetConfig().KVNamespace)
		if err != nil {
			return err
		}
		k.namespace = ns
	}
	return k.namespace.PutString(key, value, &wkv.PutOptions{ExpirationTTL: int(ttl.Seconds())})
}

// Account is stored as JSON under "acct:"+ID.
type Account struct {
	ID       string
	Balance  int
	Attempts int
}

// Accounts reads and writes accounts.
type Accounts struct{ ns *wkv.Namespace }

// Load reads an account by id.
func (a *Accounts) Load(id string) (*Account, error) { // want Load:`kv get key="acct:"\+\$1 ns=\$0.ns result=0`
	v, err := a.ns.GetString("acct:"+id, nil)
	if err != nil {
		return nil, err
	}
	var acct Account
	err = json.Unmarshal([]byte(v), &acct)
	return &acct, err
}

// Save writes an account under a key built from its ID field: it marshals the pointer it
// is given.
func (a *Accounts) Save(acct *Account) error { // want Save:`kv put key="acct:"\+\$1.ID ns=\$0.ns value=\$1`
	b, err := json.Marshal(acct)
	if err != nil {
		return err
	}
	return a.ns.PutString("acct:"+acct.ID, string(b), nil)
}
