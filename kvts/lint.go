// Package kvts holds kvlint's checks for Workers written in TypeScript and JavaScript: the
// same five analyzers as the Go passes (kvrmw, kvwriteread, kvexists, kvttl, kvhotkey),
// with the same names, messages and ignore comments, on the Workers KV binding API
// (env.NS.get/put/delete/list/getWithMetadata).
//
// Sources are parsed offline with tree-sitter (TypeScript, TSX, JavaScript); a name is a
// KV namespace when the Wrangler configuration lists it under kv_namespaces or an Env type
// declares it KVNamespace. The package lives in the root module, not in the analyzers
// module that golangci-lint builds, because tree-sitter needs cgo.
package kvts

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"
)

// Finding is one report, in the shape every output of kvlint renders.
type Finding struct {
	File     string // relative to the directory the caller names (Options.Base), slash-separated
	Line     int    // 1-based
	Col      int    // 1-based, in bytes
	Offset   int    // from 0, in bytes
	Analyzer string // kvrmw, kvwriteread, kvexists, kvttl, kvhotkey, or kvlint for directives
	Message  string
	Related  []Related
	Fixes    []Fix
}

// Related is a position that explains a finding (the read a write depends on).
type Related struct {
	File      string
	Line, Col int
	Offset    int
	Message   string
}

// Fix is a suggested edit of one file.
type Fix struct {
	Message string
	Edits   []Edit
}

// Edit replaces the bytes [Start, End) of File (as named in the Finding) with New.
type Edit struct {
	File       string
	Start, End int
	Line, Col  int // of Start
	EndLine    int
	EndCol     int
	New        string
}

// Options tunes a run.
type Options struct {
	// Base is the directory file names are made relative to ("" for the project's own
	// directory).
	Base string
	// Abs is the absolute directory Edits' files are relative to (set by Lint).
}

// Result is what Lint found.
type Result struct {
	Findings []Finding
	Files    int      // sources analysed
	Bindings []string // KV binding names found, sorted
	Skipped  []string // files not analysed, with why
}

// maxFileBytes skips bundles and generated files: hand-written Worker sources are smaller.
const maxFileBytes = 2 << 20

// skipDirs are never entered: dependencies, build output and tool caches.
var skipDirs = map[string]bool{
	"node_modules": true, "dist": true, "build": true, ".wrangler": true, ".git": true, ".next": true,
	".svelte-kit": true, ".output": true, ".nuxt": true, ".vercel": true, "coverage": true, "out": true,
	".turbo": true, ".cache": true, "vendor": true, "__tests__": true, "__mocks__": true,
}

var sourceExts = map[string]bool{".ts": true, ".tsx": true, ".mts": true, ".cts": true, ".js": true, ".jsx": true, ".mjs": true, ".cjs": true}

// IsProject reports whether dir is a Worker project as contracts.md §4 defines it: it
// holds wrangler.toml, wrangler.json, wrangler.jsonc or package.json, and no go.mod.
func IsProject(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return false
	}
	for _, n := range append(slices.Clone(configNames), "package.json") {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			return true
		}
	}
	return false
}

// FindProjects returns the directories under root (root included) that hold a Wrangler
// configuration, outside dependencies and build output: the Worker projects of a mixed
// repository.
func FindProjects(root string) ([]string, error) {
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			for _, n := range configNames {
				if _, err := os.Stat(filepath.Join(path, n)); err == nil {
					dirs = append(dirs, path)
					return filepath.SkipDir // its sources are linted as one project
				}
			}
		}
		return nil
	})
	return dirs, err
}

// project is what the checks share about one Worker project.
type project struct {
	files       []*file
	kvNames     map[string]bool
	kvTypes     map[string]bool // KVNamespace and the project's types that are one
	hasConfig   bool            // a wrangler configuration was read
	kvParams    map[*node]bool
	sc          *scopes
	fieldCache  map[string]string
	assignCache map[*decl]bool
	pureCache   map[*node]bool
	subst       map[*decl]*node    // a wrapper's parameters → the caller's arguments, while keying a call
	topFuncs    map[string][]*node // top-level functions by name, for imports
	ops         []*op
	opsByFn     map[*node][]*op
	findings    []Finding
	base        string
}

