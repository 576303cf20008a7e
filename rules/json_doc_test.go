package rules

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// Every field of the JSON output is documented in docs/json.md, which users of
// --format json read: a field added to the Go types without a line there fails here.
func TestJSONFieldsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type, string)
	walk = func(typ reflect.Type, path string) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] || typ.PkgPath() != reflect.TypeFor[Recommendation]().PkgPath() {
			return // the answers are documented as the answers file's fields
		}
		seen[typ] = true
		for _, f := range reflect.VisibleFields(typ) {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			if !strings.Contains(string(doc), "| `"+name+"` |") && !strings.Contains(string(doc), "`{"+name) && !strings.Contains(string(doc), ", "+name+"}`") {
				t.Errorf("docs/json.md does not document %s.%s", path, name)
			}
			walk(f.Type, path+"."+name)
		}
	}
	walk(reflect.TypeFor[Recommendation](), "recommendation")
	if len(seen) < 8 {
		t.Errorf("walked %d types; the recommendation has more", len(seen))
	}
}
