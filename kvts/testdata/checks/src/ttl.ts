// kvttl: TTLs that KV rejects.
const SHORT = 30;
const HALF_MINUTE_MS = 30_000;
const LIMITS = { session: 45, cache: 3600 } as const;

export async function ttls(env: Env, id: string, v: string) {
	await env.KV.put(`a:${id}`, v, { expirationTtl: 30 }); // want: kvttl
	await env.KV.put(`b:${id}`, v, { expirationTtl: SHORT }); // want: kvttl
	await env.KV.put(`c:${id}`, v, { expirationTtl: HALF_MINUTE_MS / 1000 }); // want: kvttl
	await env.KV.put(`d:${id}`, v, { expirationTtl: LIMITS.session }); // want: kvttl
	await env.KV.put(`e:${id}`, v, { expiration: Math.floor(Date.now() / 1000) + 30 }); // want: kvttl
	await env.KV.put(`f:${id}`, v, { expiration: 3600 }); // want: kvttl
	await env.KV.put(`g:${id}`, v, { expiration: Math.floor((Date.now() - 5_000) / 1000) }); // want: kvttl
	const opts = { expirationTtl: 0.5 * 60 }; // want: kvttl
	await env.KV.put(`h:${id}`, v, opts); // reported where the value is written, above
	const flags = await env.KV.get("flags", { cacheTtl: 10 }); // want: kvttl
	return flags;
}

export async function confused(env: Env, id: string, t: string) {
	await env.KV.put(`token:${id}`, t, { expirationTtl: 300 });
	return env.KV.get(`token:${id}`, { cacheTtl: 3600, type: "text" }); // want: kvttl, kvwriteread
}

// Silent: at the minimum, from configuration, 0, and absolute times far enough ahead.
export async function fine(env: Env, id: string, v: string, ttl: number) {
	await env.KV.put(`a:${id}`, v, { expirationTtl: 60 });
	await env.KV.put(`b:${id}`, v, { expirationTtl: ttl });
	await env.KV.put(`c:${id}`, v, { expirationTtl: LIMITS.cache });
	await env.KV.put(`d:${id}`, v, { expiration: Math.floor(Date.now() / 1000) + 3600 });
	await env.KV.put(`e:${id}`, v, { expiration: 1_900_000_000 });
	await env.KV.put(`f:${id}`, v, { expirationTtl: 60 * 60 * 24 });
	return env.KV.get("flags", { cacheTtl: 30 });
}
