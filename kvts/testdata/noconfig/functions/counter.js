// A Pages project whose bindings live in the dashboard: no wrangler configuration, no types.
// A binding named for KV counts; so does one called with an option only KV has.
export async function onRequest(context) {
	const { MY_KV } = context.env;
	let n = await MY_KV.get("n");
	n = parseInt(n) || 0;
	await MY_KV.put("n", n + 1); // want: kvrmw
	return new Response(String(n));
}

export async function onRequestPost({ env, request }) {
	const state = (await env.STORE.get("state", "json")) || { hits: 0 };
	state.hits++;
	await env.STORE.put("state", JSON.stringify(state)); // want: kvrmw
	return new Response("ok");
}

// Silent: nothing says BUCKET is KV (an R2 bucket has get and put too).
export async function onRequestPut({ env }) {
	const obj = await env.BUCKET.get("file");
	await env.BUCKET.put("file", (await obj.text()) + "!");
	return new Response("ok");
}
