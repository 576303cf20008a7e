// Pages Functions: context.env, destructured.
export async function onRequestPost(context) {
	const { PAGES_KV } = context.env;
	let counter = await PAGES_KV.get("counter");
	counter = parseInt(counter) || 0;
	counter += 1;
	await PAGES_KV.put("counter", counter.toString()); // want: kvrmw
	return new Response("ok");
}

export async function onRequestGet(context) {
	const n = await context.env.PAGES_KV.get("views");
	await context.env.PAGES_KV.put("views", +n + 1); // want: kvrmw
	return new Response(n);
}
