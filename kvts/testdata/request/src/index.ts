import { Hono } from "hono";

// kvhotkey: a fixed key written on every request the Worker gets.
export default {
	async fetch(request: Request, env: Env): Promise<Response> {
		await env.KV.put("last-request", new Date().toISOString()); // want: kvhotkey
		await env.KV.put(`last:${request.headers.get("cf-connecting-ip")}`, "1"); // a key per client: silent
		const n = Number(await env.KV.get("hits")) + 1;
		await env.KV.put("hits", String(n)); // want: kvrmw
		if (request.method === "POST") {
			await env.KV.put("last-post", "1"); // under a condition: how often is unknown
		}
		return new Response("ok");
	},
	// A cron runs once a minute at most: silent.
	async scheduled(_c: ScheduledController, env: Env) {
		await env.KV.put("last-cron", new Date().toISOString());
	},
} satisfies ExportedHandler<Env>;

const app = new Hono<{ Bindings: Env }>();
app.use(async (c, next) => {
	await c.env.KV.put("seen", "1"); // want: kvhotkey
	await next();
});
// A route: how often it is called is unknown, silent.
app.post("/admin/config", async (c) => {
	await c.env.KV.put("config", await c.req.text());
	return c.text("ok");
});
