// Wrappers: functions of the project whose parameters build the key of a KV operation.
// A call of one is that operation in its caller.

async function saveGrant(env: Env, key: string, grant: { used: boolean }) {
	await env.KV.put(key, JSON.stringify(grant), { expirationTtl: 600 });
}

async function loadCount(kv: KVNamespace, key: string): Promise<number> {
	return Number((await kv.get(key)) ?? 0);
}

async function saveUser(env: Env, id: string, user: object) {
	await env.KV.put(`user:${id}`, JSON.stringify(user));
}

export async function exchange(env: Env, code: string) {
	const grantKey = `grant:${code}`;
	const grant = (await env.KV.get(grantKey, { type: "json" })) as { used: boolean } | null;
	if (!grant) throw new Error("unknown code");
	grant.used = true;
	await saveGrant(env, grantKey, grant); // want: kvrmw
}

export async function bump(env: Env, page: string) {
	const n = await loadCount(env.KV, `views:${page}`);
	await env.KV.put(`views:${page}`, String(n + 1)); // want: kvrmw
}

export async function rename(env: Env, id: string, name: string) {
	const u = JSON.parse((await env.KV.get("user:" + id)) ?? "{}");
	u.name = name;
	await saveUser(env, id, u); // want: kvrmw
}

export class Sessions {
	constructor(private kv: KVNamespace) {}
	private async save(id: string, s: object) {
		await this.kv.put(`s:${id}`, JSON.stringify(s));
	}
	async touch(id: string) {
		const s = JSON.parse((await this.kv.get(`s:${id}`)) ?? "{}");
		s.seen = Date.now();
		await this.save(id, s); // want: kvrmw
	}
}

// Silent: another key, and a value that does not come from the read.
export async function copy(env: Env, from: string, to: string) {
	const g = (await env.KV.get(`grant:${from}`, "json")) as { used: boolean };
	await saveGrant(env, `grant:${to}`, g);
	await saveUser(env, to, { fresh: true });
}
