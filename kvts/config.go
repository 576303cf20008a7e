package kvts

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
)

// ConfigError is a Wrangler configuration that cannot be read: bad input, exit status 2.
type ConfigError struct {
	File string
	Line int
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// configNames are the files wrangler reads, in its order of preference.
var configNames = []string{"wrangler.toml", "wrangler.json", "wrangler.jsonc"}

// kvBindings returns the binding names a Wrangler configuration lists under
// kv_namespaces, at the top level and in every environment ([env.NAME]).
func kvBindings(path string) ([]string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if strings.HasSuffix(path, ".toml") {
		if _, err := toml.Decode(string(src), &doc); err != nil {
			var perr toml.ParseError
			if errors.As(err, &perr) {
				return nil, &ConfigError{File: path, Line: perr.Position.Line, Msg: perr.Message}
			}
			return nil, &ConfigError{File: path, Msg: err.Error()}
		}
	} else {
		clean := stripJSONC(src)
		if err := json.Unmarshal(clean, &doc); err != nil {
			line := 0
			var serr *json.SyntaxError
			if errors.As(err, &serr) {
				line = 1 + strings.Count(string(clean[:min(int(serr.Offset), len(clean))]), "\n")
			}
			return nil, &ConfigError{File: path, Line: line, Msg: err.Error()}
		}
	}
	var names []string
	collect := func(section map[string]any, where string) error {
		raw, ok := section["kv_namespaces"]
		if !ok {
			return nil
		}
		list, ok := raw.([]any)
		if !ok {
			// toml decodes [[kv_namespaces]] as []map[string]any.
			if ms, ok2 := raw.([]map[string]any); ok2 {
				for _, m := range ms {
					list = append(list, m)
				}
			} else {
				return &ConfigError{File: path, Msg: fmt.Sprintf("field %skv_namespaces: want a list of {binding, id}", where)}
			}
		}
		for i, item := range list {
			m, ok := item.(map[string]any)
			if !ok {
				return &ConfigError{File: path, Msg: fmt.Sprintf("field %skv_namespaces[%d]: want a table {binding, id}", where, i)}
			}
			b, ok := m["binding"].(string)
			if !ok || b == "" {
				return &ConfigError{File: path, Msg: fmt.Sprintf("field %skv_namespaces[%d].binding: missing or not a string", where, i)}
			}
			names = append(names, b)
		}
		return nil
	}
	if err := collect(doc, ""); err != nil {
		return nil, err
	}
	if envs, ok := doc["env"].(map[string]any); ok {
		for name, e := range envs {
			if m, ok := e.(map[string]any); ok {
				if err := collect(m, "env."+name+"."); err != nil {
					return nil, err
				}
			}
		}
	}
	return names, nil
}

// stripJSONC turns JSON with comments and trailing commas (wrangler.jsonc, and the
// wrangler.json that wrangler also reads that way) into JSON, keeping every newline so
// that error lines still match the file. Two linear passes: comments become blanks, then
// a comma followed only by blanks before } or ] becomes a blank.
func stripJSONC(src []byte) []byte {
	out := make([]byte, 0, len(src))
	inStr := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if inStr {
			out = append(out, c)
			if c == '\\' && i+1 < len(src) {
				i++
				out = append(out, src[i])
			} else if c == '"' {
				inStr = false
			}
			continue
		}
		switch {
		case c == '"':
			inStr = true
			out = append(out, c)
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			if i < len(src) {
				out = append(out, '\n')
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			i += 2
			for i < len(src) && !(src[i] == '*' && i+1 < len(src) && src[i+1] == '/') {
				if src[i] == '\n' {
					out = append(out, '\n')
				}
				i++
			}
			i++ // the closing slash
		default:
			out = append(out, c)
		}
	}
	// Trailing commas, right to left so that each comma looks at what follows it once.
	inStr = false
	strStart := make([]bool, len(out)) // positions inside strings, found left to right
	for i := 0; i < len(out); i++ {
		if inStr {
			strStart[i] = true
			if out[i] == '\\' && i+1 < len(out) {
				i++
				strStart[i] = true
			} else if out[i] == '"' {
				inStr = false
			}
			continue
		}
		if out[i] == '"' {
			inStr = true
			strStart[i] = true
		}
	}
	next := byte(0) // the next significant character outside strings
	for i := len(out) - 1; i >= 0; i-- {
		c := out[i]
		if strStart[i] {
			next = '"'
			continue
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case ',':
			if next == '}' || next == ']' {
				out[i] = ' '
				continue
			}
		}
		next = c
	}
	return out
}
