// kvwriteread: a put or delete followed, on the same path, by a read of the same key.

export async function saveSettings(env: Env, user: string, settings: string) {
	await env.KV.put(`settings:${user}`, settings);
	const v = await env.KV.get("settings:" + user); // want: kvwriteread
	return new Response(v);
}

export async function literalFix(env: Env) {
	await env.KV.put("banner", "hello");
	const b = await env.KV.get("banner"); // want: kvwriteread
	return b;
}

export async function afterDelete(env: Env, id: string) {
	await env.KV.delete(`session:${id}`);
	const gone = await env.KV.get(`session:${id}`); // want: kvwriteread
	return gone === null;
}

export async function bulk(env: Env) {
	await env.KV.put("a", "1");
	const both = await env.KV.get(["a", "b"]); // want: kvwriteread
	return both;
}

export async function onOneBranch(env: Env, create: boolean) {
	if (create) {
		await env.KV.put("flag", "1");
	}
	return env.KV.get("flag"); // want: kvwriteread
}

// Silent: the read is on the other side of the if.
export async function exclusive(env: Env, create: boolean) {
	if (create) {
		await env.KV.put("flag", "1");
	} else {
		return env.KV.get("flag");
	}
	return null;
}

// Silent: the read only runs when the write failed.
export async function failed(env: Env) {
	try {
		await env.KV.put("k", "v");
	} catch {
		return env.KV.get("k");
	}
	return "v";
}

// Silent: a return after the write leaves before the read.
export async function returned(env: Env, save: boolean) {
	if (save) {
		await env.KV.put("k", "v");
		return "v";
	}
	return env.KV.get("k");
}

// Silent: read before the write; another key; another handler.
export async function before(env: Env, id: string) {
	const old = await env.KV.get(`p:${id}`);
	await env.KV.put(`p:${id}`, "new");
	await env.KV.get(`p:${id}-history`);
	return old;
}
export async function otherHandler(env: Env) {
	return env.KV.get("banner");
}
