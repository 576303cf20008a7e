export async function visits(env: Env) {
	const n = Number((await env.KV.get("visits")) ?? 0) + 1;
	await env.KV.put("visits", String(n)); // want: kvrmw
}

export async function saveSettings(env: Env, user: string, settings: string) {
	await env.KV.put(`settings:${user}`, settings);
	const v = await env.KV.get(`settings:${user}`); // want: kvwriteread
	return new Response(v);
}

export async function claim(env: Env, name: string, owner: string) {
	if ((await env.KV.get(`name:${name}`)) !== null) {
		return new Response("taken", { status: 409 });
	}
	await env.KV.put(`name:${name}`, owner); // want: kvexists
	return new Response("ok");
}

export async function ttl(env: Env, id: string, s: string, t: string) {
	await env.KV.put(`session:${id}`, s, { expirationTtl: 30 }); // want: kvttl
	const flags = await env.KV.get("flags", { cacheTtl: 10 }); // want: kvttl
	await env.KV.put(`token:${id}`, t, { expirationTtl: 300 });
	const tok = await env.KV.get(`token:${id}`, { cacheTtl: 3600 }); // want: kvttl, kvwriteread
	return [flags, tok];
}

export async function progress(env: Env, lines: string[]) {
	for (const [i, line] of lines.entries()) {
		await processLine(line);
		await env.KV.put("import:progress", String(i)); // want: kvhotkey
	}
}

export async function lastItem(env: Env, items: string[]) {
	await Promise.all(items.map((it) => env.KV.put("last-item", it))); // want: kvhotkey
}

declare function processLine(l: string): Promise<void>;
