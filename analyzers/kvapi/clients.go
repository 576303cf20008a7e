package kvapi

import (
	"go/types"
	"regexp"
	"strings"

	"github.com/storewise/storewise/analyzers/internal/ssaflow"
)

// client is one KV client library, described as data: where its API lives, which calls
// are KV operations and where their arguments are, how it opens a namespace, and how a
// get says that the key is missing. Adding a client, or a version of one, is adding an
// entry here; the passes never name a package, a function or a signal.
type client struct {
	name string
	// paths matches the import paths of the packages that define the API. Aliases
	// (the old github.com/syumai/workers paths forwarding to workers-go) resolve to
	// the defining package through go/types, so methods are matched where defined.
	paths *regexp.Regexp
	// methods maps a receiver type name to its KV methods.
	methods map[string]map[string]apiMethod
	// opens names the package functions that open a namespace from a binding name,
	// given as their last argument (older syumai constructors took a context first).
	opens map[string]bool
	// fields names the package functions that wrap a params field's value
	// (cloudflare.F(x)): looked through to x.
	fields map[string]bool
	// sentinel is the name of the package variable a get returns for a missing key
	// (signalErrSentinel); notFoundType the error type it returns (signalNotFoundError);
	// statusField the field of the error holding the HTTP status (signalStatus404).
	sentinel, notFoundType, statusField string
	// null lists the values a get returns, with a nil error, for a missing key
	// (SignalNull).
	null []string
}

// apiMethod describes one client API: where the namespace, key, value and options are.
// Indexes count the call's arguments with the receiver first; field names mean "this
// field of the params struct at argument params".
type apiMethod struct {
	kind                 Kind
	ns, key, value, opts int // argument index, -1 none
	params               int // argument index of a params struct, -1 none
	nsField, keyField    string
	valueField           string
	signal               Signal
	// bulk is the params field holding a bulk call's elements: key/value pairs
	// (fields elemKey/elemValue of each element) when pairs, bare keys otherwise.
	bulk               string
	pairs              bool
	elemKey, elemValue string
	// optElems is where a bulk write's elements carrying options are: the field
	// optElemsField of argument optElemsArg (the argument itself when no field).
	optElemsArg   int
	optElemsField string
}

func positional(kind Kind, ns, key, value, opts int, sig Signal) apiMethod {
	return apiMethod{kind: kind, ns: ns, key: key, value: value, opts: opts, params: -1, signal: sig, optElemsArg: -1}
}

func params(kind Kind, p int, keyField, valueField string, sig Signal) apiMethod {
	return apiMethod{kind: kind, ns: -1, key: -1, value: -1, opts: -1, params: p,
		nsField: "NamespaceID", keyField: keyField, valueField: valueField, signal: sig, optElemsArg: -1}
}

// withBulk makes a params call a bulk call over the elements in field; pairs when each
// element is a key/value pair (its options then checked per element).
func withBulk(m apiMethod, field string, pairs bool) apiMethod {
	m.bulk, m.pairs = field, pairs
	if pairs {
		m.elemKey, m.elemValue = "Key", "Value"
		m.optElemsArg, m.optElemsField = m.params, field
	}
	return m
}

// withOptElems says where a bulk write's option-carrying elements are.
func withOptElems(m apiMethod, arg int, field string) apiMethod {
	m.optElemsArg, m.optElemsField = arg, field
	return m
}

func withValueField(m apiMethod, f string) apiMethod { m.params = m.opts; m.valueField = f; return m }

// syumaiNamespace is the API of a syumai namespace: the receiver is the namespace;
// arguments (recv, key, [value], opts). get is the signal of GetString, reader of
// GetReader.
func syumaiNamespace(get, reader Signal) map[string]apiMethod {
	return map[string]apiMethod{
		"GetString": positional(Get, 0, 1, -1, 2, get),
		"GetReader": positional(Get, 0, 1, -1, 2, reader),
		"PutString": positional(Put, 0, 1, 2, 3, signalUnknown),
		"PutReader": positional(Put, 0, 1, 2, 3, signalUnknown),
		"Delete":    positional(Delete, 0, 1, -1, -1, signalUnknown),
		"List":      positional(List, 0, -1, -1, 1, signalUnknown),
	}
}

