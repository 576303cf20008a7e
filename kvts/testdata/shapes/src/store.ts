// Classes that hold a namespace: a field assigned in the constructor, and a parameter property.
export class CounterStore {
	private kv: KVNamespace;
	constructor(kv: KVNamespace) {
		this.kv = kv;
	}
	async increment(id: string) {
		const data = ((await this.kv.get(`c:${id}`, { type: "json" })) as { count: number }) || { count: 0 };
		data.count += 1;
		await this.kv.put(`c:${id}`, JSON.stringify(data)); // want: kvrmw
		return data.count;
	}
}

export class Tokens {
	constructor(private readonly ns: KVNamespace) {}
	async spend(id: string) {
		const left = Number(await this.ns.get(id));
		await this.ns.put(id, String(left - 1)); // want: kvrmw
	}
}

export async function tokenCount(env: Env, id: string) {
	const { value, metadata } = await env.TOKENS.getWithMetadata<{ n: number }>(id);
	await env.TOKENS.put(id, value + "x", { metadata }); // want: kvrmw
}
