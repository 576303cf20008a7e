export async function ignored(env: Env) {
	const n = Number(await env.KV.get("nightly"));
	//kvlint:ignore kvrmw -- only the nightly cron writes this key
	await env.KV.put("nightly", String(n + 1));
}

export async function directives(env: Env) {
	//kvlint:ignore kvrmw -- nothing to silence here // want: kvrmw
	await env.KV.put("x", "1");
	//kvlint:ignore kvttl // want: kvlint
	await env.KV.put("y", "1", { expirationTtl: 10 }); // want: kvttl
	//kvlint:ignore kvfoo -- typo // want: kvlint
	await env.KV.put("z", "1");
}