// Lint analyses the Worker project in dir: its wrangler configurations (dir and below),
// and its TypeScript and JavaScript sources outside node_modules, build output and
// tests. A configuration that cannot be read is a *ConfigError.
func Lint(ctx context.Context, dir string, opt Options) (*Result, error) {
	base := opt.Base
	if base == "" {
		base = dir
	}
	if a, err := filepath.Abs(base); err == nil {
		base = a
	}
	p := &project{kvNames: map[string]bool{}, kvTypes: map[string]bool{"KVNamespace": true}, kvParams: map[*node]bool{}, sc: newScopes(),
		fieldCache: map[string]string{}, assignCache: map[*decl]bool{}, pureCache: map[*node]bool{},
		opsByFn: map[*node][]*op{}, base: base}
	res := &Result{}
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != dir && (skipDirs[name] || strings.HasPrefix(name, ".") || name == "test" || name == "tests") {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // symlinks may lead outside the project
		}
		if slices.Contains(configNames, name) {
			names, err := kvBindings(path)
			if err != nil {
				return err
			}
			p.hasConfig = true
			for _, n := range names {
				p.kvNames[n] = true
			}
			return nil
		}
		if !sourceExts[strings.ToLower(filepath.Ext(name))] || isTestFile(name) || strings.HasSuffix(name, ".min.js") {
			return nil
		}
		paths = append(paths, path)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(paths)

	// Parse in parallel, one tree-sitter parser per worker.
	files := make([]*file, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	workers := max(1, runtime.GOMAXPROCS(0))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parser := sitter.NewParser()
			defer parser.Close()
			for i := range next {
				info, err := os.Stat(paths[i])
				if err != nil {
					errs[i] = err
					continue
				}
				if info.Size() > maxFileBytes {
					errs[i] = fmt.Errorf("%s: larger than %d bytes, not analysed", p.rel(paths[i]), maxFileBytes)
					continue
				}
				src, err := os.ReadFile(paths[i])
				if err != nil {
					errs[i] = err
					continue
				}
				f, err := parse(ctx, parser, p.rel(paths[i]), src)
				files[i], errs[i] = f, err
			}
		}()
	}
	for i := range paths {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, f := range files {
		if f == nil {
			if errs[i] != nil {
				res.Skipped = append(res.Skipped, errs[i].Error())
			}
			continue
		}
		p.files = append(p.files, f)
	}

	p.envTypes()
	p.usageBindings()
	p.inferParams()
	for _, f := range p.files {
		if strings.HasSuffix(f.path, ".d.ts") {
			continue
		}
		res.Files++
		for _, o := range p.findOps(f) {
			p.ops = append(p.ops, o)
			p.opsByFn[o.fn] = append(p.opsByFn[o.fn], o)
		}
	}
	p.wrapperOps()
	p.check()
	for _, f := range p.files {
		p.applyIgnores(f)
	}
	slices.SortFunc(p.findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Analyzer, b.Analyzer), cmp.Compare(a.Message, b.Message))
	})
	res.Findings = p.findings
	for n := range p.kvNames {
		res.Bindings = append(res.Bindings, n)
	}
	slices.Sort(res.Bindings)
	return res, nil
}

