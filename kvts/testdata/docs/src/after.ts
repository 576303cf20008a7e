export async function visits(env: Env) {
	const stub = env.COUNTERS.get(env.COUNTERS.idFromName("visits"));
	return stub.fetch("https://counter/increment"); // the object increments its own storage
}

export async function saveSettings(env: Env, user: string, settings: string) {
	await env.KV.put(`settings:${user}`, settings);
	return new Response(settings);
}

export async function claim(env: Env, name: string, owner: string) {
	const ok = await env.DB.prepare("INSERT INTO names(name, owner) VALUES (?, ?) ON CONFLICT DO NOTHING")
		.bind(name, owner)
		.run();
	return new Response(ok.meta.changes === 1 ? "ok" : "taken", { status: ok.meta.changes === 1 ? 200 : 409 });
}

export async function ttl(env: Env, id: string, s: string, t: string) {
	await env.KV.put(`session:${id}`, s, { expirationTtl: 60 });
	const flags = await env.KV.get("flags", { cacheTtl: 30 });
	await env.KV.put(`token:${id}`, t, { expirationTtl: 300 });
	return [flags, t];
}

export async function progress(env: Env, lines: string[]) {
	for (const line of lines) {
		await processLine(line);
	}
	await env.KV.put("import:progress", String(lines.length));
}

declare function processLine(l: string): Promise<void>;
