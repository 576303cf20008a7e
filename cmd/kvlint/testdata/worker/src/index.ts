import { Hono } from "hono";

const app = new Hono<{ Bindings: Env }>();

app.post("/visit", async (c) => {
	const n = Number((await c.env.KV.get("visits")) ?? 0) + 1;
	await c.env.KV.put("visits", String(n));
	return c.text(String(n));
});

app.post("/settings/:user", async (c) => {
	const user = c.req.param("user");
	await c.env.KV.put(`settings:${user}`, "dark");
	const saved = await c.env.KV.get(`settings:${user}`);
	return c.text(saved ?? "");
});

app.post("/claim/:name", async (c) => {
	const name = c.req.param("name");
	if ((await c.env.KV.get(`name:${name}`)) !== null) {
		return c.text("taken", 409);
	}
	await c.env.KV.put(`name:${name}`, "me", { expirationTtl: 30 });
	return c.text("ok");
});

app.post("/import", async (c) => {
	const lines = (await c.req.text()).split("\n");
	for (const [i, line] of lines.entries()) {
		await handle(line);
		await c.env.KV.put("import:progress", String(i));
	}
	return c.text("done");
});

app.get("/page/:id", async (c) => {
	const id = c.req.param("id");
	await c.env.KV.put(`page:${id}`, "x");
	//kvlint:ignore kvwriteread -- the page is re-read on purpose, to measure the edge cache
	const page = await c.env.KV.get(`page:${id}`);
	return c.text(page ?? "");
});

declare function handle(line: string): Promise<void>;

export default app;
