import { Hono } from "hono";
import { WorkerEntrypoint, DurableObject } from "cloudflare:workers";
import { bumpUntyped } from "./helpers";

// Module worker: env.KV.
export default {
	async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
		const n = Number(await env.KV.get("hits")) + 1;
		await env.KV.put("hits", String(n)); // want: kvrmw
		await bumpUntyped(env.KV, "from-index");
		return new Response(String(n));
	},
};

// Hono: c.env.KV, and the binding destructured and renamed.
const app = new Hono<{ Bindings: Env }>();
app.post("/like/:id", async (c) => {
	const id = c.req.param("id");
	const likes = parseInt((await c.env.KV.get(`likes:${id}`)) || "0");
	await c.env.KV.put(`likes:${id}`, (likes + 1).toString()); // want: kvrmw
	return c.json({ likes: likes + 1 });
});
app.post("/renamed", async (c) => {
	const { KV: store } = c.env;
	const raw = await store.get("list", "json");
	const list = (raw as string[]) || [];
	list.push(c.req.query("item") ?? "");
	await store.put("list", JSON.stringify(list)); // want: kvrmw
	return c.text("ok");
});
app.post("/cast", async (c) => {
	const kv = (c.env as any).STAGING_KV as KVNamespace | undefined;
	if (!kv) return c.text("no kv");
	const v = await kv.get("n");
	await kv.put("n", `${+(v ?? 0) + 1}`); // want: kvrmw
	return c.text("ok");
});

// WorkerEntrypoint: this.env.KV.
export class Api extends WorkerEntrypoint<Env> {
	async bump(key: string) {
		const cur = await this.env.KV.get(key);
		await this.env.KV.put(key, String(Number(cur ?? "0") + 1)); // want: kvrmw
	}
}

// A Durable Object's own storage is not KV: it serialises requests, so this is right.
export class Counter extends DurableObject {
	async increment() {
		const v = ((await this.ctx.storage.get<number>("n")) ?? 0) + 1;
		await this.ctx.storage.put("n", v);
		return v;
	}
}

// R2, D1, the Cache API and Maps have get/put too, and are not KV.
export async function notKV(env: Env, req: Request) {
	const obj = await env.BUCKET.get("file");
	await env.BUCKET.put("file", (await obj!.text()) + "more");
	const cache = caches.default;
	const hit = await cache.match(req);
	if (!hit) await cache.put(req, new Response("x"));
	const m = new Map<string, number>();
	m.set("a", (m.get("a") ?? 0) + 1);
	const row = await env.DB.prepare("SELECT 1").first();
	return row;
}

// Destructured in the parameter list, and an alias.
export const handler = {
	async fetch(req: Request, { KV }: Env) {
		const kv = KV;
		const seen = await kv.get("seen");
		await kv.put("seen", seen + "," + req.url); // want: kvrmw
		return new Response("ok");
	},
};
