package kvts

/*
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>

// The tree-sitter C API, as compiled into github.com/smacker/go-tree-sitter (declared
// here, not included, so that this package needs no header path; weak, so that this
// package's own cgo link check does not need the definitions, which the final link takes
// from go-tree-sitter's objects).
typedef struct { uint32_t context[4]; const void *id; const void *tree; } kvts_node;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } kvts_cursor;
typedef struct { uint32_t row; uint32_t column; } kvts_point;

extern kvts_cursor ts_tree_cursor_new(kvts_node) __attribute__((weak));
extern void ts_tree_cursor_delete(kvts_cursor *) __attribute__((weak));
extern kvts_node ts_tree_cursor_current_node(const kvts_cursor *) __attribute__((weak));
extern uint16_t ts_tree_cursor_current_field_id(const kvts_cursor *) __attribute__((weak));
extern bool ts_tree_cursor_goto_first_child(kvts_cursor *) __attribute__((weak));
extern bool ts_tree_cursor_goto_next_sibling(kvts_cursor *) __attribute__((weak));
extern bool ts_tree_cursor_goto_parent(kvts_cursor *) __attribute__((weak));
extern uint16_t ts_node_symbol(kvts_node) __attribute__((weak));
extern bool ts_node_is_named(kvts_node) __attribute__((weak));
extern uint32_t ts_node_start_byte(kvts_node) __attribute__((weak));
extern uint32_t ts_node_end_byte(kvts_node) __attribute__((weak));
extern kvts_point ts_node_start_point(kvts_node) __attribute__((weak));

typedef struct {
	uint32_t start, end, row, column;
	int32_t parent;
	uint16_t symbol, field;
	uint8_t named;
} kvts_rec;

// kvts_flatten writes the tree under root into out in preorder, each record naming its
// parent's index; it returns the number of records, or -1 when cap is too small.
static int kvts_flatten(kvts_node root, kvts_rec *out, int cap) {
	kvts_cursor c = ts_tree_cursor_new(root);
	int n = 0;
	int32_t parent = -1;
	for (;;) {
		if (n >= cap) {
			ts_tree_cursor_delete(&c);
			return -1;
		}
		kvts_node cur = ts_tree_cursor_current_node(&c);
		kvts_point p = ts_node_start_point(cur);
		out[n].start = ts_node_start_byte(cur);
		out[n].end = ts_node_end_byte(cur);
		out[n].row = p.row;
		out[n].column = p.column;
		out[n].parent = parent;
		out[n].symbol = ts_node_symbol(cur);
		out[n].field = ts_tree_cursor_current_field_id(&c);
		out[n].named = ts_node_is_named(cur);
		int self = n++;
		if (ts_tree_cursor_goto_first_child(&c)) {
			parent = self;
			continue;
		}
		// Next sibling, or up until one exists.
		for (;;) {
			if (ts_tree_cursor_goto_next_sibling(&c)) {
				break;
			}
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return n;
			}
			self = parent;
			parent = out[parent].parent;
		}
		(void)self;
	}
}
*/
import "C"

import (
	"sync"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// names caches a language's symbol and field names: one C string conversion per symbol,
// not one per node.
type names struct {
	mu      sync.Mutex
	symbols map[uint16]string
	fields  map[uint16]string
}

var langNames sync.Map // *sitter.Language → *names

func namesOf(lang *sitter.Language) *names {
	if v, ok := langNames.Load(lang); ok {
		return v.(*names)
	}
	v, _ := langNames.LoadOrStore(lang, &names{symbols: map[uint16]string{}, fields: map[uint16]string{}})
	return v.(*names)
}

func (n *names) symbol(lang *sitter.Language, s uint16) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	name, ok := n.symbols[s]
	if !ok {
		name = lang.SymbolName(sitter.Symbol(s))
		n.symbols[s] = name
	}
	return name
}

func (n *names) field(lang *sitter.Language, f uint16) string {
	if f == 0 {
		return ""
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	name, ok := n.fields[f]
	if !ok {
		name = lang.FieldName(int(f))
		n.fields[f] = name
	}
	return name
}

// flatten copies the tree under root into Go nodes in one call into C.
func flatten(root *sitter.Node, lang *sitter.Language, f *file, limit int) (*node, bool) {
	// A sitter.Node starts with the C TSNode it wraps.
	croot := *(*C.kvts_node)(unsafe.Pointer(root))
	capacity := len(f.src)/2 + 64
	var recs []C.kvts_rec
	for {
		if capacity > limit+1 {
			capacity = limit + 1
		}
		buf := (*C.kvts_rec)(C.malloc(C.size_t(capacity) * C.size_t(unsafe.Sizeof(C.kvts_rec{}))))
		n := int(C.kvts_flatten(croot, buf, C.int(capacity)))
		if n >= 0 {
			recs = make([]C.kvts_rec, n)
			copy(recs, unsafe.Slice(buf, n))
			C.free(unsafe.Pointer(buf))
			break
		}
		C.free(unsafe.Pointer(buf))
		if capacity > limit {
			return nil, false
		}
		capacity *= 2
	}
	nm := namesOf(lang)
	nodes := make([]node, len(recs))
	for i := range recs {
		r := &recs[i]
		n := &nodes[i]
		n.kind = nm.symbol(lang, uint16(r.symbol))
		n.field = nm.field(lang, uint16(r.field))
		n.named = r.named != 0
		n.start, n.end = int(r.start), int(r.end)
		n.line, n.col = int(r.row)+1, int(r.column)+1
		n.file = f
		if r.parent >= 0 {
			p := &nodes[r.parent]
			n.parent = p
			p.kids = append(p.kids, n)
		}
	}
	if len(nodes) == 0 {
		return nil, false
	}
	return &nodes[0], true
}
