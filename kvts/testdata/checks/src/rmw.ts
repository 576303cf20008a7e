// kvrmw: a value read from a key flows into a write of the same key.

export async function counter(env: Env) {
	const n = Number((await env.KV.get("visits")) ?? 0) + 1;
	await env.KV.put("visits", String(n)); // want: kvrmw
}

export async function appended(env: Env, user: string, item: string) {
	const key = `cart:${user}`;
	const cart: string[] = JSON.parse((await env.KV.get(key)) ?? "[]");
	cart.push(item);
	await env.KV.put(key, JSON.stringify(cart)); // want: kvrmw
}

export async function spread(env: Env, user: string, item: string) {
	const cart = ((await env.KV.get(`cart:${user}`, "json")) as string[]) ?? [];
	await env.KV.put("cart:" + user, JSON.stringify([...cart, item])); // want: kvrmw
}

export async function inline(env: Env) {
	await env.KV.put("n", String(Number(await env.KV.get("n")) + 1)); // want: kvrmw
}

export async function rateLimit(env: Env, ip: string) {
	const key = `rl:${ip}`;
	const count = parseInt((await env.KV.get(key)) || "0", 10);
	if (count >= 100) {
		return new Response("slow down", { status: 429 });
	}
	await env.KV.put(key, String(count + 1), { expirationTtl: 60 }); // want: kvrmw
	return null;
}

export async function fieldChanged(env: Env, id: string) {
	const s = await env.KV.get<{ visits: number }>(`stats:${id}`, { type: "json" });
	if (!s) return;
	s.visits++;
	await env.KV.put(`stats:${id}`, JSON.stringify(s)); // want: kvrmw
}

// Silent: the value written does not come from the read.
export async function notDerived(env: Env, id: string, body: string) {
	const old = await env.KV.get(`doc:${id}`);
	console.log("replacing", old?.length);
	await env.KV.put(`doc:${id}`, body);
}

// Not kvrmw: only compared, not a flow (kvexists' ground).
export async function compared(env: Env) {
	const v = await env.KV.get("mode");
	if (v === "on") {
		await env.KV.put("mode", "off"); // want: kvexists
	}
}

// Silent: another key, another namespace.
export async function otherKey(env: Env) {
	const n = Number(await env.KV.get("a"));
	await env.KV.put("b", String(n + 1));
	await env.OTHER.put("a", String(n + 1));
}

// Silent: written back unchanged (a refresh of the TTL).
export async function refresh(env: Env, id: string) {
	const v = await env.KV.get(`s:${id}`);
	if (v !== null) await env.KV.put(`s:${id}`, v, { expirationTtl: 3600 });
}

// Silent: replaced whole before the write.
export async function replaced(env: Env) {
	let cfg = JSON.parse((await env.KV.get("cfg")) ?? "{}");
	console.log(cfg.name);
	cfg = { name: "fresh" };
	await env.KV.put("cfg", JSON.stringify(cfg));
}

// Silent: the key variable changes between the read and the write.
export async function keyMoves(env: Env, ids: string[]) {
	let k = "item:" + ids[0];
	const n = Number(await env.KV.get(k));
	k = "item:" + ids[1];
	await env.KV.put(k, String(n + 1));
}

// Silent: a fresh random key each time.
export async function fresh(env: Env) {
	const n = Number(await env.KV.get(`x:${crypto.randomUUID()}`));
	await env.KV.put(`x:${crypto.randomUUID()}`, String(n + 1));
}