func isTestFile(name string) bool {
	for _, s := range []string{".test.", ".spec.", ".e2e."} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// rel names a file relative to the base (absolute since Lint began), read-only: the
// parsing goroutines call it.
func (p *project) rel(path string) string {
	if !filepath.IsAbs(path) {
		if a, err := filepath.Abs(path); err == nil {
			path = a
		}
	}
	if r, err := filepath.Rel(p.base, path); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(path)
}

// envTypes adds the names an Env-like type declares KVNamespace: `KV: KVNamespace` in an
// interface or type literal (worker-configuration.d.ts included). First, the project's own
// names for the type: `interface KV extends KVNamespace {}`, `type Store = KVNamespace`.
func (p *project) envTypes() {
	for round := 0; round < 2; round++ {
		for _, f := range p.files {
			f.root.walk(func(n *node) bool {
				switch n.kind {
				case "interface_declaration":
					name := n.child("name")
					for _, k := range n.kids {
						if k.kind == "extends_type_clause" && name != nil && p.isKVType(k) {
							p.kvTypes[name.text()] = true
						}
					}
				case "type_alias_declaration":
					if name, v := n.child("name"), n.child("value"); name != nil && v != nil && p.isKVType(v) && !strings.Contains(v.text(), "{") {
						p.kvTypes[name.text()] = true
					}
				}
				return true
			})
		}
	}
	for _, f := range p.files {
		f.root.walk(func(n *node) bool {
			if n.kind == "property_signature" {
				if t := n.child("type"); t != nil && p.isKVType(t) {
					if name := n.child("name"); name != nil {
						p.kvNames[strings.Trim(name.text(), "\"'")] = true
					}
				}
				return false
			}
			return true
		})
	}
}

// kvOnlyOptions are option names only KV's methods take: R2's get and put take onlyIf,
// range, httpMetadata and customMetadata instead, and a Durable Object's storage takes
// allowConcurrency.
var kvOnlyOptions = map[string]bool{"expirationTtl": true, "expiration": true, "metadata": true, "cacheTtl": true}

// usageBindings adds the env bindings the code itself shows to be KV, for projects whose
// configuration does not list them (bindings set in the dashboard): a binding called with
// a method or an option only KV has — getWithMetadata, get(k, "json"), get(k, {type}),
// put(k, v, {expirationTtl}) — anywhere in the project. A project without any Wrangler
// configuration also counts a binding whose name says KV (MY_KV, KV_STORE, MYKVSTORE).
func (p *project) usageBindings() {
	globals := map[string]map[string]bool{} // undeclared NAME → methods called on it
	for _, f := range p.files {
		f.root.walk(func(n *node) bool {
			if n.kind != "call_expression" {
				return true
			}
			callee := unparen(n.child("function"))
			if callee != nil && callee.kind == "await_expression" && len(callee.namedKids()) == 1 {
				callee = unparen(callee.namedKids()[0])
			}
			if callee == nil || callee.kind != "member_expression" || callee.child("property") == nil {
				return true
			}
			if obj := unparen(callee.child("object")); obj.kind == "identifier" && p.sc.resolve(obj) == nil && globalBindingRE.MatchString(obj.text()) {
				if globals[obj.text()] == nil {
					globals[obj.text()] = map[string]bool{}
				}
				globals[obj.text()][callee.child("property").text()] = true
			}
			name := p.envBindingName(callee.child("object"))
			if name == "" || p.kvNames[name] {
				return true
			}
			method := callee.child("property").text()
			var argv []*node
			if a := n.child("arguments"); a != nil {
				argv = a.namedKids()
			}
			kvOnly := method == "getWithMetadata"
			if method == "get" && len(argv) == 2 {
				if a := unparen(argv[1]); a.kind == "string" {
					switch stringValue(a) {
					case "json", "text", "arrayBuffer", "stream":
						kvOnly = true
					}
				} else if a.kind == "object" && (p.objectProp(a, "type") != nil || p.objectProp(a, "cacheTtl") != nil) {
					kvOnly = true
				}
			}
			if method == "put" && len(argv) == 3 {
				if a := unparen(argv[2]); a.kind == "object" {
					for o := range kvOnlyOptions {
						if p.objectProp(a, o) != nil {
							kvOnly = true
						}
					}
				}
			}
			if !p.hasConfig && (method == "get" || method == "put" || method == "delete" || method == "list") && strings.Contains(name, "KV") {
				kvOnly = true
			}
			if kvOnly {
				p.kvNames[name] = true
			}
			return true
		})
	}
	// Service-worker syntax without a configuration: a global binding written and read
	// (put and get, delete or list) is a KV namespace; a Durable Object namespace has no
	// put, and R2 arrived after module Workers.
	if !p.hasConfig {
		for name, m := range globals {
			if m["put"] && (m["get"] || m["delete"] || m["list"] || m["getWithMetadata"]) {
				p.kvNames[name] = true
			}
		}
	}
}

// globalBindingRE is the spelling of binding names: upper case, digits, underscores.
var globalBindingRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// envBindingName returns NAME for env.NAME (any env-like object) or for a name
// destructured from one (`const { NAME } = context.env`), or "".
func (p *project) envBindingName(e *node) string {
	e = unparen(e)
	switch e.kind {
	case "member_expression":
		if prop := e.child("property"); prop != nil && prop.kind == "property_identifier" && p.envLike(unparen(e.child("object")), 0) {
			return prop.text()
		}
	case "identifier":
		if d := p.sc.resolve(e); d != nil && d.prop != "" && d.kind != "import" && d.from != nil && p.envLike(unparen(d.from), 0) {
			return d.prop
		}
	}
	return ""
}

// report adds a finding at n.
func (p *project) report(n *node, analyzer, msg string, related []Related, fix *Fix) {
	f := Finding{File: n.file.path, Line: n.line, Col: n.col, Offset: n.start, Analyzer: analyzer, Message: msg, Related: related}
	if fix != nil {
		f.Fixes = []Fix{*fix}
	}
	p.findings = append(p.findings, f)
}

func relatedAt(n *node, msg string) []Related {
	return []Related{{File: n.file.path, Line: n.line, Col: n.col, Offset: n.start, Message: msg}}
}

// edit replaces n's text.
func edit(n *node, text string) Edit {
	endLine, endCol := n.line, n.col
	for _, c := range n.file.src[n.start:n.end] {
		if c == '\n' {
			endLine, endCol = endLine+1, 1
		} else {
			endCol++
		}
	}
	return Edit{File: n.file.path, Start: n.start, End: n.end, Line: n.line, Col: n.col, EndLine: endLine, EndCol: endCol, New: text}
}

// SplitPatterns sorts command-line patterns into Go package patterns and Worker project
// directories, so that a mixed repository needs no flag: a directory that is a Worker
// project (IsProject) is linted as one; any other pattern goes to the Go loader, and a
// recursive one (DIR/...) also brings the Worker projects under DIR (those holding a
// Wrangler configuration).
func SplitPatterns(pats []string) (goPats, workerDirs []string, err error) {
	seen := map[string]bool{}
	addWorker := func(d string) {
		d = filepath.Clean(d)
		if !seen[d] {
			seen[d] = true
			workerDirs = append(workerDirs, d)
		}
	}
	for _, p := range pats {
		dir, recursive := strings.CutSuffix(p, "/...")
		if dir == "" {
			dir = "."
		}
		if info, statErr := os.Stat(dir); statErr != nil || !info.IsDir() {
			goPats = append(goPats, p) // an import path, or a file: the Go loader's business
			continue
		}
		if IsProject(dir) {
			addWorker(dir)
			continue
		}
		goPats = append(goPats, p)
		if recursive {
			dirs, err := FindProjects(dir)
			if err != nil {
				return nil, nil, err
			}
			for _, d := range dirs {
				if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
					continue
				}
				addWorker(d)
			}
		}
	}
	return goPats, workerDirs, nil
}