// restKV is the API of the cloudflare-go v2–v7 kv services: arguments (recv, ctx,
// namespaceID, keyName, params).
var restKV = map[string]map[string]apiMethod{
	"NamespaceValueService": {
		"Get":    positional(Get, 2, 3, -1, -1, signalStatus404),
		"Update": withValueField(positional(Put, 2, 3, -1, 4, signalUnknown), "Value"),
		"Delete": positional(Delete, 2, 3, -1, -1, signalUnknown),
	},
	// Metadata.Get reads the metadata of one key (v3 and later): a read of the entry.
	"NamespaceMetadataService": {
		"Get": positional(Get, 2, 3, -1, -1, signalStatus404),
	},
	"NamespaceService": {
		"BulkUpdate": withOptElems(positional(Put, 2, -1, -1, -1, signalUnknown), 3, "Body"),
		"BulkDelete": positional(Delete, 2, -1, -1, -1, signalUnknown),
		"BulkGet":    positional(Get, 2, -1, -1, -1, signalUnknown),
	},
	"NamespaceKeyService": {
		"List":           positional(List, 2, -1, -1, -1, signalUnknown),
		"ListAutoPaging": positional(List, 2, -1, -1, -1, signalUnknown),
		"BulkUpdate":     withOptElems(positional(Put, 2, -1, -1, -1, signalUnknown), 3, "Body"),
		"BulkDelete":     positional(Delete, 2, -1, -1, -1, signalUnknown),
		"BulkGet":        positional(Get, 2, -1, -1, -1, signalUnknown),
	},
}

