package kvts

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeProject writes a Worker project of about lines lines of TypeScript: route files
// in the shapes real Workers have (Hono handlers, a module worker, helpers, classes), each
// with KV reads and writes, caches, counters and code that does not touch KV.
func writeProject(tb testing.TB, dir string, lines int) {
	tb.Helper()
	os.WriteFile(filepath.Join(dir, "wrangler.toml"), []byte("name = \"bench\"\n[[kv_namespaces]]\nbinding = \"KV\"\nid = \"x\"\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "src", "routes"), 0o755)
	unit := func(i int) string {
		return fmt.Sprintf(`
app.get("/items/%[1]d/:id", async (c) => {
	const id = c.req.param("id");
	const cached = await c.env.KV.get(`+"`item:%[1]d:${id}`"+`, "json");
	if (cached) return c.json(cached);
	const fresh = await loadItem%[1]d(id);
	await c.env.KV.put(`+"`item:%[1]d:${id}`"+`, JSON.stringify(fresh), { expirationTtl: 300 });
	return c.json(fresh);
});

app.post("/count/%[1]d", async (c) => {
	const n = Number((await c.env.KV.get("count:%[1]d")) ?? 0);
	await c.env.KV.put("count:%[1]d", String(n + 1));
	return c.text(String(n + 1));
});

export async function loadItem%[1]d(id: string): Promise<{ id: string; total: number }> {
	let total = 0;
	for (let i = 0; i < 10; i++) {
		total += i * %[1]d;
		if (total > 1000) {
			total = total %% 1000;
		}
	}
	const parts = id.split(":").map((p) => p.trim()).filter(Boolean);
	return { id: parts.join("-"), total };
}

export class Store%[1]d {
	constructor(private kv: KVNamespace) {}
	async save(id: string, v: string) {
		await this.kv.put(`+"`s:${id}`"+`, v);
		return v;
	}
}
`, i)
	}
	header := "import { Hono } from \"hono\";\nconst app = new Hono<{ Bindings: Env }>();\n"
	per := strings.Count(unit(0), "\n")
	units := lines / per
	perFile := 10
	for f := 0; f*perFile < units; f++ {
		var b strings.Builder
		b.WriteString(header)
		for i := f * perFile; i < min(units, (f+1)*perFile); i++ {
			b.WriteString(unit(i))
		}
		b.WriteString("export default app;\n")
		if err := os.WriteFile(filepath.Join(dir, "src", "routes", fmt.Sprintf("r%03d.ts", f)), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkLint50k lints a 50,000-line Worker project (the figure in the README).
func BenchmarkLint50k(b *testing.B) {
	dir := b.TempDir()
	writeProject(b, dir, 50_000)
	b.ResetTimer()
	for b.Loop() {
		res, err := Lint(context.Background(), dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Findings) == 0 {
			b.Fatal("no findings: the generated counters must be reported")
		}
	}
}

// TestGeneratedProject checks that the benchmark's project is what it claims: 50,000
// lines, each counter reported once and nothing else.
func TestGeneratedProject(t *testing.T) {
	dir := t.TempDir()
	writeProject(t, dir, 50_000)
	total := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if strings.HasSuffix(p, ".ts") {
			src, _ := os.ReadFile(p)
			total += strings.Count(string(src), "\n")
		}
		return nil
	})
	if total < 49_000 || total > 51_000 {
		t.Fatalf("generated %d lines, want about 50,000", total)
	}
	res, err := Lint(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	counters := 0
	for _, f := range res.Findings {
		if f.Analyzer != "kvrmw" {
			t.Errorf("unexpected %s finding at %s:%d: %s", f.Analyzer, f.File, f.Line, f.Message)
		}
		counters++
	}
	if want := strings.Count(fmt.Sprint(res.Files), ""); counters == 0 || want == 0 {
		t.Fatalf("got %d counters reported", counters)
	}
}
