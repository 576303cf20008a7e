package kvapi

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/ssaflow"
)

// Kind is what a KV operation does.
type Kind uint8

const (
	Get Kind = iota + 1
	Put
	Delete
	List
)

func (k Kind) String() string {
	switch k {
	case Get:
		return "get"
	case Put:
		return "put"
	case Delete:
		return "delete"
	case List:
		return "list"
	}
	return "?"
}

// IsWrite reports whether the operation changes the stored entry.
func (k Kind) IsWrite() bool { return k == Put || k == Delete }

// Signal is how a get tells the caller that the key is missing.
type Signal uint8

const (
	// signalUnknown: the model does not know; tests of the result count as outcome
	// tests, but are never reported as the wrong test.
	signalUnknown Signal = iota
	// SignalNull: syumai/workers GetString returns "<null>" and a nil error.
	SignalNull
	// signalNotFoundError: cloudflare-go v0 returns *cloudflare.NotFoundError.
	signalNotFoundError
	// signalStatus404: cloudflare-go v2+ returns an *apierror.Error with StatusCode 404.
	signalStatus404
	// signalErrSentinel: syumai/workers-go v0.35+ returns the error kv.ErrNotFound.
	signalErrSentinel
	// signalNil: the generated workers-go exp layer (GetText, GetBytes, GetStream)
	// returns a nil result (*string, []byte, io.ReadCloser) and a nil error.
	signalNil
)

// ByValue reports whether a get with this signal answers a missing key with a value
// and a nil error: its error never means "missing".
func (s Signal) ByValue() bool { return s == SignalNull || s == signalNil }

// NotFoundError names the error a get returns for a missing key when its signal is
// signalErrSentinel, as code writes it ("kv.ErrNotFound"); "" otherwise.
func (op *Op) NotFoundError() string {
	if op.Signal != signalErrSentinel || op.Callee == nil || op.Callee.Pkg() == nil {
		return ""
	}
	c := clientOf(op.Callee.Pkg().Path())
	if c == nil || c.sentinel == "" {
		return ""
	}
	return op.Callee.Pkg().Name() + "." + c.sentinel
}

// MissingValue is how a message names the value a get returns for a missing key when
// its signal is ByValue: "<null>" (quoted) or nil.
func (op *Op) MissingValue() string {
	if op.Signal == signalNil {
		return "nil"
	}
	return `"<null>"`
}

// Op is one KV operation in a function: a client call, or a call of a wrapper.
type Op struct {
	Kind      Kind
	Call      ssa.CallInstruction
	Namespace *ssaflow.Term // nil when unknown
	Key       *ssaflow.Term // nil when unknown (bulk calls, keys built from opaque values)
	KeyValue  ssa.Value
	Value     ssa.Value // put: the value written, nil when unknown
	Result    ssa.Value // get: the value read (nil when unused or unknown)
	Err       ssa.Value // get, put, delete: the error result (nil when unused or unknown)
	Signal    Signal
	Callee    *types.Func
	Wrapper   bool // the call is a wrapper, not a client API

	// recv names the receiver's type as the caller holds it, when a SPEC of the wrappers
	// flag matched by it (Store, for Get declared by an embedded Reader).
	recv string
}

// Pos is where the operation is called.
func (op *Op) Pos() token.Pos { return op.Call.Pos() }

// Block is the basic block holding the call.
func (op *Op) Block() *ssa.BasicBlock { return op.Call.Block() }

// SameEntry reports whether a and b certainly address the same stored entry: the same
// key in the same namespace. Unknown keys or namespaces are never the same.
func SameEntry(a, b *Op) bool {
	return a.Key.Equal(b.Key) && a.Namespace.Equal(b.Namespace)
}

// Describe names the operation for messages: "GetString", "wrapper loadCount".
func (op *Op) Describe() string {
	if op.Callee == nil {
		return op.Kind.String()
	}
	r := op.recv
	if r == "" {
		r = recvName(op.Callee)
	}
	if r != "" {
		return r + "." + op.Callee.Name()
	}
	return op.Callee.Name()
}

// recvName is the name of the receiver's named type (a struct's, or an interface's for
// interface methods), "" for functions and methods of unnamed interfaces.
func recvName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return ""
	}
	if t, ok := types.Unalias(ssaflow.Deref(recv.Type())).(*types.Named); ok {
		return t.Obj().Name()
	}
	return ""
}

// typeObj is the declared name of a named type or an alias, through one pointer; nil for
// other types.
func typeObj(t types.Type) *types.TypeName {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t := t.(type) {
	case *types.Named:
		return t.Obj()
	case *types.Alias:
		return t.Obj()
	}
	return nil
}

// funcKey names a function for the wrappers flag: pkgpath.Func or pkgpath.Type.Method.
func funcKey(fn *types.Func) string {
	if fn.Pkg() == nil {
		return fn.Name()
	}
	if r := recvName(fn); r != "" {
		return fn.Pkg().Path() + "." + r + "." + fn.Name()
	}
	return fn.Pkg().Path() + "." + fn.Name()
}

// argAt returns a function giving argument i of args, nil when i is -1 (the API has no
// such argument) or out of range.
func argAt(args []ssa.Value) func(i int) ssa.Value {
	return func(i int) ssa.Value {
		if i < 0 || i >= len(args) {
			return nil
		}
		return args[i]
	}
}

// callee returns the function object a call statically targets (or the interface
// method it invokes).
func callee(c *ssa.CallCommon) *types.Func {
	if c.IsInvoke() {
		return c.Method
	}
	if f := c.StaticCallee(); f != nil {
		if o, ok := f.Object().(*types.Func); ok {
			// A bound method closure (get := ns.GetString) holds the receiver in a free
			// variable, so its arguments are shifted; it is not modelled (unknown stays
			// silent).
			if o.Signature().Recv() != nil && f.Signature.Recv() == nil && len(f.FreeVars) > 0 {
				return nil
			}
			// A method of an instantiated generic type ((*Store[int]).Get) is its generic
			// declaration's, which is where a wrapper's fact lives.
			return o.Origin()
		}
	}
	return nil
}

// structField returns the value stored in field name of a struct built as a composite
// literal (a local alloc whose fields are each stored once), or nil.
func structField(v ssa.Value, name string) ssa.Value {
	if st := ssaflow.FieldStore(v, name); st != nil {
		return st.Val
	}
	return nil
}

// bulkElems returns the *WorkersKVPair (or key string) elements of a bulk slice built as
// a literal, or nil.
func bulkElems(v ssa.Value) []ssa.Value {
	elems, ok := ssaflow.SliceLiteral(ssaflow.Unwrap(v))
	if !ok {
		return nil
	}
	return elems
}

// KeyDesc names the key for messages: the constant (quoted) when it is one, else "".
func (op *Op) KeyDesc() string {
	if op.Key != nil && op.Key.Kind == ssaflow.TermConst {
		if _, v, ok := strings.Cut(op.Key.Name, ":"); ok {
			return v
		}
	}
	return ""
}

// KeyPhrase is "KV key "x"" for constant keys and "the same KV key" otherwise.
func (op *Op) KeyPhrase() string {
	if d := op.KeyDesc(); d != "" {
		return "KV key " + d
	}
	return "the same KV key"
}