// clients is every KV client kvlint knows.
var clients = []*client{
	{
		// github.com/syumai/workers-go v0.35+ (2026-09): a missing key is kv.ErrNotFound.
		// The old github.com/syumai/workers paths of those versions are aliases of these.
		name:     "syumai/workers-go",
		paths:    regexp.MustCompile(`^github\.com/syumai/workers-go/cloudflare/kv$`),
		methods:  map[string]map[string]apiMethod{"Namespace": syumaiNamespace(signalErrSentinel, signalErrSentinel)},
		opens:    map[string]bool{"NewNamespace": true},
		sentinel: "ErrNotFound",
	},
	{
		// The generated low-level layer of workers-go (cfgen from workers-types): a get
		// returns a nil *string, []byte or io.ReadCloser and a nil error for a missing
		// key. GetJSON's JavaScript null and the WithMetadata results (a struct whose
		// Value is null) are not modelled: tests of them stay unjudged. Later versions
		// take the options as argument 2, earlier ones none (argAt answers nil).
		name:  "syumai/workers-go exp",
		paths: regexp.MustCompile(`^github\.com/syumai/workers-go/exp/cloudflare/kv$`),
		methods: map[string]map[string]apiMethod{"KVNamespace": {
			"GetText":               positional(Get, 0, 1, -1, 2, signalNil),
			"GetBytes":              positional(Get, 0, 1, -1, 2, signalNil),
			"GetStream":             positional(Get, 0, 1, -1, 2, signalNil),
			"GetJSON":               positional(Get, 0, 1, -1, 2, signalUnknown),
			"GetTextWithMetadata":   positional(Get, 0, 1, -1, 2, signalUnknown),
			"GetJSONWithMetadata":   positional(Get, 0, 1, -1, 2, signalUnknown),
			"GetBytesWithMetadata":  positional(Get, 0, 1, -1, 2, signalUnknown),
			"GetStreamWithMetadata": positional(Get, 0, 1, -1, 2, signalUnknown),
			"Put":                   positional(Put, 0, 1, 2, 3, signalUnknown),
			"Delete":                positional(Delete, 0, 1, -1, -1, signalUnknown),
			"List":                  positional(List, 0, -1, -1, 1, signalUnknown),
		}},
		opens: map[string]bool{"NewKVNamespace": true},
	},
	{
		// github.com/syumai/workers v0.28 – v0.33: package cloudflare/kv; GetString
		// returns "<null>" and a nil error for a missing key.
		name:    "syumai/workers",
		paths:   regexp.MustCompile(`^github\.com/syumai/workers/cloudflare/kv$`),
		methods: map[string]map[string]apiMethod{"Namespace": syumaiNamespace(SignalNull, signalUnknown)},
		opens:   map[string]bool{"NewNamespace": true},
		null:    []string{"<null>", "<undefined>"},
	},
	{
		// github.com/syumai/workers up to v0.27: methods of cloudflare.KVNamespace (from
		// v0.28, KVNamespace is an alias of kv.Namespace, matched above). Constructors
		// before v0.19 took a context first.
		name:    "syumai/workers cloudflare",
		paths:   regexp.MustCompile(`^github\.com/syumai/workers/cloudflare$`),
		methods: map[string]map[string]apiMethod{"KVNamespace": syumaiNamespace(SignalNull, signalUnknown)},
		opens:   map[string]bool{"NewKVNamespace": true},
		null:    []string{"<null>", "<undefined>"},
	},
	{
		// cloudflare-go v0 (*API): arguments (recv, ctx, rc, params) for the params API,
		// (recv, ctx, namespaceID, key, [value]) for the older positional API.
		name:  "cloudflare-go",
		paths: regexp.MustCompile(`^github\.com/cloudflare/cloudflare-go$`),
		methods: map[string]map[string]apiMethod{"API": {
			"GetWorkersKV":              params(Get, 3, "Key", "", signalNotFoundError),
			"WriteWorkersKVEntry":       params(Put, 3, "Key", "Value", signalUnknown),
			"DeleteWorkersKVEntry":      params(Delete, 3, "Key", "", signalUnknown),
			"ListWorkersKVKeys":         params(List, 3, "", "", signalUnknown),
			"WriteWorkersKVEntries":     withBulk(params(Put, 3, "", "", signalUnknown), "KVs", true),
			"DeleteWorkersKVEntries":    withBulk(params(Delete, 3, "", "", signalUnknown), "Keys", false),
			"ReadWorkersKV":             positional(Get, 2, 3, -1, -1, signalNotFoundError),
			"WriteWorkersKV":            positional(Put, 2, 3, 4, -1, signalUnknown),
			"DeleteWorkersKV":           positional(Delete, 2, 3, -1, -1, signalUnknown),
			"WriteWorkersKVBulk":        withOptElems(positional(Put, 2, -1, -1, -1, signalUnknown), 3, ""),
			"DeleteWorkersKVBulk":       positional(Delete, 2, -1, -1, -1, signalUnknown),
			"ListWorkersKVs":            positional(List, 2, -1, -1, -1, signalUnknown),
			"ListWorkersKVsWithOptions": positional(List, 2, -1, -1, -1, signalUnknown),
			// ListWorkersKVNamespaces lists namespaces, not keys: no operation.
		}},
		notFoundType: "NotFoundError",
	},
	{
		// cloudflare-go v2 – v7, generated REST client: the kv service, and the root
		// package's field constructors.
		name:        "cloudflare-go/v2+",
		paths:       regexp.MustCompile(`^github\.com/cloudflare/cloudflare-go/v[2-9]/kv$`),
		methods:     restKV,
		statusField: "StatusCode",
	},
	{
		name:   "cloudflare-go/v2+ root",
		paths:  regexp.MustCompile(`^github\.com/cloudflare/cloudflare-go/v[2-9]$`),
		fields: map[string]bool{"F": true, "Float": true, "Int": true, "String": true},
	},
}

// clientOf returns the client whose API a package path holds, or nil.
func clientOf(path string) *client {
	for _, c := range clients {
		if c.paths.MatchString(path) {
			return c
		}
	}
	return nil
}

// IsClientPackage reports whether path is a KV client package (or a package whose types
// are needed to call one).
func IsClientPackage(path string) bool { return clientOf(path) != nil }

