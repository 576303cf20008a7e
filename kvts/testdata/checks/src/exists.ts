// kvexists: the found / not-found outcome of a read decides a write of the same key.

export async function claimName(env: Env, name: string, owner: string) {
	const taken = await env.KV.get(`name:${name}`);
	if (taken !== null) {
		return new Response("taken", { status: 409 });
	}
	await env.KV.put(`name:${name}`, owner); // want: kvexists
	return new Response("ok");
}

export async function idempotent(env: Env, eventId: string) {
	if (await env.KV.get(`evt:${eventId}`)) {
		return new Response("duplicate");
	}
	await handleEvent(eventId);
	await env.KV.put(`evt:${eventId}`, "1", { expirationTtl: 86400 }); // want: kvexists
	return new Response("ok");
}

export async function lock(env: Env, job: string) {
	const holder = await env.KV.get(`lock:${job}`);
	if (holder) {
		console.log(`lock held by ${holder}`);
		return false;
	}
	await env.KV.put(`lock:${job}`, "me", { expirationTtl: 60 }); // want: kvexists
	return true;
}

export async function consume(env: Env, token: string) {
	const { value } = await env.KV.getWithMetadata(`otp:${token}`);
	if (value === null) throw new Error("invalid token");
	await env.KV.delete(`otp:${token}`); // want: kvexists
	return true;
}

export async function status(env: Env, id: string) {
	const s = await env.KV.get(`job:${id}`);
	if (s === "done") return;
	await env.KV.put(`job:${id}`, "done"); // want: kvexists
}

// Silent: cache-aside, the value read is served on the found side.
export async function cacheAside(env: Env, id: string) {
	const cached = await env.KV.get(`page:${id}`);
	if (cached !== null) {
		return new Response(cached);
	}
	const fresh = await render(id);
	await env.KV.put(`page:${id}`, fresh, { expirationTtl: 300 });
	return new Response(fresh);
}

// Silent: cache-aside written with `let` and a fall-through.
export async function cacheAsideLet(env: Env, id: string) {
	let html = await env.KV.get(`html:${id}`);
	if (!html) {
		html = await render(id);
		await env.KV.put(`html:${id}`, html, { expirationTtl: 600 });
	}
	return new Response(html, { headers: { "content-type": "text/html" } });
}

// Silent: JSON cache returned through c.json.
export async function cacheJSON(c: { env: Env; json: (v: unknown) => Response }, id: string) {
	const hit = await c.env.KV.get(`user:${id}`, "json");
	if (hit) return c.json(hit);
	const user = await loadUser(id);
	await c.env.KV.put(`user:${id}`, JSON.stringify(user));
	return c.json(user);
}

// Silent: the function reads back its own write (kvwriteread reports that).
export async function probe(env: Env) {
	await env.KV.put("probe", "x");
	if ((await env.KV.get("probe")) === "x") { // want: kvwriteread
		await env.KV.delete("probe");
	}
}

// Silent: the write does not depend on the test (another key).
export async function otherKey(env: Env, id: string) {
	const seen = await env.KV.get(`seen:${id}`);
	if (!seen) {
		await env.KV.put(`audit:${id}`, "first");
	}
}

declare function handleEvent(id: string): Promise<void>;
declare function render(id: string): Promise<string>;
declare function loadUser(id: string): Promise<object>;

// A field of the value tested: a claim that answers 409 with the owner's name.
export async function claimEdition(env: Env, id: string, name: string) {
	const existing = (await env.KV.get(`edition:${id}`, { type: "json" })) as { owner?: string } | null;
	if (existing?.owner) return Response.json({ error: "claimed", owner: existing.owner }, { status: 409 });
	await env.KV.put(`edition:${id}`, JSON.stringify({ owner: name })); // want: kvexists
	return Response.json({ ok: true });
}

// The found side returns, and an else-if chain validates the rest before the write.
export async function addLink(env: Env, slug: string, url: string) {
	const existing = await env.KV.get(slug);
	if (existing) {
		return new Response("exists", { status: 409 });
	} else if (slug.length > 30) {
		return new Response("too long", { status: 400 });
	}
	await env.KV.put(slug, url); // want: kvexists
	return new Response("created", { status: 201 });
}

// A lease taken by checking, writing with a short TTL and reading back (a shape seen in a
// public OAuth token refresher): three findings, each its own mistake.
export async function lease(env: Env, uid: string): Promise<boolean> {
	const lockKey = `refresh:${uid}`;
	const holder = crypto.randomUUID();
	let acquired = false;
	try {
		const cur = await env.KV.get(lockKey);
		if (!cur) {
			await env.KV.put(lockKey, holder, { expirationTtl: 30 }); // want: kvexists, kvttl
			const verify = await env.KV.get(lockKey); // want: kvwriteread
			acquired = verify === holder;
		}
	} catch {
		/* lease infrastructure unavailable */
	}
	return acquired;
}

// Silent: a random key made up just now; the check only avoids a collision.
export async function shortLink(env: Env, url: string) {
	const slug = await randomSlug();
	const taken = await env.KV.get(`link:${slug}`);
	if (taken === null) {
		await env.KV.put(`link:${slug}`, url);
		return slug;
	}
	return shortLink(env, url);
}
declare function randomSlug(): Promise<string>;
