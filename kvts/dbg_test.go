package kvts

import (
	"context"
	"fmt"
	"os"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"
)

func TestDump(t *testing.T) {
	path := os.Getenv("KVTS_FILE")
	if path == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(path)
	f, err := parse(context.Background(), sitter.NewParser(), path, src)
	if err != nil {
		t.Fatal(err)
	}
	var dump func(n *node, depth int)
	dump = func(n *node, depth int) {
		if !n.named {
			return
		}
		txt := n.text()
		if len(txt) > 40 {
			txt = txt[:40]
		}
		fmt.Printf("%*s%s %s %q\n", depth*2, "", n.field, n.kind, txt)
		for _, k := range n.kids {
			dump(k, depth+1)
		}
	}
	dump(f.root, 0)
}