// lookupAPI finds the client API a function is, by package path and receiver type.
func lookupAPI(fn *types.Func) (apiMethod, bool) {
	if fn.Pkg() == nil {
		return apiMethod{}, false
	}
	c := clientOf(fn.Pkg().Path())
	if c == nil {
		return apiMethod{}, false
	}
	recv := recvName(fn)
	if recv == "" {
		return apiMethod{}, false
	}
	m, ok := c.methods[recv][fn.Name()]
	return m, ok
}

// isBindingConstructor reports whether fn opens a namespace by binding name (its last
// argument).
func isBindingConstructor(fn *types.Func) bool {
	if fn.Pkg() == nil || recvName(fn) != "" {
		return false
	}
	c := clientOf(fn.Pkg().Path())
	return c != nil && c.opens[fn.Name()]
}

// isFieldConstructor reports whether fn wraps a params field's value (cloudflare.F).
func isFieldConstructor(fn *types.Func) bool {
	if fn.Pkg() == nil || recvName(fn) != "" {
		return false
	}
	c := clientOf(fn.Pkg().Path())
	return c != nil && c.fields[fn.Name()]
}

// isNotFoundSentinel reports whether obj is a client's missing-key error variable
// (workers-go kv.ErrNotFound).
func isNotFoundSentinel(obj types.Object) bool {
	if _, ok := obj.(*types.Var); !ok || obj.Pkg() == nil {
		return false
	}
	c := clientOf(obj.Pkg().Path())
	return c != nil && c.sentinel != "" && obj.Name() == c.sentinel
}

// isNotFoundType reports whether t is (a pointer to) a client's missing-key error type
// (cloudflare-go v0's NotFoundError).
func isNotFoundType(t types.Type) bool {
	n, ok := types.Unalias(ssaflow.Deref(t)).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	for _, c := range clients {
		if c.notFoundType != "" && n.Obj().Name() == c.notFoundType && strings.HasPrefix(n.Obj().Pkg().Path(), clientRoot(c)) {
			return true
		}
	}
	return false
}

// clientRoot is the module path prefix of a client's packages, for error types defined
// in another of its packages.
func clientRoot(c *client) string {
	s := strings.TrimPrefix(c.paths.String(), "^")
	s = strings.TrimSuffix(s, "$")
	return strings.ReplaceAll(s, `\.`, ".")
}

// isStatusFieldName reports whether name is the field of a client's error holding the HTTP
// status (cloudflare-go v2+ apierror.Error.StatusCode).
func isStatusFieldName(name string) bool {
	for _, c := range clients {
		if c.statusField != "" && c.statusField == name {
			return true
		}
	}
	return false
}

// isNullValue reports whether s is a value a client's get returns, with a nil error,
// for a missing key ("<null>" for syumai/workers up to v0.33).
func isNullValue(s string) bool {
	for _, c := range clients {
		for _, n := range c.null {
			if n == s {
				return true
			}
		}
	}
	return false
}

// workerModule is the module path prefix of the Go Workers runtime (syumai/workers and
// syumai/workers-go): a package importing it runs in a Worker.
const workerModule = "github.com/syumai/workers"

// IsWorkerPackage reports whether pkg imports the Go Workers runtime: it runs in a
// Worker, where standard output is the console log.
func IsWorkerPackage(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if strings.HasPrefix(imp.Path(), workerModule) {
			return true
		}
	}
	return false
}

// ValueArg says where a client put's value is among its call's source arguments
// (receiver excluded): the argument, and the field of a params literal there that holds
// it ("" when the argument is the value). ok is false for wrappers, bulk calls and calls
// without a value argument.
func ValueArg(op *Op) (arg int, field string, ok bool) {
	if op.Wrapper || op.Callee == nil || op.Kind != Put {
		return 0, "", false
	}
	api, found := lookupAPI(op.Callee)
	if !found || api.bulk != "" {
		return 0, "", false
	}
	// Indexes count the receiver first; every client API is a method.
	switch {
	case api.valueField != "" && api.params > 0:
		return api.params - 1, api.valueField, true
	case api.value > 0:
		return api.value - 1, "", true
	}
	return 0, "", false
}
